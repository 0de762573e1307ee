using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Models;
using Audit.Results;

namespace Audit.Explain;

/// <summary>
/// The explanations stage of an audit: attributions for (a seeded sample of at most
/// <see cref="ExplanationOptions.MaxRows"/>) rows, then global importance, dependence curves, proxies and the
/// disparity decomposition, gathered into an <see cref="ExplanationsSection"/>.
/// </summary>
public static class ExplanationStage
{
    /// <summary>
    /// At most this many bootstrap replicates for the decomposition: each replicate resamples every explained row
    /// (up to 100,000) for every attribute, so 1,000 replicates cost about 15 s of CPU on the benchmark machine
    /// (docs/benchmarks.md) against about 3 s for 200, enough for 95 % percentile intervals to two digits. (Measured
    /// before issue 21 made the resampling about five times cheaper; the cap stays, since raising it would change the
    /// reports' intervals.)
    /// </summary>
    public const int MaxDecompositionReplicates = 200;

    /// <summary>An attribute's groups for every row, and its reference group's label.</summary>
    /// <param name="Hidden">The group labels the fairness section hides for this attribute (never decomposed; none when the reference is hidden).</param>
    public sealed record AttributeGroups(GroupAssignment Groups, string Reference, IReadOnlySet<string>? Hidden = null);

    /// <summary>Whether the stage runs: as the plan says, or by default when the model has exact attributions.</summary>
    public static bool ShouldRun(IScoringModel model, ExplanationOptions options) =>
        options.Enabled ?? (LocalExplainer.HasExactAttributions(model) && options.Space == "model");

    /// <param name="flags">Each row's decision (true = flagged).</param>
    /// <param name="weights">Row weights, or empty.</param>
    public static ExplanationsSection Run(IScoringModel model, Table table, IReadOnlyList<byte> flags, IReadOnlyList<AttributeGroups> attributes,
        ReadOnlySpan<double> weights, ExplanationOptions options, Action<long, long>? progress = null)
    {
        var explainer = LocalExplainer.For(model, table, options);
        var cap = explainer.Exact && explainer is not SampledExplainer ? options.MaxRows : Math.Min(options.MaxRows, options.SampledRows);
        var rows = SeededSample.Draw(table.RowCount, cap, options.Seed + 1);
        progress?.Invoke(0, 4);
        var set = explainer.Explain(rows).EnsureAdditive();
        progress?.Invoke(1, 4);

        var (meanAbsolute, meanFlagged) = GlobalExplanation.MeanAttributions(set, rows.Select(r => flags[r] == 1).ToArray());
        var scored = rows.Length <= GlobalExplanation.ScoredRows ? rows : SeededSample.Draw(rows.Length, GlobalExplanation.ScoredRows, options.Seed + 2).Select(i => rows[i]).ToArray();
        var (permutation, permutationSe) = GlobalExplanation.PermutationImportance(model, explainer.Rows, scored, options.Permutations, options.Seed);
        var order = Enumerable.Range(0, set.Features.Count).OrderByDescending(j => meanAbsolute[j]).ThenBy(j => j).ToArray();
        var importance = order.Select(j => new FeatureImportance(set.Features[j], meanAbsolute[j], meanFlagged?[j], permutation[j], permutationSe[j])).ToArray();
        var dependence = order.Take(options.TopFeatures).Select(j => GlobalExplanation.Dependence(model, explainer.Rows, j, scored, options.MinCellSize)).ToArray();
        progress?.Invoke(2, 4);

        var proxies = ProxyAnalysis.Analyze(explainer.Rows, rows, attributes.Select(a => a.Groups).ToArray(), attributes.Select(a => a.Hidden).ToArray());
        progress?.Invoke(3, 4);
        var decompositions = new List<GapDecomposition>();
        foreach (var a in attributes)
        {
            decompositions.AddRange(DisparityDecomposition.Decompose(set, rows, a.Groups, a.Reference, weights,
                Math.Min(options.BootstrapReplicates, MaxDecompositionReplicates), options.Confidence, options.MinCellSize, options.Seed, a.Hidden));
        }
        progress?.Invoke(4, 4);

        IReadOnlyList<VariableWeight>? weightTable = model is IAdditiveModel
            ? ModelInspection.Inspect(model).Variables.Select(v => new VariableWeight(v.Name, v.Weight, v.Direction, v.Source)).ToArray()
            : null;
        return new ExplanationsSection
        {
            Method = explainer.Method,
            ExplanationSpace = explainer.ExplanationSpace,
            Exact = explainer.Exact,
            Game = "interventional Shapley values: v(S) = mean over the background rows z of f(x_S, z_not S) (SHAP's feature_perturbation=\"interventional\")",
            BackgroundRows = explainer.Background.Count,
            Baseline = set.Baseline,
            RowsExplained = set.Count,
            Sampled = set.Count < table.RowCount,
            DistinctInputs = set.DistinctCount,
            AdditivityError = set.MaxAdditivityError,
            Importance = importance,
            Weights = weightTable,
            Dependence = dependence,
            Proxies = proxies,
            Decompositions = decompositions,
            ReasonCodes = options.ReasonCodes,
            ReasonCodeMethod = PersonExplanations.UsesPoints(model, explainer) ? ReasonCodes.PointsMethodDescription : ReasonCodes.MethodDescription,
        };
    }
}
