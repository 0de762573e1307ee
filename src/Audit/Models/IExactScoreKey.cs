using Audit.Data;

namespace Audit.Models;

/// <summary>
/// A capability: for a few rows, the model can recompute exactly (in <see cref="decimal"/>, from the spec's literals
/// and each input value's shortest round-trip text) a key that orders the rows as their scores do in exact
/// arithmetic. <see cref="Policy.ScoreOrder"/> asks it about the rows whose double scores are too close to tell apart,
/// so that scores equal in exact arithmetic compare equal and their order is the row order.
/// </summary>
public interface IExactScoreKey
{
    /// <summary>
    /// The exact key of each of <paramref name="rows"/>, increasing with the score (for a logistic spec the linear
    /// predictor η, which the probability increases with); null for a row whose key decimal cannot hold exactly.
    /// </summary>
    decimal?[] ExactKeys(Table table, IReadOnlyList<int> rows);

    /// <summary>
    /// The exact key at which the score equals <paramref name="score"/> (a threshold), or null when no decimal is
    /// exactly that point (a logistic spec's threshold other than 0.5 is a transcendental log-odds).
    /// </summary>
    decimal? ExactKeyOfScore(double score);
}
