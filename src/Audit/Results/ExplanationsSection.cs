namespace Audit.Results;

/// <summary>
/// Global explanations, proxy analysis and disparity decomposition. Filled by the explanations stage
/// (<c>Audit.Explain.ExplanationStage</c>; method and definitions in docs/explanations.md).
/// </summary>
/// <remarks>Every number is computed over <see cref="RowsExplained"/> rows (all rows, or a seeded sample of them).</remarks>
public sealed record ExplanationsSection
{
    /// <summary>How the attributions were computed ("closed form: ...", "interventional TreeSHAP ...", "KernelSHAP ...").</summary>
    public required string Method { get; init; }

    /// <summary>The space the attributions add up in: points, log-odds, raw margin, probability, score.</summary>
    public required string ExplanationSpace { get; init; }

    /// <summary>True when the attributions are exact (no sampling error).</summary>
    public required bool Exact { get; init; }

    /// <summary>The game: interventional Shapley values against a background sample.</summary>
    public required string Game { get; init; }

    /// <summary>Rows of the background sample, drawn with the seed from the audited data.</summary>
    public required int BackgroundRows { get; init; }

    /// <summary>v(∅): the mean output over the background, in the explanation space.</summary>
    public required double Baseline { get; init; }

    /// <summary>Rows behind the global numbers and the decomposition; <see cref="Sampled"/> when fewer than the data's.</summary>
    public required long RowsExplained { get; init; }

    public required bool Sampled { get; init; }

    /// <summary>Distinct inputs among them (people with identical inputs share one explanation).</summary>
    public required long DistinctInputs { get; init; }

    /// <summary>The largest |baseline + Σ attributions − output| over the rows explained: the additivity check.</summary>
    public required double AdditivityError { get; init; }

    /// <summary>Per model input, by decreasing mean absolute attribution.</summary>
    public required IReadOnlyList<FeatureImportance> Importance { get; init; }

    /// <summary>For an additive model, its weight table (as <c>audit model inspect</c> prints it); null otherwise.</summary>
    public IReadOnlyList<VariableWeight>? Weights { get; init; }

    /// <summary>Partial dependence and ICE curves of the top variables, in the score's own space.</summary>
    public required IReadOnlyList<DependenceCurve> Dependence { get; init; }

    /// <summary>Per model input and protected attribute: how strongly the input stands in for the attribute.</summary>
    public required IReadOnlyList<ProxyStrength> Proxies { get; init; }

    /// <summary>Per protected attribute and group: the gap in mean output to the reference group, split by input.</summary>
    public required IReadOnlyList<GapDecomposition> Decompositions { get; init; }

    /// <summary>Reason codes given per person (<c>audit explain</c>), and how they are chosen.</summary>
    public required int ReasonCodes { get; init; }

    public required string ReasonCodeMethod { get; init; }
}

/// <param name="MeanAbsoluteAttribution">Mean |φ| over the rows explained, in the explanation space.</param>
/// <param name="MeanAttributionFlagged">Mean φ over the flagged rows explained (positive: pushes towards the adverse tail when adverse is high).</param>
/// <param name="PermutationImportance">Mean |change of the score| when the input's values are shuffled across people, with its standard error over the repeats in <c>ci</c>-free form (see <paramref name="PermutationStandardError"/>).</param>
public sealed record FeatureImportance(string Feature, double MeanAbsoluteAttribution, double? MeanAttributionFlagged, double PermutationImportance, double PermutationStandardError);

/// <summary>A row of an additive model's weight table.</summary>
public sealed record VariableWeight(string Feature, string Weight, string Direction, string? Source);

/// <summary>Partial dependence (mean score) and the spread of the individual (ICE) curves over a grid of the input's values.
/// No individual curve is published: with an additive model's weight table, one person's curve gives back their record.</summary>
/// <param name="Grid">The grid as text (numbers for numeric inputs, levels for categorical ones).</param>
/// <param name="Ice">The 10th, 50th and 90th percentiles of the individual curves at each grid point, or null when fewer rows
/// than the minimum cell size were scored.</param>
public sealed record DependenceCurve(string Feature, IReadOnlyList<string> Grid, IReadOnlyList<double> PartialDependence, IceBands? Ice);

/// <summary>Percentiles (linear interpolation between order statistics) of the individual conditional expectation curves
/// at each grid point, over <paramref name="Rows"/> scored rows.</summary>
public sealed record IceBands(int Rows, IReadOnlyList<double> P10, IReadOnlyList<double> P50, IReadOnlyList<double> P90);

/// <param name="Measure">"cramers_v" (categorical or boolean input) or "correlation_ratio" (numeric input, η).</param>
/// <param name="Association">Cramér's V or η, from 0 (none) to 1.</param>
/// <param name="MutualInformation">In bits (numeric inputs cut into deciles).</param>
/// <param name="BalancedAccuracy">Of predicting the attribute from this input alone (two-fold cross-fitted), against a chance level of 1 / groups.</param>
public sealed record ProxyStrength(string Feature, string Attribute, string Measure, double Association, double MutualInformation, double BalancedAccuracy, double ChanceLevel);

/// <summary>
/// The gap between a group's and the reference group's mean output, split by input: input j's part is the
/// difference of the groups' mean attributions to j; the parts add up to the gap (exactly, since every attribution
/// set adds up to output − baseline).
/// </summary>
/// <param name="Gap">Mean output of the group minus the reference's, with a bootstrap interval.</param>
/// <param name="Parts">Per input, in the model's order, with bootstrap intervals.</param>
/// <param name="Residual">|gap − Σ parts| (rounding).</param>
public sealed record GapDecomposition(string Attribute, string Group, string Reference, long GroupRows, long ReferenceRows, Metric Gap, IReadOnlyList<GapPart> Parts, double Residual);

public sealed record GapPart(string Feature, Metric Difference);
