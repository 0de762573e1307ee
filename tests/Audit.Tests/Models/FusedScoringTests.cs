using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>
/// Issue 21: a linear spec is scored in one pass over the rows on every core (<see cref="LinearScoring"/>). Held to the
/// by-term pass it replaced (<see cref="LinearModel.LinearPredictorByTerm"/>), kept as the reference: the same bits on
/// random tables with missing values, zeros of both signs, levels without weights and interactions, and the same error
/// when a row cannot be scored.
/// </summary>
public sealed class FusedScoringTests
{
    private static Table RandomTable(int rows, int seed, bool missing)
    {
        var random = new Random(seed);
        var income = new double[rows];
        var rate = new double[rows];
        var flag = new byte[rows];
        var kind = new int[rows];
        var other = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            income[i] = random.Next(6) switch { 0 => 0.0, 1 => -0.0, 2 when missing => double.NaN, _ => Math.Round(random.NextDouble() * 4000 - 500, 2) };
            rate[i] = random.NextDouble() * 1e-3 - 5e-4;
            flag[i] = missing && random.Next(10) == 0 ? BooleanColumn.Missing : (byte)random.Next(2);
            kind[i] = missing && random.Next(12) == 0 ? CategoricalColumn.Missing : random.Next(4);
            other[i] = random.Next(3);
        }
        return new Table([
            new NumericColumn("income", income),
            new NumericColumn("rate", rate),
            new BooleanColumn("flag", flag),
            new CategoricalColumn("kind", kind, ["a", "b", "c", "d"]),
            new CategoricalColumn("other", other, ["x", "y", "z"]),
        ]);
    }

    private static LinearModel Model(bool logistic, double intercept, Coefficient? missing, Coefficient? otherLevel, ScoreScaling? scaling = null) => new(
        "fused", logistic, AdverseTail.High, intercept,
        [
            new LinearTerm("income", ColumnType.Numeric, Coefficient.Of(-0.0007), new Dictionary<string, Coefficient>(), missing, null),
            new LinearTerm("flag", ColumnType.Boolean, Coefficient.Of(0.41), new Dictionary<string, Coefficient>(), missing, null),
            new LinearTerm("kind", ColumnType.Categorical, Coefficient.Zero,
                new Dictionary<string, Coefficient> { ["a"] = Coefficient.Of(0.3), ["b"] = Coefficient.Of(-0.0), ["c"] = Coefficient.Of(1e-17) }, missing, otherLevel),
            new LinearTerm("rate", ColumnType.Numeric, Coefficient.Of(3.7), new Dictionary<string, Coefficient>(), missing, null),
            new LinearTerm("income", ColumnType.Numeric, Coefficient.Zero, new Dictionary<string, Coefficient>(), missing, null,
                [new Bin(null, 0, Coefficient.Of(0.7)), new Bin(0, 942.5, Coefficient.Of(0.35)), new Bin(942.5, 2000, Coefficient.Of(-0.0)), new Bin(2000, null, Coefficient.Of(-0.3))]),
        ],
        interactions:
        [
            new InteractionTerm("flag_and_a", [new Condition("flag", "true"), new Condition("kind", "a")], Coefficient.Of(0.25), null),
            new InteractionTerm("not_flag_z", [new Condition("flag", "false"), new Condition("other", "z")], Coefficient.Of(-0.125), null),
            new InteractionTerm("never", [new Condition("other", "absent")], Coefficient.Of(9), null),
        ],
        scaling: scaling);

    public static TheoryData<bool, double, int> Cases() => new()
    {
        { true, -2.5, 1 },
        { false, 0.0, 2 },
        { false, -0.0, 3 },
        { true, 0.0, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFusedPassGivesTheByTermBits(bool logistic, double intercept, int seed)
    {
        // 100,003 rows: several chunks on several cores, and a short last one.
        var table = RandomTable(100_003, seed, missing: true);
        var model = Model(logistic, intercept, Coefficient.Of(0.05), Coefficient.Of(-0.2));
        Assert.NotNull(LinearScoring.For(model, table));
        var reference = model.LinearPredictorByTerm(table);
        AssertSameBits(reference, model.LinearPredictor(table));
        AssertSameBits([.. reference.Select(model.ScoreFromSum)], model.Score(table));
    }

    [Fact]
    public void AScaledSpecAndOneRowGiveTheByTermBits()
    {
        var model = Model(true, 1.5, Coefficient.Of(0.05), Coefficient.Of(-0.2), new ScoreScaling(600, 50, 20, 300, 850));
        foreach (var rows in new[] { 1, 2, 40_000 })
        {
            var table = RandomTable(rows, rows, missing: true);
            var reference = model.LinearPredictorByTerm(table);
            AssertSameBits(reference, model.LinearPredictor(table));
            AssertSameBits([.. reference.Select(model.ScoreFromSum)], model.Score(table));
        }
    }

    [Fact]
    public void ARowThatCannotBeScoredGivesTheByTermError()
    {
        var table = RandomTable(70_000, 9, missing: true);
        // No 'missing' weight: the first missing value is an error; no 'other' weight: level d is one.
        var outOfBins = new LinearModel("bins", true, AdverseTail.High, 0,
            [new LinearTerm("income", ColumnType.Numeric, Coefficient.Zero, new Dictionary<string, Coefficient>(), Coefficient.Of(0), null,
                [new Bin(0, 1000, Coefficient.Of(0.5)), new Bin(1000, 3000, Coefficient.Of(0.1))])]);
        foreach (var model in new[] { Model(true, 0, null, Coefficient.Of(0)), Model(true, 0, Coefficient.Of(0.1), null), outOfBins })
        {
            var reference = Assert.Throws<AuditInputException>(() => model.LinearPredictorByTerm(table));
            var fused = Assert.Throws<AuditInputException>(() => model.Score(table));
            Assert.Equal(reference.Message, fused.Message);
            Assert.Equal(reference.Row, fused.Row);
            Assert.Equal(reference.Column, fused.Column);
        }
    }

    [Fact]
    public void AnUnknownCoefficientLeavesTheByTermPassToName()
    {
        var table = RandomTable(1_000, 4, missing: false);
        var model = new LinearModel("unknown", true, AdverseTail.High, 0,
            [new LinearTerm("income", ColumnType.Numeric, new Coefficient(null, Sign: 1), new Dictionary<string, Coefficient>(), null, null)]);
        Assert.Null(LinearScoring.For(model, table));
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Contains("not known", error.Message);
    }

    private static void AssertSameBits(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"row {i + 1}: {expected[i]:R} by term, {actual[i]:R} fused");
        }
    }
}
