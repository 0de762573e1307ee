namespace Audit.Results;

/// <summary>
/// Results of the real-world audit designs (docs/designs.md): adjusted and conditional disparity, selective labels,
/// composition against a random sample, capacity sweep, attribute flips, model comparison, partially published
/// models, time and decision-following. Each part is null when the plan did not ask for it.
/// </summary>
public sealed record DesignsSection
{
    public AdjustedDisparityResult? Adjusted { get; init; }

    public SelectiveLabelsResult? SelectiveLabels { get; init; }

    public CompositionResult? Composition { get; init; }

    public CapacitySweepResult? Capacity { get; init; }

    public IReadOnlyList<AttributeFlipResult>? Flips { get; init; }

    /// <summary>The model with one variable dropped at a time, against the audited model.</summary>
    public IReadOnlyList<ModelVariantResult>? DropOne { get; init; }

    /// <summary>Another model (a published rule set, an earlier version) against the audited model.</summary>
    public ModelVariantResult? Compare { get; init; }

    public PartialModelResult? PartialModel { get; init; }

    public TimeResult? Time { get; init; }

    public DecisionFollowingResult? DecisionFollowing { get; init; }

    public SubgroupDiscoveryResult? Subgroups { get; init; }

    public ProxyResult? Proxy { get; init; }

    /// <summary>What the reader must know about these results (stable codes, as the report's caveats).</summary>
    public IReadOnlyList<Caveat> Caveats { get; init; } = [];
}

/// <summary>A group's flag rate and its comparisons, as every design reports them.</summary>
/// <param name="FlagRate">Share of the group flagged (Wilson interval at Kish's effective size); n: the group's rows.</param>
/// <param name="Ratio">Flag rate over the reference group's (Katz log interval); n: the group's rows.</param>
/// <param name="FourFifths">Share not flagged over that of the least-flagged group; below 0.8 is adverse impact (the fixed threshold of 29 CFR 1607.4(D), never the plan's tolerance); n: the group's rows.</param>
/// <param name="AdverseImpact">The four-fifths verdict (FourFifthsRule), as in the fairness section; null when the ratio is undefined or the group suppressed.</param>
public sealed record GroupFlagRate(string Attribute, string Group, bool IsReference, Metric FlagRate, Metric Ratio, Metric FourFifths, bool? AdverseImpact);

/// <summary>ProPublica-style regression and Mantel-Haenszel strata.</summary>
/// <param name="Outcome">"decision" (flagged by the policy) or the column regressed on.</param>
/// <param name="RowsUsed">Rows after the filters and without missing controls.</param>
/// <param name="RowsFiltered">Rows removed by the design's row conditions.</param>
public sealed record AdjustedDisparityResult(
    string Outcome,
    long RowsUsed,
    long RowsFiltered,
    IReadOnlyList<string> RowConditions,
    IReadOnlyList<RegressionCoefficient> Coefficients,
    IReadOnlyList<AdjustedOddsRatio> ProtectedEffects,
    double ControlProbability,
    bool Converged,
    int Iterations,
    IReadOnlyList<StratifiedComparison> Stratified,
    IReadOnlyList<string> Strata);

/// <param name="Name">"(intercept)", "column=level" or "column".</param>
public sealed record RegressionCoefficient(string Name, double Estimate, double StandardError, double P);

/// <summary>A protected group's adjusted odds ratio against its reference level, and ProPublica's "times as likely" conversion.</summary>
/// <param name="OddsRatio">exp(β) with its Wald interval and test.</param>
/// <param name="TimesAsLikely">OR / (1 − p₀ + p₀ OR) at the control group's probability p₀; the interval converts the odds ratio's ends.</param>
public sealed record AdjustedOddsRatio(string Attribute, string Group, string Reference, Metric OddsRatio, Metric TimesAsLikely);

/// <summary>A protected group against its reference, within strata: the Mantel-Haenszel pooled odds ratio and the CMH test.</summary>
public sealed record StratifiedComparison(string Attribute, string Group, string Reference, Metric CrudeOddsRatio, Metric PooledOddsRatio, double? CmhChiSquare, int Strata)
{
    /// <summary>Why the interval and test are missing (sampling weights), or null.</summary>
    public string? Note { get; init; }
}

