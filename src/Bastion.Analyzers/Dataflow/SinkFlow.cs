

namespace Bastion.Analyzers.Dataflow;

/// <summary>A sink a method's parameters or fields reach: what the summary tells its callers.</summary>
internal readonly struct SinkFlow
{
    public SinkFlow(TaintSink sink, TaintValue value)
    {
        Sink = sink;
        Value = value;
    }

    public TaintSink Sink { get; }

    public TaintValue Value { get; }
}
