using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Explain;

/// <summary>
/// Which model inputs stand in for a protected attribute: for every input × attribute, the strength of association
/// and how well the input alone predicts the attribute. A model need not read a protected trait to sort people by it;
/// an input that predicts the trait well carries it into the score (Barocas and Selbst 2016, "Big Data's Disparate
/// Impact", California Law Review 104, on proxies and redundant encodings).
/// </summary>
public static class ProxyAnalysis
{
    /// <summary>Bins of a numeric input for mutual information and the one-input predictor: its deciles.</summary>
    public const int NumericBins = 10;

    /// <param name="rows">The model's inputs.</param>
    /// <param name="sample">Rows analysed.</param>
    /// <param name="groups">Each attribute's group of every row of the table (missing = an explicit group).</param>
    /// <param name="hidden">
    /// Per attribute, the groups the fairness section hides (too few people). Their rows are left out of everything
    /// computed for that attribute, the input's bins included: published at full precision, the association, mutual
    /// information and balanced accuracy over all groups, together with the published cells, let an attacker work out
    /// how a 3-person group splits over an input (issue 16, class 2). Without their rows the figures do not depend on
    /// them at all.
    /// </param>
    public static IReadOnlyList<ProxyStrength> Analyze(FeatureRows rows, IReadOnlyList<int> sample, IReadOnlyList<GroupAssignment> groups,
        IReadOnlyList<IReadOnlySet<string>?>? hidden = null)
    {
        // The rows each attribute may use: those of groups it does not hide (the sample itself when it hides none).
        var samples = groups.Select((attribute, a) =>
        {
            var hiddenCodes = hidden is not null && a < hidden.Count && hidden[a] is { Count: > 0 } labels
                ? attribute.Levels.Select((label, code) => (label, code)).Where(l => labels.Contains(l.label)).Select(l => l.code).ToHashSet()
                : null;
            return hiddenCodes is null ? sample : sample.Where(r => !hiddenCodes.Contains(attribute.Codes[r])).ToArray();
        }).ToArray();
        var groupCodes = samples.Select((used, a) => Gather(groups[a].Codes, used)).ToArray();
        var result = new ProxyStrength[rows.Count * groups.Count];
        // Inputs are independent of one another: each fills its own slots, so the order of the result never depends on the threads.
        Parallel.For(0, rows.Count, f =>
        {
            var column = rows.Table[rows.Names[f]];
            var numeric = column is NumericColumn;
            var all = rows.Values(f, sample);
            (int[] Codes, int Count)? allBins = null;
            for (var a = 0; a < groups.Count; a++)
            {
                var attribute = groups[a];
                var used = samples[a];
                // An attribute that hides no group uses the whole sample, whose values and bins are the same for every such attribute.
                var values = ReferenceEquals(used, sample) ? all : rows.Values(f, used);
                var bins = ReferenceEquals(used, sample) ? allBins ??= Bins(all, numeric) : Bins(values, numeric);
                var g = groupCodes[a];
                var levels = attribute.Levels.Length;
                var association = numeric ? CorrelationRatio(values, g, levels) : CramersV(bins.Codes, bins.Count, g, levels);
                result[f * groups.Count + a] = new ProxyStrength(rows.Names[f], attribute.Attribute, numeric ? "correlation_ratio" : "cramers_v",
                    association, MutualInformation(bins.Codes, bins.Count, g, levels), BalancedAccuracy(bins.Codes, bins.Count, g, levels), 1.0 / Math.Max(1, PresentGroups(g, levels)));
            }
        });
        return result;
    }

    private static (int[] Codes, int Count) Bins(double[] values, bool numeric) => numeric ? QuantileBins(values) : CodeBins(values);

    private static int[] Gather(int[] codes, IReadOnlyList<int> rows)
    {
        var picked = new int[rows.Count];
        for (var i = 0; i < picked.Length; i++)
        {
            picked[i] = codes[rows[i]];
        }
        return picked;
    }

    /// <summary>Cramér's V (Cramér 1946): √(χ² / (n·(min(r, c) − 1))) of the input's levels × groups table; 0 when either has one level.</summary>
    public static double CramersV(int[] x, int xLevels, int[] g, int gLevels)
    {
        var table = Contingency(x, xLevels, g, gLevels, out var rowsSum, out var colsSum, out var n);
        var chi = 0.0;
        var rPresent = rowsSum.Count(v => v > 0);
        var cPresent = colsSum.Count(v => v > 0);
        for (var i = 0; i < xLevels; i++)
        {
            for (var j = 0; j < gLevels; j++)
            {
                var expected = rowsSum[i] * colsSum[j] / n;
                if (expected > 0)
                {
                    chi += (table[i, j] - expected) * (table[i, j] - expected) / expected;
                }
            }
        }
        var k = Math.Min(rPresent, cPresent) - 1;
        return k <= 0 || n == 0 ? 0 : Math.Sqrt(chi / (n * k));
    }

