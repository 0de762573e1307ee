using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 4, the command line: a NUL in a path exited 1 (.NET's path functions throw on it); <c>--out dir/</c>
/// (a trailing slash) always exited 1; <c>--out</c> naming a file ran the whole audit before failing. Now a NUL in any
/// argument is exit 2 naming it, <c>--out dir/</c> writes to <c>dir</c>, and <c>--out FILE</c> is exit 2 before any work.
/// </summary>
public sealed class Issue16Class4CommandLineTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("run", "pl\0an.yaml")]
    [InlineData("run", "plan.yaml", "--out", "o\0ut")]
    [InlineData("run", "plan.yaml", "--data", "d\0.csv")]
    [InlineData("data", "inspect", "x\0.csv")]
    [InlineData("explain", "plan.yaml", "--person", "1", "--person-file", "p\0.yaml")]
    public void ANulOnTheCommandLineIsExit2(params string[] args)
    {
        var outcome = CliRunner.Run(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("NUL", outcome.Error);
        Assert.Contains("hint:", outcome.Error);
    }

    private string Plan(int rows)
    {
        var csv = new System.Text.StringBuilder("id,sex,s\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append(i).Append(',').Append(i % 2 == 0 ? "F" : "M").Append(',').Append((i * 37 % 101) / 101.0).Append('\n');
        }
        dir.Write("people.csv", csv.ToString());
        return dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { score_column: s, adverse: high }
            policy: { top_fraction: 0.2 }
            protected_attributes: [{ column: sex }]
            """);
    }

    [Fact]
    public void OutWithATrailingSlashWritesToTheFolder()
    {
        var plan = Plan(50);
        var outcome = CliRunner.Run("run", plan, "--out", dir.File("report") + "/", "--quiet");
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.File("report"), ReportWriter.JsonFile)));
    }

    [Fact]
    public void OutNamingAFileIsRefusedBeforeAnyWork()
    {
        Plan(50);
        // A data file the audit would stop on (no score column): the refusal of --out must come first.
        dir.Write("people.csv", "id,sex\n1,F\n2,M\n");
        var notes = dir.Write("notes.txt", "mine");
        var outcome = CliRunner.Run("run", dir.File("plan.yaml"), "--out", notes, "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("key '--out'", outcome.Error);
        Assert.Contains("is a file", outcome.Error);
        Assert.Equal("mine", File.ReadAllText(notes));
    }
}
