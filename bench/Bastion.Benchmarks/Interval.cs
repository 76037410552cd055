namespace Bastion.Benchmarks;

/// <summary>A median with a distribution-free 95% confidence interval (<see cref="Low"/> and <see cref="High"/> are
/// order statistics of the rounds; infinite when there are too few rounds for one).</summary>
internal readonly record struct Interval(double Median, double Low, double High, int Rounds)
{
    public bool IsResolved => !double.IsInfinity(Low) && !double.IsInfinity(High);

    /// <summary>Whether the median is at most <paramref name="line"/>: "met" when the whole interval is, "NOT met" when
    /// none of it is, otherwise the rounds cannot tell.</summary>
    public string Against(double line) => High <= line ? "met" : Low > line ? "NOT met" : "not resolved by these rounds";
}
