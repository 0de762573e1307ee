using Audit.Data;
using Audit.Models;
using Audit.Recourse;

namespace Audit.Tests.Recourse;

/// <summary>
/// Issue 15, defect 5: the plausibility figure compared a changed row with a sample that still held the person's own
/// original row, while the people as they are were compared with their own row excluded; most changes then had the
/// person themself as "nearest real household". Both distances now exclude the person's own row. The oracle is a
/// direct computation of the documented distance (Σ |Q(a) − Q(b)| over numeric and yes/no inputs, 1 per differing
/// category) to every other row, on random populations small enough that no sampling applies.
/// </summary>
public sealed class Issue15Defect5PlausibilityTests
{
    [Fact]
    public void ChangedAndOriginalRowsAreBothComparedWithEveryoneButThePersonThemself()
    {
        var differed = 0;
        for (var c = 0; c < 200; c++)
        {
            var random = new Random(15_005 + c);
            var n = random.Next(5, 60);
            var numeric = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 100, 1)).ToArray();
            var flag = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
            var level = Enumerable.Range(0, n).Select(_ => "abc"[random.Next(3)].ToString()).ToArray();
            var table = new Table([new NumericColumn("x", numeric), new BooleanColumn("b", flag), CategoricalColumn.FromValues("k", level)]);
            var model = new LinearModel("m", false, AdverseTail.High, 0,
            [
                new LinearTerm("x", ColumnType.Numeric, Coefficient.Of(1), new Dictionary<string, Coefficient>(), null, null),
                new LinearTerm("b", ColumnType.Boolean, Coefficient.Of(1), new Dictionary<string, Coefficient>(), null, null),
                new LinearTerm("k", ColumnType.Categorical, Coefficient.Zero, new Dictionary<string, Coefficient> { ["a"] = Coefficient.Zero, ["b"] = Coefficient.Of(1), ["c"] = Coefficient.Of(2) }, null, null),
            ]);
            var actions = ActionabilityModel.Build(model, table, new RecourseOptions());
            var codes = level.Select(l => (double)actions.Codec.LevelsOf(2).ToList().IndexOf(l)).ToArray();

            // Some people, each with a small change of one or two inputs (the kind of change recourse proposes).
            var people = new List<(int Row, double[] Original, double[] Changed)>();
            foreach (var row in Enumerable.Range(0, n).Where(_ => random.Next(3) == 0))
            {
                var original = new[] { numeric[row], flag[row], codes[row] };
                var changed = (double[])original.Clone();
                changed[0] = Math.Round(changed[0] + random.NextDouble() * 10 - 5, 1);
                if (random.Next(2) == 0)
                {
                    changed[1] = 1 - changed[1];
                }
                people.Add((row, original, changed));
            }
            if (people.Count == 0)
            {
                continue;
            }
            var measured = Plausibility.Measure(actions, table, people)!.Value;

            double Q(double[] values, double v) => (double)values.Count(x => x <= v) / values.Length;
            var flags = flag.Select(f => (double)f).ToArray();
            double Distance(double[] a, int other) =>
                Math.Abs(Q(numeric, a[0]) - Q(numeric, numeric[other])) + Math.Abs(Q(flags, a[1]) - Q(flags, flag[other])) + (a[2] == codes[other] ? 0 : 1);
            double Nearest(double[] a, int own) => Enumerable.Range(0, n).Where(r => r != own).Min(r => Distance(a, r));
            static double Median(IEnumerable<double> values)
            {
                var sorted = values.Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }
            var expectedChanged = Median(people.Select(p => Nearest(p.Changed, p.Row)));
            var expectedOriginal = Median(people.Select(p => Nearest(p.Original, p.Row)));
            Assert.Equal(expectedChanged, measured.Counterfactual, 12);
            Assert.Equal(expectedOriginal, measured.Original, 12);
            Assert.Equal(people.Count, measured.Measured);
            Assert.Equal(n, measured.Population);
            // Counting the own row would have changed the figure here.
            differed += Math.Abs(Median(people.Select(p => Enumerable.Range(0, n).Min(r => Distance(p.Changed, r)))) - expectedChanged) > 1e-12 ? 1 : 0;
        }
        Assert.True(differed >= 50, $"only {differed} populations where the own row mattered");
    }
}
