using Audit.Data;
using Audit.Explain;
using Audit.Fairness.Cells;
using Audit.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Before = Audit.Tests.Explain.ExplanationFormulasBeforeIssue21;

namespace Audit.Tests.Explain;

/// <summary>
/// Issue 21's fast paths of the explanations stage give, bit for bit, what the formulas gave before them
/// (<see cref="ExplanationFormulasBeforeIssue21"/>, kept as the oracle) on random inputs: the decomposition's bootstrap
/// (grouped dense rows, vector sums, the seeded generator without a virtual call), the proxy analysis (bins computed
/// once per input, inputs in parallel), and the generator against <see cref="System.Random"/> itself.
/// </summary>
public sealed class ExplanationFastPathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(42)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(161_803_398)]
    [InlineData(-161_803_398)]
    public void TheGeneratorDrawsWhatSystemRandomDraws(int seed)
    {
        var expected = new Random(seed);
        var actual = new CompatibleRandom(seed);
        int[] bounds = [0, 1, 2, 3, 10, 97, 1_000, 65_536, 100_003, int.MaxValue];
        var buffer = new int[5_000];
        for (var round = 0; round < 200; round++)
        {
            var bound = bounds[round % bounds.Length];
            if (round % 2 == 0)
            {
                actual.Fill(buffer.AsSpan(0, 1 + round * 13 % buffer.Length), bound);
                for (var k = 0; k < 1 + round * 13 % buffer.Length; k++)
                {
                    Assert.Equal(expected.Next(bound), buffer[k]);
                }
            }
            else
            {
                for (var k = 0; k < 100; k++)
                {
                    Assert.Equal(expected.Next(bound), actual.Next(bound));
                }
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property TheGeneratorDrawsWhatSystemRandomDrawsForAnySeed(int seed, PositiveInt bound)
    {
        var expected = new Random(seed);
        var buffer = new int[2_000];
        new CompatibleRandom(seed).Fill(buffer, bound.Get);
        return buffer.All(v => v == expected.Next(bound.Get)).ToProperty();
    }

    /// <summary>
    /// Random attributions (1 to 40 inputs, so one to three passes of sixteen columns and every padding), values of
    /// mixed signs and magnitudes, duplicated inputs, table rows out of order, 1 to 6 groups of which some are small or
    /// hidden, weights or none, 0 to 40 replicates: every number of the decomposition is the old formula's, bit for bit.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property TheDecompositionIsTheOldFormulasBitForBit(PositiveInt seedValue)
    {
        var random = new Random(seedValue.Get);
        var (set, rows, groups, weights) = RandomAttributions(random);
        var reference = groups.Levels[random.Next(groups.Levels.Length)];
        var hidden = random.Next(4) == 0 ? new HashSet<string> { groups.Levels[random.Next(groups.Levels.Length)] } : null;
        var replicates = random.Next(4) == 0 ? random.Next(2) : random.Next(2, 41);
        var minCell = random.Next(1, 15);
        var seed = random.NextInt64(-1_000_000, 1_000_000);
        var expected = Before.DisparityDecomposition.Decompose(set, rows, groups, reference, weights, replicates, 0.9, minCell, seed, hidden);
        var actual = DisparityDecomposition.Decompose(set, rows, groups, reference, weights, replicates, 0.9, minCell, seed, hidden);
        return Flatten(actual).SequenceEqual(Flatten(expected)).ToProperty().Classify(expected.Count > 0, "some groups decomposed");
    }

    [Fact]
    public async Task TheDecompositionIsTheSameOnOneThreadAsOnMany()
    {
        var random = new Random(7);
        var (set, rows, groups, weights) = RandomAttributions(random, rowsAtLeast: 2_000);
        var many = DisparityDecomposition.Decompose(set, rows, groups, groups.Levels[0], weights, 64, 0.95, 1, 5);
        var oneThread = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ExclusiveScheduler;
        var one = await Task.Factory.StartNew(() => DisparityDecomposition.Decompose(set, rows, groups, groups.Levels[0], weights, 64, 0.95, 1, 5),
            CancellationToken.None, TaskCreationOptions.None, oneThread);
        Assert.NotEmpty(many);
        Assert.Equal(Flatten(one), Flatten(many));
    }

    /// <summary>
    /// Random tables (numeric inputs with ties, missing values, ±0 and every bin count; booleans and categorical
    /// inputs with missing values), 1 to 4 attributes of which some hide groups: the proxy figures are the old
    /// formula's, bit for bit, in the same order.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property TheProxyAnalysisIsTheOldFormulasBitForBit(PositiveInt seedValue)
    {
        var random = new Random(seedValue.Get);
        var n = random.Next(1, 400);
        var columns = new List<Column>();
        var inputs = random.Next(1, 6);
        for (var c = 0; c < inputs; c++)
        {
            columns.Add(((c + random.Next(3)) % 3) switch
            {
                0 => (Column)new NumericColumn($"x{c}", Enumerable.Range(0, n).Select(_ => random.Next(8) switch
                {
                    0 => double.NaN,
                    1 => 0.0,
                    2 => -0.0,
                    3 => random.Next(3),
                    _ => Math.Round(random.NextDouble() * 100, random.Next(3)) - 40,
                }).ToArray()),
                1 => new BooleanColumn($"x{c}", Enumerable.Range(0, n).Select(_ => random.Next(10) == 0 ? BooleanColumn.Missing : (byte)random.Next(2)).ToArray()),
                _ => new CategoricalColumn($"x{c}", Enumerable.Range(0, n).Select(_ => random.Next(8) == 0 ? CategoricalColumn.Missing : random.Next(5)).ToArray(),
                    ["a", "b", "c", "d", "e"]),
            });
        }
        var table = new Table(columns);
        var rows = new FeatureRows(table, columns.Select(c => c.Name).ToArray());
        var sample = Enumerable.Range(0, n).Where(_ => random.Next(5) > 0).ToArray();
        var attributes = Enumerable.Range(0, random.Next(1, 5)).Select(a =>
        {
            var levels = random.Next(1, 5);
            return new GroupAssignment($"g{a}", Enumerable.Range(0, n).Select(_ => random.Next(levels)).ToArray(),
                Enumerable.Range(0, levels).Select(l => $"l{l}").ToArray());
        }).ToArray();
        var hidden = attributes.Select(a => random.Next(3) == 0 ? (IReadOnlySet<string>?)new HashSet<string> { a.Levels[random.Next(a.Levels.Length)] } : null).ToArray();
        var expected = Before.ProxyAnalysis.Analyze(rows, sample, attributes, hidden);
        var actual = ProxyAnalysis.Analyze(rows, sample, attributes, hidden);
        return Flatten(actual).SequenceEqual(Flatten(expected)).ToProperty();
    }

    private static (AttributionSet Set, int[] Rows, GroupAssignment Groups, double[] Weights) RandomAttributions(Random random, int rowsAtLeast = 1)
    {
        var features = random.Next(1, 41);
        var distinct = random.Next(1, 300);
        var people = random.Next(rowsAtLeast, rowsAtLeast + 600);
        var tableRows = people + random.Next(50);
        double Number() => random.Next(5) switch
        {
            0 => 0,
            1 => Math.Round(random.NextDouble() * 10 - 5, 1),
            2 => (random.NextDouble() - 0.5) * 1e-9,
            3 => (random.NextDouble() - 0.5) * 1e9,
            _ => random.NextDouble() * 2 - 1,
        };
        var values = Enumerable.Range(0, distinct).Select(_ => Number()).ToArray();
        var contributions = Enumerable.Range(0, distinct * features).Select(_ => Number()).ToArray();
        var indexOf = Enumerable.Range(0, people).Select(_ => random.Next(distinct)).ToArray();
        var set = new AttributionSet(Enumerable.Range(0, features).Select(j => $"f{j}").ToArray(), Number(), values, contributions, null, indexOf);
        var rows = Enumerable.Range(0, tableRows).OrderBy(_ => random.Next()).Take(people).ToArray();
        var levels = random.Next(1, 7);
        // Unequal group sizes: some groups large, some a handful.
        var codes = Enumerable.Range(0, tableRows).Select(_ => Math.Min(levels - 1, (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * levels / 2))).ToArray();
        var groups = new GroupAssignment("g", codes, Enumerable.Range(0, levels).Select(l => $"l{l}").ToArray());
        var weights = random.Next(2) == 0 ? [] : Enumerable.Range(0, tableRows).Select(_ => random.Next(4) == 0 ? Math.Round(random.NextDouble() * 3, 2) : 1 + random.NextDouble()).ToArray();
        return (set, rows, groups, weights);
    }

    /// <summary>Every figure of the decompositions, doubles as their bits, so that equality is bit for bit (NaN and −0 included).</summary>
    private static IEnumerable<string> Flatten(IReadOnlyList<GapDecomposition> decompositions) => decompositions.SelectMany(d =>
        new[] { d.Attribute, d.Group, d.Reference, d.GroupRows.ToString(), d.ReferenceRows.ToString(), Bits(d.Residual) }
            .Concat(Flatten(d.Gap))
            .Concat(d.Parts.SelectMany(p => Flatten(p.Difference).Prepend(p.Feature))));

    private static IEnumerable<string> Flatten(Metric m) =>
        [m.Value is { } v ? Bits(v) : "none", m.N?.ToString() ?? "-", m.Undefined ?? "-", .. (m.Ci ?? []).Select(Bits)];

    private static IEnumerable<string> Flatten(IReadOnlyList<ProxyStrength> proxies) => proxies.SelectMany(p =>
        new[] { p.Feature, p.Attribute, p.Measure, Bits(p.Association), Bits(p.MutualInformation), Bits(p.BalancedAccuracy), Bits(p.ChanceLevel) });

    private static string Bits(double v) => BitConverter.DoubleToInt64Bits(v).ToString("X16");
}
