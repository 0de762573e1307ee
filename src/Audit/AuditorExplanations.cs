using Audit.Data;
using Audit.Explain;
using Audit.Fairness;
using Audit.Models;
using Audit.Plan;
using Audit.Results;

namespace Audit;

public static partial class Auditor
{
    /// <summary>
    /// The explanations stage when the plan asks for it, or by default when the model has exact attributions; the
    /// reference groups are those the fairness analysis used.
    /// </summary>
    private static ExplanationsSection? Explanations(AuditPlan plan, IScoringModel model, Table table, byte[] flags,
        IReadOnlyList<AttributeInput> attributes, FairnessSection fairness, double[] weights, StageProgress? progress)
    {
        var options = OptionsOf(plan);
        if (!ExplanationStage.ShouldRun(model, options))
        {
            return null;
        }
        var groups = attributes.Select((a, i) => new ExplanationStage.AttributeGroups(a.Groups, fairness.Attributes[i].Reference?.Label ?? a.Reference ?? ""))
            .Where(a => a.Reference.Length > 0).ToArray();
        try
        {
            return ExplanationStage.Run(model, table, flags, groups, weights, options,
                progress is null ? null : (done, total) => progress("explanations", done, total));
        }
        catch (AuditInputException e)
        {
            throw e.WithFile(plan.Data.Display);
        }
    }

    /// <summary>The plan's explanation options, with the plan's seed, intervals and minimum cell size.</summary>
    public static ExplanationOptions OptionsOf(AuditPlan plan) => plan.Explanations with
    {
        Seed = plan.Seed,
        BootstrapReplicates = plan.BootstrapReplicates,
        Confidence = plan.Confidence,
        MinCellSize = plan.MinCellSize,
    };
}
