using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Bastion.CodeFixes.ConfigurationIntegrity;

/// <summary>BST2001: rewrites a connection string built by concatenation or interpolation into a connection-string
/// builder, each keyword set through a typed property (<c>SqlConnectionStringBuilder.DataSource</c>) or the builder's
/// indexer. The builder quotes every value, so a <c>;</c> in untrusted data stays inside its value instead of starting a
/// new keyword. The fix does not validate the value (which server may be chosen is the application's decision); it
/// removes the injection.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UntrustedConnectionStringCodeFix))]
[Shared]
public sealed class UntrustedConnectionStringCodeFix : BastionCodeFix
{
    public const string UseBuilderKey = RuleIdentifiers.UntrustedConnectionString + ".UseConnectionStringBuilder";

    /// <summary>SqlClient keywords and their synonyms, to the builder property that sets them.</summary>
#pragma warning disable BST1001 // Keyword names mapped to property names ("pwd" → "Password"), not credentials.
    private static readonly ImmutableDictionary<string, string> SqlProperties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["server"] = "DataSource", ["data source"] = "DataSource", ["address"] = "DataSource", ["addr"] = "DataSource", ["network address"] = "DataSource",
        ["database"] = "InitialCatalog", ["initial catalog"] = "InitialCatalog",
        ["user id"] = "UserID", ["uid"] = "UserID", ["user"] = "UserID",
        ["password"] = "Password", ["pwd"] = "Password",
        ["application name"] = "ApplicationName", ["app"] = "ApplicationName",
        ["integrated security"] = "IntegratedSecurity", ["trusted_connection"] = "IntegratedSecurity",
        ["trustservercertificate"] = "TrustServerCertificate", ["trust server certificate"] = "TrustServerCertificate",
        ["connect timeout"] = "ConnectTimeout", ["connection timeout"] = "ConnectTimeout", ["timeout"] = "ConnectTimeout",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
#pragma warning restore BST1001

    protected override string FixAllKey => UseBuilderKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.UntrustedConnectionString);


    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
            {
                continue;
            }

            expression = Unparenthesize(expression);
            var pairs = ConnectionStringTemplate.Parse(expression, model, context.CancellationToken);
            if (pairs is null || pairs.Count == 0)
            {
                continue;
            }

            var builder = BuilderType(expression, model, context.CancellationToken);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Build the connection string with " + builder.Name,
                    ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(expression, Rewrite(expression, pairs, builder)))),
                    UseBuilderKey),
                diagnostic);
        }
    }

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>The provider's own builder when the connection is a SqlClient one and its builder is referenced;
    /// otherwise <c>DbConnectionStringBuilder</c>, which every provider's connection strings parse.</summary>
    private static INamedTypeSymbol BuilderType(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var target = expression.Parent switch
        {
            ArgumentSyntax { Parent.Parent: ObjectCreationExpressionSyntax creation } => model.GetTypeInfo(creation, cancellationToken).Type,
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax access } => model.GetTypeInfo(access.Expression, cancellationToken).Type,
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax owner } } => model.GetTypeInfo(owner, cancellationToken).Type,
            _ => null,
        };

        if (target is { Name: "SqlConnection" } && target.ContainingNamespace is { } ns &&
            model.Compilation.GetTypeByMetadataName(ns.ToDisplayString() + ".SqlConnectionStringBuilder") is { } sqlBuilder)
        {
            return sqlBuilder;
        }

        return model.Compilation.GetTypeByMetadataName("System.Data.Common.DbConnectionStringBuilder")!;
    }

    private static ExpressionSyntax Rewrite(ExpressionSyntax original, IReadOnlyList<ConnectionStringTemplate.Pair> pairs, INamedTypeSymbol builder)
    {
        var initializers = new List<ExpressionSyntax>();
        foreach (var pair in pairs)
        {
            var property = SqlProperties.TryGetValue(pair.Keyword, out var name) ? builder.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(p => p.SetMethod is not null) : null;
            var typed = property is null ? null : TypedValue(pair, property.Type);
            if (typed is not null)
            {
                initializers.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property!.Name), typed));
            }
            else
            {
                var indexer = SyntaxFactory.ImplicitElementAccess(SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(pair.Keyword))))));
                initializers.Add(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, indexer, pair.ValueExpression()));
            }
        }

        var creation = SyntaxFactory.ObjectCreationExpression(
            SyntaxFactory.ParseTypeName("global::" + builder.ToDisplayString()).WithAdditionalAnnotations(Simplifier.Annotation),
            argumentList: null,
            SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SeparatedList(initializers)));
        return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, creation, SyntaxFactory.IdentifierName("ConnectionString"))
            .WithTriviaFrom(original)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A value for a typed property: any string value for a string property; a constant for a bool or int one.</summary>
    private static ExpressionSyntax? TypedValue(ConnectionStringTemplate.Pair pair, ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                return pair.IsStringValued ? pair.ValueExpression() : null;
            case SpecialType.System_Boolean when pair.ConstantValue is { } text:
                var lower = text.Trim().ToLowerInvariant();
                return lower is "true" or "yes" or "sspi" ? SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression)
                    : lower is "false" or "no" ? SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)
                    : null;
            case SpecialType.System_Int32 when pair.ConstantValue is { } number && int.TryParse(number.Trim(), out var parsed):
                return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(parsed));
            default:
                return null;
        }
    }
}

