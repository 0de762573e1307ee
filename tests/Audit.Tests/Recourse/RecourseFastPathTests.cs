using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;
using Audit.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Recourse;

/// <summary>
/// Issue 21's fast paths of the recourse stage, each against the straightforward computation it replaced: the
/// counted distribution of an input against the sorted column, the mode by counting against the dictionary, the
/// listed cells from occurring levels against the statistics over every row, the options without LINQ against the
/// LINQ listing, and people solved on several threads against one at a time.
/// </summary>
public sealed class RecourseFastPathTests
{
    /// <summary>The sorted column's order statistics and ranks, as ActionabilityModel computed them before issue 21.</summary>
    private static void AssertSameAsSortedColumn(double[] values)
    {
        var sorted = ActionabilityModel.SortedWithoutMissing((double[])values.Clone());
        var distribution = ValueDistribution.Of((double[])values.Clone());
        Assert.Equal(sorted.Length, distribution.Count);
        for (var i = 0; i < sorted.Length; i++)
        {
            // Bit for bit: −0 and 0 are different values to a reader of the report.
            Assert.Equal(BitConverter.DoubleToInt64Bits(sorted[i]), BitConverter.DoubleToInt64Bits(distribution[i]));
        }
        var probes = values.Concat(values.Select(v => v + 0.05)).Concat(values.Select(v => Math.BitDecrement(v)))
            .Concat([double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, -1e300, 1e300]);
        foreach (var probe in probes)
        {
            Assert.Equal(sorted.Count(v => v <= probe), distribution.CountAtOrBelow(probe));
            Assert.Equal(sorted.Count(v => v < probe), distribution.CountBelow(probe));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => distribution[sorted.Length]);
    }

    /// <summary>Whole numbers, tenths, hundredths with a wide span, arbitrary doubles, booleans, and ±0, NaN and infinities.</summary>
    [Property(MaxTest = 300)]
    public Property Distribution_equals_the_sorted_column(PositiveInt seed, PositiveInt size, byte kind)
    {
        var random = new Random(seed.Get);
        var n = size.Get % 2000;
        double Value() => (kind % 7) switch
        {
            0 => Math.Round(800 + 600 * random.NextDouble() * random.NextDouble()),
            1 => Math.Round(random.NextDouble() * 100, 1),
            2 => Math.Round((random.NextDouble() - 0.5) * 1e5, 2),
            3 => random.NextDouble() * 1e3 - 500,
            4 => random.Next(0, 2),
            5 => random.Next(0, 8) switch
            {
                0 => -0.0,
                1 => 0.0,
                2 => double.NaN,
                3 => double.PositiveInfinity,
                4 => double.NegativeInfinity,
                _ => random.Next(-3, 4),
            },
            // A span too wide to count: sorted.
            _ => random.Next(0, 2) == 0 ? random.Next(0, 10) : 1e9 + random.Next(0, 10),
        };
        var values = Enumerable.Range(0, n).Select(_ => random.Next(0, 10) == 0 ? double.NaN : Value()).ToArray();
        AssertSameAsSortedColumn(values);
        return true.ToProperty();
    }

    [Fact]
    public void CountingIsUsedForWholeNumbersAndTenthsNotForMinusZeroOrWideSpans()
    {
        Assert.NotNull(ValueDistribution.Counted([1, 5, 5, double.NaN, 1200]));
        Assert.NotNull(ValueDistribution.Counted([25.3, 0.1, 99.9, 12.0]));
        Assert.Null(ValueDistribution.Counted([0.0, -0.0]));
        Assert.Null(ValueDistribution.Counted([0, ValueDistribution.MaxCountedSpan]));
        Assert.Null(ValueDistribution.Counted([Math.PI]));
        Assert.Equal(0, ValueDistribution.Of([double.NaN, double.NaN]).Count);
    }

