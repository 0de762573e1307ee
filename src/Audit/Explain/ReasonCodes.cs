using Audit.Models;
using Audit.Results;

namespace Audit.Explain;

/// <summary>
/// Reason codes: the top k inputs pushing a person towards being flagged, by <b>attribution against the
/// baseline</b>: the inputs whose Shapley value moves the output towards the adverse tail (positive when a high score
/// is adverse, negative when a low one is), largest first, at most k, none that pushes the other way. Against the
/// background's mean this is close to the average-based methods Regulation B names (12 CFR 1002, Supplement I,
/// comment 9(b)(2)-5: the applicant's values against the average of all applicants, or of those at or just above the
/// cut-off); k defaults to 4, since more than four reasons is unlikely to help (comment 9(b)(2)-1). For a scorecard in
/// points, <see cref="PointsMethodDescription"/> applies instead: points below the most favourable points observed,
/// the credit industry's "maximum points" convention, which comment 9(b)(2)-5 does not name.
/// </summary>
public static class ReasonCodes
{
    public const string PointsMethodDescription =
        "points below the most favourable points observed for each term of the scorecard, largest first (the credit industry's 'maximum points' convention; Regulation B comment 9(b)(2)-5 names only average-based methods)";

    public const string MethodDescription =
        "attribution against the baseline: the inputs whose attribution moves the output towards the adverse tail, largest first (close to Regulation B comment 9(b)(2)-5's comparison with the average of all applicants)";

    /// <param name="orientation">+1 when the score rises with the explanation-space output, −1 when it falls (<see cref="LocalExplainer.ScoreOrientation"/>).</param>
    public static IReadOnlyList<ReasonCode> For(Attribution attribution, IReadOnlyList<string> features, AdverseTail adverse, int k, int orientation = 1)
    {
        var sign = (adverse == AdverseTail.High ? 1.0 : -1.0) * orientation;
        return attribution.Contributions
            .Select((phi, j) => (Feature: features[j], Push: sign * phi, Phi: phi, Index: j))
            .Where(r => r.Push > 0)
            .OrderByDescending(r => r.Push).ThenBy(r => r.Index)
            .Take(k)
            .Select((r, rank) => new ReasonCode(rank + 1, r.Feature, r.Push, r.Phi))
            .ToArray();
    }

    /// <summary>
    /// The scorecard method: for each term, the points the person gets compared with the most favourable points
    /// any audited person gets on that term (<paramref name="best"/>), oriented so that a positive push moves
    /// towards the adverse tail; the k largest positive pushes, by term (an interaction is a reason of its own).
    /// </summary>
    public static IReadOnlyList<ReasonCode> PointsBelowBest(IReadOnlyList<string> terms, ReadOnlySpan<double> points, ReadOnlySpan<double> best,
        AdverseTail adverse, int k, int orientation = 1)
    {
        var sign = (adverse == AdverseTail.High ? 1.0 : -1.0) * orientation;
        var pushes = new List<(string Term, double Push, double Points, int Index)>();
        for (var t = 0; t < terms.Count; t++)
        {
            var push = sign * (points[t] - best[t]);
            if (push > 0)
            {
                pushes.Add((terms[t], push, points[t], t));
            }
        }
        return pushes.OrderByDescending(r => r.Push).ThenBy(r => r.Index).Take(k)
            .Select((r, rank) => new ReasonCode(rank + 1, r.Term, r.Push, r.Points)).ToArray();
    }

    /// <summary>
    /// Each term's most favourable contribution among <paramref name="terms"/>' rows (<c>terms[t][row]</c>): the
    /// lowest when pushes towards the adverse tail are positive, the highest otherwise.
    /// </summary>
    public static double[] MostFavourable(double[][] terms, AdverseTail adverse, int orientation = 1)
    {
        var sign = (adverse == AdverseTail.High ? 1.0 : -1.0) * orientation;
        return terms.Select(column => column.Length == 0 ? 0 : sign > 0 ? column.Min() : column.Max()).ToArray();
    }
}
