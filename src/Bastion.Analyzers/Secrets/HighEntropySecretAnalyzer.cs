using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.Shared.Credentials;
using Bastion.Analyzers.Shared.Formats;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Secrets;

/// <summary>BST1004: a random-looking constant where secrets go — an <c>Authorization</c> or API-key header, an
/// <c>AuthenticationHeaderValue</c>, and (where BST1001 does not run, i.e. test projects) a credential-named target.
/// <c>Basic</c> credentials are decoded: a user and password are a finding whatever their entropy.</summary>
public sealed class HighEntropySecretAnalyzer : BastionAnalyzer
{
    internal const string EntropyThresholdOption = "entropy_threshold";
    internal const string MinimumLengthOption = "minimum_length";

    internal static readonly ImmutableArray<string> OptionNames = ImmutableArray.Create(EntropyThresholdOption, MinimumLengthOption);

    internal static readonly DiagnosticDescriptor Rule = DiagnosticDescriptorFactory.Create(
        RuleIdentifiers.HighEntropySecret,
        title: "High-entropy secret in a secret context",
        messageFormat: "{0} is given a random-looking hard-coded secret ({1}); read it from configuration or a secret store",
        RuleLevel.BuildWarning,
        description: "A machine-generated value (high entropy, mixed character classes, not a word, path, URL or encoded " +
            "text) is written where credentials go: an Authorization or API-key header, an AuthenticationHeaderValue, " +
            "or a credential-named member.",
        cwes: new[] { 798 });

    /// <summary>Headers whose value is a credential, whatever the header is called in code.</summary>
    private static readonly HashSet<string> CredentialHeaders = StringSet.Of(
        StringComparer.OrdinalIgnoreCase,
        "Authorization", "Proxy-Authorization", "Authentication", "X-API-Key", "Api-Key", "ApiKey", "X-Auth-Token",
        "X-Access-Token", "Ocp-Apim-Subscription-Key", "X-Functions-Key", "X-Goog-Api-Key", "X-Vault-Token",
        "Private-Token", "Job-Token", "X-Figma-Token", "X-Shopify-Access-Token", "X-Postmark-Server-Token", "X-Api-Token",
        "X-Master-Key", "X-Secret");

    private static readonly string[] Schemes = { "Bearer", "Basic", "Token", "Bot", "ApiKey", "Key", "SSWS", "OAuth", "Digest", "GoogleLogin" };

    protected override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

