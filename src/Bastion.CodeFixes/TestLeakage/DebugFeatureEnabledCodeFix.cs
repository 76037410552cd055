using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Bastion.Analyzers.TestLeakage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Bastion.CodeFixes.TestLeakage;

/// <summary>BST3005: wraps the statement in <c>if (app.Environment.IsDevelopment()) { … }</c>, using the web
/// application's environment or an <c>IWebHostEnvironment</c>/<c>IHostEnvironment</c> in scope. Without one in scope
/// no action is offered (a guard on something that is not the environment would be wrong).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DebugFeatureEnabledCodeFix))]
[Shared]
public sealed class DebugFeatureEnabledCodeFix : BastionCodeFix
{
    public const string GuardKey = RuleIdentifiers.DebugFeatureEnabled + ".GuardWithIsDevelopment";

    protected override string FixAllKey => GuardKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.DebugFeatureEnabled);


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
            if (!diagnostic.Properties.ContainsKey(DebugFeatureEnabledAnalyzer.WrappableProperty) ||
                root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { Parent: BlockSyntax or GlobalStatementSyntax } statement ||
                FindEnvironment(model, statement, context.CancellationToken) is not { } environment)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Run only when {environment}.IsDevelopment()",
                    ct => WrapAsync(context.Document, statement, environment, ct),
                    GuardKey),
                diagnostic);
        }
    }

    private static async Task<Document> WrapAsync(Document document, ExpressionStatementSyntax statement, string environment, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var condition = SyntaxFactory.ParseExpression(environment + ".IsDevelopment()");
        var guarded = SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(statement.WithoutLeadingTrivia()))
            .WithLeadingTrivia(statement.GetLeadingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newRoot = root.ReplaceNode(statement is { Parent: GlobalStatementSyntax } ? statement.Parent : statement,
            statement.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(guarded) : guarded);

        // IsDevelopment is an extension method: bound where the guard will stand, it resolves when its namespace is
        // imported already, by a using directive or the SDK's implicit global usings.
        var needsUsing = model is not null && model.GetSpeculativeSymbolInfo(statement.SpanStart, condition, SpeculativeBindingOption.BindAsExpression).Symbol is null;
        if (needsUsing && newRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == "Microsoft.Extensions.Hosting"))
        {
            newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.Extensions.Hosting")).WithAdditionalAnnotations(Formatter.Annotation));
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary><c>app.Environment</c> when the receiver is a <c>WebApplication</c>; else a parameter, local, field or
    /// property of a host-environment type usable here.</summary>
    private static string? FindEnvironment(SemanticModel model, ExpressionStatementSyntax statement, CancellationToken cancellationToken)
    {
        var receiver = statement.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Expression : null;
        if (receiver is IdentifierNameSyntax identifier &&
            model.GetTypeInfo(receiver, cancellationToken).Type is { Name: "WebApplication" })
        {
            return identifier.Identifier.ValueText + ".Environment";
        }

        foreach (var symbol in model.LookupSymbols(statement.SpanStart))
        {
            var type = symbol switch
            {
                IParameterSymbol parameter => parameter.Type,
                ILocalSymbol local when local.DeclaringSyntaxReferences.All(r => r.Span.End < statement.SpanStart) => local.Type,
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (type is { Name: "IWebHostEnvironment" or "IHostEnvironment" or "IHostingEnvironment" })
            {
                return symbol.Name;
            }
        }

        return null;
    }
}
