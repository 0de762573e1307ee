using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;

namespace Audit.Tests.Recourse;

/// <summary>
/// The acceptance checks of the appeal-paths issue on 200 random small additive models and 200 random small tree
/// ensembles (at most 5 actionable features on discrete grids, seeded): the exact methods' cost equals brute-force
/// enumeration of every allowed change, re-scored by the model itself, within the documented resolution; every "no
/// recourse" is confirmed by enumeration; every change found re-scores favourable and respects every rule; and the
/// dynamic programme and CP-SAT agree to the integer on every problem. A third of the models limit changes to one
/// input, a third to two.
/// </summary>
public sealed class RandomRecourseAgreementTests
{
    private const int Models = 200;
    private const int PeoplePerModel = 3;

    /// <summary>Per-person tallies, so that a test that checked nothing fails.</summary>
    internal sealed class Tally
    {
        public int Found;
        public int None;
    }

    [Fact]
    public void AdditiveModelsAgreeWithEnumerationAndDpEqualsCpSat()
    {
        var tally = new Tally();
        for (var m = 0; m < Models; m++)
        {
            var random = new Random(1000 + m);
            var (model, population) = RandomAdditive(random);
            var scores = model.Score(population);
            var adverse = model.Adverse;
            var cutoff = scores.Order().ElementAt(scores.Length / 2);
            var target = new DecisionTarget(cutoff, adverse, Ranked: false);
            int? limit = random.Next(3) switch { 0 => 1, 1 => 2, _ => null };
            var engine = RecourseEngine.Create(model, population, new RecourseOptions { Grid = 6, MaxChanges = limit }, target);
            Assert.Equal("exact-additive", engine.Method);
            var additive = new AdditiveRecourse(model, engine.Actions);
            var (boundary, orientation) = target.InSumSpace(model.ScoreFromSum)!.Value;
            foreach (var row in FlaggedRows(scores, target).Take(PeoplePerModel))
            {
                var person = new double[engine.Actions.Codec.Count];
                engine.Actions.Codec.Read(row, person);
                var problem = additive.ProblemFor(person, boundary, orientation) with { MaxChanges = limit };
                // The listed options: the programme and CP-SAT agree to the integer; then both with the continuous levers' completions.
                var dp = FrontierSolver.Discrete(problem);
                var cp = CpSatSolver.Solve(problem);
                Assert.Equal(dp is null, cp is null);
                if (dp is not null)
                {
                    Assert.Equal(dp.CostUnits, cp!.CostUnits);
                    Assert.True(dp.ReductionUnits >= problem.RequiredUnits && cp.ReductionUnits >= problem.RequiredUnits);
                    var (dpFull, cpFull) = (FrontierSolver.Solve(problem)!, FrontierSolver.WithCompletions(problem, cp)!);
                    Assert.Equal(dpFull.CostUnits, cpFull.CostUnits);
                    Assert.True(dpFull.CostUnits <= dp.CostUnits && dpFull.ReductionUnits >= problem.RequiredUnits && cpFull.ReductionUnits >= problem.RequiredUnits);
                }
                var result = engine.Solve(person, scores[row], seed: row);
                var sums = (double[] r) => model.LinearPredictor(engine.Actions.Codec.Build([r]))[0];
                CheckAgainstEnumeration(engine, model, person, result, r => orientation * (boundary - sums(r)), problem.Blocks.Count + 1, tally, limit);
            }
        }
        Assert.True(tally.Found >= 200, $"only {tally.Found} people with recourse were checked");
        Assert.True(tally.None >= 20, $"only {tally.None} people without recourse were checked");
    }

    [Fact]
    public void TreeEnsemblesAgreeWithEnumeration()
    {
        var tally = new Tally();
        for (var m = 0; m < Models; m++)
        {
            var random = new Random(5000 + m);
            var (model, population) = RandomTrees(random);
            var scores = model.Score(population);
            var cutoff = scores.Order().ElementAt(scores.Length / 2);
            var target = new DecisionTarget(cutoff, model.Adverse, Ranked: false);
            int? limit = random.Next(3) switch { 0 => 1, 1 => 2, _ => null };
            var engine = RecourseEngine.Create(model, population, new RecourseOptions { Grid = 6, Features = model.Rules, MaxChanges = limit }, target);
            Assert.Equal("exact-trees", engine.Method);
            var (boundary, orientation) = target.InSumSpace(margin => TreeRecourse.ScoreOfMargin(model, margin))!.Value;
            foreach (var row in FlaggedRows(scores, target).Take(PeoplePerModel))
            {
                var person = new double[engine.Actions.Codec.Count];
                engine.Actions.Codec.Read(row, person);
                var result = engine.Solve(person, scores[row], seed: row);
                CheckAgainstEnumeration(engine, model, person, result, r => orientation * (boundary - model.Margin(r)), model.Trees.Count + 1, tally, limit);
            }
        }
        Assert.True(tally.Found >= 200, $"only {tally.Found} people with recourse were checked");
        Assert.True(tally.None >= 20, $"only {tally.None} people without recourse were checked");
    }

