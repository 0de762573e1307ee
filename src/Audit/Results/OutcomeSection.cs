namespace Audit.Results;

/// <summary>
/// What the audited outcome is when the plan says it (docs/audit-plan.md#outcomes): the column, whether its data speak
/// of the favourable or the adverse outcome, its codes, whether the audit is label-only, and, per protected attribute,
/// the rate of the favourable outcome and AIF360's disparate impact. The audit's flags are always the adverse outcome;
/// the favourable outcome is "not flagged".
/// </summary>
/// <param name="Column">The column holding the outcome (the label of a label-only audit, or the decision column).</param>
/// <param name="Outcome"><c>favourable</c> or <c>adverse</c>: the outcome the column speaks of (the plan's <c>outcome</c>).</param>
/// <param name="LabelOnly">True when the observed outcome is the decision (<c>model: { label: true }</c>): there are no error rates.</param>
/// <param name="FavourableValues">The codes of the favourable outcome (the plan's <c>values.favourable</c>); null for a 0/1 column.</param>
/// <param name="AdverseValues">The codes of the adverse outcome; null for a 0/1 column.</param>
/// <param name="FavourableRate">The share of the favourable outcome over everyone: 1 − the flag rate.</param>
/// <param name="Attributes">Per protected attribute, each group's favourable rate and disparate impact.</param>
public sealed record OutcomeSection(
    string Column,
    string Outcome,
    bool LabelOnly,
    IReadOnlyList<string>? FavourableValues,
    IReadOnlyList<string>? AdverseValues,
    Metric FavourableRate,
    IReadOnlyList<FavourableOutcomeAttribute> Attributes);

/// <summary>One protected attribute's favourable rates, against its reference group (AIF360's privileged group).</summary>
public sealed record FavourableOutcomeAttribute(string Attribute, GroupKey? Reference, IReadOnlyList<FavourableOutcomeGroup> Groups);

/// <param name="FavourableRate">P(favourable | group) = 1 − flag_rate(group), weighted as every rate.</param>
/// <param name="DisparateImpact">
/// AIF360's <c>disparate_impact</c> with the group as unprivileged and the reference as privileged:
/// P(favourable | group) / P(favourable | reference); 1 for the reference itself; undefined when the reference's favourable rate is 0.
/// </param>
public sealed record FavourableOutcomeGroup(GroupKey Group, Metric FavourableRate, Metric DisparateImpact);
