using System.Diagnostics;
using Audit.Reporting;
using Audit.Synthetic;
using Audit.Tests.Cli;

namespace Audit.Tests.Robustness;

/// <summary>A run killed at any moment leaves the previous report or the new one, never a mix of the two.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string[] Snapshot(string folder) =>
        [.. new[] { ReportWriter.JsonFile, ReportWriter.MarkdownFile, ReportWriter.HtmlFile }.Select(f => File.ReadAllText(Path.Combine(folder, f)))];

    [Fact]
    public void KillingARunAtAnyMomentLeavesThePreviousOrTheNewReportWhole()
    {
        var plan = DemoPopulation.WriteFiles(dir.File("demo"), rows: 30_000, seed: 1);
        var output = dir.File("out");
        // The report of the run that will be killed, as it would be if it finished (the command, --out included, is in it).
        Assert.Equal(0, CliRunner.Run("run", plan, "--out", output, "--seed", "2", "--quiet").ExitCode);
        var next = Snapshot(output);
        Assert.Equal(0, CliRunner.Run("run", plan, "--out", output, "--quiet").ExitCode);
        var previous = Snapshot(output);
        Assert.NotEqual(previous[0], next[0]);

        var cli = Path.Combine(AppContext.BaseDirectory, "Audit.Cli.dll");
        var outcomes = new List<string>();
        foreach (var delay in new[] { 150, 400, 800, 1_300, 2_000, 3_000 })
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", [cli, "run", plan, "--out", output, "--seed", "2", "--quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var exited = process.WaitForExit(delay);
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            var now = Snapshot(output);
            Assert.True(now.SequenceEqual(previous) || now.SequenceEqual(next), $"after {delay} ms the report folder mixes two runs or is partial");
            outcomes.Add(now.SequenceEqual(previous) ? "previous" : "new");
            // Start each attempt from the previous report again.
            if (now.SequenceEqual(next))
            {
                Assert.Equal(0, CliRunner.Run("run", plan, "--out", output, "--quiet").ExitCode);
            }
        }
        // No staging folder of a killed run is left inside the output folder.
        Assert.Equal([ReportFolder.MarkerFile, "report.html", "report.json", "report.md", "run.log"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["tables"], Directory.GetDirectories(output).Select(Path.GetFileName).ToArray());
        TestContext.Current.SendDiagnosticMessage("kill outcomes: " + string.Join(", ", outcomes));
    }

    [Fact]
    public void AReplacedReportIsSwappedInOneStep()
    {
        var output = dir.File("report");
        ReportWriter.WriteAtomically(output, new Dictionary<string, string> { ["a.txt"] = "one" });
        ReportWriter.WriteAtomically(output, new Dictionary<string, string> { ["b.txt"] = "two" });
        Assert.Equal([ReportFolder.MarkerFile, "b.txt"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => Path.GetFileName(d).StartsWith("report.", StringComparison.Ordinal));
    }

    [Fact]
    public void StaleStagingFoldersOfKilledRunsAreRemovedByTheNextRun()
    {
        var output = dir.File("report");
        var stale = Directory.CreateDirectory(output + ".tmp-deadbeef").FullName;
        File.WriteAllText(Path.Combine(stale, ReportFolder.MarkerFile), ReportFolder.MarkerText); // a staging folder Audit made
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(1));
        var recent = Directory.CreateDirectory(output + ".tmp-0000beef").FullName; // perhaps another run's, still at work
        ReportWriter.WriteAtomically(output, new Dictionary<string, string> { ["a.txt"] = "one" });
        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(recent));
    }
}