    private static IEnumerable<int> FlaggedRows(double[] scores, DecisionTarget target) =>
        Enumerable.Range(0, scores.Length).Where(i => !target.IsFavourable(scores[i]));

    /// <summary>
    /// Enumerates every allowed change and checks the result against it. <paramref name="slack"/> gives a row's
    /// distance beyond the boundary in the sum space (positive = favourable); changes more than one resolution step
    /// per block (and one for the requirement) beyond it must be found by the exact method.
    /// </summary>
    internal static void CheckAgainstEnumeration(RecourseEngine engine, IScoringModel model, double[] person, PersonRecourse result,
        Func<double[], double> slack, int blocks, Tally tally, int? maxChanges = null)
    {
        var actions = engine.Actions;
        var choices = new List<FeatureOption[]>();
        var options = new List<FeatureOption>();
        for (var f = 0; f < person.Length; f++)
        {
            actions.OptionsFor(f, person[f], options);
            // An additive model's linear terms are continuous levers (issue 15, defect 3): the farthest value of each cost
            // class within reach is as cheap as any value of that class, so these make the enumeration a lower bound.
            var extremes = new List<double>();
            foreach (var direction in model is IAdditiveModel ? new[] { -1, 1 } : [])
            {
                if (actions.Reach(f, person[f], direction) is { } reach)
                {
                    actions.ClassExtremes(f, person[f], direction, reach, extremes);
                }
            }
            choices.Add([new FeatureOption(person[f], 0), .. options,
                .. extremes.Distinct().Where(v => options.All(o => o.Value != v)).Select(v => new FeatureOption(v, actions.Cost(f, person[f], v)))]);
        }
        var rows = new List<double[]>();
        var costs = new List<double>();
        void Enumerate(int f, double[] row, double cost)
        {
            if (f == person.Length)
            {
                if (Enumerable.Range(0, row.Length).Count(i => !row[i].Equals(person[i])) > (maxChanges ?? int.MaxValue))
                {
                    return;
                }
                rows.Add((double[])row.Clone());
                costs.Add(cost);
                return;
            }
            foreach (var option in choices[f])
            {
                row[f] = option.Value;
                Enumerate(f + 1, row, cost + option.Cost);
            }
            row[f] = person[f];
        }
        Enumerate(0, (double[])person.Clone(), 0);
        var scores = model.Score(actions.Codec.Build(rows));
        var best = double.PositiveInfinity;
        var bestWithMargin = double.PositiveInfinity;
        // One more step for the requirement itself: a change must pass the cut-off by one resolution step (RecourseProblem.RequiredFor).
        var margin = (blocks + 1) * RecourseProblem.ReductionResolution + 1e-9;
        for (var i = 0; i < rows.Count; i++)
        {
            if (engine.Target.IsFavourable(scores[i]))
            {
                best = Math.Min(best, costs[i]);
                if (slack(rows[i]) > margin)
                {
                    bestWithMargin = Math.Min(bestWithMargin, costs[i]);
                }
            }
        }
        if (result.Status == RecourseStatus.None)
        {
            tally.None++;
            Assert.True(double.IsPositiveInfinity(bestWithMargin), $"enumeration found a change costing {bestWithMargin} where the solver proved none");
            return;
        }
        tally.Found++;
        Assert.Equal(RecourseStatus.Found, result.Status);
        Assert.True(result.Changes.Count <= (maxChanges ?? int.MaxValue), $"{result.Changes.Count} changes above the limit of {maxChanges}");
        var row2 = (double[])person.Clone();
        foreach (var change in result.Changes)
        {
            var rule = actions.Rules[change.Feature];
            Assert.True(rule.IsActionable, $"{rule.Feature} is {rule.Actionability} but was changed");
            if (rule.Actionability == Actionability.IncreaseOnly)
            {
                Assert.True(change.To > change.From, $"{rule.Feature} may only increase");
            }
            if (rule.Actionability == Actionability.DecreaseOnly)
            {
                Assert.True(change.To < change.From, $"{rule.Feature} may only decrease");
            }
            if (rule.Type == ColumnType.Numeric)
            {
                Assert.InRange(change.To, rule.Min!.Value, rule.Max!.Value);
            }
            row2[change.Feature] = change.To;
        }
        // Re-scored here, independently of the engine's own check.
        Assert.True(engine.Target.IsFavourable(model.Score(actions.Codec.Build([row2]))[0]));
        Assert.True(result.Cost >= best - 1e-9, $"the solver's change costs {result.Cost}, below the enumerated optimum {best}");
        Assert.True(result.Cost <= bestWithMargin + person.Length * RecourseProblem.CostResolution,
            $"the solver's change costs {result.Cost}, above the enumerated optimum {bestWithMargin}");
    }

    private static Actionability RandomActionability(Random random, bool ordered) =>
        ordered ? (Actionability)random.Next(4) : random.Next(2) == 0 ? Actionability.Immutable : Actionability.Free;

