using System.Text.Json;
using Audit.Cli;
using Audit.Data;
using Audit.Plan;
using Audit.Tests.Cli;

namespace Audit.Tests.Synthetic;

/// <summary><c>audit synth generate|check</c>, and <c>audit run</c> on a plan whose data is a population spec.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Shipped(string relative) => Path.Combine(SharedData.RepositoryRoot, relative);

    public static TheoryData<string> ShippedSpecs() =>
        [.. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "datasets", "populations"), "*.yaml").Select(p => Path.GetFileName(p)).Order()];

    [Theory]
    [MemberData(nameof(ShippedSpecs))]
    public void EveryShippedSpecPassesItsCalibrationCheckOnASmallSample(string spec)
    {
        var outcome = TrustedPlans.Run("synth", "check", Shipped(Path.Combine("datasets", "populations", spec)), "--rows", "200000", "--seed", "3", "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Out + outcome.Error);
        Assert.Contains("Every cited figure is within its allowed difference.", outcome.Out);
    }

    [Fact]
    public void TheCafSpecChecksEveryCitedTargetOnOneMillionRowsFormatted()
    {
        // The acceptance run (1 M rows) is in docs/population-spec.md; here a smaller sample, with the table's columns.
        var outcome = TrustedPlans.Run("synth", "check", Shipped("datasets/populations/caf-france.yaml"), "--rows", "100000", "--quiet");
        Assert.Equal(ExitCodes.Success, outcome.ExitCode);
        Assert.Contains("target", outcome.Out);
        Assert.Contains("allowed", outcome.Out);
        Assert.Contains("RSA foyers", outcome.Out);
        Assert.Contains("single parents among RSA foyers | rsa", outcome.Out);
    }

    [Fact]
    public void ACheckThatMissesATargetExitsWithCode2()
    {
        var spec = dir.Write("spec.yaml", """
            name: off target
            variables:
              - { name: sexe, type: categorical, levels: [F, M], probabilities: { F: 0.5, M: 0.5 }, source: illustrative }
            targets:
              - { name: women, share: "sexe == 'F'", value: 0.55, tolerance: 0.01, source: "CNAF 2017" }
            """);
        var outcome = TrustedPlans.Run("synth", "check", spec, "--rows", "20000", "--quiet");
        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("FAIL", outcome.Out);
        Assert.Contains("1 figure(s) outside their allowed difference", outcome.Out);
    }

    [Fact]
    public void GenerateWritesParquetAndCsvThatReadBackToTheSameRows()
    {
        var spec = Shipped("datasets/populations/rongcheng.yaml");
        var parquet = dir.File("people.parquet");
        var csv = dir.File("people.csv");
        var first = TrustedPlans.Run("synth", "generate", spec, "--rows", "3000", "--seed", "9", "--out", parquet, "--quiet");
        var second = TrustedPlans.Run("synth", "generate", spec, "--rows", "3000", "--seed", "9", "--out", csv, "--quiet");
        Assert.True(first.ExitCode == ExitCodes.Success, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Contains("Wrote 3,000 synthetic rows", first.Out);
        var a = ParquetTableReader.Read(parquet);
        var b = CsvTableReader.Read(csv);
        Assert.Equal(3000, a.RowCount);
        foreach (var name in new[] { "sexe", "traffic_ticket", "village_cleanup_months", "drunk_driving" })
        {
            for (var r = 0; r < a.RowCount; r++)
            {
                Assert.Equal(a[name].FormatValue(r), b[name].FormatValue(r));
            }
        }
    }

    [Fact]
    public void GenerateRefusesAnUnknownOutputFormat()
    {
        var outcome = TrustedPlans.Run("synth", "generate", Shipped("datasets/populations/rongcheng.yaml"), "--rows", "10", "--out", dir.File("x.xlsx"));
        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("unknown output format", outcome.Error);
    }

    /// <summary>A shipped plan, moved to a temporary folder with absolute paths and fewer rows.</summary>
    private string ShippedPlanWithRows(int rows, string plan = "caf-reconstructed", string population = "caf-france", string shippedRows = "1000000")
    {
        var text = File.ReadAllText(Shipped($"datasets/plans/{plan}.yaml"))
            .Replace($"../populations/{population}.yaml", Shipped($"datasets/populations/{population}.yaml"))
            .Replace("../../models/", Shipped("models") + "/")
            .Replace("../jurisdictions/", Shipped("datasets/jurisdictions") + "/")
            .Replace($"rows: {shippedRows}", $"rows: {rows}");
        return dir.Write(plan + ".yaml", text);
    }

    [Fact]
    public void TheShippedRongchengPlanGradesGeneratedAdults()
    {
        var plan = ShippedPlanWithRows(20_000, "rongcheng-points", "rongcheng", "200000");
        var outcome = TrustedPlans.Run("run", plan, "--out", dir.File("rongcheng"), "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        Assert.Contains("Audited 20,000 rows", outcome.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("rongcheng"), "report.json")));
        Assert.Equal("person", json.RootElement.GetProperty("population").GetProperty("unit").GetString());
        Assert.False(json.RootElement.GetProperty("population").GetProperty("labelIsSynthetic").GetBoolean());
    }

    [Fact]
    public void TheShippedCafPlanRunsOnGeneratedHouseholdsAndSaysTheyAreSynthetic()
    {
        var plan = ShippedPlanWithRows(20_000);
        var outcome = TrustedPlans.Run("run", plan, "--out", dir.File("report"), "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        // floor(0.0120289855 × 20,000) = 240 households flagged.
        Assert.Contains("Audited 20,000 rows", outcome.Out);
        Assert.Contains("240 flagged", outcome.Out);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("report"), "report.json")));
        var population = json.RootElement.GetProperty("population");
        Assert.Equal(20_000, population.GetProperty("rows").GetInt64());
        Assert.Equal(1, population.GetProperty("seed").GetInt64());
        Assert.Equal("indu_synthetique", population.GetProperty("syntheticLabel").GetString());
        Assert.True(population.GetProperty("labelIsSynthetic").GetBoolean());
        Assert.Equal(64, population.GetProperty("spec").GetProperty("sha256").GetString()!.Length);
        Assert.Equal("population", json.RootElement.GetProperty("data").GetProperty("format").GetString());
        var caveats = json.RootElement.GetProperty("caveats").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Contains("synthetic-data", caveats);
        Assert.Contains("synthetic-label", caveats);
        var markdown = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains("SYNTHETIC", markdown);
        Assert.Contains("- Population: **synthetic**, 20,000 rows generated from the spec", markdown);
        Assert.Contains("the label `indu_synthetique` is a **synthetic** outcome, not observed", markdown);
    }

    [Fact]
    public void RunningThePopulationPlanTwiceGivesByteIdenticalJson()
    {
        var plan = ShippedPlanWithRows(5_000);
        // The same command twice (the command line is part of the provenance): the population is generated anew each time.
        Assert.Equal(ExitCodes.Success, TrustedPlans.Run("run", plan, "--out", dir.File("r"), "--quiet").ExitCode);
        var first = File.ReadAllBytes(Path.Combine(dir.File("r"), "report.json"));
        Assert.Equal(ExitCodes.Success, TrustedPlans.Run("run", plan, "--out", dir.File("r"), "--quiet").ExitCode);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(dir.File("r"), "report.json")));
    }

    [Fact]
    public void APopulationPlanIsReadWithItsRowsAndSeed()
    {
        var plan = TrustedPlans.Load(ShippedPlanWithRows(1234));
        Assert.Equal(DataFormat.Population, plan.Data.Format);
        Assert.Equal(1234, plan.Data.Population!.Rows);
        Assert.Equal(1, plan.Data.Population.Seed);
    }

    [Theory]
    [InlineData("data: { population: p.yaml }", "the key 'rows' is required with 'population'")]
    [InlineData("data: { population: p.yaml, rows: 10, path: x.csv }", "'path' describes a data file; with 'population' the rows are generated")]
    [InlineData("data: { population: p.yaml, rows: 0 }", "out of range")]
    [InlineData("data: { path: x.csv, rows: 10 }", "'rows' applies only to a generated population")]
    [InlineData("data: { populaton: p.yaml, rows: 10 }", "did you mean 'population'?")]
    public void PopulationDataKeysAreChecked(string data, string message)
    {
        var plan = dir.Write("bad.yaml", data + "\nmodel: { spec: m.yaml }\npolicy: { top_fraction: 0.1 }\nprotected_attributes: [sexe]\n");
        var e = Assert.Throws<AuditInputException>(() => TrustedPlans.Load(plan));
        Assert.Contains(message, e.Message);
        Assert.Equal(1, e.Line);
    }
}

