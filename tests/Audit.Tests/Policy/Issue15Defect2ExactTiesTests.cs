using Audit.Tests.Cli;
using System.Globalization;
using Audit.Data;
using Audit.Explain;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;
using Audit.Synthetic;

namespace Audit.Tests.Policy;

/// <summary>
/// Issue 15, defect 2: ties at the cut-off were broken by floating-point noise, not by row order. Scores equal in exact
/// arithmetic of the spec's weights must compare equal (0.1 × 7 and 0.7 both score 0.7), so the tie count, the flags
/// and every rank follow the row-order rule. Checked against a brute-force exact oracle (<see cref="ExactScoreOracle"/>:
/// unbounded decimal arithmetic, all rows sorted) on random linear and logistic specs with decimal-literal weights and
/// many exact ties, and on the shipped CAF spec over a population made by the project's own generator.
/// </summary>
public sealed class Issue15Defect2ExactTiesTests
{
    private static readonly string[] WeightPool = ["0.1", "0.7", "0.2", "0.3", "0.05", "1.1", "-0.4", "0.35", "2.5", "0.01", "-0.15", "0.6", "0.07", "3"];

    private static Coefficient Literal(string text) => Coefficient.Of(double.Parse(text, CultureInfo.InvariantCulture));

    private static string Pick(Random random) => WeightPool[random.Next(WeightPool.Length)];

