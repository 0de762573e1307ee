using Audit.Data;

namespace Audit.Recourse;

/// <summary>
/// How far counterfactuals lie from real people (CARLA's y-nearest-neighbours idea; Pawelczyk et al., "CARLA: A
/// Python Library to Benchmark Algorithmic Recourse and Counterfactual Explanation Algorithms", NeurIPS Datasets and
/// Benchmarks 2021): the distance from a changed row to the nearest row of the population, in the cost's own units,
/// Σ over inputs of |Q(a) − Q(b)| for numeric and boolean inputs (Q the population percentile) and 1 for a
/// different category. Compared with the same distance for the flagged people as they are; in both, the person's own
/// row is excluded from the rows compared with. A counterfactual much further from everyone else than real people
/// are from each other describes nobody who exists.
/// Computed on deterministic samples: every k-th person.
/// </summary>
public static class Plausibility
{
    /// <summary>At most this many counterfactuals are measured.</summary>
    public const int MaxCounterfactuals = 500;

    /// <summary>Against at most this many rows of the population.</summary>
    public const int MaxPopulation = 10_000;

    /// <summary>
    /// Median nearest-neighbour distances of the counterfactuals and of the same people's own rows, and how many
    /// counterfactuals were measured; null when nobody has recourse.
    /// </summary>
    public static (double Counterfactual, double Original, int Measured, int Population)? Measure(ActionabilityModel actions, Table table,
        IReadOnlyList<(int Row, double[] Original, double[] Changed)> people)
    {
        if (people.Count == 0)
        {
            return null;
        }
        var codec = actions.Codec;
        var step = Math.Max(1, table.RowCount / MaxPopulation);
        // Every step-th row from the first, at most MaxPopulation of them (counted out, not filtered from all 13.8 M rows).
        var sampleRows = Enumerable.Range(0, Math.Min(MaxPopulation, (table.RowCount + step - 1) / step)).Select(k => k * step).ToArray();
        var sample = sampleRows.Select(i =>
        {
            var row = new double[codec.Count];
            codec.Read(i, row);
            return Positions(actions, row);
        }).ToArray();
        var every = Math.Max(1, people.Count / MaxCounterfactuals);
        var chosen = people.Where((_, k) => k % every == 0).Take(MaxCounterfactuals).ToArray();
        var changed = new double[chosen.Length];
        var original = new double[chosen.Length];
        // Each counterfactual on its own into its own slot, so on every core (issue 21) with the same numbers.
        Parallel.For(0, chosen.Length, k =>
        {
            // The person's own row is left out of both: the changed row is a new version of that person, and its
            // nearest "real household" must be someone else (issue 15, defect 5: counting it made most changes look
            // closer to real people than they are).
            changed[k] = Nearest(actions, Positions(actions, chosen[k].Changed), sample, sampleRows, chosen[k].Row);
            original[k] = Nearest(actions, Positions(actions, chosen[k].Original), sample, sampleRows, chosen[k].Row);
        });
        return (Median(changed), Median(original), chosen.Length, sampleRows.Length);
    }

    /// <summary>A row in distance coordinates: percentiles for numeric and boolean inputs, the code for categories.</summary>
    private static double[] Positions(ActionabilityModel actions, double[] row)
    {
        var positions = new double[row.Length];
        for (var f = 0; f < row.Length; f++)
        {
            positions[f] = double.IsNaN(row[f]) || actions.Codec.TypeOf(f) == ColumnType.Categorical ? row[f] : actions.Percentile(f, row[f]);
        }
        return positions;
    }

    private static double Nearest(ActionabilityModel actions, double[] x, double[][] sample, int[] sampleRows, int exclude)
    {
        var best = double.PositiveInfinity;
        var categorical = Enumerable.Range(0, x.Length).Select(f => actions.Codec.TypeOf(f) == ColumnType.Categorical).ToArray();
        for (var s = 0; s < sample.Length; s++)
        {
            if (sampleRows[s] == exclude)
            {
                continue;
            }
            var y = sample[s];
            var d = 0.0;
            for (var f = 0; f < x.Length && d < best; f++)
            {
                d += double.IsNaN(x[f]) || double.IsNaN(y[f]) ? (double.IsNaN(x[f]) && double.IsNaN(y[f]) ? 0 : 1)
                    : categorical[f] ? (x[f] == y[f] ? 0 : 1)
                    : Math.Abs(x[f] - y[f]);
            }
            best = Math.Min(best, d);
        }
        return best;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