/// <summary>Error rates when labels exist only for investigated rows.</summary>
/// <param name="Method">"random-sample", "inverse-probability-weighting" or "none" (labels as given, with a warning).</param>
/// <param name="Investigated">Rows investigated (labels known).</param>
/// <param name="RandomSample">Rows in the random control sample.</param>
public sealed record SelectiveLabelsResult(string Method, long Investigated, long RandomSample, ErrorRates Overall, ErrorRates NaiveOverall, IReadOnlyList<GroupErrorRates> Groups);

/// <summary>False positive rate, false negative rate, base rate and precision (PPV).</summary>
public sealed record ErrorRates(Metric FalsePositiveRate, Metric FalseNegativeRate, Metric BaseRate, Metric Precision);

/// <summary>A group's error rates by the design's method, next to the naive ones over every investigated row.</summary>
public sealed record GroupErrorRates(string Attribute, string Group, ErrorRates Estimate, ErrorRates Naive);

/// <summary>The composition of the selected set against a random reference sample.</summary>
public sealed record CompositionResult(string Column, IReadOnlyList<string> ReferenceValues, IReadOnlyList<string> SelectedValues, long ReferenceRows, long SelectedRows, IReadOnlyList<CompositionAttribute> Attributes);

/// <param name="Test">Chi-square test that the attribute's distribution is the same in both sets.</param>
public sealed record CompositionAttribute(string Attribute, IReadOnlyList<CompositionShare> Shares, HomogeneityTest? Test);

/// <summary>A group's share of the reference sample and of the selected set; the difference (selected − reference, Newcombe interval) and ratio (Katz).</summary>
/// <param name="ReferenceShare">The group's (weighted) share of the reference sample, Wilson interval; n: rows of the reference sample.</param>
/// <param name="SelectedShare">The group's (weighted) share of the selected set, Wilson interval; n: rows of the selected set.</param>
/// <param name="Difference">Selected share − reference share, Newcombe interval and two-proportion z test; n: rows of both samples (reference sample + selected set).</param>
/// <param name="Ratio">Selected share / reference share, Katz log interval; n: rows of both samples (reference sample + selected set).</param>
public sealed record CompositionShare(string Group, Metric ReferenceShare, Metric SelectedShare, Metric Difference, Metric Ratio);

/// <summary>Disparities as the share flagged varies.</summary>
public sealed record CapacitySweepResult(IReadOnlyList<CapacityPoint> Points, IReadOnlyList<CapacityFinding> Findings);

/// <summary>One cut-off: the fraction (or budget) flagged and every group's flag rate there.</summary>
public sealed record CapacityPoint(double Fraction, long Flagged, double? Cutoff, IReadOnlyList<GroupFlagRate> Groups);

/// <summary>
/// At which cut-offs a group is flagged significantly more often than the reference (ratio interval above 1) and
/// shows adverse impact; <see cref="Robustness"/> is "every cut-off", "some cut-offs", "one cut-off only" or "none".
/// </summary>
public sealed record CapacityFinding(string Attribute, string Group, IReadOnlyList<double> SignificantlyMoreAt, IReadOnlyList<double> AdverseImpactAt, string Robustness);

/// <summary>Everyone re-scored with one column set to each value in turn (the cut-off score held fixed).</summary>
/// <param name="Cutoff">The score cut-off of the audited decisions, applied to every re-scored population.</param>
public sealed record AttributeFlipResult(string Column, double? Cutoff, Metric ObservedMeanScore, Metric ObservedFlagRate, IReadOnlyList<FlipScenario> Scenarios);

/// <summary>
/// Everyone with the column set to <see cref="Value"/>: mean score and flag rate, and per observed group (people who
/// actually have each value) the flag rate before and after.
/// </summary>
public sealed record FlipScenario(string Value, Metric MeanScore, Metric FlagRate, Metric MeanScoreChange, Metric FlagRateChange, IReadOnlyList<FlipGroupChange> Groups);

