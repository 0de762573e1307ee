using Audit.Data;
using Audit.Designs;
using MathNet.Numerics.Random;

namespace Audit.Tests.Designs;

/// <summary>
/// The acceptance of subgroup discovery without protected attributes: a planted disadvantaged subgroup (regions r1 or
/// r2 and younger than 30, about 5 % of 4,000 people, flagged at 50 % against 10 %) is recovered with a Jaccard overlap
/// of members above 0.8 and found significant at α = 0.01 on the held-out half; with nothing planted, no subgroup is
/// significant in at least 95 of 100 seeds (populations of 2,000 there, to keep the test fast).
/// </summary>
public sealed class SubgroupDiscoveryTests
{
    private const int Rows = 4000;

    /// <summary>Quantile bins of age and income: 20 bins of about three years each, so that the age-30 boundary falls within a narrow bin.</summary>
    private const int Bins = 20;

    private static (SubgroupFeatures Features, byte[] Flags, bool[] Planted) Population(int seed, bool plant, int rows = Rows)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var region = new string?[rows];
        var age = new double[rows];
        var income = new double[rows];
        var size = new double[rows];
        var flags = new byte[rows];
        var planted = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            region[i] = "r" + random.Next(8);
            age[i] = 18 + random.Next(62);
            income[i] = Math.Round(Math.Exp(7.3 + 0.5 * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)));
            size[i] = random.Next(6);
            planted[i] = plant && region[i] is "r1" or "r2" && age[i] < 30;
            flags[i] = random.NextDouble() < (planted[i] ? 0.5 : 0.1) ? (byte)1 : (byte)0;
        }
        var table = new Table([CategoricalColumn.FromValues("region", region), new NumericColumn("age", age), new NumericColumn("income", income), new NumericColumn("household", size)]);
        return (SubgroupFeatures.Build(table, ["region", "age", "income", "household"], Bins), flags, planted);
    }

    private static readonly SubgroupsPlan Plan = new([]);

    internal static double Jaccard(bool[] a, bool[] b)
    {
        int both = 0, either = 0;
        for (var i = 0; i < a.Length; i++)
        {
            both += a[i] && b[i] ? 1 : 0;
            either += a[i] || b[i] ? 1 : 0;
        }
        return either == 0 ? 0 : (double)both / either;
    }

    [Fact]
    public void PlantedSubgroupIsRecoveredAndSignificant()
    {
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var (features, flags, planted) = Population(seed, plant: true);
            var discovery = SubgroupDiscovery.Discover(features, flags, Plan, seed, minCellSize: 10);
            var scan = discovery.Result.Subgroups.Single(s => s.Method == SubgroupDiscovery.ScanMethod);
            var jaccard = Jaccard(discovery.Members[0], planted);
            Assert.True(jaccard > 0.8, $"seed {seed}: Jaccard {jaccard:0.000}; found {string.Join("; ", scan.Description.Select(d => d.Feature + " in " + d.Values))}");
            Assert.True(scan.Significant && scan.HeldOutPAdjusted < 0.01, $"seed {seed}: held-out p {scan.HeldOutP}");
            Assert.Contains(scan.Description, d => d.Feature == "region" && d.Values == "r1, r2");
            Assert.Contains(scan.Description, d => d.Feature == "age");
            var clustering = discovery.Result.Subgroups.Single(s => s.Method == SubgroupDiscovery.ClusteringMethod);
            Console.WriteLine($"seed {seed}: scan J={jaccard:0.000} p={scan.HeldOutP:g3}; clustering J={Jaccard(discovery.Members[1], planted):0.000} p={clustering.HeldOutP:g3} rows={clustering.Rows}");
        }
    }

    [Fact]
    public void NothingIsSignificantWithoutAPlantedSubgroupInAtLeast95Of100Seeds()
    {
        int scanHits = 0, clusterHits = 0, anyHits = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            // 2,000 people per null seed keeps the 100 seeds within a few seconds.
            var (features, flags, _) = Population(seed, plant: false, rows: 2000);
            var result = SubgroupDiscovery.Discover(features, flags, Plan, seed, minCellSize: 10).Result;
            var scan = result.Subgroups[0].Significant;
            var cluster = result.Subgroups[1].Significant;
            scanHits += scan ? 1 : 0;
            clusterHits += cluster ? 1 : 0;
            anyHits += scan || cluster ? 1 : 0;
        }
        Assert.True(anyHits <= 5, $"a subgroup was significant in {anyHits} of 100 null seeds (scan {scanHits}, clustering {clusterHits})");
        Console.WriteLine($"null: scan {scanHits}, clustering {clusterHits}, either {anyHits}");
    }

    /// <summary>Hand values: Fisher's one-sided tail for 3 of 3 flagged against 0 of 3 is 1 / C(6, 3) = 0.05; the scan score of 5 flagged of 10 against a 10 % baseline is 5 ln 5 + 5 ln(0.5 / 0.9).</summary>
    [Fact]
    public void HeldOutTestAndScanScoreMatchHandValues()
    {
        Assert.Equal(0.05, SubgroupDiscovery.FisherUpperTail(3, 3, 0, 3), 1e-12);
        Assert.Equal(1.0, SubgroupDiscovery.FisherUpperTail(0, 3, 3, 3), 1e-12);
        Assert.Equal(5 * Math.Log(5) + 5 * Math.Log(0.5 / 0.9), SubsetScan.Score(10, 5, 0.1), 1e-12);
        Assert.Equal(0, SubsetScan.Score(10, 1, 0.1));
    }
}
