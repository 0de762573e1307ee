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
    public bool IsFavourable(double score) => Adverse == AdverseTail.High ? score < Cutoff : score > Cutoff;

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
