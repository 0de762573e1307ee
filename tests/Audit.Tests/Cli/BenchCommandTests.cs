using System.Text.Json;
using Audit.Cli;

namespace Audit.Tests.Cli;

/// <summary><c>audit bench</c> on a small population: every stage is reported, with consistent figures (not timed).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_reports_every_stage_of_the_reconstructed_caf_audit()
    {
        using var dir = new TempDirectory();
        var json = dir.File("bench.json");
        var report = dir.File("report");
        var run = TrustedPlans.Run("bench", "--rows", "20000", "--quiet", "--json", json, "--out", report,
            "--plan", Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("total ", run.Out);
        Assert.True(File.Exists(Path.Combine(report, "report.json")));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(20000, root.GetProperty("rows").GetInt32());
        // top_fraction 0.0120289855 of 20,000 rows: floor(240.58) = 240 households.
        Assert.Equal(240, root.GetProperty("flagged").GetInt64());
        Assert.Empty(root.GetProperty("notRun").EnumerateArray());
        var stages = root.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
        Assert.Equal(BenchCommand.Stages.Select(s => s.Key), stages.Keys);
        foreach (var stage in stages.Values)
        {
            Assert.True(stage.GetProperty("seconds").GetDouble() >= 0);
            Assert.True(stage.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        }
        Assert.Equal(20000, stages["score"].GetProperty("rows").GetInt64());
        Assert.Equal(240, stages["attributions"].GetProperty("rows").GetInt64());
        Assert.Equal(240, stages["recourse"].GetProperty("rows").GetInt64());
        var distinct = root.GetProperty("distinctAttributionInputs").GetInt32();
        Assert.InRange(distinct, 1, 240);
        Assert.InRange(root.GetProperty("distinctRecourseInputs").GetInt64(), 1, 240);
        var stageSum = stages.Values.Sum(s => s.GetProperty("seconds").GetDouble());
        Assert.InRange(stageSum, 0, root.GetProperty("totalSeconds").GetDouble() + 1e-6);
    }

    [Fact]
    public void Bench_prints_a_table_of_stages()
    {
        var run = TrustedPlans.Run("bench", "--rows", "3000", "--plan", Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"));

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var (_, title) in BenchCommand.Stages)
        {
            Assert.Contains(title, run.Out);
        }
        Assert.Contains("peak working set", run.Out);
    }

    [Fact]
    public void Bench_refuses_zero_rows()
    {
        var run = TrustedPlans.Run("bench", "--rows", "0", "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--rows", run.Error);
    }
}
