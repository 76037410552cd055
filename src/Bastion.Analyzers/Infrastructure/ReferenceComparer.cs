using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Compares objects by reference (netstandard2.0 has no <c>ReferenceEqualityComparer</c>).</summary>
internal sealed class ReferenceComparer : IEqualityComparer<object>
{
    public static readonly ReferenceComparer Instance = new();

    private ReferenceComparer()
    {
    }

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
}
