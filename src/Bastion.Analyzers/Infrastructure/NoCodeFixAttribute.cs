using System;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Marks an analyzer whose rules have no automatic fix, with the reason (checked by the catalogue tests).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class NoCodeFixAttribute : Attribute
{
    public NoCodeFixAttribute(string reason) => Reason = reason;

    public string Reason { get; }
}
