using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Audit.Cli;
using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Models.MlNet;

/// <summary>An ML.NET model named by a plan (<c>model: { file: model.zip, adverse: high }</c>) audited through the CLI.</summary>
[Collection(MlNetTestModels.Collection)]
public sealed class MlNetAuditTests(MlNetTestModels models) : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void APlanNamingAnMlNetModelRunsAndReports()
    {
        var plan = WritePlan(models.FastTree, withMonths: true);

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        var report = JsonDocument.Parse(File.ReadAllText(dir.File("out/" + ReportWriter.JsonFile))).RootElement;
        var model = report.GetProperty("model");
        Assert.Equal("ml.net", model.GetProperty("kind").GetString());
        Assert.Equal(["income", "age", "months"], model.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(200, report.GetProperty("policy").GetProperty("flagged").GetInt64());
    }

    [Fact]
    public void AZipThatIsNotAModelStopsTheRunNamingTheFile()
    {
        var photos = dir.File("photos.zip");
        using (var archive = ZipFile.Open(photos, ZipArchiveMode.Create))
        {
            archive.CreateEntry("photo.jpg");
        }
        var plan = WritePlan(photos, withMonths: true);

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.StartsWith("error: model.zip: the zip archive does not hold an ML.NET model", outcome.Error);
        Assert.Contains("hint:", outcome.Error);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void AnInputColumnMissingFromTheDataStopsTheRunNamingTheModelFile()
    {
        var plan = WritePlan(models.FastTree, withMonths: false);

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("model.zip", outcome.Error);
        Assert.Contains("'months'", outcome.Error);
    }

    /// <summary>people.csv (the 1,000 scoring rows, months empty where missing), the model as model.zip, and plan.yaml.</summary>
    private string WritePlan(string modelFile, bool withMonths)
    {
        var csv = new StringBuilder(withMonths ? "id,group,income,age,months\n" : "id,group,income,age\n");
        for (var i = 0; i < models.Scoring.Count; i++)
        {
            var p = models.Scoring[i];
            csv.Append(CultureInfo.InvariantCulture, $"{i + 1},{(p.Age < 40 ? "young" : "older")},{p.Income:R},{p.Age:R}");
            if (withMonths)
            {
                csv.Append(',').Append(float.IsNaN(p.Months) ? "" : p.Months.ToString("R", CultureInfo.InvariantCulture));
            }
            csv.Append('\n');
        }
        dir.Write("people.csv", csv.ToString());
        File.Copy(modelFile, dir.File("model.zip"), overwrite: true);
        return dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { file: model.zip, adverse: high }
            policy: { top_fraction: 0.2 }
            protected_attributes: [{ column: group }]
            """);
    }
}
