namespace Audit.Results;

/// <summary>Who bears the decisions: per protected attribute and per intersection of attributes, from group statistics.</summary>
/// <param name="MinCellSize">Cells with fewer rows are suppressed.</param>
/// <param name="Tolerance">τ, the tolerance of the verdicts: a disparity is established when the ratio's simultaneous interval lies wholly outside [τ, 1/τ] (<see cref="Verdict"/>).</param>
/// <param name="Conventions">The definitions used, in words (they are also in docs/metrics.md).</param>
/// <param name="Attributes">One result per protected attribute, in plan order.</param>
/// <param name="Intersections">One result per crossed set of attributes (see the plan's <c>intersections</c>).</param>
/// <param name="Inequality">Individual-level inequality over all labelled people, when there is a label.</param>
/// <param name="Findings">Headline findings in plain words.</param>
public sealed record FairnessSection(
    int MinCellSize,
    double Tolerance,
    InferenceSettings Inference,
    Conventions Conventions,
    OverallRates Overall,
    IReadOnlyList<AttributeResult> Attributes,
    IReadOnlyList<AttributeResult> Intersections,
    InequalityResult? Inequality,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>How many groups were hidden and why (disclosure control); null in results built before it existed.</summary>
    public DisclosureControl? Disclosure { get; init; }
}

/// <summary>What small-cell suppression hid in the fairness tables.</summary>
/// <param name="Primary">Groups hidden because they have fewer rows than the minimum cell size.</param>
/// <param name="Complementary">Further groups hidden so that no small group can be worked out by subtraction from totals.</param>
/// <param name="ComplementaryLabelMetrics">Groups whose label-based metrics alone were hidden for the same reason.</param>
/// <param name="Method">How the complementary groups were chosen.</param>
/// <param name="Unprotected">Hidden groups whose count the published numbers still fix (for example a group that is the whole population).</param>
/// <param name="ExactCheck">True when every hidden count was checked by linear algebra; false when there were too many and only the line rule applied.</param>
public sealed record DisclosureControl(int Primary, int Complementary, int ComplementaryLabelMetrics, string Method, int Unprotected, bool ExactCheck);

/// <summary>
/// The numbers behind the conventions every report states (the definitions' words are Reporting's, keys
/// <c>conventions.*</c>): the tolerance band as printed, each bound rounded towards its inside, and the generalized
/// entropy index's alpha.
/// </summary>
public sealed record Conventions(double ToleranceLow, double ToleranceHigh, double EntropyAlpha);

public sealed record OverallRates(Metric Count, Metric WeightedCount, IReadOnlyDictionary<string, Metric> Rates);

/// <param name="Attribute">The attribute's name; for an intersection, the names joined by " × ".</param>
/// <param name="Columns">The data columns crossed (one for a single attribute).</param>
/// <param name="Bands">The band edges, for a banded numeric attribute.</param>
/// <param name="ReferenceRule">"explicit" (named in the plan; for an intersection, every crossed attribute's named reference) or "largest" (the group with the largest weighted count).</param>
/// <param name="FourFifthsComparator">The unsuppressed group with the lowest flag rate, against which the four-fifths ratio is taken.</param>
/// <param name="BetweenGroups">Per metric, the spread over unsuppressed groups (Fairlearn's <c>between_groups</c>: difference = max − min, ratio = min / max).</param>
/// <param name="WorstOff">The unsuppressed group with the highest flag rate.</param>
/// <param name="FlagRateTest">Pearson's chi-square test that every unsuppressed group has the same flag rate (not adjusted for multiple testing).</param>
/// <param name="BetweenGroupInequality">The between-group part of the generalized entropy and Theil indices (every person's benefit replaced by the group mean).</param>
public sealed record AttributeResult(
    string Attribute,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double>? Bands,
    GroupKey? Reference,
    string ReferenceRule,
    GroupKey? FourFifthsComparator,
    GroupKey? WorstOff,
    IReadOnlyList<GroupResult> Groups,
    IReadOnlyDictionary<string, BetweenGroups> BetweenGroups,
    HomogeneityTest? FlagRateTest,
    InequalityResult? BetweenGroupInequality);

/// <summary>A test that several groups share one proportion.</summary>
public sealed record HomogeneityTest(string Test, double Statistic, int DegreesOfFreedom, double P);