/// <param name="Group">The people whose observed value is this.</param>
/// <param name="Rows">Their number; null when the group is suppressed.</param>
public sealed record FlipGroupChange(string Group, long? Rows, Metric ObservedFlagRate, Metric FlippedFlagRate, Metric MeanScoreChange);

/// <summary>Another model on the same people: who changes side, and which four-fifths verdicts change.</summary>
/// <param name="Name">"without revenu", or the other model's name.</param>
/// <param name="NewlyFlagged">Flagged by the variant, not by the audited model.</param>
/// <param name="NoLongerFlagged">Flagged by the audited model, not by the variant.</param>
public sealed record ModelVariantResult(string Name, long NewlyFlagged, long NoLongerFlagged, IReadOnlyList<GroupFlagRate> Groups, IReadOnlyList<VerdictChange> VerdictChanges, IReadOnlyList<SideChange> SideChanges);

/// <summary>A group whose four-fifths verdict differs between the audited model and the variant.</summary>
public sealed record VerdictChange(string Attribute, string Group, bool AdverseBefore, bool AdverseAfter, Metric FourFifthsBefore, Metric FourFifthsAfter);

/// <summary>Per group, how many people change side.</summary>
public sealed record SideChange(string Attribute, string Group, long NewlyFlagged, long NoLongerFlagged);

/// <summary>Findings as ranges over coefficient vectors consistent with what the spec publishes.</summary>
/// <param name="Samples">Models sampled.</param>
/// <param name="SampledCoefficients">Coefficients the spec gives only as a sign, an interval or unknown.</param>
public sealed record PartialModelResult(int Samples, long Seed, double Magnitude, IReadOnlyList<string> SampledCoefficients, IReadOnlyList<RangeFinding> Findings, IReadOnlyList<string> HoldForEveryModel);

/// <summary>A group's flag-rate ratio and four-fifths ratio across sampled models: minimum, median, maximum.</summary>
/// <param name="MoreOftenInEvery">The group is flagged significantly more often than the reference (ratio interval above 1) under every sampled model.</param>
/// <param name="AdverseImpactInEvery">Four-fifths adverse impact under every sampled model.</param>
/// <param name="AdverseImpactShare">Share of sampled models with adverse impact.</param>
public sealed record RangeFinding(string Attribute, string Group, double RatioMin, double RatioMedian, double RatioMax, double FourFifthsMin, double FourFifthsMax, bool MoreOftenInEvery, bool AdverseImpactInEvery, double AdverseImpactShare)
{
    /// <summary>
    /// The group's own flag rate across the sampled models, lowest and highest (issue 19): a ranking policy fixes the
    /// overall rate, not a group's, so with a spec that gives only signs the group's rate is a range, not one number.
    /// </summary>
    public double? FlagRateMin { get; init; }

    /// <summary>The highest of the group's flag rates across the sampled models.</summary>
    public double? FlagRateMax { get; init; }
}

/// <summary>Flag rates and disparities per period, their trend and persistence.</summary>
public sealed record TimeResult(string Period, IReadOnlyList<string> Periods, IReadOnlyList<TimeSeriesGroup> Groups);

/// <summary>A group's series: per period its flag rate and ratio to the reference.</summary>
/// <param name="LogRatioTrend">Slope of ln(ratio) per period (inverse-variance weighted least squares), with interval and p.</param>
/// <param name="PeriodsSignificantlyMore">Periods in which the ratio's interval lies above 1.</param>
/// <param name="LongestRun">The longest run of consecutive periods with the ratio's interval above 1.</param>
/// <param name="PeriodsAdverse">Periods with four-fifths adverse impact.</param>
public sealed record TimeSeriesGroup(string Attribute, string Group, IReadOnlyList<GroupFlagRate> Series, Metric LogRatioTrend, int PeriodsSignificantlyMore, int LongestRun, int PeriodsAdverse);

