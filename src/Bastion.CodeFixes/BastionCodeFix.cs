using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Bastion.CodeFixes;

/// <summary>What every Bastion fix shares: Fix All through the batch fixer, with one equivalence key
/// (<see cref="FixAllKey"/>) whose action every fixable finding of the rule offers first, so that one Fix All, in any
/// scope, fixes every finding it can.
/// <para><c>dotnet format analyzers</c> asks each rule's fixer about the first finding of the analyzer that reports
/// the rule, whatever rule that finding is of (Bastion reports every rule from one analyzer), and then fixes all
/// findings of the rule with the key of the first action it got back. So a finding of another rule (editors never pass
/// one), or, in a batch run, a finding of the rule that has no safe rewrite, is answered with an action that changes
/// nothing and carries <see cref="FixAllKey"/>.</para></summary>
public abstract class BastionCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the action every fixable finding offers first.</summary>
    protected abstract string FixAllKey { get; }

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var own = ImmutableArray.CreateBuilder<Diagnostic>(context.Diagnostics.Length);
        Diagnostic? foreign = null;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (FixableDiagnosticIds.Contains(diagnostic.Id))
            {
                own.Add(diagnostic);
            }
            else
            {
                foreign ??= diagnostic;
            }
        }

        if (foreign is not null)
        {
            context.RegisterCodeFix(FixAllKeyOnly(context.Document), foreign);
        }

        if (own.Count == 0)
        {
            return;
        }

        var registered = false;
        var tracking = new CodeFixContext(
            context.Document,
            context.Span,
            own.ToImmutable(),
            (action, diagnostics) =>
            {
                registered = true;
                context.RegisterCodeFix(action, diagnostics);
            },
            context.CancellationToken);
        await RegisterFixesAsync(tracking, own.ToImmutable()).ConfigureAwait(false);

        // A finding with no safe rewrite offers nothing in an editor. A batch run (dotnet format loads an MSBuild
        // workspace) that happens to ask about it first must still get the key, or none of the rule's findings is fixed.
        if (!registered && foreign is null && context.Document.Project.Solution.Workspace.Kind == WorkspaceKind.MSBuild)
        {
            context.RegisterCodeFix(FixAllKeyOnly(context.Document), own[0]);
        }
    }

    /// <summary>An action that changes nothing and carries <see cref="FixAllKey"/>: what a batch run needs to learn
    /// the key from a finding this fixer cannot rewrite.</summary>
    private CodeAction FixAllKeyOnly(Document document) =>
        CodeAction.Create("Fix " + string.Join(", ", FixableDiagnosticIds), _ => Task.FromResult(document), FixAllKey);

    /// <summary>The document's syntax root and semantic model, or null when it has none (every fixer starts here).</summary>
    protected static async Task<(SyntaxNode Root, SemanticModel Model)?> RootAndModelAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null ? null : (root, model);
    }

    /// <summary>The value a finding is reported on: the expression its span covers (an argument's value when the span is
    /// the whole argument).</summary>
    protected static ExpressionSyntax? ReportedExpression(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
    }

    /// <summary>Registers the fixes for <paramref name="diagnostics"/>, all of this fixer's rules.</summary>
    protected abstract Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics);
}
