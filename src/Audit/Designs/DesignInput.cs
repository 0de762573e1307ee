using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Policy;

namespace Audit.Designs;

/// <summary>What the designs read from an audit: the people, the model and its scores, the decisions, labels, weights and groups.</summary>
/// <param name="Labels">0, 1 or <see cref="BooleanColumn.Missing"/> per row; empty without a label column.</param>
/// <param name="Weights">Per-row weights; empty when unweighted.</param>
/// <param name="PlanFile">The plan as the user named it, for errors.</param>
public sealed record DesignInput(
    Table Table,
    IScoringModel Model,
    DecisionPolicy Policy,
    double[] Scores,
    PolicyOutcome Outcome,
    byte[] Labels,
    double[] Weights,
    IReadOnlyList<AttributeInput> Attributes,
    FairnessOptions Options,
    string PlanFile)
{
    /// <summary>
    /// The partially published spec (some coefficients only by sign, interval or unknown) when the audit scores its
    /// central model instead (<see cref="PartialModelSampler.Central"/>); null otherwise.
    /// </summary>
    public Models.LinearModel? PartialSpec { get; init; }

    /// <summary>Every attribute's reference group index (the plan's, or the largest group).</summary>
    public int[] References { get; } = Attributes.Select(a => ReferenceGroup.Of(a, Weights)).ToArray();
}