/// <summary>A connection string written as a concatenation or interpolation, read as <c>keyword=value</c> pairs whose
/// keywords are constant text and whose values are constant text and expressions.</summary>
internal static class ConnectionStringTemplate
{
    internal sealed class Pair
    {
        public Pair(string keyword, IReadOnlyList<object> parts, bool isStringValued)
        {
            Keyword = keyword;
            Parts = parts;
            IsStringValued = isStringValued;
        }

        public string Keyword { get; }

        /// <summary>Strings (constant text) and <see cref="ExpressionSyntax"/> (holes), in order.</summary>
        public IReadOnlyList<object> Parts { get; }

        public bool IsStringValued { get; }

        public string? ConstantValue => Parts.All(p => p is string) ? string.Concat(Parts.Cast<string>()) : null;

        public ExpressionSyntax ValueExpression()
        {
            ExpressionSyntax? result = null;
            foreach (var part in Parts)
            {
                var next = part is string text
                    ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text))
                    : Operand((ExpressionSyntax)part);
                result = result is null ? next : SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, result, next);
            }

            return result ?? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty));
        }

        private static ExpressionSyntax Operand(ExpressionSyntax hole)
        {
            hole = hole.WithoutTrivia();
            return hole is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or
                LiteralExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax or InterpolatedStringExpressionSyntax
                ? hole
                : SyntaxFactory.ParenthesizedExpression(hole);
        }
    }

    /// <summary>The pairs, or null when the expression is not a template the fix can read (a hole in a keyword, a quoted
    /// value, a formatted interpolation).</summary>
    public static List<Pair>? Parse(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        var segments = new List<object>();
        if (!Flatten(expression, model, segments, cancellationToken) || !segments.Any(s => s is ExpressionSyntax) || !segments.Any(s => s is string text && text.Contains("=")))
        {
            return null;
        }

        var pairs = new List<Pair>();
        var keyword = new StringBuilder();
        var value = new List<object>();
        var inValue = false;
        var stringValued = true;

        bool Complete()
        {
            var name = keyword.ToString().Trim();
            if (name.Length == 0 && value.Count == 0)
            {
                return true;
            }

            if (!inValue || name.Length == 0)
            {
                return false;
            }

            TrimEdges(value);
            if (value.FirstOrDefault() is string first && (first.StartsWith("'", StringComparison.Ordinal) || first.StartsWith("\"", StringComparison.Ordinal)))
            {
                return false;
            }

            pairs.Add(new Pair(name, value.ToList(), stringValued));
            keyword.Clear();
            value.Clear();
            inValue = false;
            stringValued = true;
            return true;
        }

        foreach (var segment in segments)
        {
            if (segment is ExpressionSyntax hole)
            {
                if (!inValue)
                {
                    return null;
                }

                value.Add(hole);
                stringValued &= model.GetTypeInfo(hole, cancellationToken).ConvertedType?.SpecialType == SpecialType.System_String ||
                    model.GetTypeInfo(hole, cancellationToken).Type?.SpecialType == SpecialType.System_String;
                continue;
            }

            foreach (var character in (string)segment)
            {
                if (character == ';')
                {
                    if (!Complete())
                    {
                        return null;
                    }
                }
                else if (character == '=' && !inValue)
                {
                    inValue = true;
                }
                else if (inValue)
                {
                    if (value.Count > 0 && value[value.Count - 1] is string previous)
                    {
                        value[value.Count - 1] = previous + character;
                    }
                    else
                    {
                        value.Add(character.ToString());
                    }
                }
                else
                {
                    keyword.Append(character);
                }
            }
        }

        return Complete() ? pairs : null;
    }

    private static void TrimEdges(List<object> value)
    {
        if (value.Count > 0 && value[0] is string first)
        {
            value[0] = first.TrimStart();
        }

        if (value.Count > 0 && value[value.Count - 1] is string last)
        {
            value[value.Count - 1] = last.TrimEnd();
        }

        value.RemoveAll(p => p is string { Length: 0 });
    }

    private static bool Flatten(ExpressionSyntax expression, SemanticModel model, List<object> segments, CancellationToken cancellationToken)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Flatten(parenthesized.Expression, model, segments, cancellationToken);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add when model.GetTypeInfo(add, cancellationToken).Type?.SpecialType == SpecialType.System_String:
                return Flatten(add.Left, model, segments, cancellationToken) && Flatten(add.Right, model, segments, cancellationToken);
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal:
                segments.Add(literal.Token.ValueText);
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    switch (content)
                    {
                        case InterpolatedStringTextSyntax text:
                            segments.Add(text.TextToken.ValueText);
                            break;
                        case InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole:
                            segments.Add(hole.Expression);
                            break;
                        default:
                            return false;
                    }
                }

                return true;
            default:
                segments.Add(expression);
                return true;
        }
    }
}
