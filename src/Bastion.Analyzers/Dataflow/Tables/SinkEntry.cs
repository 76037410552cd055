namespace Bastion.Analyzers.Dataflow;

/// <summary>One line of a sink table: the members, which of their values must not carry untrusted data, the rule that
/// reports it and the sink kind (its bit in <see cref="TaintValue.Open"/>, so that only that kind's sanitizers clear it).
/// <see cref="Parameters"/> names the parameters (comma-separated; <see cref="AnyString"/> for every string parameter,
/// <see cref="AnyValue"/> for every string, object or generic one); a property or indexer line leaves it empty and means
/// the value written. <see cref="When"/> narrows a line to calls whose named
/// parameter is one of some constants (<c>SetEnvironmentVariable</c> of <c>PATH</c>).</summary>
internal sealed class SinkEntry
{
    public SinkEntry(string ruleId, ulong kind, ApiMember member, string parameters = "", (string Parameter, string Values)? when = null, string? description = null)
    {
        Description = description;
        When = when is { } w ? (w.Parameter, w.Values.Split(',')) : null;
        RuleId = ruleId;
        Kind = kind;
        Member = member;
        Parameters = parameters.Length == 0 ? System.Array.Empty<string>() : parameters.Split(',');
    }

    public string RuleId { get; }

    /// <summary>How a message names the sink when the member's own type and name would not say it (an interface's
    /// property written through an implementation); null for <c>Type.Member</c>.</summary>
    public string? Description { get; }

    public ulong Kind { get; }

    public ApiMember Member { get; }

    public string[] Parameters { get; }

    public (string Parameter, string[] Values)? When { get; }

    /// <summary>Every string parameter.</summary>
    public const string AnyString = "*";

    /// <summary>Every parameter that takes text or any value: a string is written as it is, an object or a generic value
    /// is serialized or rendered, so its members are read too (<see cref="TaintSink.ReadsMembers"/>).</summary>
    public const string AnyValue = "**";

    public bool AnyStringParameter => Parameters.Length == 1 && Parameters[0] == AnyString;

    public bool AnyValueParameter => Parameters.Length == 1 && Parameters[0] == AnyValue;
}