    /// <summary>The correlation ratio η = √(between-group sum of squares / total sum of squares) of a numeric input (Pearson 1903); missing values skipped.</summary>
    public static double CorrelationRatio(double[] x, int[] g, int gLevels)
    {
        var sum = new double[gLevels];
        var count = new double[gLevels];
        double total = 0, n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]))
            {
                continue;
            }
            sum[g[i]] += x[i];
            count[g[i]]++;
            total += x[i];
            n++;
        }
        if (n == 0)
        {
            return 0;
        }
        var mean = total / n;
        double between = 0, all = 0;
        for (var k = 0; k < gLevels; k++)
        {
            if (count[k] > 0)
            {
                between += count[k] * (sum[k] / count[k] - mean) * (sum[k] / count[k] - mean);
            }
        }
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]))
            {
                all += (x[i] - mean) * (x[i] - mean);
            }
        }
        return all == 0 ? 0 : Math.Sqrt(between / all);
    }

    /// <summary>Mutual information in bits, Σ p(x, g)·log2(p(x, g) / (p(x)·p(g))), of the plug-in (empirical) distribution.</summary>
    public static double MutualInformation(int[] x, int xLevels, int[] g, int gLevels)
    {
        var table = Contingency(x, xLevels, g, gLevels, out var rowsSum, out var colsSum, out var n);
        var mi = 0.0;
        for (var i = 0; i < xLevels; i++)
        {
            for (var j = 0; j < gLevels; j++)
            {
                if (table[i, j] > 0)
                {
                    mi += table[i, j] / n * Math.Log2(table[i, j] * n / (rowsSum[i] * colsSum[j]));
                }
            }
        }
        return Math.Max(0, mi);
    }

    /// <summary>
    /// Balanced accuracy (mean recall over the groups present) of predicting the group from the input's bin alone,
    /// two-fold cross-fitted (rows alternate between folds; each fold is predicted from the other's counts): the
    /// prediction for a bin is the group with the highest share of its rows relative to the group's size,
    /// <c>argmax_g n(bin, g)/n(g)</c>, which maximises balanced accuracy. Chance is 1 / groups.
    /// </summary>
    public static double BalancedAccuracy(int[] x, int xLevels, int[] g, int gLevels)
    {
        var correct = new double[gLevels];
        var total = new double[gLevels];
        for (var fold = 0; fold < 2; fold++)
        {
            var counts = new double[xLevels, gLevels];
            var groupSize = new double[gLevels];
            for (var i = 1 - fold; i < x.Length; i += 2)
            {
                counts[x[i], g[i]]++;
                groupSize[g[i]]++;
            }
            var predicted = new int[xLevels];
            for (var b = 0; b < xLevels; b++)
            {
                var best = -1.0;
                for (var k = 0; k < gLevels; k++)
                {
                    var share = groupSize[k] > 0 ? counts[b, k] / groupSize[k] : -1;
                    if (share > best)
                    {
                        best = share;
                        predicted[b] = k;
                    }
                }
            }
            for (var i = fold; i < x.Length; i += 2)
            {
                total[g[i]]++;
                correct[g[i]] += predicted[x[i]] == g[i] ? 1 : 0;
            }
        }
        var present = Enumerable.Range(0, gLevels).Where(k => total[k] > 0).ToArray();
        return present.Length == 0 ? 0 : present.Average(k => correct[k] / total[k]);
    }

    private static int PresentGroups(int[] g, int levels)
    {
        var seen = new bool[levels];
        foreach (var k in g)
        {
            seen[k] = true;
        }
        return seen.Count(s => s);
    }

    private static double[,] Contingency(int[] x, int xLevels, int[] g, int gLevels, out double[] rowsSum, out double[] colsSum, out double n)
    {
        var table = new double[xLevels, gLevels];
        rowsSum = new double[xLevels];
        colsSum = new double[gLevels];
        for (var i = 0; i < x.Length; i++)
        {
            table[x[i], g[i]]++;
            rowsSum[x[i]]++;
            colsSum[g[i]]++;
        }
        n = x.Length;
        return table;
    }

    /// <summary>Level codes as bins; missing (NaN) is one more bin.</summary>
    private static (int[] Codes, int Count) CodeBins(double[] values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            max = double.IsNaN(v) ? max : Math.Max(max, v);
        }
        var missing = double.IsNegativeInfinity(max) ? 0 : (int)max + 1;
        var codes = new int[values.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = double.IsNaN(values[i]) ? missing : (int)values[i];
        }
        return (codes, missing + 1);
    }

    /// <summary>Decile bins (by the sorted values' ranks, so ties share a bin); missing is one more bin.</summary>
    private static (int[] Codes, int Count) QuantileBins(double[] values)
    {
        var sorted = new double[values.Length];
        var present = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                sorted[present++] = v;
            }
        }
        Array.Sort(sorted, 0, present);
        // The deciles' values, each once: equal values (0 and −0 too) are one edge, and bins compare with ≤, for which they are the same.
        var edges = new List<double>(NumericBins - 1);
        for (var k = 1; present > 0 && k < NumericBins; k++)
        {
            var edge = sorted[k * (present - 1) / NumericBins];
            if (!edges.Contains(edge))
            {
                edges.Add(edge);
            }
        }
        var edgeArray = edges.ToArray();
        var codes = new int[values.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = double.IsNaN(values[i]) ? edgeArray.Length + 1 : UpperBound(edgeArray, values[i]);
        }
        return (codes, edgeArray.Length + 2);
    }

    /// <summary>The number of edges ≤ v: the bin of v.</summary>
    private static int UpperBound(double[] edges, double v)
    {
        var k = 0;
        while (k < edges.Length && edges[k] <= v)
        {
            k++;
        }
        return k;
    }
}
