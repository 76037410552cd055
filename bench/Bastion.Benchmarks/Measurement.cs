namespace Bastion.Benchmarks;

/// <summary>One set's medians over the rounds of a run, and the rounds themselves.</summary>
internal sealed record Measurement(string Set, double AnalyzerSeconds, double WallSeconds, double CpuSeconds, double AllocatedMegabytes, double GcPauseSeconds, double Collections, int Diagnostics, int Exceptions, IReadOnlyDictionary<string, double> PerAnalyzer)
{
    /// <summary>Wall seconds of each round, in round order (for <see cref="Paired"/>): the medians above lose the pairing.</summary>
    public IReadOnlyList<double> WallRounds { get; init; } = Array.Empty<double>();

    /// <summary>Processor seconds of each round, in round order.</summary>
    public IReadOnlyList<double> CpuRounds { get; init; } = Array.Empty<double>();

    /// <summary>For a <c>cpu:</c> set, the median thread processor time its analyzers' callbacks took; otherwise NaN.</summary>
    public double ThreadCpuSeconds { get; init; } = double.NaN;

    /// <summary>For a <c>cpu:</c> set, how many callbacks one run timed.</summary>
    public long Callbacks { get; init; }

    /// <summary>For a <c>cpu:</c> set, the median megabytes its analyzers' callbacks allocated in a run; otherwise NaN.</summary>
    public double CallbackMegabytes { get; init; } = double.NaN;

    /// <summary>For a <c>cpu:</c> set, each analyzer's median thread processor time (clock included) and megabytes allocated
    /// in its callbacks.</summary>
    public IReadOnlyDictionary<string, (double Seconds, double Megabytes, long Callbacks)> PerAnalyzerThread { get; init; } = new Dictionary<string, (double, double, long)>();
}
