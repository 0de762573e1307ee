using Audit.Data;
using Audit.Models.MLNet;

namespace Audit.Tests.Models.MlNet;

/// <summary>Scores through the loader equal ML.NET's own predictions (the models issue's acceptance: within 1e-6).</summary>
[Collection(MlNetTestModels.Collection)]
public sealed class MlNetScoringTests(MlNetTestModels models, ITestOutputHelper output)
{
    public const double Tolerance = 1e-6;

    public static TheoryData<string> ModelNames => ["fasttree", "lightgbm", "linear", "onehot"];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ProbabilitiesEqualThePredictionEngines(string name)
    {
        var path = models.Path(name);
        var model = MlNetTestModels.Load(path);
        Assert.Equal(MlNetModelLoader.ProbabilityColumn, model.OutputColumn);

        var scores = model.Score(models.Table);
        var expected = models.Predict(path, p => p.Probability);

        var difference = MaxDifference(scores, expected);
        output.WriteLine($"{name}: max |loader - PredictionEngine| = {difference:R} over {scores.Length} rows");
        Assert.True(difference < Tolerance, $"{name}: {difference}");
    }

    [Fact]
    public void TheRawScoreIsReadWhenThePlanAsksForIt()
    {
        var model = MlNetTestModels.Load(models.FastTree, output: "score");
        Assert.Equal(MlNetModelLoader.ScoreColumn, model.OutputColumn);

        var difference = MaxDifference(model.Score(models.Table), models.Predict(models.FastTree, p => p.Score));
        Assert.True(difference < Tolerance, difference.ToString("R"));
    }

    [Fact]
    public void AVectorInputIsFilledFromTheColumnsThePlanLists()
    {
        var model = MlNetTestModels.Load(models.Vector, features: ["income", "age", "months"]);
        Assert.Equal(["income", "age", "months"], model.Features.Select(f => f.Name));

        var expected = models.Predict(models.Vector, models.Scoring.Select(MlNetTestModels.VectorPerson.From), p => p.Probability);
        var difference = MaxDifference(model.Score(models.Table), expected);
        Assert.True(difference < Tolerance, difference.ToString("R"));
    }

    [Fact]
    public void InputsAreMatchedByNameOrThroughThePlansMap()
    {
        var model = MlNetTestModels.Load(models.FastTree, inputs: new Dictionary<string, string> { ["income"] = "revenu" });
        Assert.Equal(["revenu", "age", "months"], model.Features.Select(f => f.Name));
        Assert.DoesNotContain(model.Inputs, i => i.Name == "Label");

        var renamed = new Table(models.Table.Columns.Select(c => c.Name == "income" ? c.Rename("revenu") : c));
        Assert.Equal(MlNetTestModels.Load(models.FastTree).Score(models.Table), model.Score(renamed));
    }

    [Fact]
    public void ScoresDoNotDependOnTheChunking()
    {
        // 200,000 rows: four chunks, scored in parallel; each row's score is the one it has alone.
        var people = Enumerable.Range(0, 200).SelectMany(_ => models.Scoring).ToList();
        var model = MlNetTestModels.Load(models.LightGbm);
        var progress = new List<long>();
        var scores = model.Score(MlNetTestModels.TableOf(people), (done, total) => progress.Add(done));
        var single = model.Score(models.Table);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(single[i % single.Length], scores[i]);
        }
        // Chunks finish in any order; the rows done only grow, by a chunk at a time, to the total.
        Assert.Equal(4, progress.Count);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(200_000, progress[^1]);
    }

    [Fact]
    public void AMissingValueALinearModelCannotScoreIsAnErrorNamingTheRow()
    {
        var income = models.Table["income"] is NumericColumn c ? c.Values.ToArray() : [];
        income[41] = double.NaN;
        var table = models.Table.WithColumn(new NumericColumn("income", income));

        var error = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.Linear).Score(table));
        Assert.Equal(42, error.Row);
        Assert.Equal("income", error.Column);
    }

    private static double MaxDifference(double[] scores, float[] expected)
    {
        Assert.Equal(expected.Length, scores.Length);
        return scores.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
    }
}