/// <summary>The shipped populations provide every column their models read, with the types the models expect.</summary>
public sealed class ShippedPopulationModelTests
{
    [Theory]
    [InlineData("caf-france.yaml", "caf-reconstructed.yaml")]
    [InlineData("rongcheng.yaml", "rongcheng-points.yaml")]
    public void TheModelScoresEveryGeneratedRow(string population, string model)
    {
        var spec = Audit.Synthetic.PopulationSpecLoader.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "populations", population), population);
        var table = Audit.Synthetic.PopulationGenerator.GenerateTable(spec, 5_000, seed: 2);
        var linear = Audit.Models.LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", model), model);
        foreach (var feature in linear.Features)
        {
            Assert.True(table.Find(feature.Name) is not null, $"{population} has no column '{feature.Name}' that {model} reads");
        }
        var scores = linear.Score(table);
        Assert.Equal(5_000, scores.Length);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.True(scores.Distinct().Count() > 20, "the scores hardly vary: the population does not exercise the model");
    }

    [Fact]
    public void RongchengDriversWhoDroveDrunkAreCappedAtGradeC()
    {
        var spec = Audit.Synthetic.PopulationSpecLoader.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "populations", "rongcheng.yaml"), "rongcheng.yaml");
        var table = Audit.Synthetic.PopulationGenerator.GenerateTable(spec, 20_000, seed: 2);
        var model = Audit.Models.LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "rongcheng-points.yaml"), "rongcheng-points.yaml");
        var grades = model.Grade(table, model.Score(table))!;
        var drunk = ((BooleanColumn)table["drunk_driving"]).Values.ToArray();
        var scale = model.Grades!;
        var drunkRows = Enumerable.Range(0, table.RowCount).Where(i => drunk[i] == 1).ToList();
        Assert.NotEmpty(drunkRows);
        Assert.All(drunkRows, i => Assert.Contains(scale.Bands[grades[i]].Name, new[] { "C", "D" }));
    }
}
