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

/// <summary>BST4003: the catch rethrows (<c>throw;</c>), so the failure fails closed and reaches whoever handles and
/// logs errors. The block's last statement, when it is the <c>return</c> that swallowed the failure, becomes the
/// rethrow; otherwise the rethrow is appended. Not offered when the block returns elsewhere too (a fix could not
/// tell which paths were meant to succeed).</summary>
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
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(block, Rethrowing(block)))),
                    RethrowKey),
                diagnostic);
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