    /// <summary>1 to 5 features: linear or binned numeric on 0..10, boolean, or categorical with 3 levels; 40 people.</summary>
    private static (LinearModel, Table) RandomAdditive(Random random)
    {
        const int n = 40;
        var terms = new List<LinearTerm>();
        var columns = new List<Column>();
        var count = random.Next(1, 6);
        for (var f = 0; f < count; f++)
        {
            var name = $"x{f}";
            var w = Coefficient.Of(Math.Round(random.NextDouble() * 4 - 2, 3));
            switch (random.Next(4))
            {
                case 0:
                    terms.Add(new LinearTerm(name, ColumnType.Numeric, w, new Dictionary<string, Coefficient>(), null, null,
                        Info: new FeatureInfo(Actionability: RandomActionability(random, true))));
                    columns.Add(new NumericColumn(name, [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(11))]));
                    break;
                case 1:
                    var edges = Enumerable.Range(1, 9).OrderBy(_ => random.Next()).Take(2).Order().Select(e => (double)e).ToArray();
                    Bin BinOf(double? lo, double? hi) => new(lo, hi, Coefficient.Of(Math.Round(random.NextDouble() * 4 - 2, 3)));
                    terms.Add(new LinearTerm(name, ColumnType.Numeric, Coefficient.Zero, new Dictionary<string, Coefficient>(), null, null,
                        [BinOf(null, edges[0]), BinOf(edges[0], edges[1]), BinOf(edges[1], null)], new FeatureInfo(Actionability: RandomActionability(random, true))));
                    columns.Add(new NumericColumn(name, [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(11))]));
                    break;
                case 2:
                    terms.Add(new LinearTerm(name, ColumnType.Boolean, w, new Dictionary<string, Coefficient>(), null, null,
                        Info: new FeatureInfo(Actionability: RandomActionability(random, true))));
                    columns.Add(new BooleanColumn(name, [.. Enumerable.Range(0, n).Select(_ => (byte)random.Next(2))]));
                    break;
                default:
                    var levels = new Dictionary<string, Coefficient>
                    {
                        ["a"] = Coefficient.Zero,
                        ["b"] = Coefficient.Of(Math.Round(random.NextDouble() * 4 - 2, 3)),
                        ["c"] = Coefficient.Of(Math.Round(random.NextDouble() * 4 - 2, 3)),
                    };
                    terms.Add(new LinearTerm(name, ColumnType.Categorical, Coefficient.Zero, levels, null, null,
                        Info: new FeatureInfo(Actionability: RandomActionability(random, false))));
                    columns.Add(CategoricalColumn.FromValues(name, [.. Enumerable.Range(0, n).Select(_ => "abc"[random.Next(3)].ToString())]));
                    break;
            }
        }
        var logistic = random.Next(2) == 0;
        var model = new LinearModel("random", logistic, random.Next(2) == 0 ? AdverseTail.High : AdverseTail.Low,
            Math.Round(random.NextDouble() - 0.5, 3), terms);
        return (model, new Table(columns));
    }

    /// <summary>1 to 3 trees of depth up to 3 over 1 to 4 numeric features on 0..10 (thresholds at halves); 40 people.</summary>
    private static (TreeScoringModel, Table) RandomTrees(Random random)
    {
        const int n = 40;
        var featureCount = random.Next(1, 5);
        var names = Enumerable.Range(0, featureCount).Select(f => $"x{f}").ToArray();
        var trees = new List<RegressionTree>();
        for (var t = random.Next(1, 4); t > 0; t--)
        {
            var split = new List<int>();
            var threshold = new List<double>();
            var left = new List<int>();
            var right = new List<int>();
            var leaves = new List<double>();
            int Grow(int depth)
            {
                if (depth == 0 || (depth < 3 && random.Next(3) == 0))
                {
                    leaves.Add(Math.Round(random.NextDouble() * 2 - 1, 3));
                    return ~(leaves.Count - 1);
                }
                var node = split.Count;
                split.Add(random.Next(featureCount));
                threshold.Add(random.Next(10) + 0.5);
                left.Add(0);
                right.Add(0);
                left[node] = Grow(depth - 1);
                right[node] = Grow(depth - 1);
                return node;
            }
            if (Grow(3) < 0)
            {
                continue;
            }
            trees.Add(new RegressionTree([.. split], [.. threshold], [.. left], [.. right], [.. split.Select(_ => true)], [.. leaves]));
        }
        if (trees.Count == 0)
        {
            trees.Add(new RegressionTree([0], [4.5], [~0], [~1], [true], [0.5, -0.5]));
        }
        var actionabilities = names.Select(_ => RandomActionability(random, true)).ToArray();
        var model = new TreeScoringModel(names, trees, Math.Round(random.NextDouble() - 0.5, 3), random.Next(2) == 0 ? "logistic" : "identity",
            random.Next(2) == 0 ? AdverseTail.High : AdverseTail.Low);
        var columns = names.Select(name => (Column)new NumericColumn(name, [.. Enumerable.Range(0, n).Select(_ => (double)random.Next(11))])).ToList();
        var rules = names.Select((name, f) => new FeatureRuleOverride(name, 1, name) { Actionability = actionabilities[f] }).ToArray();
        return (model with { Rules = rules }, new Table(columns));
    }
}
