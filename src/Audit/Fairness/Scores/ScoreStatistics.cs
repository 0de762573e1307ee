using System.Globalization;
using Audit.Fairness.Cells;
using Audit.Models;

namespace Audit.Fairness.Scores;

/// <summary>
/// Score histograms and exact score moments per (group cell × label): the sufficient statistics of every
/// score-based group metric (<see cref="ScoreMetrics"/>: mean, quantiles, AUC, calibration, Kolmogorov–Smirnov),
/// as <see cref="GroupStatistics"/> is for the count-based ones (ARCHITECTURE.md, "Fairness").
/// Additive: the statistics of two chunks of rows <see cref="Merge"/> into the statistics of both, so they stream.
/// </summary>
/// <remarks>
/// <para>
/// <b>Orientation.</b> Scores are <em>oriented</em> by the caller: higher = more adverse for the person, whichever
/// tail the model declares adverse (CONTRACTS.md). For a model with <see cref="AdverseTail.Low"/> pass −score
/// (<see cref="Orient"/>, <see cref="OrientRange"/>). Every metric is then on the oriented scale: AUC is the
/// probability that a person with the adverse outcome observed (label 1) has a more adverse score than a person
/// without it (label 0). To report a mean or a quantile on the model's own scale for an adverse-low model, negate
/// it back (mean(s) = −mean(−s); the p-quantile of s is minus the (1 − p)-quantile of −s).
/// </para>
/// <para>
/// <b>Range.</b> The histogram has B equal-width bins over a fixed range [lo, hi] that every chunk must share
/// (so that histograms add up): the model's declared score range (a probability: [0, 1]; a 350–950 credit score:
/// [−950, −350] once oriented), or the observed range from a first pass over the scores (<see cref="ObservedRange"/>).
/// A score outside [lo, hi] is an error, never clamped, because a clamped score would break the error bounds of
/// the binned metrics. The bin width h = (hi − lo) / B is the resolution of every binned metric.
/// </para>
/// <para>
/// Memory: 3 labels × B bins × (8-byte count + 8-byte weight) per cell, 192 KiB per cell for B = 4,096.
/// </para>
/// </remarks>
public sealed class ScoreStatistics
{
    /// <summary>The default number of histogram bins: h = (hi − lo) / 4,096, below 0.00025 for a probability.</summary>
    public const int DefaultBins = 4096;

    private const int Labels = 3; // 0, 1, unknown
    private const int MomentFields = 5; // weight, Σ w s, Σ w s², min, max

    private readonly long[] counts;
    private readonly double[] weights;
    private readonly long[] momentCounts;
    private readonly double[] moments;
    private readonly CellLayout layout;

    private ScoreStatistics(IReadOnlyList<string> attributes, IReadOnlyList<string[]> levels, double lo, double hi, int bins,
        long[] counts, double[] weights, long[] momentCounts, double[] moments)
    {
        layout = new CellLayout(attributes, levels);
        Lo = lo;
        Hi = hi;
        Bins = bins;
        this.counts = counts;
        this.weights = weights;
        this.momentCounts = momentCounts;
        this.moments = moments;
    }

    /// <summary>The attributes crossed (one for a single attribute).</summary>
    public IReadOnlyList<string> Attributes => layout.Attributes;

    /// <summary>The group labels of each attribute, in output order.</summary>
    public IReadOnlyList<string[]> Levels => layout.Levels;

    /// <summary>Number of cells: the product of the attributes' level counts (the layout of <see cref="GroupStatistics"/>).</summary>
    public int CellCount => layout.CellCount;

    /// <summary>How the cells are numbered.</summary>
    public CellLayout Layout => layout;

    /// <summary>Lower end of the histogram range (oriented scale).</summary>
    public double Lo { get; }

    /// <summary>Upper end of the histogram range (oriented scale).</summary>
    public double Hi { get; }

    /// <summary>Number of histogram bins, B.</summary>
    public int Bins { get; }

    /// <summary>h = (hi − lo) / B.</summary>
    public double BinWidth => (Hi - Lo) / Bins;