    /// <summary>
    /// A random spec over five features (two numeric on decimal grids, one binned, a boolean with missing values, a
    /// category) and one interaction, every weight a short decimal literal; inputs from small grids, so many rows tie
    /// exactly while their double sums differ in the last bits.
    /// </summary>
    private static (LinearModel Model, Table Table) RandomCase(Random random, bool logistic, AdverseTail adverse, int n, string intercept)
    {
        var terms = new List<LinearTerm>
        {
            new("a", ColumnType.Numeric, Literal(Pick(random)), new Dictionary<string, Coefficient>(), null, null),
            new("b", ColumnType.Numeric, Literal(Pick(random)), new Dictionary<string, Coefficient>(), null, null),
            new("c", ColumnType.Boolean, Literal(Pick(random)), new Dictionary<string, Coefficient>(), Literal(Pick(random)), null),
            new("d", ColumnType.Categorical, Coefficient.Zero,
                new Dictionary<string, Coefficient> { ["x"] = Literal(Pick(random)), ["y"] = Literal(Pick(random)) }, null, Literal(Pick(random))),
            new("e", ColumnType.Numeric, Coefficient.Zero, new Dictionary<string, Coefficient>(), Literal(Pick(random)), null,
                [new Bin(null, 2, Literal(Pick(random))), new Bin(2, 5.5, Literal(Pick(random))), new Bin(5.5, null, Literal(Pick(random)))]),
        };
        var interactions = new List<InteractionTerm> { new("c_and_y", [new Condition("c", "true"), new Condition("d", "y")], Literal(Pick(random)), null) };
        var model = new LinearModel("random", logistic, adverse, double.Parse(intercept, CultureInfo.InvariantCulture), terms, interactions: interactions,
            interceptCoefficient: Literal(intercept));
        var levels = new[] { "x", "y", "z" };
        var table = new Table(
        [
            new NumericColumn("a", [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 40) / 10.0)]),
            new NumericColumn("b", [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 9))]),
            new BooleanColumn("c", [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 7) switch { 0 => BooleanColumn.Missing, < 4 => (byte)0, _ => (byte)1 })]),
            new CategoricalColumn("d", [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 3))], levels),
            new NumericColumn("e", [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 10) == 0 ? double.NaN : random.Next(0, 90) / 10.0)]),
        ]);
        return (model, table);
    }

    /// <summary>
    /// The issue's reproduction through <c>audit run</c> and <c>audit explain</c>: first (a = 0, b = 1) and second
    /// (a = 7, b = 0) both score 0.7 under weights 0.1 and 0.7, though the doubles are 0.7 and 0.7000000000000001. A
    /// budget of 1 flags first (row order), reports the two rows tied at the cut-off, and the letters rank first 1st
    /// and second 2nd.
    /// </summary>
    [Fact]
    public void ReproductionFromTheIssueFlagsTheFirstOfTwoExactlyEqualScores()
    {
        using var folder = new TempDirectory();
        folder.Write("model.yaml", """
            name: issue 15 reproduction
            kind: linear
            adverse: high
            intercept: 0
            features:
              - { name: a, type: numeric, weight: 0.1 }
              - { name: b, type: numeric, weight: 0.7 }
            """);
        folder.Write("people.csv", "id,a,b,g\nfirst,0,1,x\nsecond,7,0,y\nthird,1,0,x\nfourth,2,0,y\n");
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", """
            name: issue-15-ties
            data: { path: people.csv }
            roles: { id: id }
            model: { spec: model.yaml }
            policy: { budget: 1 }
            protected_attributes: [g]
            inference: { bootstrap: 0 }
            """));
        byte[] flags = [];
        var result = Auditor.Run(plan, "test", decided: (_, _, _, outcome) => flags = outcome.Flags);

        Assert.Equal([1, 0, 0, 0], flags);
        Assert.Equal(2, result.Policy.TiedAtCutoff);
        Assert.Equal(1, result.Policy.TiedAtCutoffFlagged);
        Assert.Equal(0.7, result.Policy.Cutoff);
        var letters = new[] { "first", "second", "third", "fourth" }.Select(id => Auditor.ExplainPerson(plan, id, null).Contribution).ToArray();
        Assert.Equal([1L, 2, 4, 3], letters.Select(c => c.Rank));
        Assert.Equal([true, false, false, false], letters.Select(c => c.Flagged));
        // Half the population (third and fourth) scores less adversely than first and second, who are tied.
        Assert.Equal([50.0, 50.0, 0.0, 25.0], letters.Select(c => c.Percentile));
    }

    /// <summary>
    /// 400 random specs (linear and logistic, either adverse tail) with budget, top-fraction and threshold policies:
    /// the flags, the cut-off, the tie count and the ranks equal the exact oracle's. The threshold is an exact score
    /// of the population (a linear spec) or 0.5 with an intercept that puts some rows exactly at η = 0 (a logistic spec).
    /// </summary>
    [Fact]
    public void RandomSpecsDecideTiesAndRanksAsTheExactOracle()
    {
        var random = new Random(15_02);
        var cases = 400;
        var doubleOnlyWrong = 0;
        for (var c = 0; c < cases; c++)
        {
            var logistic = random.Next(0, 3) == 0;
            var adverse = random.Next(0, 2) == 0 ? AdverseTail.High : AdverseTail.Low;
            var n = random.Next(20, 300);
            var kind = random.Next(0, 3);
            var (model, table) = RandomCase(random, logistic, adverse, n, Pick(random));
            var keys = ExactScoreOracle.LinearPredictor(model, table);
            DecimalText? at = null;
            if (kind == 2)
            {
                if (logistic)
                {
                    // Shift the intercept so that row r's η is exactly 0, i.e. its probability is exactly 0.5.
                    var r = random.Next(n);
                    var intercept = DecimalText.Of(model.Intercept) + -keys[r];
                    model = Rebuilt(model, intercept.ToString());
                    keys = ExactScoreOracle.LinearPredictor(model, table);
                    at = DecimalText.Zero;
                }
                else
                {
                    at = keys[random.Next(n)];
                }
            }
            var scores = model.Score(table);
            DecisionPolicy policy = kind switch
            {
                0 => new BudgetPolicy(random.Next(1, n + 1)),
                1 => new TopFractionPolicy(random.Next(1, 100) / 100.0),
                _ => new ThresholdPolicy(logistic ? 0.5 : double.Parse(at!.Value.ToString(), CultureInfo.InvariantCulture)),
            };

            var outcome = policy.Decide(model, table, scores);

            var context = $"case {c}: {policy}, {(logistic ? "logistic" : "linear")}, adverse {adverse}, {n} rows";
            var exact = new ExactOrder(keys, adverse);
            byte[] expected;
            if (policy is RankingPolicy ranking)
            {
                var oracle = exact.Ranking((int)ranking.CountToFlag(n));
                expected = oracle.Flags;
                Assert.True(expected.SequenceEqual(outcome.Flags), context + ": flags");
                Assert.Equal(CutoffOf(oracle.TiedRows, scores, adverse), outcome.Cutoff);
                Assert.True(oracle.Tied == outcome.TiedAtCutoff, $"{context}: {outcome.TiedAtCutoff} tied at the cut-off, the oracle {oracle.Tied}");
                Assert.Equal(oracle.TiedFlagged, outcome.TiedAtCutoffFlagged);
                // Recourse and the fixed-cut-off designs read the cut-off as a threshold: every flagged row is at or beyond it.
                Assert.All(Enumerable.Range(0, n).Where(i => outcome.Flags[i] == 1),
                    i => Assert.True(adverse == AdverseTail.High ? scores[i] >= outcome.Cutoff : scores[i] <= outcome.Cutoff, $"{context}: row {i}"));
            }
            else
            {
                expected = exact.Threshold(at!.Value);
                Assert.True(expected.SequenceEqual(outcome.Flags), context + ": flags");
            }
            Assert.Equal(expected.Sum(f => f), outcome.Flagged);

            var order = ScoreOrder.Of(model, table, scores);
            for (var j = 0; j < 8; j++)
            {
                var row = random.Next(n);
                Assert.True(exact.Ranks[row] == order.RankOf(row), $"{context}: rank of row {row}");
                Assert.Equal(exact.CountLessAdverse(row), order.CountLessAdverse(row));
            }

            // How often comparing doubles alone (the code before the fix) disagrees with the oracle here.
            doubleOnlyWrong += policy.Decide(scores, adverse).Flags.SequenceEqual(expected) ? 0 : 1;
        }
        // The random inputs do exercise floating-point noise at the cut-off (a guard on the test itself).
        Assert.True(doubleOnlyWrong >= cases / 20, $"only {doubleOnlyWrong} of {cases} cases had noise at the cut-off");
    }

    /// <summary>
    /// The shipped CAF plan (models/caf-reconstructed.yaml, a logistic spec ranked on its linear predictor) on 100,000
    /// households of datasets/populations/caf-france.yaml made by the project's own generator with the plan's seed: for
    /// the plan's own top fraction, 30 random budgets and the threshold 0.5, the flags, cut-off and ties equal the
    /// exact oracle's; the rank and share printed in the letters of the households tied at the plan's cut-off, and of
    /// a few others, too. At this size the plan's cut-off splits 11 exactly tied households, of which comparing
    /// doubles saw only 8.
    /// </summary>
    [Fact]
    public void CafPlanPopulationDecidesTiesAndRanksAsTheExactOracle()
    {
        const int Rows = 100_000;
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"));
        plan = plan with { Data = plan.Data with { Population = new PopulationSource(Rows, PopulationPlanData.DrawOf(plan).Seed) } };
        var model = Assert.IsType<LinearModel>(Auditor.LoadModel(plan.Model, plan.PlanDisplay));
        var table = SyntheticData.Generate(PopulationPlanData.DrawOf(plan));
        var scores = model.Score(table);
        var keys = ExactScoreOracle.LinearPredictor(model, table);
        var exact = new ExactOrder(keys, model.Adverse);
        var random = new Random(15_02);

        DecisionPolicy[] policies = [plan.Policy, .. Enumerable.Range(0, 30).Select(_ => new BudgetPolicy(random.Next(1, Rows / 10))), new ThresholdPolicy(0.5)];
        var splitTies = 0;
        foreach (var policy in policies)
        {
            var outcome = policy.Decide(model, table, scores);
            byte[] expected;
            if (policy is RankingPolicy ranking)
            {
                var oracle = exact.Ranking((int)ranking.CountToFlag(Rows));
                expected = oracle.Flags;
                Assert.Equal(CutoffOf(oracle.TiedRows, scores, model.Adverse), outcome.Cutoff);
                Assert.True(oracle.Tied == outcome.TiedAtCutoff, $"{policy}: {outcome.TiedAtCutoff} tied at the cut-off, the oracle {oracle.Tied}");
                Assert.Equal(oracle.TiedFlagged, outcome.TiedAtCutoffFlagged);
                splitTies += oracle.Tied > 0 ? 1 : 0;
            }
            else
            {
                expected = exact.Threshold(DecimalText.Zero); // p ≥ 0.5 exactly when η ≥ 0
            }
            Assert.True(expected.SequenceEqual(outcome.Flags), $"{policy}: flags");
        }
        Assert.True(splitTies >= 10, $"only {splitTies} cut-offs split exact ties");

        // The plan's own cut-off splits exact ties that comparing doubles miscounted (a guard on the test itself).
        var planOracle = exact.Ranking((int)((RankingPolicy)plan.Policy).CountToFlag(Rows));
        var doublesOnly = plan.Policy.Decide(scores, model.Adverse);
        Assert.NotEqual(planOracle.Tied, doublesOnly.TiedAtCutoff);

        // The letters: the households tied at the plan's cut-off and two others, ranked as the oracle ranks them.
        var outcomeOfPlan = plan.Policy.Decide(model, table, scores);
        var people = Enumerable.Range(0, Rows).Where(i => exact.CompareKeys(i, planOracle.LastRow) == 0).Concat(Enumerable.Range(0, 2).Select(_ => random.Next(Rows)));
        var options = Auditor.OptionsOf(plan) with { BackgroundRows = 20 };
        foreach (var row in people)
        {
            var letter = PersonExplanations.Build(row.ToString(CultureInfo.InvariantCulture), model, table, row, scores, null, plan.Policy, outcomeOfPlan, options).Contribution;
            Assert.True(exact.Ranks[row] == letter.Rank, $"row {row}: rank {letter.Rank}, the oracle {exact.Ranks[row]}");
            Assert.Equal(100.0 * exact.CountLessAdverse(row) / Rows, letter.Percentile);
            Assert.Equal(planOracle.Flags[row] == 1, letter.Flagged);
        }
    }

    /// <summary>
    /// The cut-off score reported: the last flagged row's, or, of the doubles of the rows tied with it exactly, the least
    /// adverse, so that every flagged or tied row is at or beyond it.
    /// </summary>
    private static double CutoffOf(int[] tiedRows, double[] scores, AdverseTail adverse) =>
        adverse == AdverseTail.High ? tiedRows.Min(i => scores[i]) : tiedRows.Max(i => scores[i]);

    private static LinearModel Rebuilt(LinearModel model, string intercept) =>
        new(model.Name, model.Logistic, model.Adverse, double.Parse(intercept, CultureInfo.InvariantCulture), model.Terms,
            interactions: model.Interactions, interceptCoefficient: Literal(intercept));
}