/// <summary>How strongly the final human decision follows the score (the CJEU's SCHUFA question, C-634/21).</summary>
/// <param name="Agreement">Share of rows where the human decision equals the score's decision.</param>
/// <param name="Kappa">Cohen's kappa between the two decisions.</param>
/// <param name="FollowedWhenFlagged">P(human adverse | flagged by the score).</param>
/// <param name="AdverseWhenNotFlagged">P(human adverse | not flagged).</param>
public sealed record DecisionFollowingResult(string Column, long Rows, Metric Agreement, Metric Kappa, Metric FollowedWhenFlagged, Metric AdverseWhenNotFlagged, IReadOnlyList<OverrideByGroup> Groups);

/// <summary>
/// A group's override rates and its disparity before and after the human: the score's flag-rate ratio and the human
/// decisions' adverse-rate ratio to the reference.
/// </summary>
/// <param name="OverruledFlag">Share of the group's flagged rows the human did not act on.</param>
/// <param name="AddedAdverse">Share of the group's unflagged rows the human decided against.</param>
public sealed record OverrideByGroup(string Attribute, string Group, Metric OverruledFlag, Metric AddedAdverse, Metric ScoreRatio, Metric HumanRatio, string Effect);

/// <summary>Subgroups found without protected attributes, each tested on the held-out half of the rows.</summary>
/// <param name="Holdout">Share of rows held out for the tests.</param>
/// <param name="Alpha">Significance level of the held-out tests.</param>
public sealed record SubgroupDiscoveryResult(IReadOnlyList<string> Features, double Holdout, long Seed, double Alpha, long SearchRows, long HeldOutRows, IReadOnlyList<DiscoveredSubgroup> Subgroups);

/// <summary>
/// The most deviating subgroup one method found: its description, size and flag rates among all rows, and the held-out
/// test (Fisher's exact one-sided test that members are flagged more often than the others, on rows the search did not see).
/// </summary>
/// <param name="Method">"subset-scan" or "bias-aware-clustering".</param>
/// <param name="Score">The search's own score (log-likelihood ratio for the scan; flag-rate excess for the clustering).</param>
/// <param name="HeldOutPAdjusted">The held-out p-value adjusted (Holm) over the searches run; <see cref="Significant"/> compares it with α.</param>
public sealed record DiscoveredSubgroup(string Method, IReadOnlyList<SubgroupCondition> Description, long Rows, double Score, Metric FlagRate, Metric FlagRateOutside, Metric HeldOutFlagRate, Metric HeldOutFlagRateOutside, double HeldOutP, double HeldOutPAdjusted, bool Significant);

/// <summary>One feature's part of a subgroup's description: the levels or ranges it takes.</summary>
public sealed record SubgroupCondition(string Feature, string Values);

/// <summary>Flag rates of a group inferred from a proxy: estimate, interval with the proxy's uncertainty, and partial-identification bounds.</summary>
/// <param name="Name">The inferred attribute's name.</param>
/// <param name="ProxyColumn">The proxy (its values are the cells of the bounds).</param>
/// <param name="Replicates">Bootstrap replicates (rows resampled, groups drawn from their probabilities).</param>
public sealed record ProxyResult(string Name, string ProxyColumn, string Reference, int Replicates, IReadOnlyList<ProxyGroupEstimate> Groups);

/// <param name="EstimatedShare">Σ w p / Σ w: the group's estimated share of the population.</param>
/// <param name="FlagRate">The probability-weighted flag rate, with the bootstrap percentile interval.</param>
/// <param name="Ratio">FlagRate over the reference group's, with its bootstrap interval.</param>
/// <param name="FlagRateBounds">Fréchet bounds on the flag rate over the proxy's cells, whatever the dependence between group and flag within a cell.</param>
/// <param name="RatioBounds">Bounds on the ratio from the rate bounds; null where unbounded.</param>
public sealed record ProxyGroupEstimate(string Group, bool IsReference, Metric EstimatedShare, Metric FlagRate, Metric Ratio, IReadOnlyList<double?> FlagRateBounds, IReadOnlyList<double?> RatioBounds);
