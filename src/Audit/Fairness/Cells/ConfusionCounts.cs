namespace Audit.Fairness.Cells;

/// <summary>
/// Counts and weight sums of one group cell, split by label (0, 1, unknown) and decision (0 = not flagged,
/// 1 = flagged): the sufficient statistics from which every count-based metric of the cell is computed.
/// </summary>
public readonly struct ConfusionCounts
{
    /// <summary>Index of the "label unknown" row (no label column, or a missing label).</summary>
    public const int UnknownLabel = 2;

    private readonly long[] counts;
    private readonly double[] weights;

    internal ConfusionCounts(long[] counts, double[] weights)
    {
        this.counts = counts;
        this.weights = weights;
    }

    /// <summary>Rows with the given label (0, 1, <see cref="UnknownLabel"/>; null = any) and decision (null = any).</summary>
    /// <remarks>
    /// Written out per case instead of one loop over the six slots with two tests each: the bootstrap asks these sums
    /// hundreds of thousands of times (issue 21). The terms are added in the loop's order (label, then decision), from
    /// the same starting 0, so every sum is bit for bit the one of <see cref="CountBySlots"/> and <see cref="WeightBySlots"/>.
    /// </remarks>
    public long Count(int? label = null, int? decision = null)
    {
        var c = counts;
        if (label is { } l)
        {
            if ((uint)l > UnknownLabel)
            {
                return 0;
            }
            return decision is { } d
                ? (uint)d > 1 ? 0 : c[l * 2 + d]
                : c[l * 2] + c[l * 2 + 1];
        }
        if (decision is { } only)
        {
            return (uint)only > 1 ? 0 : c[only] + c[2 + only] + c[4 + only];
        }
        return c[0] + c[1] + c[2] + c[3] + c[4] + c[5];
    }

    /// <summary>Weight sum of the rows with the given label and decision (null = any).</summary>
    public double Weight(int? label = null, int? decision = null)
    {
        var w = weights;
        if (label is { } l)
        {
            if ((uint)l > UnknownLabel)
            {
                return 0.0;
            }
            return decision is { } d
                ? (uint)d > 1 ? 0.0 : 0.0 + w[l * 2 + d]
                : 0.0 + w[l * 2] + w[l * 2 + 1];
        }
        if (decision is { } only)
        {
            return (uint)only > 1 ? 0.0 : 0.0 + w[only] + w[2 + only] + w[4 + only];
        }
        return 0.0 + w[0] + w[1] + w[2] + w[3] + w[4] + w[5];
    }

    /// <summary><see cref="Count"/> as first written, one loop over the slots: the oracle its cases are tested against.</summary>
    internal long CountBySlots(int? label = null, int? decision = null)
    {
        long sum = 0;
        for (var l = 0; l < 3; l++)
        {
            for (var d = 0; d < 2; d++)
            {
                if ((label is null || label == l) && (decision is null || decision == d))
                {
                    sum += counts[l * 2 + d];
                }
            }
        }
        return sum;
    }

    /// <summary><see cref="Weight"/> as first written, one loop over the slots: the oracle its cases are tested against.</summary>
    internal double WeightBySlots(int? label = null, int? decision = null)
    {
        var sum = 0.0;
        for (var l = 0; l < 3; l++)
        {
            for (var d = 0; d < 2; d++)
            {
                if ((label is null || label == l) && (decision is null || decision == d))
                {
                    sum += weights[l * 2 + d];
                }
            }
        }
        return sum;
    }

    /// <summary>Rows whose label is known (0 or 1).</summary>
    public long LabelledCount(int? decision = null) => Count(0, decision) + Count(1, decision);

    /// <summary>Weight of the rows whose label is known.</summary>
    public double LabelledWeight(int? decision = null) => Weight(0, decision) + Weight(1, decision);
}
