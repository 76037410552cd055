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
    private readonly Dictionary<string, List<(LazyType Type, bool Derived, T Entry)>> byName = new(System.StringComparer.Ordinal);

    public MemberIndex(Compilation compilation, IEnumerable<(ApiMember Member, T Entry)> lines)
    {
        var types = new Dictionary<string, LazyType>(System.StringComparer.Ordinal);
        foreach (var (member, entry) in lines)
        {
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

    /// <summary>Whether any line names a member called <paramref name="name"/>: the cheap question asked first.</summary>
    public bool Names(string name) => byName.ContainsKey(name);

    /// <summary>The lines for <paramref name="member"/> (a library member: the caller skips the compilation's own),
    /// found under <paramref name="name"/> (the member's name, <c>.ctor</c> or <c>this[]</c>).</summary>
    public void Find(ISymbol member, string name, List<T> found)
    {
        if (!byName.TryGetValue(name, out var lines) || member.ContainingType?.OriginalDefinition is not { } type)
        {
            return;
        }

        foreach (var (lazy, derived, entry) in lines)
        {
            if (lazy.Value is { } wanted &&
                (SymbolEqualityComparer.Default.Equals(type, wanted) || derived && SymbolFacts.Implements(type, wanted)))
            {
                found.Add(entry);
            }
        }
    }

    /// <summary>The name a member is indexed under.</summary>
    public static string NameOf(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } => ApiMember.Constructor,
        IPropertySymbol { IsIndexer: true } => ApiMember.Indexer,
        IMethodSymbol { ReducedFrom: { } reduced } => reduced.Name,
        _ => member.Name,
    };
}
