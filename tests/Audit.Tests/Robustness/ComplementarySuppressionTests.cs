using Audit.Data;
using Audit.Fairness;
using Audit.Results;
using MathNet.Numerics.LinearAlgebra;

namespace Audit.Tests.Robustness;

/// <summary>
/// No published table lets a reader work out a hidden group's count by subtraction. The check is an attacker written
/// independently of the suppression code: it takes only what the result publishes (the overall count, each shown
/// group's count, which groups exist) and asks, by linear algebra, whether any hidden group's count is determined.
/// </summary>
public sealed class ComplementarySuppressionTests
{
    [Fact]
    public void OneSmallGroupOfAnAttributeHidesTheSmallestOtherToo()
    {
        var result = Analyze(new Dictionary<string, int> { ["A"] = 50, ["B"] = 30, ["C"] = 40, ["tiny"] = 3 });
        var groups = result.Attributes[0].Groups.ToDictionary(g => g.Group.Label);
        Assert.True(groups["tiny"].Count.Suppressed);
        Assert.True(groups["B"].Count.Suppressed); // the smallest shown group, so that tiny ≠ total − A − C − B
        Assert.Equal(50, groups["A"].Count.Value);
        Assert.Equal(40, groups["C"].Count.Value);
    }

    [Fact]
    public void TwoSmallGroupsThatAreSmallTogetherHideAThird()
    {
        // 3 + 4 = 7 people: their sum is the total minus the shown groups, a published group smaller than 10.
        var result = Analyze(new Dictionary<string, int> { ["A"] = 50, ["B"] = 30, ["t1"] = 3, ["t2"] = 4 });
        var groups = result.Attributes[0].Groups.ToDictionary(g => g.Group.Label);
        Assert.True(groups["t1"].Count.Suppressed);
        Assert.True(groups["t2"].Count.Suppressed);
        Assert.True(groups["B"].Count.Suppressed);
        Assert.Equal(50, groups["A"].Count.Value);
    }

    [Fact]
    public void TwoSmallGroupsThatReachTheMinimumTogetherNeedNoComplement()
    {
        var result = Analyze(new Dictionary<string, int> { ["A"] = 50, ["B"] = 30, ["t1"] = 5, ["t2"] = 6 });
        var groups = result.Attributes[0].Groups.ToDictionary(g => g.Group.Label);
        Assert.Equal(30, groups["B"].Count.Value);
        Assert.True(groups["t1"].Count.Suppressed);
        Assert.True(groups["t2"].Count.Suppressed);
    }

    [Fact]
    public void GroupKeysCannotCollideWhateverTheLabels()
    {
        // Group identity is structural (attribute → value pairs), never a joined string: no label can make two groups one.
        var hidden = new HashSet<GroupKey> { GroupKey.Of(["a", "b"], ["x\u001fb\u001ey", "z"]) };
        Assert.DoesNotContain(GroupKey.Of(["a"], ["x\u001fb\u001ey\u001ez"]), hidden);
        Assert.DoesNotContain(GroupKey.Of(["a", "b"], ["x", "b\u001ey\u001fz"]), hidden);
        Assert.Contains(GroupKey.Of(["a", "b"], ["x\u001fb\u001ey", "z"]), hidden);
    }

