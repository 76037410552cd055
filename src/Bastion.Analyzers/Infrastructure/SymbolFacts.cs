using System.Linq;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Type relations and namespace checks every family asks about, compared as symbols (no display strings).</summary>
internal static class SymbolFacts
{
    /// <summary>Whether <paramref name="symbol"/> is declared in source (this compilation's or a referenced project's):
    /// <c>!DeclaringSyntaxReferences.IsEmpty</c> without computing the references, which finds each declaration's node
    /// in its tree and allocates; per-operation checks ask this for every member they meet. Implicitly declared symbols
    /// (whose locations are in source but which have no declaring syntax of their own) are asked the long way.</summary>
    public static bool HasSourceDeclaration(ISymbol symbol)
    {
        if (symbol.IsImplicitlyDeclared)
        {
            return !symbol.DeclaringSyntaxReferences.IsEmpty;
        }

        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="baseType"/> or derives from it (generic types by
    /// their definition); false when either is missing.</summary>
    public static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is, implements or derives from <paramref name="interfaceOrBase"/>; false
    /// when that is missing.</summary>
    public static bool Implements(INamedTypeSymbol type, INamedTypeSymbol? interfaceOrBase) =>
        interfaceOrBase is not null &&
        (SymbolEqualityComparer.Default.Equals(type, interfaceOrBase) || DerivesFrom(type, interfaceOrBase) ||
         // AllInterfaces builds a new array on every call: asked only when an interface is wanted.
         interfaceOrBase.TypeKind == TypeKind.Interface && type.AllInterfaces.Contains(interfaceOrBase, SymbolEqualityComparer.Default));

    /// <summary>Whether <paramref name="ns"/> is the namespace named by <paramref name="names"/>, innermost first
    /// (<c>"Sockets", "Net", "System"</c> is <c>System.Net.Sockets</c>).</summary>
    public static bool IsNamespace(INamespaceSymbol? ns, params string[] names)
    {
        foreach (var name in names)
        {
            if (ns is null || ns.Name != name)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>Whether <paramref name="ns"/> is the namespace spelled <paramref name="dotted"/>
    /// (<c>"Microsoft.Extensions.Logging"</c>), compared name by name from the innermost: per-operation checks ask this,
    /// and a namespace's display string is built anew on every call.</summary>
    public static bool IsNamespace(INamespaceSymbol? ns, string dotted)
    {
        var end = dotted.Length;
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (end <= 0)
            {
                return false;
            }

            var start = dotted.LastIndexOf('.', end - 1) + 1;
            var name = ns.Name;
            if (name.Length != end - start || string.CompareOrdinal(name, 0, dotted, start, name.Length) != 0)
            {
                return false;
            }

            end = start - 1;
        }

        return ns is not null && (end == -1 || dotted.Length == 0);
    }

    /// <summary>Whether <paramref name="ns"/> is the namespace spelled <paramref name="dotted"/> or one nested in it
    /// (<c>"System.IO"</c> holds <c>System.IO</c> and <c>System.IO.Pipes</c>, not <c>System.IOX</c>).</summary>
    public static bool IsWithinNamespace(INamespaceSymbol? ns, string dotted)
    {
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (IsNamespace(current, dotted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="ns"/> is the namespace named by <paramref name="names"/> (innermost first) or one
    /// nested in it (<c>"IO", "System"</c> holds <c>System.IO</c> and <c>System.IO.Pipes</c>).</summary>
    public static bool IsWithinNamespace(INamespaceSymbol? ns, params string[] names)
    {
        for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (IsNamespace(current, names))
            {
                return true;
            }
        }

        return false;
    }
}
