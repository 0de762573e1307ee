using Audit.Data;
using Audit.Models;

namespace Audit.Explain;

/// <summary>
/// Per-person attributions for a model over one table, against a background sample of that table, by the best
/// method the model's capabilities allow (ARCHITECTURE.md: capabilities, not type switches):
/// <list type="bullet">
/// <item>additive terms (<see cref="IAdditiveModel"/>): closed form in the model's space (points, log-odds);</item>
/// <item>a tree ensemble (<see cref="ITreeEnsemble"/>): interventional TreeSHAP on the raw margin;</item>
/// <item>anything else, or the score itself (<c>space: score</c>, e.g. a logistic model's probability): exact
/// enumeration of the coalitions up to <see cref="ExplanationOptions.MaxEnumeratedFeatures"/> features, KernelSHAP above.</item>
/// </list>
/// Every method plays the same interventional game <c>v(S) = mean_z f(x_S, z_~S)</c> over the same background, so the
/// numbers agree where two methods apply. Attributions are per model input, in <see cref="IScoringModel.Features"/> order.
/// </summary>
public abstract class LocalExplainer
{
    /// <summary>Rows explained per chunk: bounds the memory of the additive method's per-term arrays.</summary>
    private const int ChunkRows = 65_536;

    private protected LocalExplainer(IScoringModel model, Table table, IReadOnlyList<int> background)
    {
        Model = model;
        Rows = new FeatureRows(table, model.Features.Select(f => f.Name).ToArray());
        Background = background;
    }

    public IScoringModel Model { get; }

    /// <summary>The model's inputs in the table the explainer serves.</summary>
    public FeatureRows Rows { get; }

    public IReadOnlyList<string> Features => Rows.Names;

    /// <summary>Rows of the table that form the background.</summary>
    public IReadOnlyList<int> Background { get; }

    /// <summary>How the attributions are computed, for the report (method, game, reference).</summary>
    public abstract string Method { get; }

    /// <summary>A short stable code of the method, for renderers that word it in their language: closed-form, tree-shap, path-tree-shap, enumeration, kernel-shap.</summary>
    public abstract string MethodCode { get; }

    /// <summary>The space the attributions add up in: "points", "log-odds", "raw margin", "probability", "score".</summary>
    public abstract string ExplanationSpace { get; }

    /// <summary>True when the attributions are exact (no sampling error).</summary>
    public abstract bool Exact { get; }

    /// <summary>v(∅): the mean output over the background.</summary>
    public abstract double Baseline { get; }

    /// <summary>The attributions of the given rows of the table (each distinct input explained once).</summary>
    public AttributionSet Explain(IReadOnlyList<int> rows)
    {
        var (distinct, indexOf) = Rows.Deduplicate(rows);
        var f = Features.Count;
        var values = new double[distinct.Length];
        var contributions = new double[distinct.Length * f];
        var errors = Exact ? null : new double[distinct.Length * f];
        for (var start = 0; start < distinct.Length; start += ChunkRows)
        {
            var count = Math.Min(ChunkRows, distinct.Length - start);
            ExplainChunk(new ArraySegment<int>(distinct, start, count), values.AsSpan(start, count), contributions.AsSpan(start * f, count * f),
                errors is null ? default : errors.AsSpan(start * f, count * f));
        }
        return new AttributionSet(Features, Baseline, values, contributions, errors, indexOf);
    }

    /// <summary>
    /// +1 when the score rises with the output in the explanation space, −1 when it falls (a scorecard scaled as
    /// offset − factor × log-odds): read from the background's own outputs and scores, so no model type is asked.
    /// Reason codes need it to know which attributions push towards the adverse tail of the score.
    /// </summary>
    public int ScoreOrientation()
    {
        var set = Explain(Background);
        var scores = Model.Score(Rows.Select(Background));
        double meanV = 0, meanS = 0, covariance = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            meanV += set.Value(i) / scores.Length;
            meanS += scores[i] / scores.Length;
        }
        for (var i = 0; i < scores.Length; i++)
        {
            covariance += (set.Value(i) - meanV) * (scores[i] - meanS);
        }
        return covariance < 0 ? -1 : 1;
    }

    /// <summary>One row's attribution.</summary>
    public Attribution Explain(int row) => Explain([row])[0];

    /// <summary>
    /// v(S) for each coalition from the outputs of <see cref="FeatureRows.Hybrid"/>'s rows (coalition c against
    /// background row k at <c>c·N + k</c>): the mean over the background.
    /// </summary>
    private protected double[] CoalitionMeans(double[] hybridOutputs, int coalitions)
    {
        var n = Background.Count;
        var game = new double[coalitions];
        for (var c = 0; c < coalitions; c++)
        {
            for (var z = 0; z < n; z++)
            {
                game[c] += hybridOutputs[c * n + z];
            }
            game[c] /= n;
        }
        return game;
    }

    /// <summary>Writes each row's output and contributions (row-major, one per feature), and standard errors when sampled.</summary>
    private protected abstract void ExplainChunk(IReadOnlyList<int> rows, Span<double> values, Span<double> contributions, Span<double> standardErrors);

    /// <summary>
    /// The explainer the model's capabilities call for, with a background of <see cref="ExplanationOptions.BackgroundRows"/>
    /// rows of <paramref name="table"/> drawn with the seed.
    /// </summary>
    public static LocalExplainer For(IScoringModel model, Table table, ExplanationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (model.Features.Count == 0)
        {
            throw new AuditInputException($"the model '{model.Name}' reads no inputs, so there is nothing to attribute its score to",
                hint: "scores or decisions taken from the data cannot be explained; audit the model that made them, or set 'explanations: { enabled: false }'");
        }
        var background = SeededSample.Draw(table.RowCount, options.BackgroundRows, options.Seed);
        if (background.Length == 0)
        {
            throw new AuditInputException("there are no rows to explain against", hint: "the data must hold at least one row");
        }
        if (options.Method == "path")
        {
            return model is ITreeEnsemble withCovers && PathDependentTreeShap.HasCovers(withCovers)
                ? new PathDependentTreeExplainer(model, withCovers, table, background)
                : throw new AuditInputException("path-dependent TreeSHAP needs a tree ensemble whose node covers are known", keyPath: "explanations.method",
                    expected: "a tree model that records how many training rows went through each node", found: model.Kind,
                    hint: "use 'method: auto' (interventional TreeSHAP against a background sample)");
        }
        if (options.Space == "model" && options.Method == "auto")
        {
            if (model is IAdditiveModel additive)
            {
                return new AdditiveExplainer(model, additive, table, background);
            }
            if (model is ITreeEnsemble trees)
            {
                return new TreeExplainer(model, trees, table, background);
            }
        }
        var kernel = options.Method == "kernel" || (options.Method != "enumerate" && model.Features.Count > ExplanationOptions.MaxEnumeratedFeatures);
        return new SampledExplainer(model, table, background, kernel, options.KernelPairs, options.Seed);
    }

    /// <summary>Whether <see cref="For"/> would give exact attributions in the model's own space (the default for the audit).</summary>
    public static bool HasExactAttributions(IScoringModel model) => model is IAdditiveModel or ITreeEnsemble;
}
