using System;
using System.Collections.Generic;
using Bastion.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>Table lines found by the library member they name. Member names are indexed when the table is made; a
/// line's type is resolved by metadata name the first time a member of that name is met (<see cref="LazyType"/>), so a
/// table costs nothing for the types a compilation never calls.</summary>
internal sealed class MemberIndex<T>
    where T : class
{
    private readonly Dictionary<string, List<(LazyType Type, bool Derived, T Entry)>> byName = new(StringComparer.Ordinal);

    /// <summary>The list <see cref="Find"/> returns, reused per thread: a caller reads it before its next lookup.</summary>
    [ThreadStatic]
    private static List<T>? found;

    public MemberIndex(Compilation compilation, IEnumerable<T> entries, Func<T, ApiMember> memberOf)
    {
        var types = new Dictionary<string, LazyType>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var member = memberOf(entry);
            if (!types.TryGetValue(member.Type, out var type))
            {
                types.Add(member.Type, type = new LazyType(compilation, member.Type));
            }

            foreach (var name in member.Members)
            {
                if (!byName.TryGetValue(name, out var list))
                {
                    byName.Add(name, list = new List<(LazyType, bool, T)>());
                }

                list.Add((type, member.Derived, entry));
            }
        }
    }

    /// <summary>The lines for <paramref name="member"/>, looked up by the name it is indexed under (<see cref="NameOf"/>)
    /// before its type is compared. The list is reused: read it before the next lookup on this thread. A member of the
    /// compilation's own that matches through a listed base type is the caller's to skip.</summary>
    public IReadOnlyList<T> Find(ISymbol member)
    {
        var result = found ??= new List<T>();
        result.Clear();
        if (!byName.TryGetValue(NameOf(member), out var lines) || member.ContainingType?.OriginalDefinition is not { } type)
        {
            return result;
        }

        foreach (var (lazy, derived, entry) in lines)
        {
            if (lazy.Value is { } wanted &&
                (SymbolEqualityComparer.Default.Equals(type, wanted) || derived && SymbolFacts.Implements(type, wanted)))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Whether some line names a member called as <paramref name="member"/> is (no type compared): a false answer
    /// is exact.</summary>
    public bool MayContain(ISymbol member) => byName.ContainsKey(NameOf(member));

    /// <summary>The name a member is indexed under.</summary>
    public static string NameOf(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } => ApiMember.Constructor,
        IPropertySymbol { IsIndexer: true } => ApiMember.Indexer,
        IMethodSymbol { ReducedFrom: { } reduced } => reduced.Name,
        _ => member.Name,
    };
}