    /// <summary>
    /// One pass over the rows, with the cell layout of <see cref="GroupStatistics.Accumulate"/>: the cell of a row is
    /// the mixed-radix number of its groups' codes (the first attribute most significant).
    /// </summary>
    /// <param name="scores">Oriented scores (higher = more adverse), each in [lo, hi].</param>
    /// <param name="labels">0, 1 or 255 (unknown; any value above 1 is unknown) per row, or empty when there is no label column.</param>
    /// <param name="weights">Per row, or empty when rows are unweighted (weight 1).</param>
    /// <param name="lo">Lower end of the histogram range: the model's declared range, or <see cref="ObservedRange"/>.</param>
    /// <param name="hi">Upper end (≥ lo; lo = hi puts every score in bin 0).</param>
    /// <param name="bins">Number of equal-width bins, B.</param>
    /// <exception cref="AuditInputException">A score is missing (NaN) or outside [lo, hi]; its row is 1-based within the rows passed.</exception>
    public static ScoreStatistics Accumulate(IReadOnlyList<GroupAssignment> groups, ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels,
        ReadOnlySpan<double> weights, double lo, double hi, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfZero(groups.Count);
        CheckBinning(lo, hi, bins);
        var n = scores.Length;
        if (!labels.IsEmpty && labels.Length != n)
        {
            throw new ArgumentException($"{labels.Length} labels for {n} scores.", nameof(labels));
        }
        if (!weights.IsEmpty && weights.Length != n)
        {
            throw new ArgumentException($"{weights.Length} weights for {n} scores.", nameof(weights));
        }
        var codes = groups.Select(g => g.Codes).ToArray();
        var levels = groups.Select(g => g.Levels).ToArray();
        var sizes = levels.Select(l => l.Length).ToArray();
        foreach (var group in groups)
        {
            if (group.Codes.Length != n)
            {
                throw new ArgumentException($"The groups of '{group.Attribute}' have {group.Codes.Length} rows, the scores {n}.", nameof(groups));
            }
        }
        var cells = sizes.Aggregate(1, (a, s) => checked(a * s));
        var slots = checked(cells * Labels);
        var histogramCounts = new long[checked(slots * bins)];
        var histogramWeights = new double[histogramCounts.Length];
        var momentCounts = new long[slots];
        var moments = EmptyMoments(slots);
        var scale = hi > lo ? bins / (hi - lo) : 0.0;
        var last = bins - 1;

        for (var i = 0; i < n; i++)
        {
            var cell = 0;
            for (var a = 0; a < codes.Length; a++)
            {
                cell = cell * sizes[a] + codes[a][i];
            }
            var x = scores[i];
            if (!(x >= lo && x <= hi))
            {
                throw OutOfRange(x, i, lo, hi);
            }
            var bin = (int)((x - lo) * scale);
            if (bin > last)
            {
                bin = last;
            }
            var label = labels.IsEmpty || labels[i] > 1 ? ConfusionCounts.UnknownLabel : labels[i];
            var slot = cell * Labels + label;
            var w = weights.IsEmpty ? 1.0 : weights[i];
            var h = slot * bins + bin;
            histogramCounts[h]++;
            histogramWeights[h] += w;
            momentCounts[slot]++;
            var m = slot * MomentFields;
            moments[m] += w;
            moments[m + 1] += w * x;
            moments[m + 2] += w * x * x;
            if (x < moments[m + 3])
            {
                moments[m + 3] = x;
            }
            if (x > moments[m + 4])
            {
                moments[m + 4] = x;
            }
        }
        return new ScoreStatistics(groups.Select(g => g.Attribute).ToArray(), levels, lo, hi, bins, histogramCounts, histogramWeights, momentCounts, moments);
    }

