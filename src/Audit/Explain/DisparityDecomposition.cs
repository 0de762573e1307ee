using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Explain;

/// <summary>
/// Splits the gap between a group's and the reference group's mean output into the inputs' parts: input j's part is
/// <c>mean_g φ_j − mean_ref φ_j</c>. Since every person's attributions add up to output − baseline, and the baseline is
/// shared, the parts add up to <c>mean_g output − mean_ref output</c> (exactly for additive models, where φ is exact;
/// for sampled attributions too, KernelSHAP being exactly efficient). So a report can say "x points of the gap
/// between single parents and others come from variable V". This is the group-mean-SHAP decomposition of
/// toolkit-anchors.md §7 (item 7).
/// </summary>
/// <remarks>
/// Intervals: percentile bootstrap, resampling rows within each group (stratified, so group sizes are fixed), with the
/// seed; the gap and every part come from the same replicates. Means are weighted when weights are given.
/// </remarks>
public static class DisparityDecomposition
{
    /// <param name="set">The rows' attributions (row i of the set is row <c>rows[i]</c> of the table).</param>
    /// <param name="rows">The table rows explained.</param>
    /// <param name="groups">The attribute's group of every row of the table.</param>
    /// <param name="reference">The reference group's label.</param>
    /// <param name="weights">Row weights of the table, or empty.</param>
    /// <param name="hidden">Group labels the fairness section hides: never decomposed, and nothing at all when the reference is one of them.</param>
    public static IReadOnlyList<GapDecomposition> Decompose(AttributionSet set, IReadOnlyList<int> rows, GroupAssignment groups, string reference,
        ReadOnlySpan<double> weights, int replicates, double confidence, int minCellSize, long seed, IReadOnlySet<string>? hidden = null)
    {
        var referenceCode = Array.IndexOf(groups.Levels, reference);
        if (referenceCode < 0 || hidden?.Contains(reference) == true)
        {
            return [];
        }
        var f = set.Features.Count;
        var width = f + 1;
        var members = Enumerable.Range(0, groups.Levels.Length).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            members[groups.Codes[rows[i]]].Add(i);
        }
        if (members[referenceCode].Count == 0 || MinimumCell.TooFew(members[referenceCode].Count, minCellSize))
        {
            return [];
        }
        var compared = Enumerable.Range(0, groups.Levels.Length)
            .Where(g => g != referenceCode && members[g].Count > 0 && !MinimumCell.TooFew(members[g].Count, minCellSize) && hidden?.Contains(groups.Levels[g]) != true).ToArray();
        var blocks = new GroupRows?[groups.Levels.Length];
        foreach (var g in compared.Prepend(referenceCode))
        {
            blocks[g] = new GroupRows(set, rows, members[g], weights);
        }
        var referenceBlock = blocks[referenceCode]!;
        var point = compared.ToDictionary(g => g, g => Difference(blocks[g]!.Means(null, null), referenceBlock.Means(null, null)));

        // Bootstrap: the reference and every compared group resampled within themselves, each replicate with its
        // own seed (so replicates can run in parallel and still give the same numbers).
        var draws = compared.ToDictionary(g => g, _ => new double[replicates, width]);
        var largest = compared.Prepend(referenceCode).Max(g => members[g].Count);
        Parallel.For(0, replicates, () => new int[largest], (b, _, picks) =>
        {
            var random = new CompatibleRandom(SampledExplainer.RowSeed(seed ^ 0xDEC0, b));
            var referenceMeans = referenceBlock.Means(random, picks);
            foreach (var g in compared)
            {
                var d = Difference(blocks[g]!.Means(random, picks), referenceMeans);
                for (var j = 0; j < width; j++)
                {
                    draws[g][b, j] = d[j];
                }
            }
            return picks;
        }, _ => { });
        var alpha = (1 - confidence) / 2;
        return compared.Select(g =>
        {
            var d = point[g];
            Metric MetricOf(int j) => replicates > 1
                ? Metric.Of(d[j], members[g].Count + members[referenceCode].Count) with { Ci = Percentiles(draws[g], j, alpha) }
                : Metric.Of(d[j], members[g].Count + members[referenceCode].Count);
            var parts = Enumerable.Range(0, f).Select(j => new GapPart(set.Features[j], MetricOf(j))).ToArray();
            return new GapDecomposition(groups.Attribute, groups.Levels[g], reference, members[g].Count, members[referenceCode].Count,
                MetricOf(f), parts, Math.Abs(d[f] - d.Take(f).Sum()));
        }).ToArray();
    }

    private static double[] Difference(double[] a, double[] b)
    {
        var d = new double[a.Length];
        for (var j = 0; j < d.Length; j++)
        {
            d[j] = a[j] - b[j];
        }
        return d;
    }

    private static double[] Percentiles(double[,] draws, int column, double alpha)
    {
        var values = Enumerable.Range(0, draws.GetLength(0)).Select(b => draws[b, column]).Order().ToArray();
        double At(double q)
        {
            var position = q * (values.Length - 1);
            var lo = (int)Math.Floor(position);
            var hi = Math.Min(lo + 1, values.Length - 1);
            return values[lo] + (position - lo) * (values[hi] - values[lo]);
        }
        return [At(alpha), At(1 - alpha)];
    }
}
