using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Scores;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness.Scores;

/// <summary>Invariants of the score statistics and the error bounds their doc comments state, on random data.</summary>
public sealed class ScoreStatisticsProperties
{
    /// <summary>Slack for rounding in the bounds (the bounds themselves are exact arithmetic).</summary>
    private const double Rounding = 1e-12;

    private static readonly string[] Levels = ["a", "b", "c", "d"];

    /// <summary>
    /// Additive: accumulating two chunks and merging equals accumulating all rows at once, bin for bin and sum for sum.
    /// Scores are multiples of 1/1024 and weights whole numbers, so every sum is exact and the equality is bitwise.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property MergeOfChunksEqualsTheWhole(PositiveInt seed, PositiveInt size, NonNegativeInt cutAt)
    {
        var n = size.Get % 300 + 1;
        var cut = cutAt.Get % (n + 1);
        var random = new Random(seed.Get);
        var codes = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();
        var scores = Enumerable.Range(0, n).Select(_ => random.Next(1025) / 1024.0).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(3) switch { 0 => (byte)0, 1 => (byte)1, _ => BooleanColumn.Missing }).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 5)).ToArray();
        var bins = random.Next(1, 100);

        var whole = ScoreStatistics.Accumulate([new GroupAssignment("g", codes, Levels)], scores, labels, weights, 0, 1, bins);
        var first = ScoreStatistics.Accumulate([new GroupAssignment("g", codes[..cut], Levels)], scores.AsSpan(0, cut), labels.AsSpan(0, cut), weights.AsSpan(0, cut), 0, 1, bins);
        var second = ScoreStatistics.Accumulate([new GroupAssignment("g", codes[cut..], Levels)], scores.AsSpan(cut), labels.AsSpan(cut), weights.AsSpan(cut), 0, 1, bins);
        var merged = first.Merge(second);

        var same = Enumerable.Range(0, whole.CellCount).All(c =>
        {
            var x = whole.Cell(c);
            var y = merged.Cell(c);
            return Enumerable.Range(0, 3).All(l =>
                x.Moments(l) == y.Moments(l) &&
                Enumerable.Range(0, bins).All(k => x.BinCount(k, l) == y.BinCount(k, l) && x.BinWeight(k, l) == y.BinWeight(k, l)));
        });
        return same.ToProperty();
    }

    /// <summary>The binned AUC is within its stated bound of the exact AUC, weighted or not, with ties and coarse bins.</summary>
    [Property(MaxTest = 300)]
    public Property HistogramAucIsWithinItsBoundOfTheExactAuc(PositiveInt seed, PositiveInt size, bool weighted)
    {
        var n = size.Get % 400 + 2;
        var random = new Random(seed.Get);
        var decimals = random.Next(1, 4); // 1 to 3 decimals: ties between and within bins
        var scores = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), decimals)).ToArray();
        var labels = scores.Select(s => random.NextDouble() < 0.2 ? BooleanColumn.Missing : random.NextDouble() < s ? (byte)1 : (byte)0).ToArray();
        var weights = weighted ? scores.Select(_ => 0.1 + 3 * random.NextDouble()).ToArray() : [];
        var bins = random.Next(1, 300);

        var exact = ScoreMetrics.ExactAuc(scores, labels, weights);
        var binned = ScoreMetrics.Auc(ScoreMetricsTests.OneGroup(scores, labels, weights, bins: bins));
        if (exact is null || binned is null)
        {
            return (exact is null && binned is null).ToProperty();
        }
        return (Math.Abs(exact.Value - binned.Value.Value) <= binned.Value.MaxError + Rounding)
            .Label($"exact {exact}, binned {binned}");
    }

    /// <summary>The ranking AUC equals counting every (label 1, label 0) pair: 1 when the label-1 row scores higher, ½ on a tie.</summary>
    [Property(MaxTest = 200)]
    public Property ExactAucEqualsPairCounting(PositiveInt seed, PositiveInt size, bool weighted)
    {
        var n = size.Get % 200 + 2;
        var random = new Random(seed.Get);
        var scores = Enumerable.Range(0, n).Select(_ => (double)random.Next(20)).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        var weights = weighted ? scores.Select(_ => (double)random.Next(1, 4)).ToArray() : [];
        double pairs = 0, won = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (labels[i] == 1 && labels[j] == 0)
                {
                    var w = weighted ? weights[i] * weights[j] : 1;
                    pairs += w;
                    won += w * (scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0);
                }
            }
        }
        var auc = ScoreMetrics.ExactAuc(scores, labels, weights);
        return (pairs == 0 ? auc is null : Math.Abs(auc!.Value - won / pairs) <= Rounding).ToProperty();
    }

    /// <summary>
    /// A binned quantile is within one bin width of the exact sorted-array quantile of the same definition
    /// (inverse empirical CDF: the ⌈p n⌉-th smallest score).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property QuantileIsWithinOneBinWidthOfTheSortedArrayQuantile(PositiveInt seed, PositiveInt size)
    {
        var n = size.Get % 500 + 1;
        var random = new Random(seed.Get);
        var lo = -5 + 10 * random.NextDouble();
        var hi = lo + 0.01 + 20 * random.NextDouble();
        // Skewed scores, some bunched at a few values (kept in [lo, hi], which lo + (hi − lo) can overshoot by rounding).
        var scores = Enumerable.Range(0, n)
            .Select(_ => Math.Min(hi, random.Next(4) == 0 ? lo + (hi - lo) * random.Next(5) / 4 : lo + (hi - lo) * Math.Pow(random.NextDouble(), 3)))
            .ToArray();
        var bins = random.Next(1, 2000);
        var group = ScoreMetricsTests.OneGroup(scores, [], lo: lo, hi: hi, bins: bins);
        var sorted = scores.Order().ToArray();
        var ps = new[] { 0, 1, random.NextDouble(), random.NextDouble(), random.NextDouble(), 0.5 };
        return ps.All(p =>
        {
            var exact = sorted[Math.Max(0, (int)Math.Ceiling(p * n) - 1)];
            return Math.Abs(ScoreMetrics.Quantile(group, p)!.Value - exact) <= group.BinWidth * (1 + 1e-9) + Rounding;
        }).ToProperty();
    }

    /// <summary>The binned KS distance is a lower bound of the exact one and within its stated error: binned ≤ exact ≤ binned + MaxError.</summary>
    [Property(MaxTest = 200)]
    public Property KolmogorovSmirnovIsWithinItsBoundOfTheExactDistance(PositiveInt seed, PositiveInt size)
    {
        var n = size.Get % 300 + 2;
        var random = new Random(seed.Get);
        var codes = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
        var scores = codes.Select(c => Math.Round(Math.Pow(random.NextDouble(), 1 + c), 2)).ToArray();
        var bins = random.Next(1, 200);
        var stats = ScoreStatistics.Accumulate([new GroupAssignment("g", codes, ["a", "b"])], scores, [], [], 0, 1, bins);
        var binned = ScoreMetrics.KolmogorovSmirnov(stats.Cell(0), stats.Cell(1));
        var a = scores.Where((_, i) => codes[i] == 0).ToArray();
        var b = scores.Where((_, i) => codes[i] == 1).ToArray();
        if (a.Length == 0 || b.Length == 0)
        {
            return (binned is null).ToProperty();
        }
        // The exact distance: the empirical CDFs only jump at data points, so the supremum is attained at one of them.
        var exact = scores.Max(x => Math.Abs(a.Count(s => s <= x) / (double)a.Length - b.Count(s => s <= x) / (double)b.Length));
        var d = binned!.Value;
        return (d.Value <= exact + Rounding && exact <= d.Value + d.MaxError + Rounding).Label($"exact {exact}, binned {d}");
    }
}
