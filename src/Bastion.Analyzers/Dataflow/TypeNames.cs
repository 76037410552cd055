using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What a member's value and its mutations are looked up by, for one type declaration, in one walk of its
/// syntax: the nodes that may write each name (<see cref="WrittenName"/>) and the identifiers spelled as each name,
/// in document order, so evaluating a member does not walk its whole declaring type (twice: writes, then reads), which
/// in a large type with many fields read as arguments would dominate the engine's time. Kept per declaration node, so
/// both constant-flow rules share it.</summary>
internal sealed class TypeNames
{
    private static readonly ConditionalWeakTable<SyntaxNode, TypeNames> Declarations = new();
    private static readonly ConditionalWeakTable<SyntaxNode, TypeNames>.CreateValueCallback Build = declaration => new TypeNames(declaration);

    private readonly Dictionary<string, List<SyntaxNode>> writes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IdentifierNameSyntax>> identifiers = new(StringComparer.Ordinal);

    private TypeNames(SyntaxNode declaration)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier)
            {
                Add(identifiers, identifier.Identifier.ValueText, identifier);
            }
            else if (WrittenName(node) is { } name)
            {
                Add(writes, name, node);
            }
        }
    }

    public static TypeNames Of(SyntaxNode declaration) => Declarations.GetValue(declaration, Build);

    public IReadOnlyList<SyntaxNode> Writes(string name) => writes.TryGetValue(name, out var found) ? found : Array.Empty<SyntaxNode>();

    public IReadOnlyList<IdentifierNameSyntax> Identifiers(string name) =>
        identifiers.TryGetValue(name, out var found) ? found : Array.Empty<IdentifierNameSyntax>();

    private static void Add<T>(Dictionary<string, List<T>> index, string name, T node)
    {
        if (!index.TryGetValue(name, out var list))
        {
            index[name] = list = new List<T>(2);
        }

        list.Add(node);
    }

    /// <summary>The name a node may write: a declarator's or property's own initializer, an assignment whose target ends in
    /// the name, an element write into it.</summary>
    private static string? WrittenName(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax element } => RightmostName(element.Expression),
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
        AssignmentExpressionSyntax assignment => RightmostName(assignment.Left),
        _ => null,
    };

    private static string? RightmostName(SyntaxNode target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