    [Fact]
    public void AHiddenGroupIsNeverRecoverableBySubtractionOnRandomPopulationsWithAPlantedThreePersonGroup()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var (attributes, decisions) = RandomPopulation(seed);
            var options = new FairnessOptions
            {
                MinCellSize = 10,
                BootstrapReplicates = 0,
                Intersections = [[0, 1], [0, 2], [1, 2], [0, 1, 2]],
            };
            var result = FairnessAnalysis.Analyze(attributes, decisions, [], [], options);
            var determined = Attacker.DeterminedHiddenGroups(result);
            Assert.True(determined.Count == 0, $"seed {seed}: hidden groups recoverable by subtraction: {string.Join("; ", determined)}");
            var small = Attacker.LinesWhoseHiddenSumIsSmall(result, options.MinCellSize);
            Assert.True(small.Count == 0, $"seed {seed}: lines whose hidden groups together are fewer than {options.MinCellSize}: {string.Join("; ", small)}");
            // The planted group is hidden wherever it appears.
            foreach (var table in result.Attributes.Concat(result.Intersections))
            {
                foreach (var g in table.Groups.Where(g => g.Group.Parts.Any(p => p.Value == "planted")))
                {
                    Assert.True(g.Count.Suppressed, $"seed {seed}: {g.Group} is shown");
                }
            }
        }
    }

    [Fact]
    public void TheAttackerFindsTheLoneHiddenGroupWhenComplementarySuppressionIsMissing()
    {
        // The check must be able to fail: a result where only the small group is hidden is recoverable.
        var result = Analyze(new Dictionary<string, int> { ["A"] = 50, ["B"] = 30, ["tiny"] = 3 });
        var tampered = result with
        {
            Attributes = [result.Attributes[0] with
            {
                Groups = result.Attributes[0].Groups.Select(g => g.Group.Label == "B" ? g with { Count = Metric.Of(30) } : g).ToList(),
            }],
        };
        Assert.Equal(["g = tiny"], Attacker.DeterminedHiddenGroups(tampered));
    }

    private static FairnessSection Analyze(Dictionary<string, int> sizes)
    {
        var values = sizes.SelectMany(p => Enumerable.Repeat(p.Key, p.Value)).ToArray<string?>();
        var groups = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", values), null);
        return FairnessAnalysis.Analyze([new AttributeInput(groups, null, null)], new byte[values.Length], [], [],
            new FairnessOptions { MinCellSize = 10, BootstrapReplicates = 0 });
    }

    /// <summary>Three attributes of random sizes and skew, and one planted group of three people in the third.</summary>
    private static (AttributeInput[] Attributes, byte[] Decisions) RandomPopulation(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(150, 600);
        string[] Draw(string name, int levels, double skew) => Enumerable.Range(0, rows)
            .Select(_ => $"{name}{(int)Math.Floor(levels * Math.Pow(random.NextDouble(), skew))}").ToArray();
        var a = Draw("a", random.Next(2, 4), 1 + random.NextDouble() * 2);
        var b = Draw("b", random.Next(2, 5), 1 + random.NextDouble() * 2);
        var c = Draw("c", random.Next(2, 4), 1);
        foreach (var i in Enumerable.Range(0, rows).OrderBy(_ => random.Next()).Take(3))
        {
            c[i] = "planted";
        }
        var decisions = Enumerable.Range(0, rows).Select(_ => (byte)(random.NextDouble() < 0.2 ? 1 : 0)).ToArray();
        AttributeInput Input(string name, string[] v) => new(GroupAssignment.FromColumn(CategoricalColumn.FromValues(name, v.ToArray<string?>()), null), null, null);
        return ([Input("sex", a), Input("nationality", b), Input("region", c)], decisions);
    }

    /// <summary>What a reader can work out from the published counts alone.</summary>
    private static class Attacker
    {
        /// <summary>A published group's identity, whatever the order of its attributes.</summary>
        private static string KeyOf(IEnumerable<KeyValuePair<string, string>> parts) =>
            string.Join("|", parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

        /// <summary>
        /// Lines (groups differing in one attribute) whose margin is published and whose hidden groups add up to fewer
        /// than the minimum: that sum is the margin minus the shown groups, a published group that is too small.
        /// </summary>
        public static List<string> LinesWhoseHiddenSumIsSmall(FairnessSection result, int minimum)
        {
            var tables = result.Attributes.Concat(result.Intersections).ToList();
            var counts = tables.SelectMany(t => t.Groups).ToDictionary(g => KeyOf(g.Group.Parts), g => g.Count.Value);
            var found = new List<string>();
            foreach (var table in tables)
            {
                foreach (var free in table.Columns)
                {
                    var rest = table.Columns.Where(c => c != free).ToArray();
                    foreach (var line in table.Groups.GroupBy(g => KeyOf(g.Group.Parts.Where(p => p.Key != free))))
                    {
                        double? margin = rest.Length == 0 ? result.Overall.Count.Value : counts.GetValueOrDefault(line.Key);
                        if (margin is not { } total || line.All(g => g.Count.Value is not null))
                        {
                            continue;
                        }
                        var hiddenSum = total - line.Sum(g => g.Count.Value ?? 0);
                        if (hiddenSum < minimum)
                        {
                            found.Add($"{table.Attribute} along {free} at [{line.Key}]: {hiddenSum}");
                        }
                    }
                }
            }
            return found;
        }

        /// <summary>
        /// The hidden groups whose count is fixed by the published numbers: every table's groups add up, along each
        /// attribute, to the matching group of the table without it (or to the overall count), and a group absent from a
        /// table has no one. A hidden count is determined exactly when its unit vector lies in the row space of those
        /// equations restricted to the hidden counts.
        /// </summary>
        public static List<string> DeterminedHiddenGroups(FairnessSection result)
        {
            var tables = result.Attributes.Concat(result.Intersections).ToList();
            var known = new Dictionary<string, double>();
            var hidden = new List<string>();
            var byTable = new Dictionary<string, List<GroupResult>>();
            foreach (var table in tables)
            {
                byTable[string.Join("|", table.Columns.Order(StringComparer.Ordinal))] = table.Groups.ToList();
                foreach (var g in table.Groups)
                {
                    var key = KeyOf(g.Group.Parts);
                    if (g.Count.Value is { } v)
                    {
                        known[key] = v;
                    }
                    else
                    {
                        hidden.Add(key);
                    }
                }
            }
            if (hidden.Count == 0)
            {
                return [];
            }
            var index = hidden.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
            var equations = new List<double[]>();
            foreach (var table in tables)
            {
                foreach (var free in table.Columns)
                {
                    var rest = table.Columns.Where(c => c != free).ToArray();
                    if (rest.Length > 0 && !byTable.ContainsKey(string.Join("|", rest.Order(StringComparer.Ordinal))))
                    {
                        continue; // that margin is not published
                    }
                    foreach (var line in table.Groups.GroupBy(g => KeyOf(g.Group.Parts.Where(p => p.Key != free))))
                    {
                        var row = new double[hidden.Count];
                        foreach (var g in line)
                        {
                            if (index.TryGetValue(KeyOf(g.Group.Parts), out var i))
                            {
                                row[i] += 1;
                            }
                        }
                        if (rest.Length > 0 && index.TryGetValue(line.Key, out var m))
                        {
                            row[m] -= 1;
                        }
                        if (row.Any(x => x != 0))
                        {
                            equations.Add(row);
                        }
                    }
                }
            }
            if (equations.Count == 0)
            {
                return [];
            }
            var a = Matrix<double>.Build.DenseOfRowArrays(equations);
            var rank = a.Rank();
            var determined = new List<string>();
            for (var i = 0; i < hidden.Count; i++)
            {
                var unit = new double[hidden.Count];
                unit[i] = 1;
                var extended = Matrix<double>.Build.DenseOfRowArrays(equations.Append(unit));
                if (extended.Rank() == rank)
                {
                    determined.Add(hidden[i].Replace("=", " = ").Replace("|", ", "));
                }
            }
            return determined;
        }
    }
}

