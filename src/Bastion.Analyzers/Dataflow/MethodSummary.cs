using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What a method does with untrusted data, for its callers: the return value's taint, the sinks its parameters
/// and fields reach, the fields and <c>out</c>/<c>ref</c> parameters it writes. Values are expressed over the method's
/// parameters (bits) and the fields it reads before writing them, so a caller substitutes its own arguments.</summary>
internal sealed class MethodSummary
{
    public static readonly MethodSummary Empty = new(TaintValue.Clean, ImmutableArray<SinkFlow>.Empty, ImmutableArray<KeyValuePair<ISymbol, TaintValue>>.Empty, ImmutableArray<KeyValuePair<int, TaintValue>>.Empty);

    public MethodSummary(TaintValue returnValue, ImmutableArray<SinkFlow> sinks, ImmutableArray<KeyValuePair<ISymbol, TaintValue>> fieldWrites, ImmutableArray<KeyValuePair<int, TaintValue>> outParameters)
    {
        Return = returnValue;
        Sinks = sinks;
        FieldWrites = fieldWrites;
        OutParameters = outParameters;
    }

    public TaintValue Return { get; }

    public ImmutableArray<SinkFlow> Sinks { get; }

    public ImmutableArray<KeyValuePair<ISymbol, TaintValue>> FieldWrites { get; }

    public ImmutableArray<KeyValuePair<int, TaintValue>> OutParameters { get; }
}
