using Audit.Fairness.Cells;

namespace Audit.Fairness.Scores;

/// <summary>
/// The oriented scores of one group cell (or of several cells together: <see cref="ScoreStatistics.Overall"/>,
/// <see cref="ScoreStatistics.Rest(int)"/>), split by label (0, 1, <see cref="ConfusionCounts.UnknownLabel"/>): a histogram
/// of row counts and of weight sums over <see cref="Bins"/> equal-width bins of [<see cref="Lo"/>, <see cref="Hi"/>],
/// and exact <see cref="ScoreMoments"/>. Every function of <see cref="ScoreMetrics"/> reads one or two of these.
/// </summary>
/// <remarks>
/// Bin k holds the scores s with k = ⌊(s − lo) · B / (hi − lo)⌋ (the last bin also holds s = hi), that is
/// [<see cref="BinLower"/>(k), <see cref="BinUpper"/>(k)), up to the rounding of that one multiplication.
/// A view: it shares the arrays of the statistics it comes from, which are never changed.
/// </remarks>
public sealed class ScoreDistribution
{
    private const int Labels = 3;

    private readonly ReadOnlyMemory<long> counts;
    private readonly ReadOnlyMemory<double> weights;
    private readonly ScoreMoments[] moments;

    internal ScoreDistribution(double lo, double hi, int bins, ReadOnlyMemory<long> counts, ReadOnlyMemory<double> weights, ScoreMoments[] moments)
    {
        Lo = lo;
        Hi = hi;
        Bins = bins;
        this.counts = counts;
        this.weights = weights;
        this.moments = moments;
    }

    /// <summary>Lower end of the histogram's range, on the oriented score scale.</summary>
    public double Lo { get; }

    /// <summary>Upper end of the histogram's range, on the oriented score scale.</summary>
    public double Hi { get; }

    /// <summary>Number of equal-width histogram bins, B.</summary>
    public int Bins { get; }

    /// <summary>h = (hi − lo) / B: the resolution of every binned metric (0 when lo = hi).</summary>
    public double BinWidth => (Hi - Lo) / Bins;

    /// <summary>Lower edge of bin k: lo + k (hi − lo) / B.</summary>
    public double BinLower(int bin) => Lo + bin * (Hi - Lo) / Bins;

    /// <summary>Upper edge of bin k (hi for the last bin).</summary>
    public double BinUpper(int bin) => bin + 1 >= Bins ? Hi : BinLower(bin + 1);

    /// <summary>Rows with the given label (0, 1, <see cref="ConfusionCounts.UnknownLabel"/>; null = any).</summary>
    public long Count(int? label = null) => Moments(label).Count;

    /// <summary>Weight sum of the rows with the given label (null = any).</summary>
    public double Weight(int? label = null) => Moments(label).Weight;

    /// <summary>Rows with the given label (null = any) whose score falls in histogram bin k.</summary>
    public long BinCount(int bin, int? label = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bin, Bins);
        var span = counts.Span;
        return label is { } l ? span[CheckLabel(l) * Bins + bin] : span[bin] + span[Bins + bin] + span[2 * Bins + bin];
    }

    /// <summary>Weight sum of the rows with the given label (null = any) whose score falls in histogram bin k.</summary>
    public double BinWeight(int bin, int? label = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bin);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bin, Bins);
        var span = weights.Span;
        return label is { } l ? span[CheckLabel(l) * Bins + bin] : span[bin] + span[Bins + bin] + span[2 * Bins + bin];
    }

    /// <summary>Exact moments of the scores of the rows with the given label (null = any).</summary>
    public ScoreMoments Moments(int? label = null) =>
        label is { } l ? moments[CheckLabel(l)] : moments[0].Add(moments[1]).Add(moments[2]);

    /// <summary>True when both have the same range and bins, so that their histograms line up.</summary>
    public bool SameBinning(ScoreDistribution other) => Lo == other.Lo && Hi == other.Hi && Bins == other.Bins;

    /// <summary>The row-count histogram of one label.</summary>
    internal ReadOnlySpan<long> CountHistogram(int label) => counts.Span.Slice(label * Bins, Bins);

    /// <summary>The weight histogram of one label.</summary>
    internal ReadOnlySpan<double> WeightHistogram(int label) => weights.Span.Slice(label * Bins, Bins);

    /// <summary>The weight histogram of one label (null = all labels added), as a new array.</summary>
    internal double[] WeightsByBin(int? label)
    {
        if (label is { } l)
        {
            return WeightHistogram(CheckLabel(l)).ToArray();
        }
        var span = weights.Span;
        var sum = new double[Bins];
        for (var k = 0; k < Bins; k++)
        {
            sum[k] = span[k] + span[Bins + k] + span[2 * Bins + k];
        }
        return sum;
    }

    private static int CheckLabel(int label)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, Labels);
        return label;
    }
}
