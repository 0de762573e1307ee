using MathNet.Numerics.Random;
using Audit.Fairness.Cells;

namespace Audit.Fairness.Bootstrap;

/// <summary>
/// The nonparametric bootstrap of count-based metrics, computed from group statistics instead of rows.
/// Resampling N rows with replacement puts each row in one of the (cell × label × decision) slots with probability
/// (rows in the slot) / N, independently, so the resampled slot counts are one Multinomial(N, counts / N) draw: every
/// metric that is a function of the slot counts has exactly the same bootstrap distribution as under the row
/// bootstrap, at O(slots) per replicate instead of O(N) (docs/methodology.md, "Bootstrap intervals").
/// </summary>
/// <remarks>
/// <para>
/// Which rows this is valid for: unweighted rows, and frequency-weighted rows (a row of weight w stands for w people;
/// pass <c>frequencyWeights: true</c>) where the people are resampled: a slot's probability is its weight sum rounded
/// to a whole number of people, over the total. In a replicate the weights equal the counts (rows, or people for
/// frequency weights). Sampling (survey) weights are refused: a row's weight then travels with the row, which slot
/// counts cannot express; use <see cref="PoissonBootstrap"/>.
/// </para>
/// <para>
/// Deterministic: replicates are drawn one after another from MathNet's <c>Xoshiro256StarStar</c> seeded with
/// <c>seed</c>, so the same statistics, replicate count and seed give the same replicates, and the methods below give
/// each other's replicates.
/// </para>
/// </remarks>
public static class StatisticsBootstrap
{
    /// <summary>Slots per cell: label (0, 1, unknown) × decision (0, 1), as in <see cref="GroupStatistics.RawCounts"/>.</summary>
    private const int SlotsPerCell = 6;

    /// <summary>
    /// <paramref name="replicates"/> bootstrap replicates of <paramref name="stats"/>, each a multinomial draw of the
    /// total over all slots (lazily: one statistics object per replicate enumerated).
    /// </summary>
    /// <param name="frequencyWeights">True when the weights are frequency weights (see the class remarks).</param>
    /// <exception cref="ArgumentException">The statistics carry weights other than the counts and
    /// <paramref name="frequencyWeights"/> is false.</exception>
    public static IEnumerable<GroupStatistics> Replicates(GroupStatistics stats, int replicates, int seed, bool frequencyWeights = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        var draw = new ReplicateDraw(stats, seed, frequencyWeights);
        return Enumerate(stats, draw, replicates);
    }

    /// <summary>
    /// The percentile interval of a metric of the statistics: the metric on each replicate of
    /// <see cref="Replicates"/>, replicates where it is undefined (null or not finite) skipped.
    /// </summary>
    /// <param name="confidence">Coverage of the interval, strictly between 0 and 1.</param>
    public static BootstrapInterval PercentileInterval(GroupStatistics stats, Func<GroupStatistics, double?> metric, int replicates, int seed, double confidence = 0.95, bool frequencyWeights = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        BootstrapInterval.CheckConfidence(confidence);
        return PercentileInterval(Replicates(stats, replicates, seed, frequencyWeights), metric, confidence);
    }

    /// <summary>
    /// The percentile interval of a metric over given replicates (from <see cref="Replicates"/> or
    /// <see cref="PoissonBootstrap.Accumulate"/>), replicates where it is undefined (null or not finite) skipped.
    /// </summary>
    public static BootstrapInterval PercentileInterval(IEnumerable<GroupStatistics> replicates, Func<GroupStatistics, double?> metric, double confidence = 0.95)
    {
        BootstrapInterval.CheckConfidence(confidence);
        var values = new List<double>();
        foreach (var replicate in replicates)
        {
            if (metric(replicate) is { } v && double.IsFinite(v))
            {
                values.Add(v);
            }
        }
        return BootstrapInterval.FromValues(values.ToArray(), values.Count, confidence);
    }

