using System.Threading;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>How both dataflow engines reach the body of another method of the compilation, on demand.</summary>
internal static class MethodBodies
{
    /// <summary>The operation of the first declaration of <paramref name="method"/> that has one (a partial method's
    /// declaration without a body has none).</summary>
    public static IOperation? Of(Compilation compilation, IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            // A method of a referenced project (a compilation reference, as in the IDE and in MSBuildWorkspace) has
            // syntax, but in another compilation: this one cannot bind it.
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            var syntax = reference.GetSyntax(cancellationToken);
            var operation = ModelFor(compilation, reference.SyntaxTree).GetOperation(syntax, cancellationToken);
            if (operation is not null)
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="symbol"/> is declared in this compilation's own trees (not only "in source": a
    /// referenced project's symbols have syntax too, in another compilation).</summary>
    public static bool IsDeclaredIn(Compilation compilation, ISymbol symbol)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return false;
            }
        }

        return true;
    }

#pragma warning disable RS1030 // Summaries of other members are computed on demand and memoised per compilation.
    public static SemanticModel ModelFor(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
}