    protected override void InitializeCore(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var bst1001Runs = HardcodedCredentialAnalyzer.RunsIn(start.Compilation, start.Options);
            // Looked up when a creation of a type of that name is met, not at compilation start (LazyType says why).
            var headerValueType = new LazyType(start.Compilation, "System.Net.Http.Headers.AuthenticationHeaderValue");
            var analysis = new Analysis(start.Options, bst1001Runs);
            CredentialTargets.Register(start, analysis.CheckNamedValue);
            start.RegisterOperationAction(c => analysis.CheckHeaderValue(c, headerValueType), OperationKind.ObjectCreation);
        });
    }

    private sealed class Analysis
    {
        private readonly AnalyzerOptions options;
        private readonly bool bst1001Runs;

        public Analysis(AnalyzerOptions options, bool bst1001Runs)
        {
            this.options = options;
            this.bst1001Runs = bst1001Runs;
        }

        /// <summary>Headers by name (<c>Add("Authorization", …)</c>, <c>headers["X-API-Key"] = …</c>) and, where BST1001
        /// is off, credential-named targets.</summary>
        public void CheckNamedValue(OperationAnalysisContext context, string targetName, IOperation value)
        {
            // The name first: this runs for every value given a name in the build (every argument, every variable), and
            // reading an operation's constant value is not free.
            var header = CredentialHeaders.Contains(targetName);
            if (!header && (bst1001Runs || !CredentialNames.Default.MightBeCredential(targetName)))
            {
                return;
            }

            value = CredentialTargets.Unwrap(value);
            if (value.ConstantValue is not { HasValue: true, Value: string text } || text.Length == 0)
            {
                return;
            }

            if (header)
            {
                // BST1001 already reports credential-named headers (X-API-Key) where it runs.
                if (!(bst1001Runs && CredentialNames.Default.IsCredentialName(targetName)))
                {
                    var (scheme, start) = SplitScheme(text);
                    CheckCredential(context, $"'{targetName}' header", scheme, text.Substring(start), value, start == 0 ? targetName : null);
                }

                return;
            }

            if (!bst1001Runs && CredentialNames.Default.IsCredentialName(targetName))
            {
                CheckCredential(context, $"'{targetName}'", scheme: null, text, value, wholeValueName: targetName);
            }
        }

        /// <summary><c>new AuthenticationHeaderValue("Bearer", "…")</c>.</summary>
        public void CheckHeaderValue(OperationAnalysisContext context, LazyType headerValueType)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type?.Name != "AuthenticationHeaderValue" || creation.Arguments.Length != 2 ||
                headerValueType.Value is not { } type || !SymbolEqualityComparer.Default.Equals(creation.Type, type) ||
                creation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string scheme } ||
                CredentialTargets.Unwrap(creation.Arguments[1].Value) is not { ConstantValue: { HasValue: true, Value: string parameter } } value)
            {
                return;
            }

            CheckCredential(context, $"'{scheme}' authentication header", scheme, parameter, value, wholeValueName: "AccessToken");
        }

        /// <summary>Reports <paramref name="credential"/> when it is Basic user:password or looks random.
        /// <paramref name="wholeValueName"/> (when the literal is the credential and nothing else) lets the fix name it.</summary>
        private void CheckCredential(OperationAnalysisContext context, string where, string? scheme, string credential, IOperation value, string? wholeValueName)
        {
            if (CredentialTargets.IsReportedAtDeclaration(value, CredentialNames.Default))
            {
                return;
            }

            credential = credential.Trim();
            // GUIDs are identifiers far more often than keys (tenant, client, correlation IDs).
            if (credential.Length == 0 || TokenScanner.Default.ContainsToken(credential) || CredentialValues.IsPlaceholder(credential) ||
                Guid.TryParse(credential, out _))
            {
                return;
            }

            var isBasicPassword = string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase) && DecodesToUserAndPassword(credential);
            if (!isBasicPassword && !Classifier(value.Syntax.SyntaxTree).LooksRandom(credential))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (wholeValueName is not null && value is ILiteralOperation)
            {
                properties = properties.Add(HardcodedCredentialAnalyzer.TargetNameProperty, wholeValueName);
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, value.Syntax.GetLocation(), properties, where, SecretMasker.Mask(credential)));
        }

        private RandomnessClassifier Classifier(SyntaxTree tree)
        {
            var ruleOptions = new RuleOptions(options.AnalyzerConfigOptionsProvider.GetOptions(tree), Rule.Id);
            return new RandomnessClassifier(
                ruleOptions.GetDouble(EntropyThresholdOption, RandomnessClassifier.DefaultEntropyThreshold, 1.0, 6.0),
                ruleOptions.GetInt(MinimumLengthOption, RandomnessClassifier.DefaultMinimumLength, 8, 256));
        }
    }

    /// <summary><c>"Bearer abc"</c> is scheme <c>Bearer</c> and credential <c>abc</c>; a value without a known scheme
    /// is all credential.</summary>
    private static (string? Scheme, int CredentialStart) SplitScheme(string text)
    {
        var space = text.IndexOf(' ');
        if (space > 0)
        {
            foreach (var scheme in Schemes)
            {
                if (space == scheme.Length && string.Compare(text, 0, scheme, 0, scheme.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return (scheme, space + 1);
                }
            }
        }

        return (null, 0);
    }

    /// <summary>Basic credentials are base64 of <c>user:password</c>; a non-empty password is a finding.</summary>
    private static bool DecodesToUserAndPassword(string credential)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credential));
            var colon = decoded.IndexOf(':');
            return colon > 0 && colon < decoded.Length - 1;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
