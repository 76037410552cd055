using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>The value a local is declared with, when nothing in <c>scope</c> assigns a variable of its name again:
/// what it holds wherever it is read there. Syntax only, by name, so a same-named variable's assignment counts too.
/// Each caller says how far to look (its block, its member).</summary>
internal static class SingleAssignment
{
    public static ExpressionSyntax? InitializerOf(VariableDeclaratorSyntax declarator, SyntaxNode? scope)
    {
        if (declarator.Initializer?.Value is not { } value)
        {
            return null;
        }

        if (scope is null)
        {
            // Nothing around it to search (a top-level statement's own declaration).
            return value;
        }

        var name = declarator.Identifier.ValueText;
        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && target.Identifier.ValueText == name)
            {
                return null;
            }
        }

        return value;
    }
}
