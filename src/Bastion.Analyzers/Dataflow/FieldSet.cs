using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>A small immutable set of fields (a value rarely depends on more than a few): an array with linear lookup,
/// which unions without allocating when one side already holds the other.</summary>
internal sealed class FieldSet : IEnumerable<ISymbol>
{
    private readonly ISymbol[] items;

    public FieldSet(ISymbol[] items) => this.items = items;

    public bool Contains(ISymbol symbol)
    {
        foreach (var item in items)
        {
            if (SymbolEqualityComparer.Default.Equals(item, symbol))
            {
                return true;
            }
        }

        return false;
    }

    public FieldSet Union(FieldSet other)
    {
        if (ReferenceEquals(this, other))
        {
            return this;
        }

        List<ISymbol>? added = null;
        foreach (var item in other.items)
        {
            if (!Contains(item))
            {
                (added ??= new List<ISymbol>()).Add(item);
            }
        }

        if (added is null)
        {
            return this;
        }

        var merged = new ISymbol[items.Length + added.Count];
        items.CopyTo(merged, 0);
        added.CopyTo(merged, items.Length);
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
