using Audit.Data;

namespace Audit.Models;

/// <summary>
/// The window of the exact tie rule (docs/methodology.md, "Policies"): double scores within 10⁻⁹ × max(1, |at|) of a score
/// at stake are rescored exactly (<see cref="IExactScoreKey"/>). One definition for the ranking and threshold policies
/// (<see cref="Policy.ScoreOrder"/>) and for grade bands, whose lower bounds follow the threshold rule.
/// </summary>
internal static class ExactWindow
{
    public const double Relative = 1e-9;

    public static double Around(double at) => Relative * Math.Max(1, Math.Abs(at));

    /// <summary>Whether a score lies in the window around <paramref name="at"/> (equality too, for infinite scores).</summary>
    public static bool Within(double score, double at, double width) => Math.Abs(score - at) <= width || score == at;

    /// <summary>The rows whose score lies within <paramref name="width"/> of <paramref name="at"/>, in row order.</summary>
    public static List<int> RowsNear(ReadOnlySpan<double> scores, double at, double width)
    {
        var near = new List<int>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (Within(scores[i], at, width))
            {
                near.Add(i);
            }
        }
        return near;
    }

    /// <summary>
    /// Grade bands by the threshold rule: a band includes its lower bound <c>from</c>, and a score exactly at a bound in
    /// exact arithmetic is in the band above it whatever its double (an average of 4.6 stars computed as
    /// 4.599999999999999 is not below 4.6). Rows whose keys a decimal cannot hold keep the band of their double.
    /// </summary>
    /// <param name="bands">Each row's band index in <paramref name="scale"/>, from the doubles; corrected in place.</param>
    public static void SettleBands(IExactScoreKey exact, Table table, ReadOnlySpan<double> scores, int[] bands, GradeScale scale)
    {
        for (var b = 1; b < scale.Bands.Count; b++)
        {
            var from = scale.Bands[b].From!.Value;
            if (exact.ExactKeyOfScore(from) is not { } at)
            {
                continue;
            }
            var near = RowsNear(scores, from, Around(from));
            if (near.Count == 0)
            {
                continue;
            }
            var keys = exact.ExactKeys(table, near);
            for (var j = 0; j < near.Count; j++)
            {
                if (keys[j] is { } key)
                {
                    // Keys increase with the score, and bands are listed by increasing score.
                    bands[near[j]] = key >= at ? Math.Max(bands[near[j]], b) : Math.Min(bands[near[j]], b - 1);
                }
            }
        }
    }
}
