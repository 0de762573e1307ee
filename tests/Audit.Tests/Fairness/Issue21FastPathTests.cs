using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Bootstrap;
using Audit.Fairness.Cells;
using Audit.Results;
using MathNet.Numerics.Statistics;

namespace Audit.Tests.Fairness;

/// <summary>
/// Issue 21: the fast paths of the statistics, the grouping and the bootstrap give exactly (bit for bit) what the
/// straightforward computations give: each against an independent recomputation written here.
/// </summary>
public sealed class Issue21FastPathTests
{
    private static readonly int?[] Labels = [null, -1, 0, 1, 2, 3];
    private static readonly int?[] Decisions = [null, -1, 0, 1, 2];

    /// <summary>
    /// Every case of <see cref="ConfusionCounts.Count"/> and <see cref="ConfusionCounts.Weight"/> against the loop over
    /// the six slots they replaced, bit for bit, on weights chosen so that the order of addition shows in the last bits
    /// (fractions of very different sizes), and on −0 weights (0 + −0 is +0: the starting 0 must stay).
    /// </summary>
    [Fact]
    public void CountsAndWeightSumsAreTheSlotLoopsBitForBit()
    {
        var random = new Random(21);
        double[][] special = [[-0.0, -0.0, -0.0, -0.0, -0.0, -0.0], [1e16, 1, -1e16, 0.1, 1e-300, 3], [0, 0, 0, 0, 0, 0]];
        for (var trial = 0; trial < 2000; trial++)
        {
            var counts = Enumerable.Range(0, 6).Select(_ => (long)random.Next(0, 1_000_000)).ToArray();
            var weights = trial < special.Length
                ? special[trial]
                : Enumerable.Range(0, 6).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-8, 12))).ToArray();
            var cell = new ConfusionCounts(counts, weights);
            foreach (var label in Labels)
            {
                foreach (var decision in Decisions)
                {
                    Assert.Equal(cell.CountBySlots(label, decision), cell.Count(label, decision));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(cell.WeightBySlots(label, decision)), BitConverter.DoubleToInt64Bits(cell.Weight(label, decision)));
                }
            }
        }
    }

    /// <summary>
    /// The groups of a numeric attribute without bands against the SortedSet grouping they replaced (written out
    /// here): same levels, same codes, on columns mixing −0, 0, missing values and up to 12 distinct values.
    /// </summary>
    [Fact]
    public void DistinctNumbersGroupAsTheSortedSetDid()
    {
        var random = new Random(7);
        double[] pool = [-0.0, 0.0, 1, 2.5, -3, 1e-9, 7, 8, 9, 10, 11, 12, double.NaN];
        for (var trial = 0; trial < 300; trial++)
        {
            var distinct = random.Next(1, pool.Length + 1);
            var values = Enumerable.Range(0, random.Next(1, 400)).Select(_ => pool[random.Next(distinct)]).ToArray();
            var column = new NumericColumn("x", values);
            var (levels, codes) = SortedSetGrouping(values);
            var groups = GroupAssignment.FromColumn(column, null);
            Assert.Equal(levels, groups.Levels);
            Assert.Equal(codes, groups.Codes);
        }
    }

    /// <summary>A thirteenth distinct value is refused, as before, with the same message.</summary>
    [Fact]
    public void ThirteenDistinctNumbersAreRefused()
    {
        var column = new NumericColumn("x", [.. Enumerable.Range(0, 13).Select(i => (double)i), 0, 1]);
        var e = Assert.Throws<AuditInputException>(() => GroupAssignment.FromColumn(column, null));
        Assert.Contains("more than 12 distinct values", e.Message, StringComparison.Ordinal);
        Assert.NotNull(GroupAssignment.FromColumn(new NumericColumn("x", [.. Enumerable.Range(0, 12).Select(i => (double)i), double.NaN]), null));
    }

    /// <summary>The grouping as first written: a SortedSet of the values, labels from it, codes by binary search.</summary>
    private static (string[] Levels, int[] Codes) SortedSetGrouping(double[] values)
    {
        var distinct = new SortedSet<double>(values.Where(v => !double.IsNaN(v)));
        var ordered = distinct.ToArray();
        var labels = ordered.Select(x => (x == 0 ? 0.0 : x).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (values.Any(double.IsNaN))
        {
            labels.Add(GroupAssignment.MissingLabel);
        }
        return ([.. labels], [.. values.Select(v => double.IsNaN(v) ? ordered.Length : Array.BinarySearch(ordered, v))]);
    }

    /// <summary>
    /// The bootstrap intervals of the fairness section (sets run in parallel, frames with array caches) against a
    /// recomputation that shares none of that code: the multinomial replicates enumerated one statistics object at a
    /// time (<see cref="StatisticsBootstrap.Replicates"/>), the spread of the flag rate between the groups and the
    /// four-fifths ratio worked out here from each replicate's counts, and R's type-7 quantiles by MathNet. Equal to
    /// the last bit, for every single attribute and the intersection, with one thread and with several.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void BootstrapIntervalsAreTheStraightforwardRecomputation(int threads)
    {
        var (inputs, decisions, labels) = Population(6_000, seed: 3);
        var options = new FairnessOptions { BootstrapReplicates = 300, Seed = 11, Intersections = [[0, 1]], MinCellSize = 1 };
        FairnessSection section;
        var before = FairnessAnalysis.MaxBootstrapThreads;
        try
        {
            FairnessAnalysis.MaxBootstrapThreads = threads;
            section = FairnessAnalysis.Analyze(inputs, decisions, labels, [], options);
        }
        finally
        {
            FairnessAnalysis.MaxBootstrapThreads = before;
        }
        IReadOnlyList<int>[] sets = [[0], [1], [2], [0, 1]];
        var results = section.Attributes.Concat(section.Intersections).ToArray();
        for (var k = 0; k < sets.Length; k++)
        {
            var stats = GroupStatistics.Accumulate(sets[k].Select(i => inputs[i].Groups).ToArray(), decisions, labels, []);
            var result = results[k];
            var listed = stats.ListedCells().ToArray();
            Assert.Equal(listed.Length, result.Groups.Count);
            var spreads = new List<double>();
            var fourFifths = listed.Select(_ => new List<double>()).ToArray();
            foreach (var replicate in StatisticsBootstrap.Replicates(stats, options.BootstrapReplicates, unchecked((int)options.Seed + k)))
            {
                var rates = listed.Select(c => FlagRate(replicate.RawCounts.Slice(c * 6, 6))).ToArray();
                var defined = rates.Where(r => r is not null).Select(r => r!.Value).ToArray();
                if (defined.Length > 0)
                {
                    spreads.Add(defined.Max() - defined.Min());
                }
                // The four-fifths comparator: the group with the lowest flag rate (the first on a tie); ratio (1 − f) / (1 − f*).
                var comparator = -1;
                for (var g = 0; g < rates.Length; g++)
                {
                    if (rates[g] is { } r && (comparator < 0 || r < rates[comparator]!.Value))
                    {
                        comparator = g;
                    }
                }
                for (var g = 0; g < rates.Length; g++)
                {
                    if (comparator >= 0 && rates[g] is { } f && 1 - rates[comparator]!.Value is var denominator && denominator > 0)
                    {
                        fourFifths[g].Add((1 - f) / denominator);
                    }
                }
            }
            Assert.Equal(Percentile(spreads, options.Confidence), result.BetweenGroups[MetricKeys.SelectionRate].Difference.Ci!);
            for (var g = 0; g < listed.Length; g++)
            {
                Assert.Equal(Percentile(fourFifths[g], options.Confidence), result.Groups[g].FourFifthsRatio.Ci!);
            }
        }
    }

    /// <summary>Flagged over rows of one cell's six slots; null for an empty cell.</summary>
    private static double? FlagRate(ReadOnlySpan<long> slots)
    {
        long rows = 0, flagged = 0;
        for (var s = 0; s < 6; s++)
        {
            rows += slots[s];
            flagged += s % 2 == 1 ? slots[s] : 0;
        }
        return rows > 0 ? (double)flagged / rows : null;
    }

    private static double[] Percentile(List<double> values, double confidence)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var alpha = 1 - confidence;
        return [SortedArrayStatistics.QuantileCustom(sorted, alpha / 2, QuantileDefinition.R7), SortedArrayStatistics.QuantileCustom(sorted, 1 - alpha / 2, QuantileDefinition.R7)];
    }

    /// <summary>Three attributes (3, 2 and 4 groups, one numeric with a missing value), decisions and labels with unknowns.</summary>
    private static (AttributeInput[] Inputs, byte[] Decisions, byte[] Labels) Population(int rows, int seed)
    {
        var random = new Random(seed);
        var a = new string?[rows];
        var b = new string?[rows];
        var c = new double[rows];
        var decisions = new byte[rows];
        var labels = new byte[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = random.Next(3) switch { 0 => "x", 1 => "y", _ => "z" };
            b[i] = random.Next(5) == 0 ? "u" : "v";
            c[i] = random.Next(50) == 0 ? double.NaN : random.Next(3);
            decisions[i] = (byte)(random.NextDouble() < 0.2 + 0.1 * (a[i] == "x" ? 1 : 0) ? 1 : 0);
            labels[i] = random.Next(10) == 0 ? BooleanColumn.Missing : (byte)(random.NextDouble() < 0.3 ? 1 : 0);
        }
        AttributeInput[] inputs =
        [
            new(GroupAssignment.FromColumn(CategoricalColumn.FromValues("a", a), null), null, "y"),
            new(GroupAssignment.FromColumn(CategoricalColumn.FromValues("b", b), null), null, null),
            new(GroupAssignment.FromColumn(new NumericColumn("c", c), null), null, null),
        ];
        return (inputs, decisions, labels);
    }
}
