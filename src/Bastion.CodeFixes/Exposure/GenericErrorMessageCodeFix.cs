using System.Composition;
using System.Linq;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.CodeFixes.Exposure;

/// <summary>BST4002: the exception's details in the response become <c>"An unexpected error occurred."</c>. A catch
/// variable the response was the only use of is dropped with them (<c>catch (IOException)</c>), so the fixed code
/// has no unused-variable warning to break a build that treats warnings as errors.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GenericErrorMessageCodeFix))]
[Shared]
public sealed class GenericErrorMessageCodeFix : ReplaceExposedValueCodeFix
{
    public GenericErrorMessageCodeFix()
        : base(RuleIdentifiers.ExceptionDetailsExposed, GenericMessageKey, "Return a generic message instead of the exception's details", GenericMessage)
    {
    }

    private protected override SyntaxNode Rewrite(SyntaxNode root, ExpressionSyntax expression, string text)
    {
        var rewritten = Replace(root, expression, text);
        if (expression.Ancestors().OfType<CatchClauseSyntax>().FirstOrDefault() is not { Filter: null, Declaration.Identifier: { RawKind: (int)SyntaxKind.IdentifierToken } name } catchClause)
        {
            return rewritten;
        }

        // The clause starts where it did: the edit is inside its block.
        var fixedClause = rewritten.FindToken(catchClause.SpanStart).Parent?.AncestorsAndSelf().OfType<CatchClauseSyntax>().FirstOrDefault();
        if (fixedClause?.Declaration is not { } declaration ||
            fixedClause.Block.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name.ValueText))
        {
            return rewritten;
        }

        return rewritten.ReplaceNode(declaration, declaration.WithIdentifier(default).WithType(declaration.Type.WithoutTrailingTrivia()));
    }
}
