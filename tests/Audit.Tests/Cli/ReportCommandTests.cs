using Audit.Cli;
using Audit.Reporting;
using Audit.Synthetic;

namespace Audit.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void RunWritesTheHtmlReportInTheChosenLanguageAndEveryTableAsCsv()
    {
        var plan = DemoPopulation.WriteFiles(dir.File("demo"), 1500, DemoPopulation.DefaultSeed);
        var output = dir.File("fr");
        var outcome = CliRunner.Run("run", plan, "--out", output, "--lang", "fr", "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        var html = File.ReadAllText(Path.Combine(output, ReportWriter.HtmlFile));
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Synthèse", html);
        Assert.Contains(ReportWriter.HtmlFile, outcome.Out);
        var tables = Directory.GetFiles(Path.Combine(output, ReportWriter.TablesFolder), "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["caveats.csv", "data-columns.csv", "findings.csv", "groups.csv", "model-inputs.csv", "rates.csv", "regulatory-mapping.csv", "scores.csv"], tables);
        Assert.Contains("Mention explicite de l'algorithme", File.ReadAllText(Path.Combine(output, ReportWriter.TablesFolder, "regulatory-mapping.csv")));
        Assert.True(File.Exists(Path.Combine(output, ReportWriter.JsonFile)));
        Assert.True(File.Exists(Path.Combine(output, ReportWriter.MarkdownFile)));
    }

    [Fact]
    public void AnUnknownLanguageExitsWithCode2AndWritesNothing()
    {
        var plan = DemoPopulation.WriteFiles(dir.File("demo"), 200, DemoPopulation.DefaultSeed);
        var output = dir.File("de");
        var outcome = CliRunner.Run("run", plan, "--out", output, "--lang", "de");
        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("de", outcome.Error);
        Assert.Contains("en or fr", outcome.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ShowcaseSkipsAPlanWhoseDataIsNotThereAndSaysWhy()
    {
        var root = dir.File("repo");
        Directory.CreateDirectory(Path.Combine(root, "datasets", "plans"));
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "compas-propublica.yaml"), Path.Combine(root, "datasets", "plans", "compas-propublica.yaml"));
        var outcome = CliRunner.Run("showcase", "--root", root, "--out", dir.File("reports"));
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        Assert.Contains("skipped compas-propublica: its data file compas-scores-two-years.csv is not beside the plan", outcome.Out);
        Assert.Contains("1 report(s) written, 1 skipped.", outcome.Out);
        Assert.True(File.Exists(Path.Combine(dir.File("reports"), "demo", Showcase.FrenchHtmlFile)));
        Assert.False(Directory.Exists(Path.Combine(dir.File("reports"), "compas-propublica")));
    }
}
