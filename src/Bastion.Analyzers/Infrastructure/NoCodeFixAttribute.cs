using System;

namespace Bastion.Analyzers.Infrastructure;

/// <summary>Marks an analyzer whose rules have no automatic fix, with the reason (checked by the catalogue tests).
/// With <see cref="RuleId"/>, only that rule of the analyzer has no fix.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
internal sealed class NoCodeFixAttribute : Attribute
{
    public NoCodeFixAttribute(string reason) => Reason = reason;

    public string Reason { get; }

    public string? RuleId { get; set; }
}
