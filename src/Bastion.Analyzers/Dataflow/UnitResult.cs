using System.Collections.Immutable;

namespace Bastion.Analyzers.Dataflow;

/// <summary>One analysed body: its findings (when analysed as the place of report) and its summary.</summary>
internal sealed class UnitResult
{
    public UnitResult(ImmutableArray<TaintFinding> findings, MethodSummary summary, int height, bool dependsOnPath)
    {
        Findings = findings;
        Summary = summary;
        Height = height;
        DependsOnPath = dependsOnPath;
    }

    public ImmutableArray<TaintFinding> Findings { get; }

    public MethodSummary Summary { get; }

    /// <summary>How many calls deep the analysis went below this body; <see cref="int.MaxValue"/> when it was cut by the depth bound.</summary>
    public int Height { get; }

    /// <summary>The analysis met a method already being analysed on the current call path (recursion), so its result
    /// depends on that path and is not memoised.</summary>
    public bool DependsOnPath { get; }
}