    /// <summary>
    /// Percentile intervals of several metrics from the same replicates, without building a statistics object per
    /// replicate: each metric sees the replicate's <see cref="ConfusionCounts"/> per cell, indexed like
    /// <see cref="GroupStatistics.Cell"/> (for example <c>cells =&gt; GroupRate.SelectionRate.Compute(cells[3]).Value</c>).
    /// The counts are reused from one replicate to the next: a metric must not keep them. Gives the same intervals as
    /// <see cref="PercentileInterval(GroupStatistics, Func{GroupStatistics, double?}, int, int, double, bool)"/> with
    /// the same seed.
    /// </summary>
    /// <returns>One interval per metric, in order.</returns>
    public static BootstrapInterval[] PercentileIntervals(GroupStatistics stats, IReadOnlyList<Func<ReadOnlySpan<ConfusionCounts>, double?>> metrics, int replicates, int seed, double confidence = 0.95, bool frequencyWeights = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        BootstrapInterval.CheckConfidence(confidence);
        var draw = new ReplicateDraw(stats, seed, frequencyWeights);
        var cellCount = stats.CellCount;
        var cellCounts = new long[cellCount][];
        var cellWeights = new double[cellCount][];
        var cells = new ConfusionCounts[cellCount];
        for (var c = 0; c < cellCount; c++)
        {
            cellCounts[c] = new long[SlotsPerCell];
            cellWeights[c] = new double[SlotsPerCell];
            cells[c] = new ConfusionCounts(cellCounts[c], cellWeights[c]);
        }
        var values = new double[metrics.Count][];
        for (var j = 0; j < values.Length; j++)
        {
            values[j] = new double[replicates];
        }
        var valid = new int[metrics.Count];
        for (var b = 0; b < replicates; b++)
        {
            var drawn = draw.Next();
            for (var c = 0; c < cellCount; c++)
            {
                var counts = cellCounts[c];
                var weights = cellWeights[c];
                for (var s = 0; s < SlotsPerCell; s++)
                {
                    counts[s] = drawn[c * SlotsPerCell + s];
                    weights[s] = counts[s];
                }
            }
            for (var j = 0; j < values.Length; j++)
            {
                if (metrics[j](cells) is { } v && double.IsFinite(v))
                {
                    values[j][valid[j]++] = v;
                }
            }
        }
        var intervals = new BootstrapInterval[metrics.Count];
        for (var j = 0; j < intervals.Length; j++)
        {
            intervals[j] = BootstrapInterval.FromValues(values[j], valid[j], confidence);
        }
        return intervals;
    }

    private static IEnumerable<GroupStatistics> Enumerate(GroupStatistics stats, ReplicateDraw draw, int replicates)
    {
        var weights = new double[draw.SlotCount];
        for (var b = 0; b < replicates; b++)
        {
            var counts = draw.Next();
            for (var s = 0; s < weights.Length; s++)
            {
                weights[s] = counts[s];
            }
            yield return GroupStatistics.FromCells(stats.Attributes, stats.Levels, counts, weights);
        }
    }

    /// <summary>The multinomial draws of one bootstrap: the slot probabilities, the generator and a reused buffer.</summary>
    private sealed class ReplicateDraw
    {
        private readonly long[] slotWeights;
        private readonly long total;
        private readonly long[] buffer;
        private readonly Xoshiro256StarStar random;

        public ReplicateDraw(GroupStatistics stats, int seed, bool frequencyWeights)
        {
            var counts = stats.RawCounts;
            var weights = stats.RawWeights;
            slotWeights = new long[counts.Length];
            for (var s = 0; s < counts.Length; s++)
            {
                if (frequencyWeights)
                {
                    if (!(weights[s] >= 0) || !double.IsFinite(weights[s]))
                    {
                        throw new ArgumentException($"Frequency weights must be finite and non-negative; slot {s} sums to {weights[s]}.", nameof(stats));
                    }
                    slotWeights[s] = (long)Math.Round(weights[s], MidpointRounding.ToEven);
                }
                else
                {
                    if (weights[s] != counts[s])
                    {
                        throw new ArgumentException(
                            "These statistics are weighted (a weight sum differs from its row count). For frequency weights pass frequencyWeights: true; " +
                            "sampling weights need the row-level PoissonBootstrap.", nameof(stats));
                    }
                    slotWeights[s] = counts[s];
                }
                total = checked(total + slotWeights[s]);
            }
            buffer = new long[counts.Length];
            random = new Xoshiro256StarStar(seed, threadSafe: false);
        }

        public int SlotCount => buffer.Length;

        /// <summary>The next replicate's slot counts (the buffer is overwritten by the next call).</summary>
        public long[] Next()
        {
            MultinomialSampler.Sample(random, total, slotWeights, buffer);
            return buffer;
        }
    }
}
