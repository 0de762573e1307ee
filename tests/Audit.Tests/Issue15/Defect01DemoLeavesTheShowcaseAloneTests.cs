using System.Globalization;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue15;

/// <summary>
/// Issue 15, defect 1: the README's first command (<c>audit demo</c>) rewrote the committed showcase reports/demo/
/// (without its French page), so the README's second command (the tests) failed on the drift test. The demo now
/// writes to out/demo/, which git ignores; .ci/run runs the demo before the tests on a fresh clone.
/// </summary>
public sealed class Defect01DemoLeavesTheShowcaseAloneTests
{
    [Fact]
    public void TheDemosDefaultReportGoesToAnIgnoredFolderBesideTheDataNotIntoReports()
    {
        // A copy of the repository's layout: the demo writes its data under <root>/datasets/demo as it does by default.
        using var root = new TempDirectory();
        var data = Path.Combine(root.Path, "datasets", "demo");

        var outcome = CliRunner.Run("demo", "--rows", 300.ToString(CultureInfo.InvariantCulture), "--dir", data, "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.True(File.Exists(Path.Combine(root.Path, "out", "demo", "report.html")), "the demo's report is in out/demo");
        Assert.False(Directory.Exists(Path.Combine(root.Path, "reports")), "the demo wrote into reports/, the committed showcase");
    }

    [Fact]
    public void GitIgnoresTheDefaultOutputFolderAndTheShowcaseKeepsBothLanguages()
    {
        var repository = SharedData.RepositoryRoot;
        var ignored = File.ReadAllLines(Path.Combine(repository, ".gitignore")).Select(l => l.Trim());
        Assert.Contains("/" + Audit.Cli.RunCommand.DefaultOutputRoot + "/", ignored);
        Assert.NotEqual("reports", Audit.Cli.RunCommand.DefaultOutputRoot);
        Assert.True(File.Exists(Path.Combine(repository, "reports", "demo", "report.fr.html")), "the committed demo showcase has its French page");
    }
}
