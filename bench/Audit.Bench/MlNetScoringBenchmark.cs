using Audit.Data;
using Audit.Models;
using Audit.Models.MLNet;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Audit.Bench;

/// <summary>
/// Scoring 1,000,000 rows with an ML.NET binary classifier of 100 trees of 20 leaves over 6 numeric inputs (one with
/// 10 % missing), trained once on 10,000 rows in the setup and loaded from its .zip: through
/// <see cref="MlNetModelLoader"/> (chunks of the table's columns handed to ML.NET, in parallel), and for scale through
/// ML.NET's own <see cref="PredictionEngine{TSrc,TDst}"/>, one row object at a time.
/// </summary>
[MemoryDiagnoser]
public class MlNetScoringBenchmark
{
    public const int Rows = 1_000_000;

    private const int TrainingRows = 10_000;

    private const int Seed = 20261124;

    private static readonly string[] Inputs = ["income", "age", "months", "children", "rent", "tenure"];

    private string folder = null!;
    private Table table = null!;
    private Person[] people = null!;
    private MlNetModel model = null!;
    private PredictionEngine<Person, Prediction> engine = null!;

    [Params("FastTree", "LightGbm")]
    public string Learner { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var context = new MLContext(Seed);
        var training = context.Data.LoadFromEnumerable(Generate(TrainingRows, Seed + 1));
        var features = context.Transforms.Concatenate("Features", Inputs);
        IEstimator<ITransformer> pipeline = Learner == "FastTree"
            ? features.Append(context.BinaryClassification.Trainers.FastTree(numberOfLeaves: 20, numberOfTrees: 100))
            : features.Append(context.BinaryClassification.Trainers.LightGbm(numberOfLeaves: 20, numberOfIterations: 100));
        folder = Directory.CreateTempSubdirectory("audit-bench-mlnet-").FullName;
        var path = Path.Combine(folder, "model.zip");
        context.Model.Save(pipeline.Fit(training), training.Schema, path);

        people = Generate(Rows, Seed + 2);
        table = new Table(Inputs.Select(name => (Column)new NumericColumn(name, people.Select(p => (double)p.Get(name)).ToArray())));
        model = new MlNetModelLoader().Load(new ModelFileSpec(path, "model.zip", AdverseTail.High, null, new Dictionary<string, string>(), null, 1));
        engine = context.Model.CreatePredictionEngine<Person, Prediction>(context.Model.Load(path, out _));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Baseline = true)]
    public double[] Loader() => model.Score(table);

    [Benchmark]
    public double[] PredictionEngine()
    {
        var scores = new double[people.Length];
        for (var i = 0; i < people.Length; i++)
        {
            scores[i] = engine.Predict(people[i]).Probability;
        }
        return scores;
    }

    private static Person[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var result = new Person[count];
        for (var i = 0; i < count; i++)
        {
            var p = new Person
            {
                Income = (float)Math.Round(random.NextDouble() * 4000, 2),
                Age = 18 + random.Next(70),
                Months = random.NextDouble() < 0.1 ? float.NaN : random.Next(240),
                Children = random.Next(5),
                Rent = (float)Math.Round(random.NextDouble() * 1200, 2),
                Tenure = random.Next(30),
            };
            var eta = 1 - p.Income / 1000 - (p.Age - 50) / 20 + (float.IsNaN(p.Months) ? 0.8 : p.Months / 120) + 0.3 * p.Children - p.Tenure / 15;
            p.Label = random.NextDouble() < 1 / (1 + Math.Exp(-eta));
            result[i] = p;
        }
        return result;
    }

    public sealed class Person
    {
        [ColumnName("income")]
        public float Income { get; set; }

        [ColumnName("age")]
        public float Age { get; set; }

        [ColumnName("months")]
        public float Months { get; set; }

        [ColumnName("children")]
        public float Children { get; set; }

        [ColumnName("rent")]
        public float Rent { get; set; }

        [ColumnName("tenure")]
        public float Tenure { get; set; }

        public bool Label { get; set; }

        public float Get(string name) => name switch
        {
            "income" => Income,
            "age" => Age,
            "months" => Months,
            "children" => Children,
            "rent" => Rent,
            _ => Tenure,
        };
    }

    public sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
