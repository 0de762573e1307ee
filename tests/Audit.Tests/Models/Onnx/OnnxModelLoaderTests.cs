using Audit.Data;
using Audit.Models;
using Audit.Models.Onnx;

namespace Audit.Tests.Models.Onnx;

public sealed class OnnxModelLoaderTests : IDisposable
{
    /// <summary>The acceptance bound between ONNX Runtime's probabilities and the reference.</summary>
    private const double Tolerance = 1e-5;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("linear.onnx")]
    [InlineData("tree.onnx")]
    [InlineData("tree-tensor.onnx")]
    [InlineData("forest.onnx")]
    [InlineData("named.onnx")]
    public void EachFixtureScoresTheProbabilitiesNumpyComputed(string file)
    {
        using var model = OnnxFixtures.Load(file);
        var table = OnnxFixtures.Expected(file);
        var expected = ((NumericColumn)table["expected"]).Values;

        var scores = model.Score(table);

        Assert.Equal(expected.Length, scores.Length);
        var worst = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(scores[i] - expected[i]));
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: {scores.Length} rows, largest difference from numpy {worst:G3}");
        Assert.True(worst <= Tolerance, $"{file}: largest difference {worst:G3}");
        Assert.Equal("onnx", model.Kind);
        Assert.Equal("make_fixtures.py", model.Producer);
    }

    [Fact]
    public void TheDefaultOutputIsTheOneNamedLikeProbabilities()
    {
        using var zipMap = OnnxFixtures.Load("tree.onnx");
        using var tensor = OnnxFixtures.Load("tree-tensor.onnx");
        using var named = OnnxFixtures.Load("named.onnx");
        Assert.Equal("output_probability", zipMap.Output);
        Assert.Equal("probabilities", tensor.Output);
        Assert.Equal("probability", named.Output);
    }

    [Fact]
    public void AZipMapOutputReadAsMapsEqualsItsInputTensor()
    {
        // The loader reads a ZipMap's input tensor (one array instead of one map per row); reading the maps gives the same.
        var spec = OnnxFixtures.Spec(OnnxFixtures.PathOf("tree.onnx"), OnnxFixtures.Features);
        using var maps = (OnnxModel)new OnnxModelLoader().Load(spec, readZipMapInput: false);
        using var tensor = (OnnxModel)new OnnxModelLoader().Load(spec);
        var table = OnnxFixtures.Expected("tree.onnx");
        Assert.Equal(tensor.Score(table), maps.Score(table));
        Assert.Equal("output_probability", maps.Output);
        Assert.Equal("output_probability", tensor.Output);
        Assert.True(maps.ReadsMaps);
        Assert.False(tensor.ReadsMaps);
        Assert.IsAssignableFrom<ITreeEnsemble>(maps);
        Assert.IsAssignableFrom<ITreeEnsemble>(tensor);
    }

    [Fact]
    public void OneInputPerColumnReadsColumnsByNameOrAsMapped()
    {
        using var model = OnnxFixtures.Load("named.onnx");
        Assert.Equal(["income", "age", "region", "single_parent"], model.Features.Select(f => f.Name));
        Assert.Equal([ColumnType.Numeric, ColumnType.Numeric, ColumnType.Categorical, ColumnType.Numeric], model.Features.Select(f => f.Type));
        Assert.IsNotAssignableFrom<ITreeEnsemble>(model);
        Assert.IsNotAssignableFrom<IAdditiveModel>(model);
    }

    [Fact]
    public void ScoresInChunksEqualScoresRowByRow()
    {
        // 70,000 rows: one full chunk of 65,536 and a partial one, through the reused buffers.
        using var model = OnnxFixtures.Load("tree-tensor.onnx");
        var small = OnnxFixtures.Expected("tree-tensor.onnx");
        var n = 70_000;
        var columns = OnnxFixtures.Features.Select(name =>
        {
            var source = ((NumericColumn)small[name]).Values;
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = source[i % source.Length];
            }
            return new NumericColumn(name, values);
        });
        var progress = new List<long>();
        var scores = model.Score(new Table(columns), (done, _) => progress.Add(done));
        var reference = model.Score(small);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(reference[i % reference.Length], scores[i]);
        }
        Assert.Equal([65_536L, 70_000L], progress);
    }

    [Fact]
    public void ATruncatedFileIsAnInputErrorNamingIt()
    {
        var bytes = File.ReadAllBytes(OnnxFixtures.PathOf("tree.onnx"));
        var path = dir.File("truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<AuditInputException>(() => new OnnxModelLoader().Load(OnnxFixtures.Spec(path, OnnxFixtures.Features)));

        Assert.Equal("truncated.onnx", error.File);
        Assert.Contains("not an ONNX model", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void ATextFileRenamedOnnxIsAnInputErrorNamingIt()
    {
        var path = dir.Write("model.onnx", "income,age\n1200,35\n");

        var error = Assert.Throws<AuditInputException>(() => new OnnxModelLoader().Load(OnnxFixtures.Spec(path, OnnxFixtures.Features)));

        Assert.Equal("model.onnx", error.File);
        Assert.Contains("not an ONNX model", error.Message);
        Assert.Contains("renaming a file to .onnx", error.Hint);
    }

    [Fact]
    public void AModelOnnxRuntimeRefusesIsAnInputErrorNamingIt()
    {
        // A well-formed ModelProto of standard operators that ONNX Runtime refuses: Add with one input instead of two.
        var path = dir.File("unknown-op.onnx");
        File.WriteAllBytes(path, OneNodeModel("Add"));

        var error = Assert.Throws<AuditInputException>(() => new OnnxModelLoader().Load(OnnxFixtures.Spec(path, OnnxFixtures.Features)));

        Assert.Equal("unknown-op.onnx", error.File);
        Assert.Contains("ONNX Runtime cannot load the model", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void AnEmptyFileIsAnInputError()
    {
        var path = dir.Write("empty.onnx", "");
        var error = Assert.Throws<AuditInputException>(() => new OnnxModelLoader().Load(OnnxFixtures.Spec(path, OnnxFixtures.Features)));
        Assert.Equal("empty.onnx", error.File);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void AWrongFeatureCountIsAnInputErrorNamingTheFile()
    {
        var error = Assert.Throws<AuditInputException>(() =>
            new OnnxModelLoader().Load(OnnxFixtures.Spec(OnnxFixtures.PathOf("tree.onnx"), ["income", "age", "months_on_benefit"])));

        Assert.Equal("tree.onnx", error.File);
        Assert.Contains("wrong feature count", error.Message);
        Assert.Equal("4 columns", error.Expected);
    }

    [Fact]
    public void AOneTensorModelWithoutFeaturesIsAnInputError()
    {
        var error = Assert.Throws<AuditInputException>(() => new OnnxModelLoader().Load(OnnxFixtures.Spec(OnnxFixtures.PathOf("tree.onnx"))));
        Assert.Equal("tree.onnx", error.File);
        Assert.Contains("model.features", error.Expected);
    }

    [Fact]
    public void AnOutputThatIsNotAProbabilityIsAnInputError()
    {
        var error = Assert.Throws<AuditInputException>(() =>
            new OnnxModelLoader().Load(OnnxFixtures.Spec(OnnxFixtures.PathOf("tree-tensor.onnx"), OnnxFixtures.Features, output: "label")));
        Assert.Equal("tree-tensor.onnx", error.File);
        Assert.Contains("'label' is not a probability", error.Message);
        Assert.Contains("tensor(int64)", error.Found);
    }

    [Fact]
    public void AnUnknownOutputIsAnInputError()
    {
        var error = Assert.Throws<AuditInputException>(() =>
            new OnnxModelLoader().Load(OnnxFixtures.Spec(OnnxFixtures.PathOf("tree.onnx"), OnnxFixtures.Features, output: "score")));
        Assert.Contains("no output 'score'", error.Message);
        Assert.Contains("output_probability", error.Expected);
    }

    [Fact]
    public void AMissingColumnIsAnInputErrorNamingTheColumn()
    {
        using var model = OnnxFixtures.Load("named.onnx");
        var table = new Table([
            new NumericColumn("income", [1000]),
            new NumericColumn("age", [40]),
            CategoricalColumn.FromValues("region", ["north"]),
        ]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Equal("single_parent", error.Column);
        Assert.Equal("named.onnx", error.File);
    }

    [Fact]
    public void AnInputOfTheWrongTypeIsAnInputError()
    {
        using var model = OnnxFixtures.Load("named.onnx");
        var table = new Table([
            new NumericColumn("income", [1000]),
            new NumericColumn("age", [40]),
            new NumericColumn("region", [3]),
            new NumericColumn("single_parent", [1]),
        ]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Equal("region", error.Column);
        Assert.Contains("string", error.Message);
    }

    [Fact]
    public void AFractionalValueForAnInt64InputIsAnErrorNamingTheRow()
    {
        using var model = OnnxFixtures.Load("named.onnx");
        var table = new Table([
            new NumericColumn("income", [1000, 1000]),
            new NumericColumn("age", [40, 40.5]),
            CategoricalColumn.FromValues("region", ["north", "west"]),
            new NumericColumn("single_parent", [1, 0]),
        ]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Equal(2, error.Row);
        Assert.Equal("age", error.Column);
    }

    [Fact]
    public void AMissingValueTheModelCannotScoreIsAnErrorNamingTheRow()
    {
        using var model = OnnxFixtures.Load("linear.onnx");
        var table = new Table([
            new NumericColumn("income", [1000, 2000]),
            new NumericColumn("age", [40, 50]),
            new NumericColumn("months_on_benefit", [12, double.NaN]),
            new BooleanColumn("single_parent", [1, 0]),
        ]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Equal(2, error.Row);
        Assert.Contains("not a probability", error.Message);
    }

    /// <summary>ModelProto { ir_version 8, opset 15, graph { node NoSuchOperator(X) -> Y, input X: float [1, 4], output Y: float } }.</summary>
    [Theory]
    [InlineData("NoSuchOperator", "", 15, "not a standard ONNX operator")]
    [InlineData("Evil", "com.example.custom", 1, "operator set 'com.example.custom'")]
    [InlineData("Add", "", 99, "opset 99")]
    public void ANonStandardOperatorOrOpsetIsRefusedBeforeTheRuntimeLoadsIt(string op, string domain, byte opset, string message)
    {
        var path = dir.File("custom.onnx");
        File.WriteAllBytes(path, OneNodeModel(op, domain, opset));

        var error = Assert.Throws<AuditInputException>(() => new OnnxModelLoader().Load(OnnxFixtures.Spec(path, OnnxFixtures.Features)));

        Assert.Equal("custom.onnx", error.File);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("ONNX Runtime cannot load", error.Message);
    }

    private static byte[] OneNodeModel(string op, string domain = "", byte opsetVersion = 15)
    {
        static byte[] Field(int number, params byte[][] parts)
        {
            var payload = parts.SelectMany(p => p).ToArray();
            return [(byte)((number << 3) | 2), (byte)payload.Length, .. payload];
        }
        static byte[] Text(int number, string text) => Field(number, System.Text.Encoding.UTF8.GetBytes(text));
        static byte[] Varint(int number, byte value) => [(byte)(number << 3), value];

        var floatType = Field(1, Varint(1, 1), Field(2, Field(1, Varint(1, 1)), Field(1, Varint(1, 4)))); // tensor_type { elem_type FLOAT, shape [1, 4] }
        var input = Field(11, Text(1, "X"), Field(2, floatType));
        var output = Field(12, Text(1, "Y"), Field(2, Field(1, Varint(1, 1))));
        var node = Field(1, Text(1, "X"), Text(2, "Y"), Text(4, op), Text(7, domain));
        var graph = Field(7, node, Text(2, "g"), input, output);
        var opset = Field(8, Text(1, domain), Varint(2, opsetVersion));
        return [.. Varint(1, 8), .. graph, .. opset];
    }

    [Fact]
    public void TheLoaderReadsOnnxFilesByExtension()
    {
        var loader = new OnnxModelLoader();
        Assert.True(loader.CanLoad("model.onnx"));
        Assert.True(loader.CanLoad("MODEL.ONNX"));
        Assert.False(loader.CanLoad("model.zip"));
        Assert.Equal("ONNX model (.onnx)", loader.Kind);
    }
}
