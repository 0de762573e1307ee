using System.Diagnostics;
using Audit.Synthetic;

namespace Audit.Tests.Reporting;

/// <summary>
/// Issue 15, defect 14: stray output. With <c>roles.weight</c> and <c>inference.bootstrap: 0</c> the flag-rate plots have
/// no interval whiskers, so the bars were drawn straight after the dashed four-fifths line; ScottPlot's fill left the
/// line's dash effect on the shared paint, and Skia's SVG backend wrote "Unsupported path effect in addPaint." to the
/// process's standard error (native code: only a separate process shows it). The run must print nothing there. The
/// same run also has an attribute of twelve groups (past the eight colours, score curves and the capacity sweep's
/// lines are dashed, and their markers were filled with the dash) and a capacity sweep.
/// </summary>
public sealed class Issue15Defect14StrayOutputTests
{
    [Fact]
    public async Task AWeightedRunWithoutBootstrapWritesNothingToStandardError()
    {
        using var dir = new TempDirectory();
        var plan = DemoPopulation.WriteFiles(dir.Path, 1500, DemoPopulation.DefaultSeed);
        var data = Path.Combine(dir.Path, "households.csv");
        var lines = File.ReadAllLines(data);
        // A sampling weight of 1, 2 or 3 per household.
        File.WriteAllLines(data, lines.Select((line, i) => line + (i == 0 ? ",poids" : "," + (1 + i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        File.WriteAllText(plan, File.ReadAllText(plan)
            .Replace("  label: indu\n", "  label: indu\n  weight: poids\n", StringComparison.Ordinal)
            .Replace("bands: [25, 35, 50, 65]", "bands: [22, 25, 28, 31, 35, 40, 45, 50, 55, 60, 65]", StringComparison.Ordinal)
            + "inference:\n  bootstrap: 0\ndesigns:\n  capacity:\n    fractions: [0.05, 0.1, 0.2]\n");
        Assert.Contains("weight: poids", File.ReadAllText(plan), StringComparison.Ordinal);
        Assert.Contains("bands: [22,", File.ReadAllText(plan), StringComparison.Ordinal);

        var cli = Path.Combine(AppContext.BaseDirectory, "Audit.Cli.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [cli, "run", plan, "--out", dir.File("out"), "--quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderrTask = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var (stderr, stdout) = (await stderrTask, await stdoutTask);
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("Unsupported path effect", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsupported path effect", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
        // The plots the defect came from are in the report.
        var html = File.ReadAllText(Path.Combine(dir.File("out"), "report.html"));
        Assert.Contains("plot-flag-", html, StringComparison.Ordinal);
        Assert.Contains("plot-calibration-age", html, StringComparison.Ordinal);
        Assert.Contains("plot-capacity-age", html, StringComparison.Ordinal);
    }
}