/// <summary>Score summaries and curves never give back what the label-metric suppression hides.</summary>
public sealed class LabelDisclosureTests
{
    [Fact]
    public void AGroupWithHiddenLabelMetricsShowsNoAucNoRocAndNoCalibration()
    {
        // C has 100 rows, 15 with label 1 and 85 with label 0, but only 5 flagged: its error rates are hidden (a label cell
        // is small), while its AUC's n and ROC steps would give its label counts back. D likewise, so no complement is needed.
        var population = new Fairness.TestPopulation()
            .Add("A", 30, 1, 1).Add("A", 20, 0, 1).Add("A", 40, 1, 0).Add("A", 60, 0, 0)
            .Add("B", 25, 1, 1).Add("B", 25, 0, 1).Add("B", 50, 1, 0).Add("B", 50, 0, 0)
            .Add("C", 3, 1, 1).Add("C", 2, 1, 0).Add("C", 12, 0, 1).Add("C", 83, 0, 0)
            .Add("D", 2, 1, 1).Add("D", 2, 1, 0).Add("D", 13, 0, 1).Add("D", 83, 0, 0);
        var random = new Random(5);
        var scores = population.Decisions.Select(d => d * 0.5 + random.NextDouble() * 0.5).ToArray();
        var result = FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, null)], population.Decisions, population.Labels, [],
            new FairnessOptions { BootstrapReplicates = 0 }, new ScoreInput(scores, Audit.Models.AdverseTail.High, IsProbability: true));
        var groups = result.Attributes[0].Groups.ToDictionary(g => g.Group.Label);
        foreach (var hidden in new[] { "C", "D" })
        {
            var g = groups[hidden];
            Assert.True(g.Rates["truePositiveRate"].Suppressed);
            Assert.True(g.Scores!.Auc.Suppressed);
            Assert.True(g.Scores.CalibrationError.Suppressed);
            Assert.Null(g.Scores.Curves!.Roc);
            Assert.Null(g.Scores.Curves.Calibration);
        }
        Assert.NotNull(groups["A"].Scores!.Auc.Value);
        Assert.NotNull(groups["A"].Scores!.Curves!.Roc);
    }
}
