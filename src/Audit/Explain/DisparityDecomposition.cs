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
        // One dense row per person: w·φ_1 … w·φ_F, w·output, w (cache-friendly for the bootstrap's random access).
        var dense = new double[set.Count * (width + 1)];
        for (var i = 0; i < set.Count; i++)
        {
            var w = weights.IsEmpty ? 1 : weights[rows[i]];
            var o = i * (width + 1);
            for (var j = 0; j < f; j++)
            {
                dense[o + j] = w * set.Contribution(i, j);
            }
            dense[o + f] = w * set.Value(i);
            dense[o + width] = w;
        }
        if (members[referenceCode].Count == 0 || DisclosurePolicy.TooFew(members[referenceCode].Count, minCellSize))
        {
            return [];
        }
        var compared = Enumerable.Range(0, groups.Levels.Length)
            .Where(g => g != referenceCode && members[g].Count > 0 && !DisclosurePolicy.TooFew(members[g].Count, minCellSize) && hidden?.Contains(groups.Levels[g]) != true).ToArray();
        var memberArrays = members.Select(m => m.ToArray()).ToArray();
        var point = compared.ToDictionary(g => g, g => Difference(Means(dense, width, memberArrays[g], null), Means(dense, width, memberArrays[referenceCode], null)));

        // Bootstrap: the reference and every compared group resampled within themselves, each replicate with its
        // own seed (so replicates can run in parallel and still give the same numbers).
        var draws = compared.ToDictionary(g => g, _ => new double[replicates, width]);
        Parallel.For(0, replicates, b =>
        {
            var random = new Random(SampledExplainer.RowSeed(seed ^ 0xDEC0, b));
            var referenceMeans = Means(dense, width, memberArrays[referenceCode], random);
            foreach (var g in compared)
            {
                var d = Difference(Means(dense, width, memberArrays[g], random), referenceMeans);
                for (var j = 0; j < width; j++)
                {
                    draws[g][b, j] = d[j];
                }
            }
        });
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

    private static double[] Difference(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();

    /// <summary>Weighted means of the dense rows of <paramref name="people"/>, or of a resample of them with replacement when <paramref name="random"/> is given.</summary>
    private static double[] Means(double[] dense, int width, int[] people, Random? random)
    {
        var sums = new double[width + 1];
        for (var k = 0; k < people.Length; k++)
        {
            var o = (random is null ? people[k] : people[random.Next(people.Length)]) * (width + 1);
            for (var j = 0; j <= width; j++)
            {
                sums[j] += dense[o + j];
            }
        }
        var means = new double[width];
        for (var j = 0; j < width; j++)
        {
            means[j] = sums[j] / sums[width];
        }
        return means;
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