/// <summary>
/// How intervals and tests were computed, stated in every report: the facts that choose the method; the words that
/// name each interval and test are Reporting's (keys <c>inference.*</c>).
/// </summary>
/// <param name="Correction">holm, bh or none.</param>
/// <param name="BootstrapReplicates">Replicates of the bootstrap (0: none).</param>
/// <param name="Analytical">True when intervals and tests come from counts; false with sampling weights, where tests are
/// not computed and intervals, if any, come from a Poisson bootstrap of rows (a limitation every report states).</param>
/// <param name="Weighted">True when rows carry weights (with <paramref name="Analytical"/>: frequency weights, and the bootstrap draws over cells of weighted people).</param>
public sealed record InferenceSettings(double Confidence, string Correction, int BootstrapReplicates, bool Analytical, bool Weighted);

/// <summary>One group's numbers.</summary>
/// <param name="ShareOfPopulation">W(group) / W(all).</param>
/// <param name="ShareOfFlagged">W(group, flagged) / W(all flagged): the composition of the flagged set.</param>
/// <param name="Rates">Every metric of <c>GroupRate.All</c> by key (label-based ones only when there is a label column).</param>
/// <param name="Disparities">Per metric, its comparison with the reference group and with the whole population.</param>
/// <param name="FlagRateRatio">flag_rate(group) / flag_rate(reference).</param>
/// <param name="FlagRateDifference">flag_rate(group) − flag_rate(reference).</param>
/// <param name="FourFifthsRatio">(1 − flag_rate(group)) / (1 − flag_rate(comparator)).</param>
/// <param name="AdverseImpact">True when the four-fifths ratio is below 0.8; null when it is undefined or suppressed.</param>
/// <param name="MinimumDetectableDifference">The smallest flag-rate difference from the reference group that a two-sided test at the report's level would detect with 80 % power, given the two groups' sizes.</param>
/// <param name="FlagShortfall">How many people of the group would have to be unflagged for its flag rate to fall to the reference group's: max(0, W(group, flagged) − flag_rate(reference) × W(group)).</param>
public sealed record GroupResult(
    GroupKey Group,
    Metric Count,
    Metric WeightedCount,
    Metric ShareOfPopulation,
    Metric ShareOfFlagged,
    IReadOnlyDictionary<string, Metric> Rates,
    IReadOnlyDictionary<string, Disparity> Disparities,
    Metric FlagRateRatio,
    Metric FlagRateDifference,
    Metric FourFifthsRatio,
    bool? AdverseImpact,
    Metric FlagShortfall,
    Metric MinimumDetectableDifference,
    ScoreSummary? Scores = null,
    GradeSummary? Grades = null);

/// <summary>How a group's grades fall, when the model declares grades (single attributes).</summary>
/// <param name="Distribution">Share of the group in each grade, from the most favourable to the most adverse.</param>
/// <param name="WorstGradeRate">Share of the group in the most adverse grade.</param>
/// <param name="WorstGradeRatio">WorstGradeRate(group) / WorstGradeRate(reference group).</param>
public sealed record GradeSummary(IReadOnlyDictionary<string, Metric> Distribution, Metric WorstGradeRate, Metric WorstGradeRatio);

/// <summary>How the model's scores fall in a group (present when the audit has scores, for single attributes).</summary>
/// <param name="MeanScore">Mean score, in the model's units.</param>
/// <param name="Auc">Probability that a person of the group with the adverse outcome scores more adversely than one without (ties ½), from a 4,096-bin score histogram (pairs within one bin count as ties; see docs/metrics.md).</param>
/// <param name="CalibrationError">Expected calibration error over 10 equal-width bins, for probability scores only.</param>
/// <param name="DistanceToRest">Kolmogorov-Smirnov distance between the group's scores and everybody else's.</param>
/// <param name="Curves">The points the report draws (distribution, ROC, calibration); null for a suppressed group.</param>
public sealed record ScoreSummary(Metric MeanScore, Metric Auc, Metric CalibrationError, Metric DistanceToRest, ScoreCurves? Curves = null);

/// <summary>A metric of one group compared with the reference group and with everybody.</summary>
/// <param name="OddsRatioToReference">(p / (1 − p)) / (p_ref / (1 − p_ref)), for proportions.</param>
public sealed record Disparity(
    Metric DifferenceToReference,
    Metric RatioToReference,
    Metric DifferenceToOverall,
    Metric RatioToOverall,
    Metric? OddsRatioToReference)
{
    /// <summary>The verdict on the ratio to the reference (<see cref="Results.Verdict"/>), for the verdict metrics only (flag rate; with labels, false positive and false negative rates); null otherwise or when undefined.</summary>
    public Verdict? Verdict { get; init; }
}