    /// <summary>
    /// The statistics of the rows of both (same attributes, levels, range and bins). Counts add exactly; weight
    /// and score sums add in floating point, so merging in a fixed order gives identical sums.
    /// </summary>
    public ScoreStatistics Merge(ScoreStatistics other)
    {
        if (!layout.SameAs(other.layout))
        {
            throw new ArgumentException("Score statistics over different groups cannot be merged.", nameof(other));
        }
        if (Lo != other.Lo || Hi != other.Hi || Bins != other.Bins)
        {
            throw new ArgumentException(
                $"Score statistics over different histograms cannot be merged: [{Lo}, {Hi}] in {Bins} bins and [{other.Lo}, {other.Hi}] in {other.Bins} bins.", nameof(other));
        }
        var c = new long[counts.Length];
        var w = new double[weights.Length];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = counts[i] + other.counts[i];
            w[i] = weights[i] + other.weights[i];
        }
        var mc = new long[momentCounts.Length];
        var m = new double[moments.Length];
        for (var s = 0; s < mc.Length; s++)
        {
            mc[s] = momentCounts[s] + other.momentCounts[s];
            var o = s * MomentFields;
            m[o] = moments[o] + other.moments[o];
            m[o + 1] = moments[o + 1] + other.moments[o + 1];
            m[o + 2] = moments[o + 2] + other.moments[o + 2];
            m[o + 3] = Math.Min(moments[o + 3], other.moments[o + 3]);
            m[o + 4] = Math.Max(moments[o + 4], other.moments[o + 4]);
        }
        return new ScoreStatistics(Attributes, Levels, Lo, Hi, Bins, c, w, mc, m);
    }

    /// <summary>The scores of one cell (a view, no copy of the histograms).</summary>
    public ScoreDistribution Cell(int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, CellCount);
        var size = Labels * Bins;
        var cellMoments = new ScoreMoments[Labels];
        for (var l = 0; l < Labels; l++)
        {
            cellMoments[l] = MomentsOf(cell * Labels + l);
        }
        return new ScoreDistribution(Lo, Hi, Bins, counts.AsMemory(cell * size, size), weights.AsMemory(cell * size, size), cellMoments);
    }

    /// <summary>The scores of all rows together.</summary>
    public ScoreDistribution Overall() => Combine(_ => false);

    /// <summary>The scores of every cell but one: "the rest", to compare one group with everybody else.</summary>
    public ScoreDistribution Rest(int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, CellCount);
        return Combine(c => c == cell);
    }

    /// <summary>The scores of every cell that is neither <paramref name="cell"/> nor excluded (suppressed groups, say).</summary>
    public ScoreDistribution Rest(int cell, Func<int, bool> excluded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, CellCount);
        return Combine(c => c == cell || excluded(c));
    }

    /// <summary>The group label of each attribute for a cell.</summary>
    public string[] CellLabels(int cell) => layout.CellLabels(cell);

    /// <summary>
    /// Orients scores so that higher = more adverse: the scores as they are for <see cref="AdverseTail.High"/>,
    /// −score for <see cref="AdverseTail.Low"/> (a copy either way).
    /// </summary>
    public static double[] Orient(ReadOnlySpan<double> scores, AdverseTail adverse)
    {
        var oriented = scores.ToArray();
        if (adverse == AdverseTail.Low)
        {
            for (var i = 0; i < oriented.Length; i++)
            {
                oriented[i] = -oriented[i];
            }
        }
        return oriented;
    }

    /// <summary>The range of the oriented scores: [lo, hi] for <see cref="AdverseTail.High"/>, [−hi, −lo] for <see cref="AdverseTail.Low"/>.</summary>
    public static (double Lo, double Hi) OrientRange(double lo, double hi, AdverseTail adverse) =>
        adverse == AdverseTail.Low ? (-hi, -lo) : (lo, hi);

    /// <summary>
    /// The smallest and largest score: the histogram range when the model declares none (a first pass over the
    /// scores; with chunks, the min and max over all chunks).
    /// </summary>
    /// <exception cref="ArgumentException">No scores, or a missing (NaN) score.</exception>
    public static (double Lo, double Hi) ObservedRange(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("The range of no scores is undefined.", nameof(scores));
        }
        var lo = double.PositiveInfinity;
        var hi = double.NegativeInfinity;
        foreach (var x in scores)
        {
            if (double.IsNaN(x))
            {
                throw new ArgumentException("A score is missing (NaN).", nameof(scores));
            }
            lo = Math.Min(lo, x);
            hi = Math.Max(hi, x);
        }
        return (lo, hi);
    }

    private ScoreDistribution Combine(Func<int, bool> excluded)
    {
        var size = Labels * Bins;
        var c = new long[size];
        var w = new double[size];
        var combined = new ScoreMoments[Labels];
        for (var l = 0; l < Labels; l++)
        {
            combined[l] = new ScoreMoments(0, 0, 0, 0, double.PositiveInfinity, double.NegativeInfinity);
        }
        for (var cell = 0; cell < CellCount; cell++)
        {
            if (excluded(cell))
            {
                continue;
            }
            var offset = cell * size;
            for (var i = 0; i < size; i++)
            {
                c[i] += counts[offset + i];
                w[i] += weights[offset + i];
            }
            for (var l = 0; l < Labels; l++)
            {
                combined[l] = combined[l].Add(MomentsOf(cell * Labels + l));
            }
        }
        return new ScoreDistribution(Lo, Hi, Bins, c, w, combined);
    }

    private ScoreMoments MomentsOf(int slot)
    {
        var m = slot * MomentFields;
        return new ScoreMoments(momentCounts[slot], moments[m], moments[m + 1], moments[m + 2], moments[m + 3], moments[m + 4]);
    }

    private static double[] EmptyMoments(int slots)
    {
        var moments = new double[slots * MomentFields];
        for (var s = 0; s < slots; s++)
        {
            moments[s * MomentFields + 3] = double.PositiveInfinity;
            moments[s * MomentFields + 4] = double.NegativeInfinity;
        }
        return moments;
    }

    private static void CheckBinning(double lo, double hi, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi < lo || !double.IsFinite(hi - lo))
        {
            throw new ArgumentException($"The score range [{lo}, {hi}] must be finite with lo ≤ hi.", nameof(hi));
        }
    }

    private static AuditInputException OutOfRange(double x, int row, double lo, double hi)
    {
        var range = $"[{F(lo)}, {F(hi)}]";
        return double.IsNaN(x)
            ? new AuditInputException("missing score", row: row + 1, expected: "a score for every row",
                hint: "remove rows without a score before the audit, or say in the audit why they are missing")
            : new AuditInputException("score outside the histogram's range", row: row + 1, expected: $"an oriented score in {range}", found: F(x),
                hint: "declare the model's score range correctly (negated for an adverse-low model), or use the observed range of the scores");
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
