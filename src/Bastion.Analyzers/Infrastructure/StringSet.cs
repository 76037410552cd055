using System;
using System.Collections.Generic;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>A fixed set of names, looked up by ordinal comparison. A <see cref="HashSet{T}"/> rather than an
/// <c>ImmutableHashSet</c>: these sets are asked about every call, property and identifier of a build, and an
/// immutable set's lookup walks a tree of buckets. Never changed after it is made, so concurrent reads are safe.</summary>
internal static class StringSet
{
    public static HashSet<string> Of(params string[] names) => new(names, StringComparer.Ordinal);

    public static HashSet<string> Of(StringComparer comparer, params string[] names) => new(names, comparer);
}
