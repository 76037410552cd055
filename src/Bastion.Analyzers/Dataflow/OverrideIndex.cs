using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>For one compilation, the methods of its own types that override a method or implement an interface member
/// (accessors included), by that method's original definition: made once, by one pass over the compilation's types,
/// and read by <see cref="MethodImplementations"/>. A search of the compilation by member name per virtual method called
/// cost more than the rest of the taint engine's walk on a large library.</summary>
internal sealed class OverrideIndex
{
    private static readonly ConditionalWeakTable<Compilation, OverrideIndex> Indexes = new();

    private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations = new(SymbolEqualityComparer.Default);

    private OverrideIndex(Compilation compilation)
    {
        var namespaces = new Stack<INamespaceSymbol>();
        var types = new Stack<INamedTypeSymbol>();
        namespaces.Push(compilation.Assembly.GlobalNamespace);
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var nested in current.GetNamespaceMembers())
            {
                namespaces.Push(nested);
            }

            foreach (var type in current.GetTypeMembers())
            {
                types.Push(type);
            }
        }

        while (types.Count > 0)
        {
            var type = types.Pop();
            foreach (var nested in type.GetTypeMembers())
            {
                types.Push(nested);
            }

            Add(type);
        }
    }

    public static OverrideIndex Of(Compilation compilation) => Indexes.GetValue(compilation, static c => new OverrideIndex(c));

    /// <summary>The overrides and implementations of <paramref name="method"/> (its original definition) in the
    /// compilation, in no particular order; empty when there are none.</summary>
    public IReadOnlyList<IMethodSymbol> Implementations(IMethodSymbol method) =>
        implementations.TryGetValue(method.OriginalDefinition, out var found) ? found : System.Array.Empty<IMethodSymbol>();

    private void Add(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsOverride: true } method)
            {
                for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    Add(overridden.OriginalDefinition, method);
                }
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            return;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers())
            {
                if (member is IMethodSymbol { IsStatic: false } interfaceMethod &&
                    type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation &&
                    implementation.ContainingAssembly is { } assembly && SymbolEqualityComparer.Default.Equals(assembly, type.ContainingAssembly))
                {
                    Add(interfaceMethod.OriginalDefinition, implementation.OriginalDefinition);
                }
            }
        }
    }

    private void Add(IMethodSymbol key, IMethodSymbol implementation)
    {
        if (!implementations.TryGetValue(key, out var list))
        {
            implementations[key] = list = new List<IMethodSymbol>();
        }

        foreach (var known in list)
        {
            if (SymbolEqualityComparer.Default.Equals(known, implementation))
            {
                return;
            }
        }

        list.Add(implementation);
    }
}
