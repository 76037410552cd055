using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>The taint of every tracked storage at one program point: locals, parameters, flow captures of the
/// control-flow graph, and fields and auto-properties (by symbol, not by instance). A local, parameter or capture that
/// is absent is clean; a field that is absent has its default (<see cref="TaintState"/>'s caller supplies it), so a
/// field written clean is stored explicitly.</summary>
internal sealed class TaintState
{
    private readonly Dictionary<object, TaintValue> values;

    public TaintState()
        : this(new Dictionary<object, TaintValue>(KeyComparer.Instance))
    {
    }

    private TaintState(Dictionary<object, TaintValue> values) => this.values = values;

    public int Count => values.Count;

    public static bool IsMemberKey(object key) => key is IFieldSymbol or IPropertySymbol;

    public TaintValue Read(object key, Func<object, TaintValue> memberDefault) =>
        values.TryGetValue(key, out var value) ? value : IsMemberKey(key) ? memberDefault(key) : TaintValue.Clean;

    public void Set(object key, TaintValue value)
    {
        if (value.IsClean && !IsMemberKey(key))
        {
            values.Remove(key);
        }
        else
        {
            values[key] = value;
        }
    }

    public TaintState Clone() => new(new Dictionary<object, TaintValue>(values, KeyComparer.Instance));

    /// <summary>Joins <paramref name="other"/> into this state (a may-analysis: a value is tainted if it is on any path).</summary>
    public void JoinWith(TaintState other, Func<object, TaintValue> memberDefault)
    {
        foreach (var pair in other.values)
        {
            values[pair.Key] = Read(pair.Key, memberDefault).Join(pair.Value);
        }

        List<object>? onlyHere = null;
        foreach (var pair in values)
        {
            if (IsMemberKey(pair.Key) && !other.values.ContainsKey(pair.Key))
            {
                (onlyHere ??= new List<object>()).Add(pair.Key);
            }
        }

        if (onlyHere is not null)
        {
            foreach (var key in onlyHere)
            {
                values[key] = values[key].Join(memberDefault(key));
            }
        }
    }

    public bool SameAs(TaintState? other, Func<object, TaintValue> memberDefault)
    {
        if (other is null)
        {
            return false;
        }

        foreach (var pair in values)
        {
            if (!pair.Value.SameAs(other.Read(pair.Key, memberDefault)))
            {
                return false;
            }
        }

        foreach (var pair in other.values)
        {
            if (!values.ContainsKey(pair.Key) && !pair.Value.SameAs(Read(pair.Key, memberDefault)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Symbols compare as symbols; capture IDs by value.</summary>
    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj is CaptureId id ? id.GetHashCode() : obj.GetHashCode();
    }
}
