using System.Globalization;
using Audit.Fairness.Inference;
using Audit.Results;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Audit.Designs;

/// <summary>
/// Subgroup discovery without protected attributes: which people, described only by their features, are flagged most
/// above everyone else? Two searches, each on a random half of the rows (the search half), each tested on the other
/// half (the held-out half), so that the test is not fooled by the search having picked the most extreme subgroup
/// among many (the selection would make a test on the same rows anti-conservative):
/// <list type="bullet">
/// <item><see cref="SubsetScan"/> (MDSS-style): a set of levels per feature (numbers in quantile bins);</item>
/// <item><see cref="BiasAwareClustering"/> (HBAC-style): the most biased leaf of a bias-aware hierarchical k-means.</item>
/// </list>
/// Each subgroup's held-out test is Fisher's exact one-sided test that its members in the held-out half are flagged
/// more often than the others there (the normal approximation is anti-conservative in that tail for small subgroups); the two p-values are adjusted by Holm's method (two searches, two tests)
/// and a subgroup is significant when its adjusted p-value is below the plan's α (default 0.01). A subgroup is
/// described by the features that constrain it (scan) or by the levels its members concentrate in (clustering).
/// </summary>
public static class SubgroupDiscovery
{
    public const string ScanMethod = "subset-scan";
    public const string ClusteringMethod = "bias-aware-clustering";

    /// <summary>The results, and (for tests and letters, never the report) each subgroup's members among all rows.</summary>
    public sealed record Discovery(SubgroupDiscoveryResult Result, IReadOnlyList<bool[]> Members);

    public static SubgroupDiscoveryResult Run(DesignInput input, SubgroupsPlan plan)
    {
        var columns = plan.Features.Count > 0 ? plan.Features.Select(f => f.Name).ToArray() : input.Model.Features.Select(f => f.Name).ToArray();
        if (columns.Length == 0)
        {
            throw new AuditInputException("subgroup discovery needs features to describe people by", file: input.PlanFile, keyPath: "designs.subgroups.features",
                hint: "list the columns under 'features' (the model declares none)");
        }
        var features = SubgroupFeatures.Build(input.Table, columns, plan.Bins);
        return Discover(features, input.Outcome.Flags, plan, input.Options.Seed, input.Options.MinCellSize, input.Options.Confidence).Result;
    }

    public static Discovery Discover(SubgroupFeatures features, byte[] flags, SubgroupsPlan plan, long seed, int minCellSize, double confidence = 0.95)
    {
        var random = new Xoshiro256StarStar(unchecked((int)seed), threadSafe: false);
        var n = features.RowCount;
        var search = new List<int>();
        var heldOut = new List<int>();
        for (var i = 0; i < n; i++)
        {
            (random.NextDouble() < plan.Holdout ? heldOut : search).Add(i);
        }
        var searchRows = search.ToArray();
        var minSize = Math.Max(minCellSize, (int)Math.Ceiling(plan.MinShare * searchRows.Length));
        var levelCounts = features.Levels.Select(l => l.Length).ToArray();

        var found = SubsetScan.Scan(features.Codes, levelCounts, flags, searchRows, minSize, random, ordered: features.Ordered);
        var scanMembers = new bool[n];
        for (var i = 0; i < n; i++)
        {
            scanMembers[i] = SubsetScan.Member(features.Codes, found.Allowed, i);
        }
        var scanDescription = new List<SubgroupCondition>();
        for (var f = 0; f < features.Names.Count; f++)
        {
            if (found.Allowed[f].Any(a => !a))
            {
                scanDescription.Add(new SubgroupCondition(features.Names[f], features.Ordered[f] ? Range(features.Levels[f], found.Allowed[f]) : string.Join(", ", features.Levels[f].Where((_, v) => found.Allowed[f][v]))));
            }
        }

        var clustering = BiasAwareClustering.Cluster(features.Vectors, flags, searchRows, minSize, random);
        var clusterMembers = new bool[n];
        for (var i = 0; i < n; i++)
        {
            clusterMembers[i] = BiasAwareClustering.Nearest(clustering, features.Vectors[i]) == clustering.MostBiased;
        }
        var subgroups = new[]
        {
            Describe(ScanMethod, scanDescription, found.Score, scanMembers, flags, heldOut, confidence),
            Describe(ClusteringMethod, Concentration(features, clusterMembers), clustering.Bias, clusterMembers, flags, heldOut, confidence),
        };
        // Two searches, two tests: Holm's adjustment keeps the chance of any false discovery at α.
        var adjusted = MultipleTesting.Holm(subgroups.Select(g => (double?)g.HeldOutP).ToArray());
        subgroups = subgroups.Select((g, k) => g with { HeldOutPAdjusted = adjusted[k]!.Value, Significant = adjusted[k] < plan.Alpha }).ToArray();
        var result = new SubgroupDiscoveryResult(features.Names, plan.Holdout, seed, plan.Alpha, searchRows.Length, heldOut.Count, subgroups);
        return new Discovery(result, [scanMembers, clusterMembers]);
    }

