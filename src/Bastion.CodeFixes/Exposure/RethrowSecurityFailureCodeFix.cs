using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Exposure;

/// <summary>BST4003: the failure fails closed and reaches whoever handles and logs errors. A catch that does nothing
/// else (empty, or only the <c>return</c> that swallowed the failure) is removed: when it is the try's only catch, the
/// try goes too (its statements stay, or its block where they declare locals), leaving no <c>catch { throw; }</c>.
/// A catch that does something first (logs, cleans up), or one with catches after it that would otherwise see the
/// exception, rethrows: its last statement, when it is the swallowing <c>return</c>, becomes <c>throw;</c>, else
/// <c>throw;</c> is appended. Not offered when the block returns elsewhere too (a fix could not tell which paths
/// were meant to succeed).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RethrowSecurityFailureCodeFix))]
[Shared]
public sealed class RethrowSecurityFailureCodeFix : BastionCodeFix
{
    public const string RethrowKey = RuleIdentifiers.SecurityFailureSwallowed + ".Rethrow";

    protected override string FixAllKey => RethrowKey;

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.SecurityFailureSwallowed);


    protected override async Task RegisterFixesAsync(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not CatchClauseSyntax { Block: { } block } ||
                block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>().Count(r => r != block.Statements.LastOrDefault()) > 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Rethrow the exception",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(FailClosed(root, block))),
                    RethrowKey),
                diagnostic);
        }
    }

    private static SyntaxNode FailClosed(SyntaxNode root, BlockSyntax block)
    {
        var onlySwallows = block.Statements.Count == 0 || block.Statements.Count == 1 && block.Statements[0] is ReturnStatementSyntax;
        if (!onlySwallows || block.Parent is not CatchClauseSyntax { Parent: TryStatementSyntax tryStatement } catchClause ||
            tryStatement.Catches.Count > 1 && tryStatement.Catches.Last() != catchClause)
        {
            return root.ReplaceNode(block, Rethrowing(block));
        }

        if (tryStatement.Catches.Count > 1 || tryStatement.Finally is not null)
        {
            return root.RemoveNode(catchClause, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        // The only catch: the try is no longer needed.
        var statements = tryStatement.Block.Statements;
        if (tryStatement.Parent is BlockSyntax or SwitchSectionSyntax && statements.Count > 0 &&
            !statements.Any(s => s is LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax))
        {
            // One statement a line, at the try's indentation; the try's own trivia around them.
            var indentation = tryStatement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var endOfLine = tryStatement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var unwrapped = statements.Select((statement, i) => statement
                .WithLeadingTrivia((i == 0 ? tryStatement.GetLeadingTrivia() : SyntaxFactory.TriviaList()).AddRange(Reindented(statement.GetLeadingTrivia(), indentation, i == 0)))
                .WithTrailingTrivia(i == statements.Count - 1 ? tryStatement.GetTrailingTrivia() : SyntaxFactory.TriviaList(endOfLine)));
            return root.ReplaceNode(tryStatement, unwrapped);
        }

        return root.ReplaceNode(tryStatement, tryStatement.Block.WithTriviaFrom(tryStatement).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
    }

    /// <summary>A statement's own leading trivia (comments) moved to the try's indentation.</summary>
    private static IEnumerable<SyntaxTrivia> Reindented(SyntaxTriviaList trivia, SyntaxTrivia indentation, bool afterTheTrysIndentation)
    {
        var lineStart = !afterTheTrysIndentation;
        foreach (var item in trivia)
        {
            if (item.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                continue;
            }

            if (lineStart && indentation.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                yield return indentation;
            }

            yield return item;
            lineStart = item.IsKind(SyntaxKind.EndOfLineTrivia);
        }

        if (lineStart && indentation.IsKind(SyntaxKind.WhitespaceTrivia))
        {
            yield return indentation;
        }
    }

    private static BlockSyntax Rethrowing(BlockSyntax block)
    {
        var rethrow = SyntaxFactory.ThrowStatement();
        var statements = block.Statements;
        if (statements.LastOrDefault() is ReturnStatementSyntax last)
        {
            return block.WithStatements(statements.Replace(last, rethrow.WithTriviaFrom(last)));
        }

        if (statements.Count == 0)
        {
            var closeIndent = block.CloseBraceToken.LeadingTrivia.ToFullString();
            if (!block.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
            {
                // One line: catch (X) { } becomes catch (X) { throw; }
                return block.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ThrowStatement().WithTrailingTrivia(SyntaxFactory.Space)))
                    .WithOpenBraceToken(block.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space));
            }

            var statement = SyntaxFactory.ThrowStatement()
                .WithLeadingTrivia(SyntaxFactory.Whitespace(closeIndent + "    "))
                .WithTrailingTrivia(block.OpenBraceToken.TrailingTrivia.First(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
            return block.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(statement));
        }

        return block.WithStatements(statements.Add(rethrow.WithLeadingTrivia(statements.Last().GetLeadingTrivia()).WithTrailingTrivia(statements.Last().GetTrailingTrivia())));
    }
}
