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
    public long Count(int? label = null, int? decision = null)
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

    /// <summary>Weight sum of the rows with the given label and decision (null = any).</summary>
    public double Weight(int? label = null, int? decision = null)
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