    /// <summary>Rows and flagged rows inside and outside the subgroup, over the given rows.</summary>
    private static (long In, long FlaggedIn, long Out, long FlaggedOut) Split(bool[] members, byte[] flags, IEnumerable<int> rows)
    {
        long inside = 0, flaggedIn = 0, outside = 0, flaggedOut = 0;
        foreach (var i in rows)
        {
            if (members[i])
            {
                inside++;
                flaggedIn += flags[i];
            }
            else
            {
                outside++;
                flaggedOut += flags[i];
            }
        }
        return (inside, flaggedIn, outside, flaggedOut);
    }

    /// <summary>
    /// Fisher's exact one-sided p-value: with the margins fixed, the hypergeometric probability that the first group
    /// holds at least <paramref name="flaggedIn"/> of the flagged rows, Σₓ≥ₐ C(K, x) C(N − K, n − x) / C(N, n).
    /// </summary>
    public static double FisherUpperTail(long flaggedIn, long rowsIn, long flaggedOut, long rowsOut)
    {
        var population = (int)(rowsIn + rowsOut);
        var flagged = (int)(flaggedIn + flaggedOut);
        var draws = (int)rowsIn;
        if (draws == 0 || flagged == 0 || population == draws)
        {
            return 1;
        }
        var p = 0.0;
        for (var x = (int)flaggedIn; x <= Math.Min(flagged, draws); x++)
        {
            p += Math.Exp(Hypergeometric.PMFLn(population, flagged, draws, x));
        }
        return Math.Min(p, 1);
    }

    /// <summary>"[18, 30)": the range spanned by consecutive allowed bins labelled "[a, b)".</summary>
    private static string Range(string[] labels, bool[] allowed)
    {
        var first = Array.IndexOf(allowed, true);
        var last = Array.LastIndexOf(allowed, true);
        var lo = labels[first][..labels[first].IndexOf(',', StringComparison.Ordinal)];
        var hi = labels[last][(labels[last].IndexOf(',', StringComparison.Ordinal) + 1)..];
        return lo + "," + hi;
    }

    /// <summary>The levels a cluster's members concentrate in: per feature whose distribution among members differs from everyone's (total variation ≥ 0.2), the levels holding at least 5 % of members.</summary>
    private static List<SubgroupCondition> Concentration(SubgroupFeatures features, bool[] members)
    {
        var conditions = new List<SubgroupCondition>();
        var count = members.Count(m => m);
        if (count == 0)
        {
            return conditions;
        }
        for (var f = 0; f < features.Names.Count; f++)
        {
            var inside = new double[features.Levels[f].Length];
            var all = new double[inside.Length];
            for (var i = 0; i < members.Length; i++)
            {
                all[features.Codes[f][i]]++;
                if (members[i])
                {
                    inside[features.Codes[f][i]]++;
                }
            }
            var distance = 0.0;
            for (var v = 0; v < inside.Length; v++)
            {
                distance += Math.Abs(inside[v] / count - all[v] / members.Length) / 2;
            }
            if (distance >= 0.2 && features.Ordered[f])
            {
                // A number: the range of bins holding the middle 90 % of members.
                double cumulative = 0;
                int lo = -1, hi = -1;
                for (var v = 0; v < inside.Length - 1; v++)
                {
                    cumulative += inside[v] / count;
                    if (lo < 0 && cumulative > 0.05)
                    {
                        lo = v;
                    }
                    if (hi < 0 && cumulative >= 0.95)
                    {
                        hi = v;
                    }
                }
                if (lo >= 0)
                {
                    hi = hi < 0 ? inside.Length - 2 : hi;
                    var allowed = Enumerable.Range(0, inside.Length).Select(v => v >= lo && v <= hi).ToArray();
                    conditions.Add(new SubgroupCondition(features.Names[f], Range(features.Levels[f], allowed) + " (90 % of members)"));
                }
            }
            else if (distance >= 0.2)
            {
                var levels = Enumerable.Range(0, inside.Length).Where(v => inside[v] / count >= 0.05)
                    .Select(v => $"{features.Levels[f][v]} ({(inside[v] / count * 100).ToString("0", CultureInfo.InvariantCulture)} %)");
                conditions.Add(new SubgroupCondition(features.Names[f], string.Join(", ", levels)));
            }
        }
        return conditions;
    }

    private static DiscoveredSubgroup Describe(string method, IReadOnlyList<SubgroupCondition> description, double score, bool[] members, byte[] flags, List<int> heldOut, double confidence)
    {
        var (rows, flagged, outRows, outFlagged) = Split(members, flags, Enumerable.Range(0, members.Length));
        var (hIn, hInFlagged, hOut, hOutFlagged) = Split(members, flags, heldOut);
        var p = FisherUpperTail(hInFlagged, hIn, hOutFlagged, hOut);
        Metric Rate(long c, long t) => t == 0 ? Metric.UndefinedBecause("no rows", 0) : GroupFlagRates.RateMetric(c, t, t, t, confidence);
        return new DiscoveredSubgroup(method, description, rows, score, Rate(flagged, rows), Rate(outFlagged, outRows),
            Rate(hInFlagged, hIn), Rate(hOutFlagged, hOut), p, p, false);
    }
}
