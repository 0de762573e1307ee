using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Fairness;

/// <summary>
/// Issue 15, defect 9: a bootstrap interval attached to the wrong group. Cells were found by their joined label
/// ("x × y × z"), which two different groups share when a value holds the separator: {a: x, b: "y × z"} and
/// {a: "x × y", b: z}. The oracle: the same data with every value renamed to a label without separators (same codes,
/// same order, same seed) must give every group exactly the same intervals.
/// </summary>
public sealed class Issue15Defect9BootstrapGroupKeyTests
{
    private sealed record Case(string[][] Levels, int[][] Codes, byte[] Decisions, double[] Weights);

    private static FairnessSection Analyze(Case c, string[][] levels)
    {
        var attributes = levels.Select((l, a) => new AttributeInput(new GroupAssignment(((char)('a' + a)).ToString(), c.Codes[a], l), null, null)).ToArray();
        var options = new FairnessOptions
        {
            MinCellSize = 1,
            BootstrapReplicates = 40,
            Seed = 7,
            Intersections = FairnessOptions.AllCombinations(levels.Length),
        };
        return FairnessAnalysis.Analyze(attributes, c.Decisions, [], c.Weights, options);
    }

    /// <summary>Every interval of every group of both runs, group by group (the renamed run's groups mapped back), must be equal.</summary>
    private static int AssertSameIntervals(Case c, string what)
    {
        var original = Analyze(c, c.Levels);
        var renamed = Analyze(c, c.Levels.Select((l, a) => l.Select((_, v) => $"{(char)('a' + a)}{v}").ToArray()).ToArray());
        GroupKey Rename(GroupKey key) => new(key.Parts.Select(p =>
        {
            var a = p.Key[0] - 'a';
            return new KeyValuePair<string, string>(p.Key, $"{p.Key}{Array.IndexOf(c.Levels[a], p.Value)}");
        }).ToArray());
        var compared = 0;
        foreach (var (mine, theirs) in original.Attributes.Concat(original.Intersections).Zip(renamed.Attributes.Concat(renamed.Intersections)))
        {
            foreach (var g in mine.Groups)
            {
                var clean = theirs.Groups.Single(h => h.Group.Equals(Rename(g.Group)));
                var where = $"{what}: {mine.Attribute}, group {g.Group}";
                Assert.True(Same(g.FourFifthsRatio, clean.FourFifthsRatio), $"{where}: four-fifths ratio {Show(g.FourFifthsRatio)}, expected {Show(clean.FourFifthsRatio)}");
                foreach (var (key, rate) in g.Rates)
                {
                    Assert.True(Same(rate, clean.Rates[key]), $"{where}: {key} {Show(rate)}, expected {Show(clean.Rates[key])}");
                }
                foreach (var (key, d) in g.Disparities)
                {
                    Assert.True(Same(d.RatioToReference, clean.Disparities[key].RatioToReference), $"{where}: ratio of {key} {Show(d.RatioToReference)}, expected {Show(clean.Disparities[key].RatioToReference)}");
                    Assert.True(Same(d.DifferenceToReference, clean.Disparities[key].DifferenceToReference), $"{where}: difference of {key}");
                }
                compared++;
            }
            foreach (var (key, spread) in mine.BetweenGroups)
            {
                Assert.True(Same(spread.Ratio, theirs.BetweenGroups[key].Ratio) && Same(spread.Difference, theirs.BetweenGroups[key].Difference), $"{what}: {mine.Attribute}, spread of {key}");
            }
        }
        return compared;
    }

    private static bool Same(Metric x, Metric y) => x.Value == y.Value && (x.Ci is null ? y.Ci is null : y.Ci is not null && x.Ci.SequenceEqual(y.Ci));

    private static string Show(Metric m) => $"{m.Value} [{(m.Ci is null ? "" : string.Join(", ", m.Ci))}]";

    [Fact]
    public void TheIssuesTwoCellsWhoseJoinedLabelsCoincideKeepTheirOwnIntervals()
    {
        // a = x, b = "y × z": 40 rows, 30 flagged; a = "x × y", b = z: 40 rows, 2 flagged; and the two other cells.
        string[][] levels = [["x", "x × y"], ["y × z", "z"]];
        var rows = new List<(int A, int B, bool Flagged)>();
        void Add(int a, int b, int n, int flagged) => rows.AddRange(Enumerable.Range(0, n).Select(i => (a, b, i < flagged)));
        Add(0, 0, 40, 30);
        Add(1, 1, 40, 2);
        Add(0, 1, 30, 6);
        Add(1, 0, 30, 9);
        var c = new Case(levels, [[.. rows.Select(r => r.A)], [.. rows.Select(r => r.B)]], [.. rows.Select(r => (byte)(r.Flagged ? 1 : 0))], []);
        AssertSameIntervals(c, "reproduction");

        // The cell flagged most has a four-fifths ratio well below 1, and an interval around it, not the least-flagged cell's [1, 1].
        var crossed = Assert.Single(Analyze(c, levels).Intersections);
        var heavy = crossed.Groups.Single(g => g.Group.Equals(GroupKey.Of(["a", "b"], ["x", "y × z"])));
        Assert.InRange(heavy.FourFifthsRatio.Value!.Value, 0.25, 0.27); // (1 − 0.75) / (1 − 0.05)
        Assert.True(heavy.FourFifthsRatio.Ci![0] <= heavy.FourFifthsRatio.Value && heavy.FourFifthsRatio.Value <= heavy.FourFifthsRatio.Ci[1], Show(heavy.FourFifthsRatio));
    }

    [Fact]
    public void ValuesHoldingTheSeparatorNeverMoveAnIntervalToAnotherGroup()
    {
        // Values made of the separator's pieces, so that joined labels often coincide ("x" + "x × x" = "x × x" + "x").
        string[] pool = ["x", "x × x", "x × x × x", "y", "x × y"];
        var random = new Random(915);
        var collisions = 0;
        var groups = 0;
        for (var n = 0; n < 60; n++)
        {
            var attributes = random.Next(2, 4);
            var levels = Enumerable.Range(0, attributes).Select(_ => pool.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToArray()).ToArray();
            var rows = random.Next(60, 200);
            var codes = levels.Select(l => Enumerable.Range(0, rows).Select(_ => random.Next(l.Length)).ToArray()).ToArray();
            var decisions = Enumerable.Range(0, rows).Select(_ => (byte)(random.NextDouble() < 0.1 + 0.6 * random.NextDouble() ? 1 : 0)).ToArray();
            // Half the cases carry sampling weights: the Poisson bootstrap, with intervals on every rate and comparison.
            var weights = random.Next(2) == 0 ? [] : Enumerable.Range(0, rows).Select(_ => 0.5 + 2 * random.NextDouble()).ToArray();
            var c = new Case(levels, codes, decisions, weights);
            collisions += FairnessOptions.AllCombinations(attributes).Count(set =>
            {
                var labels = CrossedLabels(set.Select(a => levels[a]).ToArray());
                return labels.Distinct(StringComparer.Ordinal).Count() < labels.Count;
            });
            groups += AssertSameIntervals(c, $"case {n}");
        }
        Assert.True(collisions >= 10, $"only {collisions} intersections with two groups of one joined label");
        TestContext.Current.SendDiagnosticMessage($"{groups} groups compared; {collisions} intersections where joined labels collide");
    }

    private static List<string> CrossedLabels(string[][] levels) =>
        levels.Aggregate(new List<string> { "" }, (labels, l) => [.. labels.SelectMany(prefix => l.Select(v => prefix.Length == 0 ? v : prefix + " × " + v))]);
}
