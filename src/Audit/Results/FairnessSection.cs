namespace Audit.Results;

/// <summary>Who bears the decisions: per protected attribute and group, from group statistics.</summary>
/// <param name="MinCellSize">Cells with fewer rows are suppressed.</param>
/// <param name="Conventions">The definitions used, in words (they are also in docs/methodology.md).</param>
/// <param name="Findings">Headline findings in plain words, in attribute order.</param>
public sealed record FairnessSection(int MinCellSize, Conventions Conventions, OverallRates Overall, IReadOnlyList<AttributeResult> Attributes, IReadOnlyList<Finding> Findings);

public sealed record Conventions(string FlagRateRatio, string FlagRateDifference, string FourFifths, string ReferenceGroup, string Suppression);

public sealed record OverallRates(Metric Count, Metric WeightedCount, IReadOnlyDictionary<string, Metric> Rates);

/// <param name="Attribute">The attribute's name (for an intersection, the names joined by " × ").</param>
/// <param name="Columns">The data columns crossed.</param>
/// <param name="Bands">The band edges, for a banded numeric attribute.</param>
/// <param name="ReferenceRule">"explicit" (named in the plan) or "largest" (the group with the largest weighted count).</param>
/// <param name="FourFifthsComparator">The group with the lowest flag rate among unsuppressed groups, against which the four-fifths ratio is taken.</param>
public sealed record AttributeResult(
    string Attribute,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double>? Bands,
    GroupKey? Reference,
    string ReferenceRule,
    GroupKey? FourFifthsComparator,
    IReadOnlyList<GroupResult> Groups);

/// <summary>One group's numbers.</summary>
/// <param name="Rates">Every rate of <c>GroupRate.All</c> by key (label-based rates only when there is a label column).</param>
/// <param name="FlagRateRatio">flag_rate(group) / flag_rate(reference).</param>
/// <param name="FlagRateDifference">flag_rate(group) − flag_rate(reference).</param>
/// <param name="FourFifthsRatio">(1 − flag_rate(group)) / (1 − flag_rate(comparator)).</param>
/// <param name="AdverseImpact">True when the four-fifths ratio is below 0.8; null when it is undefined or suppressed.</param>
public sealed record GroupResult(
    GroupKey Group,
    Metric Count,
    Metric WeightedCount,
    IReadOnlyDictionary<string, Metric> Rates,
    Metric FlagRateRatio,
    Metric FlagRateDifference,
    Metric FourFifthsRatio,
    bool? AdverseImpact);

/// <summary>A headline finding: a sentence, and the numbers it rests on.</summary>
public sealed record Finding(string Attribute, GroupKey Group, string Kind, string Statement, double? Value);
