using Audit.Data;
using Audit.Models;
using Audit.Policy;

namespace Audit.Designs;

/// <summary>
/// Decisions for new scores of the same people (a flipped attribute, another model, a sampled model), made the way the
/// audit made its own. Two readings of "the same policy" differ for ranking policies, and each design says which it uses:
/// <list type="bullet">
/// <item><b>re-ranked</b>: the plan's policy applied again (a budget of k controls flags the k most adverse new
/// scores): what the agency would do with a fixed budget;</item>
/// <item><b>fixed cut-off</b>: flagged when the new score is at least as adverse as the audited cut-off score: what
/// happens to a person whose score changes while everyone else's does not (Lighthouse's counterfactuals for
/// Rotterdam held the threshold fixed).</item>
/// </list>
/// Threshold and grade policies read the same either way.
/// </summary>
public static class Redecision
{
    public static byte[] Decide(DesignInput input, IScoringModel model, Table table, double[] scores, bool fixedCutoff)
    {
        switch (input.Policy)
        {
            case GradesPolicy grades:
                var bound = grades.Scale is not null && model.Grades is { } scale && ReferenceEquals(scale, grades.Scale) ? grades : grades.Bind(model.Grades, input.PlanFile);
                return model.Grade(table, scores) is { } bands ? bound.DecideGrades(bands).Flags : bound.Decide(scores, model.Adverse).Flags;
            case RankingPolicy when fixedCutoff:
                if (input.Outcome.Cutoff is not { } cutoff)
                {
                    return new byte[scores.Length];
                }
                return new ThresholdPolicy(cutoff).Decide(scores, model.Adverse).Flags;
            default:
                return input.Policy.Decide(model, table, scores).Flags;
        }
    }

    /// <summary>The cut-off the fixed-cut-off reading applies (null for grade policies).</summary>
    public static double? FixedCutoff(DesignInput input) => input.Policy switch
    {
        ThresholdPolicy t => t.Threshold,
        RankingPolicy => input.Outcome.Cutoff,
        _ => null,
    };

    /// <summary>Whether the scores can be re-ranked at all: decisions already in the data have none.</summary>
    public static void RequireScores(DesignInput input, string design, ColumnRef? where = null)
    {
        if (input.Model is DecisionsInData)
        {
            throw new AuditInputException($"the {design} design re-decides from scores, but this audit's decisions come from the data", file: input.PlanFile,
                line: where?.Line, keyPath: where?.KeyPath, hint: "use a model spec, a model file or a score column");
        }
    }
}
