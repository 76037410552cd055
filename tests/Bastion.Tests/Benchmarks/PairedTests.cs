using System;
using System.Linq;
using Bastion.Benchmarks;
using Xunit;

namespace Bastion.Tests.Benchmarks;

public sealed class PairedTests
{
    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(12, 3)]
    [InlineData(16, 4)]
    [InlineData(20, 6)]
    [InlineData(30, 10)]
    public void LowerRank_IsTheSignTestsRankForNinetyFivePercent(int rounds, int rank) =>
        Assert.Equal(rank, Paired.LowerRank(rounds));

    [Fact]
    public void LowerRank_AgreesWithTheBinomialDistribution_ForEveryCountUpToSixty()
    {
        for (var n = 1; n <= 60; n++)
        {
            var k = Paired.LowerRank(n);

            // P(X ≤ k − 1) ≤ 2.5% and P(X ≤ k) > 2.5%, with X ~ Binomial(n, ½), summed exactly in decimal.
            Assert.True(k == 0 || Tail(n, k - 1) <= 0.025m, $"n = {n}, k = {k}: the interval is too narrow");
            Assert.True(Tail(n, k) > 0.025m, $"n = {n}, k = {k}: a wider rank would still do");
        }
    }

    [Fact]
    public void Median_GivesTheOrderStatisticsOfTheRanks()
    {
        // 20 values, shuffled: the interval is the 6th and 15th smallest.
        var values = new[] { 14, 3, 20, 9, 1, 17, 6, 12, 19, 2, 8, 15, 5, 11, 18, 4, 13, 7, 16, 10 }.Select(v => (double)v).ToArray();

        var interval = Paired.Median(values);

        Assert.Equal(10.5, interval.Median);
        Assert.Equal(6, interval.Low);
        Assert.Equal(15, interval.High);
        Assert.Equal(20, interval.Rounds);
        Assert.True(interval.IsResolved);
    }

    [Fact]
    public void Median_OfTooFewRounds_HasNoInterval()
    {
        var interval = Paired.Median(new[] { 0.1, 0.2, 0.3, 0.4, 0.5 });

        Assert.Equal(0.3, interval.Median);
        Assert.False(interval.IsResolved);
        Assert.Equal("not resolved by these rounds", interval.Against(0.15));
    }

    [Fact]
    public void Overhead_PairsTheRounds_SoASlowSpellOfTheMachineCancelsOut()
    {
        // The machine slows down in the last rounds, and every set takes longer there: each set's own times span 1.1 to
        // 1.65, an interval wider than the line. Round by round the set adds exactly 0.05 to the floor, and the paired
        // interval says so.
        var compile = new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 };
        var floor = new[] { 1.1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.6, 1.6, 1.6, 1.6 };
        var set = floor.Select(f => f + 0.05).ToArray();

        var interval = Paired.Overhead(set, floor, compile);

        Assert.Equal(0.05, interval.Median, 9);
        Assert.Equal(0.05, interval.Low, 9);
        Assert.Equal(0.05, interval.High, 9);
        Assert.Equal("met", interval.Against(0.15));
    }

    [Fact]
    public void Overhead_IsOverEachRoundsOwnBaseline()
    {
        var compile = new[] { 1.0, 2.0, 4.0, 1.0, 2.0, 4.0 };
        var floor = new[] { 1.0, 2.0, 4.0, 1.0, 2.0, 4.0 };
        var set = new[] { 1.1, 2.2, 4.4, 1.1, 2.2, 4.4 };

        Assert.Equal(0.1, Paired.Overhead(set, floor, compile).Median, 9);
    }

    [Theory]
    [InlineData(0.10, 0.08, 0.14, "met")]
    [InlineData(0.12, 0.08, 0.16, "not resolved by these rounds")]
    [InlineData(0.20, 0.16, 0.25, "NOT met")]
    [InlineData(0.15, 0.10, 0.15, "met")]
    public void Against_SaysMetOnlyWhenTheWholeIntervalIsUnderTheLine(double median, double low, double high, string verdict) =>
        Assert.Equal(verdict, new Interval(median, low, high, 20).Against(0.15));

    [Fact]
    public void Overhead_RefusesRoundsThatDoNotLineUp() =>
        Assert.Throws<ArgumentException>(() => Paired.Overhead(new[] { 1.0, 2.0 }, new[] { 1.0 }, new[] { 1.0, 1.0 }));

    private static decimal Tail(int n, int k)
    {
        // Exact: C(n, i) / 2^n summed for i ≤ k.
        decimal sum = 0, term = 1;
        for (var i = 0; i <= k; i++)
        {
            sum += term;
            term = term * (n - i) / (i + 1);
        }

        decimal total = 1;
        for (var i = 0; i < n; i++)
        {
            total *= 2;
        }

        return sum / total;
    }
}
