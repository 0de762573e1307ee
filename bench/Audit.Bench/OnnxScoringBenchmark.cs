using Audit.Data;
using Audit.Models;
using Audit.Models.Onnx;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="OnnxModel.Score"/> of the tree fixture (tests/Audit.Tests/Models/Onnx/fixtures: 3 boosted trees of
/// depth 2-3 on 4 features, post_transform LOGISTIC) on 1,000,000 rows, through the loader as an audit loads it:
/// with its ZipMap output as the loader reads it (the ZipMap replaced by its input tensor), the same read as the
/// sequence of maps ONNX Runtime returns ("tree.onnx as maps", what the loader did first), and the trees written
/// with a probability tensor output (tree-tensor.onnx). Rows/s = 1,000,000 / the mean time.
/// </summary>
[MemoryDiagnoser]
public class OnnxScoringBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20261124;

    private static readonly string[] Features = ["income", "age", "months_on_benefit", "single_parent"];

    private Table table = null!;
    private OnnxModel model = null!;

    private const string AsMaps = " as maps";

    [Params("tree.onnx", "tree.onnx" + AsMaps, "tree-tensor.onnx")]
    public string Fixture { get; set; } = "tree.onnx";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var income = new double[Rows];
        var age = new double[Rows];
        var months = new double[Rows];
        var singleParent = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            income[i] = Math.Round(random.NextDouble() * 4000, 2);
            age[i] = 18 + random.Next(70);
            months[i] = random.NextDouble() < 0.1 ? double.NaN : random.Next(241);
            singleParent[i] = random.Next(2);
        }
        table = new Table([
            new NumericColumn(Features[0], income),
            new NumericColumn(Features[1], age),
            new NumericColumn(Features[2], months),
            new NumericColumn(Features[3], singleParent),
        ]);
        var file = Fixture.Replace(AsMaps, "");
        var path = Path.Combine(RepositoryRoot(), "tests", "Audit.Tests", "Models", "Onnx", "fixtures", file);
        var spec = new ModelFileSpec(path, file, AdverseTail.High, null, new Dictionary<string, string>(), Features, 1);
        model = (OnnxModel)new OnnxModelLoader().Load(spec, readZipMapInput: !Fixture.EndsWith(AsMaps, StringComparison.Ordinal));
    }

    [GlobalCleanup]
    public void Cleanup() => model.Dispose();

    [Benchmark]
    public double[] Score() => model.Score(table);

    /// <summary>BenchmarkDotNet runs a copy of this assembly below bench/Audit.Bench/bin; the fixtures are in the repository.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Audit.sln not found above the benchmark binaries.");
    }
}
