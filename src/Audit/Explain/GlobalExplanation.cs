using System.Globalization;
using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Results;

namespace Audit.Explain;

/// <summary>
/// Global views of a model over rows of a table: mean absolute attribution per input (SHAP's global importance),
/// permutation importance with a standard error, and partial dependence with the spread (percentiles) of the ICE curves.
/// </summary>
public static class GlobalExplanation
{
    /// <summary>Grid points of a numeric input's partial dependence (its 5th to 95th percentiles).</summary>
    public const int GridPoints = 20;

    /// <summary>Rows behind permutation importance and partial dependence (a seeded sample above it).</summary>
    public const int ScoredRows = 5_000;

    /// <summary>Mean |φ_j| over the rows, per input, and mean φ_j over the flagged rows.</summary>
    public static (double[] MeanAbsolute, double[]? MeanFlagged) MeanAttributions(AttributionSet set, IReadOnlyList<bool>? flagged)
    {
        var f = set.Features.Count;
        var meanAbsolute = new double[f];
        var meanFlagged = flagged is null ? null : new double[f];
        var flaggedCount = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var isFlagged = flagged is not null && flagged[i];
            flaggedCount += isFlagged ? 1 : 0;
            for (var j = 0; j < f; j++)
            {
                var phi = set.Contribution(i, j);
                meanAbsolute[j] += Math.Abs(phi) / set.Count;
                if (isFlagged)
                {
                    meanFlagged![j] += phi;
                }
            }
        }
        if (meanFlagged is not null)
        {
            if (flaggedCount == 0)
            {
                meanFlagged = null;
            }
            else
            {
                for (var j = 0; j < f; j++)
                {
                    meanFlagged[j] /= flaggedCount;
                }
            }
        }
        return (meanAbsolute, meanFlagged);
    }

    /// <summary>
    /// Permutation importance without a loss (model reliance, Fisher, Rudin and Dominici 2019, "All Models are Wrong,
    /// but Many are Useful", JMLR 20(177)): the mean |score(x with input j shuffled across the rows) − score(x)|,
    /// averaged over <paramref name="repeats"/> seeded shuffles; the standard error is the repeats' standard
    /// deviation / √repeats. It needs no label, so it works on every audit; it is in the score's own space.
    /// </summary>
    public static (double[] Importance, double[] StandardError) PermutationImportance(IScoringModel model, FeatureRows rows, IReadOnlyList<int> sample, int repeats, long seed)
    {
        var f = rows.Count;
        var baseTable = rows.Select(sample);
        var baseScores = model.Score(baseTable);
        var importance = new double[f];
        var standardError = new double[f];
        var random = new Random(unchecked((int)seed) ^ 0x5EED);
        for (var j = 0; j < f; j++)
        {
            var perRepeat = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                var shuffled = sample.ToArray();
                random.Shuffle(shuffled);
                var column = rows.Select(shuffled).Columns[j];
                var table = new Table(baseTable.Columns.Select((c, k) => k == j ? column : c));
                var scores = model.Score(table);
                var sum = 0.0;
                for (var i = 0; i < scores.Length; i++)
                {
                    sum += Math.Abs(scores[i] - baseScores[i]);
                }
                perRepeat[r] = sum / scores.Length;
            }
            importance[j] = perRepeat.Average();
            standardError[j] = repeats > 1 ? Math.Sqrt(perRepeat.Sum(v => (v - importance[j]) * (v - importance[j])) / (repeats - 1) / repeats) : 0;
        }
        return (importance, standardError);
    }

    /// <summary>
    /// Partial dependence (Friedman 2001, "Greedy function approximation", Annals of Statistics 29(5)) and ICE curves
    /// (Goldstein et al. 2015, "Peeking Inside the Black Box", JCGS 24(1)) of input j: every sampled row's score with
    /// input j set to each grid value; PD is their mean. Grid: a categorical input's levels, a boolean's false/true,
    /// a numeric input's distinct 5th…95th percentiles (at most <see cref="GridPoints"/>).
    /// </summary>
    /// <param name="minCellSize">The ICE percentiles are published only over at least this many rows.</param>
    public static DependenceCurve Dependence(IScoringModel model, FeatureRows rows, int feature, IReadOnlyList<int> sample, int minCellSize)
    {
        var baseTable = rows.Select(sample);
        var column = baseTable.Columns[feature];
        var n = sample.Count;
        var grid = new List<(string Label, Column Column)>();
        switch (column)
        {
            case NumericColumn numeric:
                {
                    var values = numeric.Values.ToArray().Where(double.IsFinite).Order().ToArray();
                    if (values.Length > 0)
                    {
                        var points = Enumerable.Range(0, GridPoints).Select(k => values[(int)Math.Round((0.05 + 0.9 * k / (GridPoints - 1)) * (values.Length - 1))]).Distinct();
                        grid.AddRange(points.Select(v => (v.ToString("R", CultureInfo.InvariantCulture), (Column)new NumericColumn(column.Name, Enumerable.Repeat(v, n).ToArray()))));
                    }
                    break;
                }
            case BooleanColumn:
                grid.Add(("false", new BooleanColumn(column.Name, new byte[n])));
                grid.Add(("true", new BooleanColumn(column.Name, Enumerable.Repeat((byte)1, n).ToArray())));
                break;
            case CategoricalColumn categorical:
                for (var code = 0; code < categorical.Levels.Count; code++)
                {
                    grid.Add((categorical.Levels[code], new CategoricalColumn(column.Name, Enumerable.Repeat(code, n).ToArray(), [.. categorical.Levels])));
                }
                break;
        }
        var pd = new double[grid.Count];
        var p10 = new double[grid.Count];
        var p50 = new double[grid.Count];
        var p90 = new double[grid.Count];
        for (var g = 0; g < grid.Count; g++)
        {
            var scores = model.Score(new Table(baseTable.Columns.Select((c, k) => k == feature ? grid[g].Column : c)));
            pd[g] = scores.Average();
            var sorted = scores.Where(double.IsFinite).Order().ToArray();
            p10[g] = Percentile(sorted, 0.10);
            p50[g] = Percentile(sorted, 0.50);
            p90[g] = Percentile(sorted, 0.90);
        }
        var bands = n > 0 && !DisclosurePolicy.TooFew(n, minCellSize) ? new IceBands(n, p10, p50, p90) : null;
        return new DependenceCurve(rows.Names[feature], grid.Select(p => p.Label).ToArray(), pd, bands);
    }

    /// <summary>Percentile q of sorted values, linearly interpolated between order statistics (Hyndman and Fan type 7); NaN when empty.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
