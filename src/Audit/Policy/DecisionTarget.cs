using Audit.Models;

namespace Audit.Policy;

/// <summary>
/// What a flagged person must reach: a score strictly on the favourable side of the cut-off in force (below it when
/// a high score is adverse). For a threshold policy the cut-off is the threshold; for a top-fraction or budget
/// policy it is the score of the last person flagged, which moves with the capacity and with everyone else's
/// scores: recourse against it holds while the others stay as they are.
/// </summary>
/// <param name="Ranked">The cut-off comes from a capacity (top fraction, budget), not a fixed threshold.</param>
public sealed record DecisionTarget(double Cutoff, AdverseTail Adverse, bool Ranked)
{
    /// <summary>
    /// The cut-off itself is on the favourable side: a grade's lower bound with a low adverse tail (a score of 850
    /// is grade B when B starts at 850). False for thresholds and capacities, where a score at the cut-off is flagged.
    /// </summary>
    public bool CutoffFavourable { get; init; }

    /// <summary>For a grade policy: the grade to reach and the grades that count as reached; null otherwise.</summary>
    public GradeGoal? Grade { get; init; }

    /// <summary>For decisions in the data: the cut-off is the one the recorded decisions imply on the model's scores.</summary>
    public bool Implied { get; init; }

    public bool IsFavourable(double score) => Adverse == AdverseTail.High
        ? (CutoffFavourable ? score <= Cutoff : score < Cutoff)
        : (CutoffFavourable ? score >= Cutoff : score > Cutoff);

    /// <summary>
    /// The target of reaching grade <paramref name="grade"/> or better on <paramref name="scale"/> (by the score alone;
    /// override rules are the engine's to apply): with a low adverse tail, a score at or above the grade's lower bound;
    /// with a high one, a score below the next grade's lower bound. <paramref name="flagged"/>: the policy's flagged
    /// grades, which never count as reached.
    /// </summary>
    public static DecisionTarget ForGrade(GradeScale scale, string grade, IReadOnlyCollection<string> flagged)
    {
        var band = scale.BandIndex(grade);
        var rank = scale.AdversityRank(band);
        var reached = scale.Bands.Select((b, i) => scale.AdversityRank(i) <= rank && !flagged.Contains(b.Name)).ToArray();
        var goal = new GradeGoal(scale, grade, reached);
        return scale.Adverse == AdverseTail.Low
            ? new DecisionTarget(scale.Bands[band].From ?? double.NegativeInfinity, AdverseTail.Low, false) { CutoffFavourable = true, Grade = goal }
            : new DecisionTarget(band + 1 < scale.Bands.Count ? scale.Bands[band + 1].From!.Value : double.PositiveInfinity, AdverseTail.High, false) { Grade = goal };
    }

    /// <summary>
    /// Where the favourable side begins in a monotone link's input space (the explanation-space sum or a tree
    /// ensemble's margin), found by bisection to the precision of a double: the person needs a sum below
    /// <c>Boundary</c> when <c>Orientation</c> is +1 (above it when −1). Null when no sum is favourable.
    /// </summary>
    public (double Boundary, int Orientation)? InSumSpace(Func<double, double> scoreOfSum)
    {
        const double Far = 1e6;
        var lowFavourable = IsFavourable(scoreOfSum(-Far));
        var highFavourable = IsFavourable(scoreOfSum(Far));
        if (lowFavourable == highFavourable)
        {
            return lowFavourable ? (Far, 1) : null;
        }
        double lo = -Far, hi = Far;
        for (var i = 0; i < 200 && lo < hi; i++)
        {
            var mid = lo / 2 + hi / 2;
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (IsFavourable(scoreOfSum(mid)) == lowFavourable)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        // lowFavourable: favourable below the boundary (every sum up to lo is favourable); else above hi.
        return lowFavourable ? (hi, 1) : (lo, -1);
    }
}

/// <summary>A grade to reach: <see cref="Name"/> on <see cref="Scale"/>, and per band whether it counts as reached.</summary>
public sealed record GradeGoal(GradeScale Scale, string Name, IReadOnlyList<bool> Reached);
