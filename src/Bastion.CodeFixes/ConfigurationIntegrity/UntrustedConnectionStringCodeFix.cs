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
