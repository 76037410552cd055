using System.Collections.Generic;
using System.Collections.Immutable;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1003: a string literal contains a token of a documented format (GitHub, AWS, Stripe, Slack, JWT,
/// private keys, …), whatever it is assigned to. Runs in test projects too: a real token in a test is a leak.</summary>
public sealed class KnownSecretFormatAnalyzer : BastionAnalyzer
{
    /// <summary>Names the format of the token (never its value); read by the code fix and the docs.</summary>
    public const string FormatIdProperty = "FormatId";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(ExcludedFormatsOption);

    internal const string ExcludedFormatsOption = "excluded_formats";

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.KnownSecretFormat,
        title: "Known secret format in code",
        messageFormat: "{0} found in a string ({1}); revoke it and load it from configuration or a secret store",
        RuleLevel.BuildWarning,
        description: "A string has the exact format of a vendor's credential (prefix, length, alphabet and checksum where " +
            "the vendor defines one). Whoever reads the code or the assembly can use it; treat it as leaked.",
        cwes: new[] { 798 });

    /// <summary>Set when the value has the format but not the checksum of its vendor.</summary>
    public const string UnverifiedProperty = "Unverified";

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(
            Analyze,
            SyntaxKind.StringLiteralExpression,
            SyntaxKind.Utf8StringLiteralExpression,
            SyntaxKind.InterpolatedStringText);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var token = context.Node switch
        {
            LiteralExpressionSyntax literal => literal.Token,
            InterpolatedStringTextSyntax text => text.TextToken,
            _ => default,
        };
        var value = token.ValueText;
        var scanner = TokenScanner.Default;
        if (value.Length < scanner.MinLength)
        {
            return;
        }

        List<TokenMatch>? matches = null;
        scanner.FindAll(value, ref matches, includeUnverified: true);
        if (matches is null)
        {
            return;
        }

        var excluded = new RuleOptions(context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Node.SyntaxTree), Rule.Id).GetList(ExcludedFormatsOption);
        var offset = ValueOffset(token);
        foreach (var match in matches)
        {
            if (excluded.Contains(match.Format.Id))
            {
                continue;
            }

            var isWholeLiteral = match.Start == 0 && match.Length == value.Length && context.Node is LiteralExpressionSyntax;
            var location = offset >= 0 && !isWholeLiteral
                ? Location.Create(context.Node.SyntaxTree, new TextSpan(token.SpanStart + offset + match.Start, match.Length))
                : context.Node.GetLocation();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormatIdProperty, match.Format.Id);
            if (isWholeLiteral)
            {
                properties = properties.Add(HardcodedCredentialAnalyzer.TargetNameProperty, match.Format.Variable);
            }

            // An unverified value given to a credential's name is BST1001's (a password is a password, whatever it
            // resembles): one finding per literal.
            if (match.Unverified && isWholeLiteral && GivenName(context.Node) is { } name && CredentialNames.Default.IsCredentialName(name))
            {
                continue;
            }

            // A test-mode key is still a credential, and a value whose checksum fails is probably an example: both are
            // reported a level lower (a suggestion), so that a build's warnings are the live keys.
            var lower = match.Unverified || match.Format.IsTestMode;
            var description = match.Unverified ? match.Format.Description + " with a checksum that does not match (probably an example)" : match.Format.Description;
            if (match.Unverified)
            {
                properties = properties.Add(UnverifiedProperty, "true");
            }

            var secret = value.Substring(match.Start, match.Length);
            context.ReportDiagnostic(Diagnostic.Create(
                Rule, location, lower ? DiagnosticSeverity.Info : Rule.DefaultSeverity, additionalLocations: null, properties,
                description, SecretMasker.Mask(secret, match.Format.PublicPrefixLength)));
        }
    }

    /// <summary>The variable, field, property or member a literal initializes or is assigned to, read from syntax.</summary>
    private static string? GivenName(SyntaxNode literal) => literal.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText,
        ArgumentSyntax { NameColon: { } nameColon } => nameColon.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Where the value starts inside the token's text, when the text maps one to one onto the value (no
    /// escape sequences): 1 for <c>"…"</c>, 2 for <c>@"…"</c>, 0 for interpolated text; −1 otherwise, and the
    /// whole literal is reported.</summary>
    private static int ValueOffset(SyntaxToken token)
    {
        var text = token.Text;
        var value = token.ValueText;
        if (token.IsKind(SyntaxKind.InterpolatedStringTextToken))
        {
            return text == value ? 0 : -1;
        }

        if (token.IsKind(SyntaxKind.StringLiteralToken) && text.Length == value.Length + 2 && text[0] == '"')
        {
            return 1;
        }

        if (token.IsKind(SyntaxKind.StringLiteralToken) && text.Length == value.Length + 3 && text[0] == '@')
        {
            return 2;
        }

        return -1;
    }
}