    /// <summary>Booleans and level codes counted where they are, with missing values, against the column read as numbers.</summary>
    [Property(MaxTest = 100)]
    public Property Distribution_of_a_column_equals_its_values_read_as_numbers(PositiveInt seed, PositiveInt size)
    {
        var random = new Random(seed.Get);
        var n = size.Get % 400;
        var table = new Table(
        [
            new NumericColumn("x", [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 6) == 0 ? double.NaN : Math.Round(random.NextDouble() * 50, random.Next(0, 3)))]),
            new BooleanColumn("b", [.. Enumerable.Range(0, n).Select(_ => (byte)(random.Next(0, 5) switch { 0 => BooleanColumn.Missing, 1 or 2 => 1, _ => 0 }))]),
            new CategoricalColumn("c", [.. Enumerable.Range(0, n).Select(_ => random.Next(-1, 4))], ["u", "v", "w", "z"]),
        ]);
        var codec = new FeatureCodec(table, [new FeatureSpec("x", ColumnType.Numeric, ""), new FeatureSpec("b", ColumnType.Boolean, ""), new FeatureSpec("c", ColumnType.Categorical, "")]);
        for (var f = 0; f < codec.Count; f++)
        {
            var column = codec.ReadColumn(f);
            var expected = ActionabilityModel.SortedWithoutMissing((double[])column.Clone());
            var actual = codec.Distribution(f);
            Assert.Equal(expected.Length, actual.Count);
            Assert.Equal(expected, Enumerable.Range(0, actual.Count).Select(i => actual[i]).ToArray());
            Assert.Equal(BitConverter.DoubleToInt64Bits(ImmutableCounterfactual.MostCommonCounted(column)), BitConverter.DoubleToInt64Bits(actual.Mode()));
        }
        return true.ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Mode_by_counting_equals_the_dictionary(PositiveInt seed, PositiveInt size, byte kind)
    {
        var random = new Random(seed.Get);
        var n = size.Get % 500;
        var values = Enumerable.Range(0, n).Select(_ => (kind % 3) switch
        {
            0 => random.Next(0, 6),
            1 => random.Next(0, 4) == 0 ? double.NaN : random.Next(0, 2),
            _ => random.Next(0, 5) * 0.37,
        }).ToArray();
        var expected = ImmutableCounterfactual.MostCommonCounted(values);
        var actual = ImmutableCounterfactual.MostCommon(values);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        return true.ToProperty();
    }

    /// <summary>Random attributes with unused levels, crossed by one to three: the same cells as the statistics over every row.</summary>
    [Property(MaxTest = 200)]
    public Property Listed_cells_from_occurring_levels_equal_the_statistics(PositiveInt seed, PositiveInt size)
    {
        var random = new Random(seed.Get);
        var n = size.Get % 300 + 1;
        var attributes = Enumerable.Range(0, random.Next(1, 4)).Select(a =>
        {
            var levels = Enumerable.Range(0, random.Next(1, 5)).Select(l => $"a{a}l{l}").ToArray();
            // Some levels never used, some rows piled on one level.
            var used = levels.Length == 1 ? 1 : random.Next(1, levels.Length + 1);
            var codes = Enumerable.Range(0, n).Select(_ => random.Next(0, used)).ToArray();
            return new GroupAssignment($"a{a}", codes, levels);
        }).ToArray();
        var expected = GroupStatistics.Accumulate(attributes, new byte[n], [], []).ListedCells().ToArray();
        var occurring = attributes.Select(RecourseAudit.OccurringLabels).Select(o => o!).ToArray();
        var actual = RecourseAudit.ListedCells(CellLayout.Of(attributes), occurring).ToArray();
        Assert.Equal(expected, actual);
        return true.ToProperty();
    }

    [Fact]
    public void CodesOutsideTheLevelsFallBackToTheStatistics() =>
        Assert.Null(RecourseAudit.OccurringLabels(new GroupAssignment("a", [0, -1, 1], ["x", "y"])));

    private static (RecourseEngine Engine, Table Table, double[] Scores, byte[] Flags) CafEngine(int rows)
    {
        var table = CafLikeHouseholds.Generate(rows, 20261124);
        var model = LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        var scores = model.Score(table);
        var outcome = new TopFractionPolicy(0.1).Decide(scores, model.Adverse);
        var options = new RecourseOptions
        {
            Features =
            [
                new FeatureRuleOverride("revenu", 0, "revenu") { Actionability = Actionability.IncreaseOnly, MaxChange = 300 },
                new FeatureRuleOverride("taux_effort_logement", 0, "taux_effort_logement") { Actionability = Actionability.DecreaseOnly, MaxChange = 10 },
                new FeatureRuleOverride("activite", 0, "activite") { Levels = ["emploi_stable", "emploi_precaire", "chomage"], ChangeCost = 1 },
                new FeatureRuleOverride("quartier_defavorise", 0, "quartier_defavorise") { ChangeCost = 0.5 },
                new FeatureRuleOverride("situation_familiale", 0, "situation_familiale") { Actionability = Actionability.Immutable, LegalEvent = true },
            ],
        };
        var engine = RecourseEngine.Create(model, table, options, new DecisionTarget(outcome.Cutoff!.Value, model.Adverse, Ranked: true));
        return (engine, table, scores, outcome.Flags);
    }

    /// <summary>The options as ActionabilityModel listed them before issue 21: the grid and the reach each way, LINQ's Distinct.</summary>
    private static List<FeatureOption> OptionsByLinq(ActionabilityModel actions, int feature, double current)
    {
        var rule = actions.Rules[feature];
        if (!rule.IsActionable || double.IsNaN(current))
        {
            return [];
        }
        IEnumerable<double> candidates = rule.Type switch
        {
            ColumnType.Numeric => actions.GridOf(feature),
            ColumnType.Boolean => [0.0, 1.0],
            _ => Enumerable.Range(0, actions.Codec.LevelsOf(feature).Count).Select(c => (double)c),
        };
        if (rule.Type == ColumnType.Numeric)
        {
            candidates = candidates.Concat(new[] { actions.Reach(feature, current, -1), actions.Reach(feature, current, 1) }.OfType<double>()).Distinct();
        }
        return [.. candidates.Where(v => !v.Equals(current) && actions.Allows(feature, current, v)).Select(v => new FeatureOption(v, actions.Cost(feature, current, v)))];
    }

    [Fact]
    public void OptionsEqualTheLinqListingForEveryInputOfEveryHousehold()
    {
        var (engine, table, _, _) = CafEngine(3000);
        var actions = engine.Actions;
        var row = new double[actions.Codec.Count];
        var options = new List<FeatureOption>();
        var compared = 0;
        for (var i = 0; i < table.RowCount; i++)
        {
            actions.Codec.Read(i, row);
            for (var f = 0; f < row.Length; f++)
            {
                // The person's own value, and values off the grid and past the range, as a search or a data error would try.
                foreach (var current in new[] { row[f], row[f] + 0.5, row[f] * 3, -row[f], double.NaN })
                {
                    actions.OptionsFor(f, current, options);
                    Assert.Equal(OptionsByLinq(actions, f, current), options);
                    compared += options.Count;
                }
            }
        }
        Assert.True(compared > 10_000, $"{compared} options compared");
    }

    private static string Describe(PersonRecourse p) => string.Join("|",
        p.Status, p.Method, p.ProvenOptimal, p.ScoreBefore.ToString("R", CultureInfo.InvariantCulture), p.ScoreAfter.ToString("R", CultureInfo.InvariantCulture),
        p.Cost.ToString("R", CultureInfo.InvariantCulture), p.FixedByOverride,
        string.Join(";", p.Changes.Select(c => $"{c.Feature}:{c.From:R}->{c.To:R}@{c.Cost:R}")));

    /// <summary>
    /// Every distinct flagged household solved on one, two and four threads gives, in order, what a fresh engine solving
    /// them one after the other gives (the pre-issue-21 loop).
    /// </summary>
    [Fact]
    public void PeopleSolvedOnSeveralThreadsEqualOneAtATime()
    {
        var (engine, table, scores, flags) = CafEngine(40_000);
        var rows = new List<double[]>();
        var first = new List<int>();
        var seen = new HashSet<string>();
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = new double[engine.Actions.Codec.Count];
            engine.Actions.Codec.Read(i, row);
            if (flags[i] == 1 && seen.Add(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))))
            {
                rows.Add(row);
                first.Add(i);
            }
        }
        Assert.True(rows.Count > 2048, $"{rows.Count} distinct flagged inputs: more than one batch");
        const long seed = 7;
        var expected = rows.Select((row, k) => Describe(engine.Solve(row, scores[first[k]], seed + first[k]))).ToArray();
        var sharing = rows.Select(_ => 1).ToArray();
        foreach (var threads in new[] { 1, 2, 4 })
        {
            var (fresh, _, _, _) = CafEngine(40_000);
            var reported = new List<long>();
            var solved = RecourseAudit.SolveAll(fresh, rows, first, sharing, scores, seed, rows.Count, (done, _) => reported.Add(done), threads);
            Assert.True(fresh.Parallelisable);
            Assert.Equal(expected, solved.Select(Describe).ToArray());
            Assert.Equal(rows.Count, reported[^1]);
            Assert.Equal(reported.Order(), reported);
        }
        Assert.Contains(expected, e => e.StartsWith("Found", StringComparison.Ordinal));
        Assert.Contains(expected, e => !e.StartsWith("Found", StringComparison.Ordinal));
    }

    /// <summary>Data errors and "who they are" over chunks of people on several threads, against one call over everyone.</summary>
    [Fact]
    public void ChunkedDataErrorsAndTypicalValuesEqualOneCall()
    {
        var (engine, table, _, _) = CafEngine(20_000);
        var people = Enumerable.Range(0, table.RowCount).Select(i =>
        {
            var row = new double[engine.Actions.Codec.Count];
            engine.Actions.Codec.Read(i, row);
            return row;
        }).ToArray();
        var errors = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target);
        var immutable = new ImmutableCounterfactual(engine.Actions, engine.Score, engine.Target);
        var expectedErrors = errors.Run(people).Select(e => string.Join(",", e)).ToArray();
        var expectedWho = immutable.Run(people);
        Assert.Contains(expectedErrors, e => e.Length > 0);
        foreach (var threads in new[] { 1, 3 })
        {
            Assert.Equal(expectedErrors, RecourseAudit.InChunks(true, people, errors.Run, threads).Select(e => string.Join(",", e)).ToArray());
            Assert.Equal(expectedWho, RecourseAudit.InChunks(true, people, immutable.Run, threads));
        }
    }
}
