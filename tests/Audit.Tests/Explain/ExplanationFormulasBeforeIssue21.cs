using Audit.Data;
using Audit.Explain;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Explain;

/// <summary>
/// The explanations stage's formulas as they were before issue 21 made them fast, kept word for word as the oracle
/// of <see cref="ExplanationFastPathTests"/>: the disparity decomposition's bootstrap (System.Random, one dense row
/// per person, scalar sums) and the proxy analysis (LINQ per input × attribute).
/// </summary>
internal static class ExplanationFormulasBeforeIssue21
{
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
            if (members[referenceCode].Count == 0 || MinimumCell.TooFew(members[referenceCode].Count, minCellSize))
            {
                return [];
            }
            var compared = Enumerable.Range(0, groups.Levels.Length)
                .Where(g => g != referenceCode && members[g].Count > 0 && !MinimumCell.TooFew(members[g].Count, minCellSize) && hidden?.Contains(groups.Levels[g]) != true).ToArray();
            var memberArrays = members.Select(m => m.ToArray()).ToArray();
            var point = compared.ToDictionary(g => g, g => Difference(Means(dense, width, memberArrays[g], null), Means(dense, width, memberArrays[referenceCode], null)));
    
            // Bootstrap: the reference and every compared group resampled within themselves, each replicate with its
            // own seed (so replicates can run in parallel and still give the same numbers).
            var draws = compared.ToDictionary(g => g, _ => new double[replicates, width]);
            Parallel.For(0, replicates, b =>
            {
                var random = new Random(Audit.Explain.SampledExplainer.RowSeed(seed ^ 0xDEC0, b));
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

    public static class ProxyAnalysis
    {
        public static IReadOnlyList<ProxyStrength> Analyze(FeatureRows rows, IReadOnlyList<int> sample, IReadOnlyList<GroupAssignment> groups,
            IReadOnlyList<IReadOnlySet<string>?>? hidden = null)
        {
            // The rows each attribute may use: those of groups it does not hide.
            var samples = groups.Select((attribute, a) =>
            {
                var hiddenCodes = hidden is not null && a < hidden.Count && hidden[a] is { Count: > 0 } labels
                    ? attribute.Levels.Select((label, code) => (label, code)).Where(l => labels.Contains(l.label)).Select(l => l.code).ToHashSet()
                    : null;
                return hiddenCodes is null ? sample : sample.Where(r => !hiddenCodes.Contains(attribute.Codes[r])).ToArray();
            }).ToArray();
            var result = new List<ProxyStrength>();
            for (var f = 0; f < rows.Count; f++)
            {
                var column = rows.Table[rows.Names[f]];
                var numeric = column is NumericColumn;
                for (var a = 0; a < groups.Count; a++)
                {
                    var attribute = groups[a];
                    var used = samples[a];
                    var values = used.Select(r => rows.Value(f, r)).ToArray();
                    var bins = numeric ? QuantileBins(values) : CodeBins(values);
                    var g = used.Select(r => attribute.Codes[r]).ToArray();
                    var levels = attribute.Levels.Length;
                    var association = numeric ? Audit.Explain.ProxyAnalysis.CorrelationRatio(values, g, levels) : Audit.Explain.ProxyAnalysis.CramersV(bins.Codes, bins.Count, g, levels);
                    result.Add(new ProxyStrength(rows.Names[f], attribute.Attribute, numeric ? "correlation_ratio" : "cramers_v",
                        association, Audit.Explain.ProxyAnalysis.MutualInformation(bins.Codes, bins.Count, g, levels), Audit.Explain.ProxyAnalysis.BalancedAccuracy(bins.Codes, bins.Count, g, levels), 1.0 / Math.Max(1, PresentGroups(g, levels))));
                }
            }
            return result;
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

        private static (int[] Codes, int Count) CodeBins(double[] values)
        {
            var max = values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(-1).Max();
            var missing = (int)max + 1;
            return (values.Select(v => double.IsNaN(v) ? missing : (int)v).ToArray(), missing + 1);
        }

        private static (int[] Codes, int Count) QuantileBins(double[] values)
        {
            var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
            var edges = sorted.Length == 0 ? [] : Enumerable.Range(1, Audit.Explain.ProxyAnalysis.NumericBins - 1).Select(k => sorted[k * (sorted.Length - 1) / Audit.Explain.ProxyAnalysis.NumericBins]).Distinct().ToArray();
            var codes = values.Select(v => double.IsNaN(v) ? edges.Length + 1 : UpperBound(edges, v)).ToArray();
            return (codes, edges.Length + 2);
        }

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
}
