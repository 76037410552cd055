using System;
using System.Collections.Generic;
using System.Linq;

namespace Bastion.Benchmarks;

/// <summary>What one set adds over another, round by round. The sets of a round run back to back, so a slow spell of the
/// machine falls on both alike; a difference of medians taken apart mixes two rounds' spells (medians drifted by ±0.06×
/// between runs of the same command, as much as the changes being measured).</summary>
internal static class Paired
{
    /// <summary>Each round's <c>(set − floor) / baseline</c>, the three measured in that round, and their median with its
    /// interval. The lists are in round order and of equal length.</summary>
    public static Interval Overhead(IReadOnlyList<double> set, IReadOnlyList<double> floor, IReadOnlyList<double> baseline)
    {
        if (set.Count != floor.Count || set.Count != baseline.Count)
        {
            throw new ArgumentException("Every set needs one measurement per round.", nameof(set));
        }

        var differences = new List<double>(set.Count);
        for (var round = 0; round < set.Count; round++)
        {
            if (baseline[round] > 0)
            {
                differences.Add((set[round] - floor[round]) / baseline[round]);
            }
        }

        return Median(differences);
    }

    /// <summary>The median of <paramref name="values"/> and the 95% interval from the sign test: the k-th smallest and
    /// k-th largest value, for the largest k with P(Binomial(n, ½) &lt; k) ≤ 2.5%. Needs at least 6 values.</summary>
    public static Interval Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var n = sorted.Length;
        if (n == 0)
        {
            return new Interval(double.NaN, double.NegativeInfinity, double.PositiveInfinity, 0);
        }

        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var k = LowerRank(n);
        return k == 0
            ? new Interval(median, double.NegativeInfinity, double.PositiveInfinity, n)
            : new Interval(median, sorted[k - 1], sorted[n - k], n);
    }

    /// <summary>The 1-based rank k of the interval's ends (0 when no k gives 95%): the largest k with
    /// P(X ≤ k − 1) ≤ 0.025 for X ~ Binomial(n, ½). For 20 rounds, 6: the 6th and 15th of the sorted values.</summary>
    public static int LowerRank(int n)
    {
        var k = 0;
        var cumulative = 0.0;
        var term = Math.Pow(0.5, n); // P(X = 0)
        for (var j = 0; j < n / 2; j++)
        {
            cumulative += term;
            if (cumulative > 0.025)
            {
                break;
            }

            k = j + 1;
            term = term * (n - j) / (j + 1);
        }

        return k;
    }
}
