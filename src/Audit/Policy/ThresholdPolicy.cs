using System.Globalization;
using Audit.Models;

namespace Audit.Policy;

/// <summary>
/// Flags every row whose score is at or beyond the threshold on the adverse side:
/// <c>score ≥ threshold</c> when a high score is adverse, <c>score ≤ threshold</c> when a low score is adverse.
/// The boundary is inclusive, as in "a score of 0.5 or more triggers a control", and exact: a score equal to the
/// threshold in exact arithmetic is flagged whatever its double (<see cref="ScoreOrder"/>).
/// </summary>
public sealed record ThresholdPolicy(double Threshold) : DecisionPolicy
{
    public override string Kind => "threshold";

    public override string Describe(AdverseTail adverse) =>
        $"flagged when the score is {(adverse == AdverseTail.High ? "at or above" : "at or below")} {Threshold.ToString("R", CultureInfo.InvariantCulture)}";

    public override PolicyOutcome Decide(ScoreOrder order)
    {
        var scores = order.Scores;
        var adverse = order.Adverse;
        var flags = new byte[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var hit = adverse == AdverseTail.High ? scores[i] >= Threshold : scores[i] <= Threshold;
            flags[i] = hit ? (byte)1 : (byte)0;
        }
        // A score exactly at the threshold is flagged even when its double falls just short (ScoreOrder).
        order.SettleThreshold(flags, Threshold);
        long flagged = 0;
        foreach (var flag in flags)
        {
            flagged += flag;
        }
        return new PolicyOutcome(flags, Threshold, flagged, 0, 0);
    }
}
