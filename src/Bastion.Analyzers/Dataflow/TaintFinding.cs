using Microsoft.CodeAnalysis;

namespace Bastion.Analyzers.Dataflow;

/// <summary>A flow of untrusted data into a sink, found in the method where it is reported.</summary>
internal sealed class TaintFinding
{
    public TaintFinding(SyntaxNode eventSyntax, SyntaxNode reportAt, TaintSink sink, TaintOrigin source, string? via)
    {
        EventSyntax = eventSyntax;
        ReportAt = reportAt;
        Sink = sink;
        Source = source;
        Via = via;
    }

    /// <summary>The invocation, creation or assignment at which the flow completes in this method.</summary>
    public SyntaxNode EventSyntax { get; }

    public SyntaxNode ReportAt { get; }

    /// <summary>The sink; its value's syntax may be in another method or file.</summary>
    public TaintSink Sink { get; }

    public TaintOrigin Source { get; }

    /// <summary>The method of this compilation through which the value reaches the sink, when the sink is in another method.</summary>
    public string? Via { get; }
}
