using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>A value that must not carry untrusted data: an argument or an assigned value, the rule it belongs to, and how a
/// message names the sink (<c>SqlConnection.ConnectionString</c>).</summary>
internal sealed class TaintSink
{
    public TaintSink(IOperation value, string ruleId, string description, bool readsMembers = false, ulong kinds = SinkKinds.Unsanitizable)
    {
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

    public string Description { get; }
}

/// <summary>Decides which values of an operation (an invocation, object creation or assignment) are sinks, for the rules
/// of one family. The engine asks it for every such operation it evaluates, so it must be cheap: names first, types after.</summary>
internal interface ITaintSinkCatalog
{
    void Collect(IOperation operation, List<TaintSink> sinks);

    /// <summary>Whether writing untrusted data through this indexer or property leaves the receiver safe to use: a
    /// connection-string builder quotes what it is given, so <c>builder["Server"] = input</c> does not taint the builder.</summary>
    bool IsNeutralizingReceiver(ITypeSymbol? type);
}

/// <summary>What a family counts as its sources: the untrusted data of the configuration family (<see cref="TaintSources"/>),
/// or the sensitive data of the exposure family (secrets, exception details). The engine asks it about every property
/// read and invocation it evaluates, and about each parameter of a body it analyses, so it must be cheap.</summary>
internal interface ITaintSourceCatalog
{
    /// <summary>How a message names what <paramref name="operation"/> reads, or null when it reads no source.</summary>
    string? Describe(IOperation operation);

    /// <summary>For a call that fills a buffer argument with source data (<c>stream.Read(buffer, …)</c>), how it is named.</summary>
    string? DescribeBufferFill(Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation);

    /// <summary>How a message names a parameter that holds source data on entry, or null.</summary>
    string? DescribeParameter(IParameterSymbol parameter, IMethodSymbol method, IOperation? unit);
}
