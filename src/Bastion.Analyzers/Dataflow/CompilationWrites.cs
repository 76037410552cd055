using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The writes of a static member any type may write (<c>public static string Server;</c>), looked for in
/// every type declaration of the compilation by name (<see cref="TypeNames"/>), for both engines.</summary>
internal static class CompilationWrites
{
    /// <summary>Whether a static member can be written outside its type, so its writes are looked for everywhere.</summary>
    public static bool IsShared(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsStatic && !field.IsConst && !field.IsReadOnly && field.DeclaredAccessibility > Accessibility.Private,
        IPropertySymbol property => property.IsStatic && !property.IsIndexer && property.SetMethod is { } setter && setter.DeclaredAccessibility > Accessibility.Private,
        _ => false,
    };

    /// <summary>The nodes that may write a member named <paramref name="name"/> (initializers, assignments), with their
    /// trees; null when there are more than <paramref name="max"/>, too many to bind.</summary>
    public static List<(SyntaxTree Tree, SyntaxNode Node)>? Candidates(Compilation compilation, string name, int max, CancellationToken cancellationToken)
    {
        var candidates = new List<(SyntaxTree, SyntaxNode)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var type in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
            {
                if (type is not TypeDeclarationSyntax)
                {
                    continue;
                }

                foreach (var node in TypeNames.Of(type).Writes(name))
                {
                    candidates.Add((tree, node));
                }

                if (candidates.Count > max)
                {
                    return null;
                }
            }
        }

        return candidates;
    }

    /// <summary>The operations that write <paramref name="member"/> anywhere in the compilation: its initializer and every
    /// assignment to it (simple or compound), in tree order; default when there are too many candidates to bind.</summary>
    public static ImmutableArray<IOperation> Of(Compilation compilation, ISymbol member, int max, CancellationToken cancellationToken)
    {
        if (Candidates(compilation, member.Name, max, cancellationToken) is not { } candidates)
        {
            return default;
        }

        var writes = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var (tree, node) in candidates)
        {
            switch (MethodBodies.ModelFor(compilation, tree).GetOperation(node, cancellationToken))
            {
                case IFieldInitializerOperation initializer when member is IFieldSymbol field && initializer.InitializedFields.Contains(field, SymbolEqualityComparer.Default):
                    writes.Add(initializer);
                    break;
                case IPropertyInitializerOperation initializer when member is IPropertySymbol property && initializer.InitializedProperties.Contains(property, SymbolEqualityComparer.Default):
                    writes.Add(initializer);
                    break;
                case IAssignmentOperation { Target: IMemberReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member):
                    writes.Add(assignment);
                    break;
            }
        }

        return writes.ToImmutable();
    }
}
