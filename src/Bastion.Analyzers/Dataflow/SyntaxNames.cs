using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Questions about the names an expression's syntax mentions, asked before it is bound.</summary>
internal static class SyntaxNames
{
    /// <summary>Whether <paramref name="node"/> mentions an identifier of <paramref name="names"/>, or (with
    /// <paramref name="elementAccess"/>) indexes something.</summary>
    public static bool MentionsAny(SyntaxNode node, HashSet<string> names, bool elementAccess)
    {
        foreach (var token in node.DescendantTokens())
        {
            switch (token.RawKind)
            {
                case (int)SyntaxKind.IdentifierToken when names.Contains(token.ValueText):
                case (int)SyntaxKind.OpenBracketToken when elementAccess:
                    return true;
            }
        }

        return false;
    }
}
