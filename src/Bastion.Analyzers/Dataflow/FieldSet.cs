using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>An immutable set of fields: an array, with linear lookup while it is small. In a large type a summary's value
/// can depend on hundreds of fields, and each union would compare every pair; past <see cref="IndexedFrom"/> elements
/// a hash index (built on first use, immutable once published) answers lookups. A union allocates nothing when one side
/// already holds the other.</summary>
internal sealed class FieldSet : IEnumerable<ISymbol>
{
    private const int IndexedFrom = 8;

    private readonly ISymbol[] items;
    private HashSet<ISymbol>? index;

    public FieldSet(ISymbol[] items) => this.items = items;

    public bool Contains(ISymbol symbol)
    {
        if (items.Length >= IndexedFrom)
        {
            return Index().Contains(symbol);
        }

        foreach (var item in items)
        {
            if (SymbolEqualityComparer.Default.Equals(item, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private HashSet<ISymbol> Index()
    {
        var built = Volatile.Read(ref index);
        if (built is null)
        {
            built = new HashSet<ISymbol>(items, SymbolEqualityComparer.Default);
            Interlocked.CompareExchange(ref index, built, null);
        }

        return built;
    }

    public FieldSet Union(FieldSet other)
    {
        if (ReferenceEquals(this, other))
        {
            return this;
        }

        // The smaller side is looked up in the larger: a set mostly grows by joining a smaller one, or one it holds.
        var (large, small) = items.Length >= other.items.Length ? (this, other) : (other, this);
        List<ISymbol>? added = null;
        foreach (var item in small.items)
        {
            if (!large.Contains(item))
            {
                (added ??= new List<ISymbol>()).Add(item);
            }
        }

        if (added is null)
        {
            return large;
        }

        var merged = new ISymbol[large.items.Length + added.Count];
        large.items.CopyTo(merged, 0);
        added.CopyTo(merged, large.items.Length);
        return new FieldSet(merged);
    }

    public bool SetEquals(FieldSet other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (items.Length != other.items.Length)
        {
            return false;
        }

        foreach (var item in other.items)
        {
            if (!Contains(item))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<ISymbol> GetEnumerator() => ((IEnumerable<ISymbol>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
