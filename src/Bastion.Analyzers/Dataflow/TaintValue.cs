using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>What a value may carry, as the taint engine tracks it: untrusted data (one <see cref="Source"/> is kept to
/// name in messages), and — inside a method summary — which parameters (<see cref="Parameters"/>, bit per ordinal) and
/// which fields read before any write in the method (<see cref="Fields"/>) it may come from. The lattice part (whether
/// there is a source, the bits, the field set, the sink kinds still open) only grows under <see cref="Join"/>, so the
/// fixpoint terminates; the representative source is carried along and does not take part in comparisons.</summary>
internal readonly struct TaintValue
{
    /// <summary>Every sink kind open: what a source or a parameter carries before any sanitizer.</summary>
    public const ulong AllKinds = ulong.MaxValue;

    public TaintValue(TaintOrigin? source, ulong parameters, FieldSet? fields, ulong open = AllKinds)
    {
        Source = source;
        Parameters = parameters;
        Fields = fields;
        Open = source is null && parameters == 0 && fields is null ? 0 : open;
    }

    public TaintOrigin? Source { get; }

    public ulong Parameters { get; }

    public FieldSet? Fields { get; }

    /// <summary>The sink kinds (a bit each, <see cref="SinkKinds"/>) this value may still harm: a sanitizer for a kind
    /// (an HTML encoder, an XPath escaper) clears its bit, and a join keeps what either side leaves open.</summary>
    public ulong Open { get; }

    public static TaintValue Clean => default;

    public bool IsClean => Source is null && Parameters == 0 && Fields is null;

    public bool IsTainted => Source is not null;

    /// <summary>A source's value: every sink kind open, or only <see cref="SinkKinds.Amount"/> for an uncontrolled number.</summary>
    public static TaintValue FromSource(TaintOrigin origin) => new(origin, 0, null, origin.Uncontrolled ? SinkKinds.Amount : AllKinds);

    /// <summary>Parameters beyond the 64th are not tracked (their flows are missed, never invented).</summary>
    public static TaintValue FromParameter(int ordinal) => ordinal < 64 ? new(null, 1UL << ordinal, null) : Clean;

    public static TaintValue FromField(ISymbol field) => new(null, 0, new FieldSet(new[] { field }));

    /// <summary>A value that depends on these fields only (none: clean), harmful to the sink kinds <paramref name="open"/>.</summary>
    public static TaintValue FromFields(ICollection<ISymbol> fields, ulong open)
    {
        if (fields.Count == 0)
        {
            return Clean;
        }

        var items = new ISymbol[fields.Count];
        fields.CopyTo(items, 0);
        return new(null, 0, new FieldSet(items), open);
    }

    /// <summary>This value with <paramref name="fields"/> in place of its own.</summary>
    public TaintValue WithFields(FieldSet? fields) => new(Source, Parameters, fields, Open);

    public TaintValue Join(TaintValue other)
    {
        if (other.IsClean)
        {
            return this;
        }

        if (IsClean)
        {
            return other;
        }

        var fields = Fields is null ? other.Fields : other.Fields is null ? Fields : Fields.Union(other.Fields);
        var source = Representative(Source, other.Source);
        if (ReferenceEquals(source, Source) && Parameters == (Parameters | other.Parameters) && ReferenceEquals(fields, Fields) &&
            Open == (Open | other.Open))
        {
            return this;
        }

        return new TaintValue(source, Parameters | other.Parameters, fields, Open | other.Open);
    }

    /// <summary>The source a message names: the first one, unless only the other is input an attacker chooses.</summary>
    private static TaintOrigin? Representative(TaintOrigin? first, TaintOrigin? second) =>
        first is null || first.Uncontrolled && second is { Uncontrolled: false } ? second ?? first : first;

    public TaintValue WithoutSource() => new(null, Parameters, Fields, Open);

    /// <summary>This value after a sanitizer for <paramref name="kinds"/>: still carried, harmless to those sinks.</summary>
    public TaintValue Sanitized(ulong kinds) => kinds == 0 || IsClean ? this : new(Source, Parameters, Fields, Open & ~kinds);

    /// <summary>This value as far as what <paramref name="through"/> leaves open (a summary's value after its sanitizers).</summary>
    public TaintValue Restricted(ulong through) => through == AllKinds || IsClean ? this : new(Source, Parameters, Fields, Open & through);

    /// <summary>Whether the value can harm a sink of <paramref name="kinds"/>.</summary>
    public bool Reaches(ulong kinds) => (Open & kinds) != 0;

    /// <summary>Equality of the lattice part only; whether the representative is an uncontrolled number is part of it
    /// (it changes only from uncontrolled to chosen input, so the fixpoint still terminates).</summary>
    public bool SameAs(TaintValue other) =>
        (Source is null) == (other.Source is null) && Source?.Uncontrolled == other.Source?.Uncontrolled && Parameters == other.Parameters && Open == other.Open &&
        (Fields is null ? other.Fields is null : other.Fields is not null && Fields.SetEquals(other.Fields));
}