/// <summary>The spread of one metric over the unsuppressed groups of an attribute.</summary>
public sealed record BetweenGroups(Metric Min, Metric Max, Metric Difference, Metric Ratio, GroupKey? MinGroup, GroupKey? MaxGroup);

/// <summary>
/// Individual-level inequality of the "benefit" b = label − flag + 1 (AIF360's b = ŷ − y + 1 with "not flagged"
/// as the favourable prediction and "no adverse outcome" as the favourable label), over labelled people.
/// </summary>
public sealed record InequalityResult(Metric GeneralizedEntropyIndex, double Alpha, Metric TheilIndex);

/// <summary>
/// A headline finding: its kind and the facts its sentence quotes, never the sentence (Reporting's catalogue holds the
/// words, keys <c>verdict.finding.*</c>, in every language). Headlines state established disparities only
/// (<see cref="Results.Verdict.Established"/>), against first, then in favour, each ranked by
/// <see cref="Results.Verdict.Distance"/>; when none is established, one <see cref="NoneEstablished"/> finding says so
/// with the largest ratio and its interval.
/// </summary>
/// <param name="Kind"><see cref="Disparity"/>, <see cref="NoneEstablished"/>, <see cref="ManyLevels"/> or <see cref="MoreIntersections"/>.</param>
/// <param name="Value">The ratio to the reference (null when infinite).</param>
/// <param name="Against">The reference group.</param>
/// <param name="Rate">The group's value of the metric.</param>
/// <param name="AgainstRate">The reference group's value.</param>
/// <param name="P">For the flag rate, the p-value of the difference to the reference, adjusted for multiple comparisons when <paramref name="PAdjusted"/>.</param>
/// <param name="Significant">Whether <paramref name="P"/> is below the significance level of the headlines; null without a test.</param>
/// <param name="ValueDigits">The decimals that print <see cref="FourFifths"/> on the side of 0.8 it lies on.</param>
public sealed record Finding(string Attribute, GroupKey Group, string Kind, double? Value, GroupKey? Against = null, double? Rate = null,
    double? AgainstRate = null, double? P = null, bool PAdjusted = false, bool? Significant = null, int? ValueDigits = null)
{
    /// <summary>An established disparity (<see cref="Verdict"/>) on one verdict metric.</summary>
    public const string Disparity = "disparity";

    /// <summary>No disparity is established anywhere: the largest flag-rate ratio and its interval.</summary>
    public const string NoneEstablished = "noneEstablished";

    /// <summary>An attribute with more levels than the display threshold: its top established disparities are listed, the rest counted.</summary>
    public const string ManyLevels = "manyLevels";

    /// <summary>Established disparities of intersections beyond those listed, counted.</summary>
    public const string MoreIntersections = "moreIntersections";

    /// <summary>Not produced since schema 4 (a headline is an established verdict); kept so that the name is not reused.</summary>
    public const string FlagRateRatio = "flagRateRatio";

    /// <summary>Not produced since schema 4: the four-fifths ratio is a secondary figure of a flag-rate finding (<see cref="FourFifthsRatio"/>).</summary>
    public const string FourFifths = "fourFifths";

    /// <summary>Not produced since schema 4: intersections' established disparities are findings of kind <see cref="Disparity"/>.</summary>
    public const string WorstOffSubgroup = "worstOffSubgroup";

    /// <summary>The metric key of the verdict (<c>selectionRate</c>, <c>falsePositiveRate</c>, <c>falseNegativeRate</c>).</summary>
    public string? Metric { get; init; }

    /// <summary>The verdict the finding states (ratio, simultaneous interval, level, direction).</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>True when the finding is on an intersection of attributes.</summary>
    public bool Intersection { get; init; }

    /// <summary>The group's four-fifths ratio (flag-rate findings): the secondary, labelled figure of 29 CFR 1607.4(D).</summary>
    public double? FourFifthsRatio { get; init; }

    /// <summary>The levels of the attribute (<see cref="ManyLevels"/>).</summary>
    public int? Levels { get; init; }

    /// <summary>The display threshold exceeded (<see cref="ManyLevels"/>).</summary>
    public int? DisplayLevels { get; init; }

    /// <summary>Established disparities not listed one by one (<see cref="ManyLevels"/>, <see cref="MoreIntersections"/>).</summary>
    public int? Others { get; init; }
}
