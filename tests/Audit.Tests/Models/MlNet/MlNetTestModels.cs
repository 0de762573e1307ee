using Audit.Data;
using Audit.Models;
using Audit.Models.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Audit.Tests.Models.MlNet;

/// <summary>
/// Small ML.NET models trained once for the tests (fixed seeds, 400 synthetic people), saved as .zip files in a
/// temporary folder, and 1,000 other people to score. Income, age and months on benefit (missing for about one
/// person in ten) drive the label; a region label (sometimes missing) feeds one model through one-hot encoding.
/// </summary>
public sealed class MlNetTestModels : IDisposable
{
    /// <summary>The test collection that shares one instance (the models are trained once for all ML.NET tests).</summary>
    public const string Collection = "ML.NET models";

    public const int TrainingRows = 400;
    public const int ScoringRows = 1_000;

    private static readonly string[] Regions = ["north", "south", "east", "west", "centre"];

    private readonly TempDirectory folder = new();

    public MlNetTestModels()
    {
        Context = new MLContext(seed: 7);
        var training = Context.Data.LoadFromEnumerable(People(TrainingRows, seed: 11));
        var numeric = Context.Transforms.Concatenate("Features", "income", "age", "months");
        FastTree = Train("fasttree.zip", training, numeric.Append(Context.BinaryClassification.Trainers.FastTree(
            numberOfLeaves: 8, numberOfTrees: 30, minimumExampleCountPerLeaf: 10)));
        LightGbm = Train("lightgbm.zip", training, numeric.Append(Context.BinaryClassification.Trainers.LightGbm(
            numberOfLeaves: 8, numberOfIterations: 30, minimumExampleCountPerLeaf: 10)));
        // A linear model needs values on every row: it reads the two inputs that are never missing.
        Linear = Train("linear.zip", training, Context.Transforms.Concatenate("Features", "income", "age")
            .Append(Context.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 50)));
        OneHot = Train("onehot.zip", training, Context.Transforms.Categorical.OneHotEncoding("RegionCode", "region")
            .Append(Context.Transforms.Concatenate("Features", "income", "age", "months", "RegionCode"))
            .Append(Context.BinaryClassification.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 10, minimumExampleCountPerLeaf: 10)));
        var vectors = Context.Data.LoadFromEnumerable(People(TrainingRows, seed: 11).Select(VectorPerson.From));
        Vector = Train("vector.zip", vectors, Context.BinaryClassification.Trainers.LightGbm(
            numberOfLeaves: 4, numberOfIterations: 10, minimumExampleCountPerLeaf: 10));
        Scoring = People(ScoringRows, seed: 12);
        Table = TableOf(Scoring);
    }

    public MLContext Context { get; }

    public string FastTree { get; }

    public string LightGbm { get; }

    public string Linear { get; }

    public string OneHot { get; }

    /// <summary>A LightGBM model whose only input is the vector <c>Features</c> (income, age, months).</summary>
    public string Vector { get; }

    public IReadOnlyList<Person> Scoring { get; }

    /// <summary>A model's file by short name: fasttree, lightgbm, linear, onehot or vector.</summary>
    public string Path(string name) => folder.File(name + ".zip");

    /// <summary><see cref="Scoring"/> as a table: the same single-precision values, as doubles.</summary>
    public Table Table { get; }

    public string Folder => folder.Path;

    public static MlNetModel Load(string path, string? output = null, IReadOnlyDictionary<string, string>? inputs = null, IReadOnlyList<string>? features = null) =>
        new MlNetModelLoader().Load(new ModelFileSpec(path, System.IO.Path.GetFileName(path), AdverseTail.High, output,
            inputs ?? new Dictionary<string, string>(), features, 1));

    /// <summary>ML.NET's own prediction for each person, through a PredictionEngine (one row at a time).</summary>
    public float[] Predict(string path, Func<Prediction, float> read) => Predict(path, Scoring, read);

    public float[] Predict<TInput>(string path, IEnumerable<TInput> rows, Func<Prediction, float> read)
        where TInput : class
    {
        var model = Context.Model.Load(path, out _);
        var engine = Context.Model.CreatePredictionEngine<TInput, Prediction>(model);
        return rows.Select(p => read(engine.Predict(p))).ToArray();
    }

    public static Table TableOf(IReadOnlyList<Person> people) => new([
        new NumericColumn("income", people.Select(p => (double)p.Income).ToArray()),
        new NumericColumn("age", people.Select(p => (double)p.Age).ToArray()),
        new NumericColumn("months", people.Select(p => (double)p.Months).ToArray()),
        CategoricalColumn.FromValues("region", people.Select(p => p.Region.Length == 0 ? null : p.Region).ToArray()),
        CategoricalColumn.FromValues("group", people.Select(p => p.Age < 40 ? "young" : "older").ToArray()),
    ]);

    public static List<Person> People(int count, int seed)
    {
        var random = new Random(seed);
        var people = new List<Person>(count);
        for (var i = 0; i < count; i++)
        {
            var income = (float)Math.Round(random.NextDouble() * 4000, 2);
            var age = 18 + random.Next(70);
            var months = random.NextDouble() < 0.1 ? float.NaN : random.Next(240);
            var region = random.NextDouble() < 0.05 ? "" : Regions[random.Next(Regions.Length)];
            var eta = 1.5 - income / 1000 - (age - 50) / 20.0 + (float.IsNaN(months) ? 0.8 : months / 120.0) + (region == "south" ? 0.7 : 0);
            people.Add(new Person
            {
                Income = income,
                Age = age,
                Months = months,
                Region = region,
                Label = random.NextDouble() < 1 / (1 + Math.Exp(-eta)),
            });
        }
        return people;
    }

    public void Dispose() => folder.Dispose();

    private string Train(string file, IDataView data, IEstimator<ITransformer> pipeline)
    {
        var path = folder.File(file);
        Context.Model.Save(pipeline.Fit(data), data.Schema, path);
        return path;
    }

    public sealed class Person
    {
        [ColumnName("income")]
        public float Income { get; set; }

        [ColumnName("age")]
        public float Age { get; set; }

        [ColumnName("months")]
        public float Months { get; set; }

        [ColumnName("region")]
        public string Region { get; set; } = "";

        public bool Label { get; set; }
    }

    public sealed class VectorPerson
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public static VectorPerson From(Person p) => new() { Features = [p.Income, p.Age, p.Months], Label = p.Label };
    }

    public sealed class Prediction
    {
        public float Probability { get; set; }

        public float Score { get; set; }
    }
}

/// <summary>Shares one <see cref="MlNetTestModels"/> between the ML.NET test classes.</summary>
[CollectionDefinition(MlNetTestModels.Collection)]
public sealed class MlNetTestModelsCollection : ICollectionFixture<MlNetTestModels>;
