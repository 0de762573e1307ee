using System.Text;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue15;

/// <summary>
/// Issue 15, defect 16: the hint for a Latin-1 file tells each command's user what that command accepts, and following
/// the hint works (the oracle is the command itself run again as the hint says).
/// </summary>
public sealed class Defect16EncodingHintTests
{
    private static void WriteLatin1(string path) =>
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("id,ville,score\n1,Orléans,0.2\n2,Béziers,0.8\n3,Sète,0.6\n"));

    [Fact]
    public void TheRunCommandsHintNamesThePlanKeyAndFollowingItWorks()
    {
        using var dir = new TempDirectory();
        WriteLatin1(dir.File("people.csv"));
        const string plan = """
            name: latin
            data:
              path: people.csv{ENCODING}
            roles:
              id: id
            model:
              score_column: score
              adverse: high
            policy:
              threshold: 0.5
            protected_attributes:
              - ville
            min_cell_size: 1
            inference:
              bootstrap: 0
            """;
        var planPath = dir.Write("plan.yaml", plan.Replace("{ENCODING}", "", StringComparison.Ordinal));

        var failed = CliRunner.Run("run", planPath, "--out", dir.File("out"), "--quiet");

        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("data.encoding: windows-1252", failed.Error);
        Assert.DoesNotContain("--encoding", failed.Error);

        dir.Write("plan.yaml", plan.Replace("{ENCODING}", "\n  encoding: latin1", StringComparison.Ordinal));
        var fixedRun = CliRunner.Run("run", planPath, "--out", dir.File("out"), "--quiet");
        Assert.True(fixedRun.ExitCode == 0, fixedRun.Error);
        Assert.Contains("Orléans", File.ReadAllText(dir.File(Path.Combine("out", "report.json"))));
    }

    [Fact]
    public void DataInspectsHintNamesItsOwnOptionAndFollowingItWorks()
    {
        using var dir = new TempDirectory();
        var file = dir.File("people.csv");
        WriteLatin1(file);

        var failed = CliRunner.Run("data", "inspect", file);

        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("--encoding windows-1252", failed.Error);
        Assert.DoesNotContain("data.encoding", failed.Error);
        var fixedRun = CliRunner.Run("data", "inspect", file, "--encoding", "latin1");
        Assert.True(fixedRun.ExitCode == 0, fixedRun.Error);
        Assert.Contains("ville", fixedRun.Out);
    }

    [Fact]
    public void ThePlanDocumentListsTheEncodingKey()
    {
        var doc = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "audit-plan.md"));
        Assert.Contains("| `data.encoding` |", doc);
    }
}
