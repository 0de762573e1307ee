using System.IO.Compression;
using Audit.Data;
using Audit.Models.MLNet;

namespace Audit.Tests.Models.MlNet;

/// <summary>Every problem with an ML.NET model file or its mapping names the file and says how to fix it.</summary>
[Collection(MlNetTestModels.Collection)]
public sealed class MlNetLoaderErrorTests(MlNetTestModels models) : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AZipNameOrAnMlNetArchiveIsClaimedAndNothingElse()
    {
        var loader = new MlNetModelLoader();
        var renamed = dir.File("model.bin");
        File.Copy(models.FastTree, renamed);
        Assert.True(loader.CanLoad(models.FastTree));
        Assert.True(loader.CanLoad(renamed));
        Assert.True(loader.CanLoad(dir.Write("anything.ZIP", "text")));
        Assert.False(loader.CanLoad(dir.Write("model.onnx", "not a zip")));
    }

    [Fact]
    public void AFileThatIsNotAZipIsRefused()
    {
        var error = Load(dir.Write("broken.zip", "this is text"));
        Assert.Equal("broken.zip", error.File);
        Assert.Equal("not a zip archive", error.Problem);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void AZipThatHoldsNoModelIsRefused()
    {
        var path = dir.File("photos.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }
        var error = Load(path);
        Assert.Equal("photos.zip", error.File);
        Assert.Contains("does not hold an ML.NET model", error.Problem);
        Assert.Equal("readme.txt", error.Found);
    }

    [Fact]
    public void AnArchiveThatWouldUnpackToMoreThanTheBoundIsRefusedBeforeMlNetReadsIt()
    {
        // Two small entries whose headers declare 3.75 GiB each: the shape of a zip bomb, without writing gigabytes.
        var path = dir.File("bomb.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "TransformerChain/Model.key", "Model/data.bin" })
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write("x");
            }
        }
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 28 < bytes.Length; i++)
        {
            if (BitConverter.ToUInt32(bytes, i) == 0x02014b50) // central directory header: uncompressed size at +24
            {
                BitConverter.GetBytes(0xF0000000u).CopyTo(bytes, i + 24);
            }
        }
        File.WriteAllBytes(path, bytes);

        var error = Load(path);
        Assert.Equal("bomb.zip", error.File);
        Assert.Contains("unpack to more than 4 GiB", error.Problem);
    }

    [Fact]
    public void AnArchiveWithTooManyEntriesIsRefused()
    {
        var path = dir.File("many.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            for (var i = 0; i <= MlNetModelLoader.MaxArchiveEntries; i++)
            {
                archive.CreateEntry($"Model/{i}", CompressionLevel.NoCompression);
            }
        }
        var error = Load(path);
        Assert.Contains("more than 10,000 entries", error.Problem);
    }

    [Fact]
    public void AnArchiveMlNetCannotReadIsRefusedWithMlNetsReason()
    {
        var path = dir.File("damaged.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("TransformerChain/Model.key").Open());
            writer.Write("not a model key");
        }
        var error = Load(path);
        Assert.Equal("damaged.zip", error.File);
        Assert.Equal("ML.NET cannot load this model", error.Problem);
        Assert.NotNull(error.Found);
    }

    [Fact]
    public void AModelSavedWithoutItsInputSchemaIsRefused()
    {
        var path = dir.File("noschema.zip");
        var model = models.Context.Model.Load(models.FastTree, out _);
        models.Context.Model.Save(model, null, path);
        var error = Load(path);
        Assert.Equal("the model was saved without its input schema", error.Problem);
        Assert.Contains("Model.Save(model, trainingData.Schema", error.Hint);
    }

    [Fact]
    public void AnOutputOtherThanProbabilityOrScoreIsRefused()
    {
        var error = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.FastTree, output: "margin"));
        Assert.Equal("model.output", error.KeyPath);
        Assert.Equal("fasttree.zip", error.File);
    }

    [Fact]
    public void AVectorInputNeedsThePlansFeatures()
    {
        var missing = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.Vector));
        Assert.Equal("model.features", missing.KeyPath);
        Assert.Contains("vector of 3", missing.Problem);

        var tooFew = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.Vector, features: ["income", "age"]));
        Assert.Equal("3 data columns", tooFew.Expected);

        var needless = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.FastTree, features: ["income"]));
        Assert.Equal("model.features", needless.KeyPath);
    }

    [Fact]
    public void AnInputMapForAnInputTheModelLacksIsRefused()
    {
        var error = Assert.Throws<AuditInputException>(() =>
            MlNetTestModels.Load(models.FastTree, inputs: new Dictionary<string, string> { ["incomes"] = "revenu" }));
        Assert.Equal("model.inputs", error.KeyPath);
        Assert.Equal("incomes", error.Found);
        Assert.Equal("one of income, age, months", error.Expected);
    }

    [Fact]
    public void AnInputColumnMissingFromTheDataIsNamed()
    {
        var table = new Table(models.Table.Columns.Where(c => c.Name != "months"));
        var error = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.FastTree).Score(table));
        Assert.Equal("fasttree.zip", error.File);
        Assert.Equal("months", error.Column);
        Assert.Contains("model.inputs", error.Hint);
    }

    [Fact]
    public void AColumnOfTheWrongTypeIsNamed()
    {
        var table = models.Table.WithColumn(CategoricalColumn.FromValues("age", models.Scoring.Select(p => "about " + p.Age).ToArray()));
        var error = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.FastTree).Score(table));
        Assert.Equal("age", error.Column);
        Assert.Equal("numbers", error.Expected);
        Assert.Equal("about " + models.Scoring[0].Age, error.Found);

        var numbers = models.Table.WithColumn(new NumericColumn("region", new double[models.Table.RowCount]));
        var text = Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(models.OneHot).Score(numbers));
        Assert.Equal("region", text.Column);
        Assert.Contains("categorical", text.Hint);
    }

    private static AuditInputException Load(string path) =>
        Assert.Throws<AuditInputException>(() => MlNetTestModels.Load(path));
}
