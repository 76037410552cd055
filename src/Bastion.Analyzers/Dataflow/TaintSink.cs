using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>A value that must not carry untrusted data: an argument or an assigned value, the rule it belongs to, and how a
/// message names the sink (<c>SqlConnection.ConnectionString</c>).</summary>
internal sealed class TaintSink
{
    public TaintSink(IOperation value, string ruleId, string description, bool readsMembers = false, ulong kinds = SinkKinds.Unsanitizable, SyntaxNode? loop = null)
    {
        Loop = loop;
        Value = value;
        RuleId = ruleId;
        Description = description;
        ReadsMembers = readsMembers;
        Kinds = kinds;
    }

    /// <summary>The sink's kind, a bit of <see cref="TaintValue.Open"/>: a value sanitized for it does not count here.</summary>
    public ulong Kinds { get; }

    public IOperation Value { get; }

    /// <summary>The sink reads the object's members (a response body is serialized, a view renders its model): an object
    /// of this compilation is tainted there when one of its fields or properties is.</summary>
    public bool ReadsMembers { get; }

    public string RuleId { get; }

    /// <summary>The loop whose condition this value bounds, when it is a loop bound.</summary>
    public SyntaxNode? Loop { get; }

    public string Description { get; }
}
