using System.Text.Json;
using Audit.Cli;
using Audit.Data;
using Audit.Plan;
using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Plan;

/// <summary>
/// datasets/plans/compas-propublica.yaml run through <c>audit run</c> on ProPublica's file (from ../shared, passed
/// with --data as a user would): it reproduces the published truth tables, FPR 44.85 % (Black) vs 23.45 % (white)
/// and FNR 27.99 % vs 47.72 %.
/// </summary>
public sealed class CompasPropublicaPlanTests : IDisposable
{
    private static readonly string PlanPath = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "compas-propublica.yaml");
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AuditRunReproducesProPublicasErrorRates()
    {
        var data = SharedData.PathOf("datasets/compas-scores-two-years.csv");
        var outcome = CliRunner.Run("run", PlanPath, "--data", data, "--out", dir.File("out"), "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);

        var report = JsonDocument.Parse(File.ReadAllText(dir.File("out/" + ReportWriter.JsonFile))).RootElement;
        Assert.Equal(3317, report.GetProperty("policy").GetProperty("flagged").GetInt64()); // 2,035 TP + 1,282 FP
        var race = report.GetProperty("fairness").GetProperty("attributes").EnumerateArray()
            .Single(a => a.GetProperty("attribute").GetString() == "race").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("group").GetProperty("race").GetString()!, g => g.GetProperty("rates"));
        double Rate(string group, string rate) => race[group].GetProperty(rate).GetProperty("value").GetDouble();

        // Black: FP 805 of 1,795 without a new arrest, FN 532 of 1,901 with one; white: FP 349 of 1,488, FN 461 of 966.
        Assert.Equal(805.0 / 1795, Rate("African-American", "falsePositiveRate"), 1e-12);
        Assert.Equal(349.0 / 1488, Rate("Caucasian", "falsePositiveRate"), 1e-12);
        Assert.Equal(532.0 / 1901, Rate("African-American", "falseNegativeRate"), 1e-12);
        Assert.Equal(461.0 / 966, Rate("Caucasian", "falseNegativeRate"), 1e-12);
        Assert.Equal(44.85, Math.Round(Rate("African-American", "falsePositiveRate") * 100, 2));
        Assert.Equal(23.45, Math.Round(Rate("Caucasian", "falsePositiveRate") * 100, 2));
        Assert.Equal(27.99, Math.Round(Rate("African-American", "falseNegativeRate") * 100, 2));
        Assert.Equal(47.72, Math.Round(Rate("Caucasian", "falseNegativeRate") * 100, 2));
    }

    /// <summary>The plan's threshold (decile ≥ 5) is ProPublica's "Medium or High" on every row of the file.</summary>
    [Fact]
    public void DecileFiveOrMoreIsExactlyMediumOrHigh()
    {
        var table = CsvTableReader.Read(SharedData.PathOf("datasets/compas-scores-two-years.csv"));
        var decile = (NumericColumn)table["decile_score"];
        var text = (CategoricalColumn)table["score_text"];
        Assert.Equal(7214, table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(text[i] is "Medium" or "High", decile[i] >= 5);
        }
        Assert.Equal(decile.Values, ((NumericColumn)table["decile_score.1"]).Values); // the file repeats the column
    }

    [Fact]
    public void ThePlanNamesTheFileUsersDownloadAndTheDataOverrideReplacesIt()
    {
        Assert.Equal("compas-scores-two-years.csv", AuditPlanLoader.Load(PlanPath).Data.Display);
        var elsewhere = dir.File("compas-scores-two-years.csv");
        Assert.Equal(elsewhere, AuditPlanLoader.Load(PlanPath, elsewhere).Data.Path);
    }
}
