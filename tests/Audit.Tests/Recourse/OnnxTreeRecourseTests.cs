using Audit.Results;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;
using Audit.Tests.Models.Onnx;

namespace Audit.Tests.Recourse;

/// <summary>
/// Exact recourse on models read from ONNX files (the models work's fixtures: boosted trees with a logistic link, a
/// two-tree forest, a logistic linear classifier), re-scored by ONNX Runtime itself and checked against enumeration
/// of every allowed change.
/// </summary>
public sealed class OnnxTreeRecourseTests
{
    [Fact]
    public void CheapestChangesOnAnOnnxLogisticClassifierAgreeWithEnumeration()
    {
        using var model = OnnxFixtures.Load("linear.onnx");
        var additive = (IAdditiveModel)model;
        var population = OnnxFixtures.Expected("linear.onnx");
        var scores = model.Score(population);
        var target = new DecisionTarget(scores.Order().ElementAt(scores.Length / 2), AdverseTail.High, Ranked: false);
        var engine = RecourseEngine.Create(model, population, Options(), target);
        Assert.Equal("exact-additive", engine.Method);
        var (boundary, orientation) = target.InSumSpace(additive.ScoreFromSum)!.Value;
        var terms = new double[additive.TermNames.Count];
        double Sum(double[] row)
        {
            additive.Contributions(engine.Actions.Codec.Build([row]), 0, terms);
            return additive.Intercept + terms.Sum();
        }
        var tally = Check(engine, model, population, scores, r => orientation * (boundary - Sum(r)), additive.TermNames.Count + 1);
        Assert.True(tally.Found >= 3 && tally.Found + tally.None >= 20, $"only {tally.Found} flagged people with recourse and {tally.None} without were checked");
    }

    private static RecourseOptions Options() => new()
    {
        Grid = 6,
        Features =
        [
            new FeatureRuleOverride("income", 0, "income") { Actionability = Actionability.IncreaseOnly },
            new FeatureRuleOverride("age", 0, "age") { Actionability = Actionability.Immutable },
            new FeatureRuleOverride("months_on_benefit", 0, "months_on_benefit") { Actionability = Actionability.Free },
            new FeatureRuleOverride("single_parent", 0, "single_parent") { Actionability = Actionability.Immutable, LegalEvent = true },
        ],
    };

    private static RandomRecourseAgreementTests.Tally Check(RecourseEngine engine, IScoringModel model, Audit.Data.Table population, double[] scores,
        Func<double[], double> slack, int blocks)
    {
        var tally = new RandomRecourseAgreementTests.Tally();
        for (var i = 0; i < population.RowCount && tally.Found + tally.None < 25; i++)
        {
            if (engine.Target.IsFavourable(scores[i]))
            {
                continue;
            }
            var person = new double[engine.Actions.Codec.Count];
            engine.Actions.Codec.Read(i, person);
            var result = engine.Solve(person, scores[i], seed: i);
            Assert.Equal(engine.Exact, result.ProvenOptimal || result.Status == RecourseStatus.None);
            RandomRecourseAgreementTests.CheckAgainstEnumeration(engine, model, person, result, slack, blocks, tally);
        }
        return tally;
    }

    [Theory]
    [InlineData("tree.onnx")]
    [InlineData("forest.onnx")]
    public void CheapestChangesOnOnnxTreesAgreeWithEnumerationThroughOnnxRuntime(string file)
    {
        using var model = OnnxFixtures.Load(file);
        var ensemble = (ITreeEnsemble)model;
        var population = OnnxFixtures.Expected(file);
        var scores = model.Score(population);
        var cutoff = scores.Order().ElementAt(scores.Length / 2);
        var target = new DecisionTarget(cutoff, AdverseTail.High, Ranked: false);
        var options = Options();
        var engine = RecourseEngine.Create(model, population, options, target);
        Assert.Equal("exact-trees", engine.Method);
        var (boundary, orientation) = target.InSumSpace(m => TreeRecourse.ScoreOfMargin(ensemble, m))!.Value;
        double Margin(double[] row) => ensemble.Bias + ensemble.Trees.Sum(t => t.Evaluate(row));
        var tally = Check(engine, model, population, scores, r => orientation * (boundary - Margin(r)), ensemble.Trees.Count + 1);
        Assert.True(tally.Found >= 3 && tally.Found + tally.None >= 20, $"only {tally.Found} flagged people with recourse and {tally.None} without were checked");
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {tally.Found} with recourse, {tally.None} proven without");
    }
}
