namespace Audit.Fairness.Scores;

/// <summary>
/// Exact moments of the (oriented) scores of one group cell and label: rows, weight sum, weighted sum and
/// weighted sum of squares of the scores, smallest and largest score. Unweighted rows weigh 1, so
/// <see cref="Sum"/> is then the plain sum of scores.
/// </summary>
/// <param name="Count">Rows.</param>
/// <param name="Weight">W = Σ wᵢ.</param>
/// <param name="Sum">Σ wᵢ sᵢ.</param>
/// <param name="SumOfSquares">Σ wᵢ sᵢ².</param>
/// <param name="Min">The smallest score of any row (+∞ without rows).</param>
/// <param name="Max">The largest score of any row (−∞ without rows).</param>
public readonly record struct ScoreMoments(long Count, double Weight, double Sum, double SumOfSquares, double Min, double Max)
{
    /// <summary>Weighted mean score <c>Σ wᵢ sᵢ / Σ wᵢ</c>; null when the weights sum to 0.</summary>
    public double? Mean => Weight > 0 ? Sum / Weight : null;

    /// <summary>
    /// Weighted population variance <c>Σ wᵢ sᵢ² / W − mean²</c> (not bias-corrected), clamped at 0; null when the
    /// weights sum to 0. Computed from raw sums, so it loses precision when the mean is large against the spread
    /// (relative error about 1e-16 × mean² / variance).
    /// </summary>
    public double? Variance => Weight > 0 ? Math.Max(0, SumOfSquares / Weight - (Sum / Weight) * (Sum / Weight)) : null;

    /// <summary>The moments of the rows of both.</summary>
    public ScoreMoments Add(ScoreMoments other) => new(
        Count + other.Count, Weight + other.Weight, Sum + other.Sum, SumOfSquares + other.SumOfSquares,
        Math.Min(Min, other.Min), Math.Max(Max, other.Max));
}
