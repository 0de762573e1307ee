using Audit.Models;

namespace Audit.Policy;

/// <summary>The decisions are in the data (the scores are 0/1 decisions): flagged where the score is 1.</summary>
public sealed record DecisionsAsGiven : DecisionPolicy
{
    public override string Kind => "as_given";

    public override string Describe(AdverseTail adverse) => "the decisions recorded in the data (1 = flagged)";

    public override PolicyOutcome Decide(ScoreOrder order)
    {
        var scores = order.Scores;
        var flags = new byte[scores.Length];
        long flagged = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            flags[i] = scores[i] == 1 ? (byte)1 : (byte)0;
            flagged += flags[i];
        }
        return new PolicyOutcome(flags, null, flagged, 0, 0);
    }
}
