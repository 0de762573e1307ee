using Audit.Data;
using Audit.Models;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="LinearModel.Score"/> of a logistic model with 6 terms on 1,000,000 rows: 3 numeric (one with 5 %
/// missing and a missing weight), 1 boolean, 2 categorical (4 and 12 levels, one relying on an 'other' weight).
/// </summary>
[MemoryDiagnoser]
public class LinearModelBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20261124;

    private static readonly string[] Situations = ["couple", "seul", "seul_enfants", "couple_enfants"];

    private Table table = null!;
    private LinearModel model = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var income = new double[Rows];
        var age = new double[Rows];
        var months = new double[Rows];
        var singleParent = new byte[Rows];
        var situation = new int[Rows];
        var region = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            income[i] = Math.Round(random.NextDouble() * 4000, 2);
            age[i] = 18 + random.Next(70);
            months[i] = random.NextDouble() < 0.05 ? double.NaN : random.Next(240);
            singleParent[i] = (byte)random.Next(2);
            situation[i] = random.Next(Situations.Length);
            region[i] = random.Next(12);
        }
        var regions = Enumerable.Range(0, 12).Select(r => $"region-{r}").ToArray();
        table = new Table([
            new NumericColumn("income", income),
            new NumericColumn("age", age),
            new NumericColumn("months_on_benefit", months),
            new BooleanColumn("single_parent", singleParent),
            new CategoricalColumn("situation", situation, Situations),
            new CategoricalColumn("region", region, regions),
        ]);
        var none = new Dictionary<string, Coefficient>();
        static Coefficient C(double x) => Coefficient.Of(x);
        static Dictionary<string, Coefficient> Levels(params (string Level, double Weight)[] weights) =>
            weights.ToDictionary(w => w.Level, w => Coefficient.Of(w.Weight));
        model = new LinearModel("benchmark model", logistic: true, AdverseTail.High, intercept: -2.1, [
            new LinearTerm("income", ColumnType.Numeric, C(-0.0004), none, null, null),
            new LinearTerm("age", ColumnType.Numeric, C(-0.01), none, null, null),
            new LinearTerm("months_on_benefit", ColumnType.Numeric, C(0.002), none, C(0.1), null),
            new LinearTerm("single_parent", ColumnType.Boolean, C(0.4), none, null, null),
            new LinearTerm("situation", ColumnType.Categorical, Coefficient.Zero,
                Levels(("couple", 0), ("seul", 0.6), ("seul_enfants", 0.8), ("couple_enfants", 0.2)), null, null),
            new LinearTerm("region", ColumnType.Categorical, Coefficient.Zero,
                Levels(("region-0", 0.3), ("region-1", -0.2)), null, C(0.0)),
        ]);
    }

    [Benchmark]
    public double[] Score() => model.Score(table);
}
