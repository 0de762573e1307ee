using System.Security.Cryptography;
using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 1: nothing a plan or the command line says may delete or change a file outside the report folders
/// Audit itself created. The oracle is a snapshot of every file in a temporary tree (content hashes) before and after
/// the run: whatever the plan's name, output, root, links or the folders already there, every file outside the one
/// folder Audit wrote its report to is unchanged, and that folder was new, empty or an earlier report of Audit's.
/// </summary>
public sealed class ReportFolderSafetyTests
{
    private const string Csv = "id,sex,s\n1,F,0.9\n2,M,0.1\n3,F,0.7\n4,M,0.6\n5,F,0.2\n6,M,0.8\n";

    private static string Plan(string? name, string? output, string? root, string dataPath = "data.csv") =>
        (name is null ? "" : $"name: \"{name}\"\n") + $"""
        data:
          path: {dataPath}
        roles:
          id: id
        model:
          score_column: s
          adverse: high
        policy:
          threshold: 0.5
        protected_attributes: [sex]
        min_cell_size: 1
        inference:
          bootstrap: 0
        explanations:
          enabled: false
        """ + "\n" + (output is null ? "" : $"output: \"{output}\"\n") + (root is null ? "" : $"root: \"{root}\"\n");

    /// <summary>A tree with a plan, its data, a user's folders, a link out of the plan's folder and an earlier report.</summary>
    private static string Tree(TempDirectory dir)
    {
        var work = Path.Combine(dir.Path, "work");
        Write(Path.Combine(work, "plans", "data.csv"), Csv);
        Write(Path.Combine(work, "plans", "notes", "mine.txt"), "a user's notes");
        Directory.CreateDirectory(Path.Combine(work, "plans", "empty"));
        Write(Path.Combine(work, "outside", "precious", "keep.txt"), "outside the plan's folder");
        Write(Path.Combine(work, "outside", "secret.csv"), Csv);
        Write(Path.Combine(work, "plans", "backup.old-backup", "copy.txt"), "a user's backup named like a leftover");
        Write(Path.Combine(work, "plans", "report.old-12345678", "copy.txt"), "a user's folder named exactly like a leftover");
        Directory.SetLastWriteTimeUtc(Path.Combine(work, "plans", "report.old-12345678"), DateTime.UtcNow - TimeSpan.FromDays(2));
        Directory.CreateSymbolicLink(Path.Combine(work, "plans", "linkdir"), Path.Combine(work, "outside"));
        // An earlier report of Audit's, which may be replaced.
        ReportWriter.WriteAtomically(Path.Combine(work, "plans", "report"), new Dictionary<string, string> { ["report.json"] = "{}" });
        return work;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Where(f => new FileInfo(f).LinkTarget is null && !IsUnderLink(f, root))
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static bool IsUnderLink(string file, string root)
    {
        for (var d = Path.GetDirectoryName(file); d is not null && d.Length > root.Length; d = Path.GetDirectoryName(d))
        {
            if (new DirectoryInfo(d).LinkTarget is not null)
            {
                return true;
            }
        }
        return false;
    }

    private static readonly string?[] Names = [null, "t", "../../victim", "/tmp", "", ".", "..", "a/b", "..\\x", "ok name"];
    private static readonly string?[] Outputs = [null, ".", "..", "../..", "notes", "empty", "report", "report/", "new/sub", "linkdir/precious", "linkdir",
        "data.csv", "backup.old-backup", "report.old-12345678", "../outside", "../outside/precious", "fresh"];
    private static readonly string?[] Roots = [null, "..", "../.."];
    private static readonly string?[] Grants = [null, "{work}", "{work}/plans", "{work}/outside", "/"];
    private static readonly string?[] Outs = [null, "{work}", "{work}/plans", "{work}/outside/precious", "{work}/plans/report", "{work}/plans/fresh-out", "{work}/plans/notes/"];

    [Fact]
    public void NoPlanOrOutputOptionChangesAFileOutsideTheReportFolderAuditCreated()
    {
        var random = new Random(16_01);
        var outcomes = new Dictionary<int, int>();
        for (var trial = 0; trial < 60; trial++)
        {
            using var dir = new TempDirectory();
            var work = Tree(dir);
            var name = Names[random.Next(Names.Length)];
            var output = Outputs[random.Next(Outputs.Length)];
            var root = Roots[random.Next(Roots.Length)];
            var dataPath = random.Next(6) == 0 ? "linkdir/secret.csv" : "data.csv";
            var outOption = Outs[random.Next(Outs.Length)]?.Replace("{work}", work, StringComparison.Ordinal);
            var grant = Grants[random.Next(Grants.Length)]?.Replace("{work}", work, StringComparison.Ordinal);
            if (outOption is null && output is null && (name is null || name == "t" || name == "ok name"))
            {
                output = "fresh"; // a valid name alone would write under the test runner's working folder
            }
            var plan = Path.Combine(work, "plans", "plan.yaml");
            Write(plan, Plan(name, output, root, dataPath));
            var before = Snapshot(dir.Path);
            var markedBefore = Directory.EnumerateDirectories(dir.Path, "*", SearchOption.AllDirectories).Where(ReportFolder.IsMarked).ToHashSet();

            var args = new List<string> { "run", plan, "--quiet" };
            if (outOption is not null)
            {
                args.AddRange(["--out", outOption]);
            }
            if (grant is not null)
            {
                args.AddRange(["--root", grant]);
            }
            var outcome = CliRunner.Run([.. args]);
            var description = $"trial {trial}: name={name ?? "-"} output={output ?? "-"} root={root ?? "-"} data={dataPath} --out={outOption ?? "-"} --root={grant ?? "-"}: exit {outcome.ExitCode} {outcome.Error}";
            Assert.True(outcome.ExitCode is 0 or 2, description);
            outcomes[outcome.ExitCode] = outcomes.GetValueOrDefault(outcome.ExitCode) + 1;

            string? written = null;
            if (outcome.ExitCode == 0)
            {
                written = outOption is not null
                    ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(outOption))
                    : Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(work, "plans", output!)));
                Assert.True(ReportFolder.IsMarked(written), description);
                Assert.True(File.Exists(Path.Combine(written, "report.json")), description);
                Assert.True(!before.Keys.Any(f => f.StartsWith(written + "/", StringComparison.Ordinal)) || markedBefore.Contains(written),
                    $"{description}: replaced a folder that held files and was not an Audit report");
            }
            var after = Snapshot(dir.Path);
            foreach (var (file, hash) in before)
            {
                if (written is not null && file.StartsWith(written + "/", StringComparison.Ordinal))
                {
                    continue;
                }
                Assert.True(after.TryGetValue(file, out var now), $"{description}: {Path.GetRelativePath(dir.Path, file)} was removed");
                Assert.True(now == hash, $"{description}: {Path.GetRelativePath(dir.Path, file)} was changed");
            }
        }
        // The random plans reach both outcomes: some runs are refused, some write a report.
        Assert.True(outcomes.GetValueOrDefault(0) >= 5 && outcomes.GetValueOrDefault(2) >= 5,
            "outcomes: " + string.Join(", ", outcomes.Select(o => $"exit {o.Key}: {o.Value}")));
    }

    [Theory]
    [InlineData("../../victim")]
    [InlineData("/abs/path")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    public void ANameThatIsAPathIsRefusedAtItsKey(string name)
    {
        using var dir = new TempDirectory();
        var work = Tree(dir);
        var plan = Path.Combine(work, "plans", "plan.yaml");
        Write(plan, Plan(name, null, null));
        var outcome = CliRunner.Run("run", plan, "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("key 'name'", outcome.Error);
    }

    [Theory]
    [InlineData(".", null, "holds an input")]
    [InlineData("../..", "../..", "holds an input")]
    [InlineData("notes", null, "is not an Audit report")]
    public void AnOutputHoldingAnInputOrAUsersFilesIsRefusedBeforeAnyWork(string output, string? root, string why)
    {
        using var dir = new TempDirectory();
        var work = Tree(dir);
        var plan = Path.Combine(work, "plans", "plan.yaml");
        Write(plan, Plan("t", output, root));
        var before = Snapshot(dir.Path);
        var outcome = CliRunner.Run("run", plan, "--quiet", "--root", dir.Path);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(why, outcome.Error);
        Assert.Equal(before, Snapshot(dir.Path));
    }

    [Fact]
    public void ALinkInTheMiddleOfAPlanPathDoesNotLeadOutOfThePlansFolder()
    {
        using var dir = new TempDirectory();
        var work = Tree(dir);
        var plan = Path.Combine(work, "plans", "plan.yaml");
        Write(plan, Plan("t", "fresh", null, "linkdir/secret.csv"));
        var outcome = CliRunner.Run("run", plan, "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("outside the plan's folder", outcome.Error);

        Write(plan, Plan("t", "linkdir/precious", null));
        outcome = CliRunner.Run("run", plan, "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(work, "outside", "precious", "keep.txt")));
    }

    [Fact]
    public void OnlyLeftoversAuditMarkedAreCleanedUp()
    {
        using var dir = new TempDirectory();
        var output = dir.File("report");
        var ours = Directory.CreateDirectory(output + ".tmp-deadbeef").FullName;
        File.WriteAllText(Path.Combine(ours, ReportFolder.MarkerFile), ReportFolder.MarkerText);
        var backup = Directory.CreateDirectory(output + ".old-backup").FullName;
        var lookalike = Directory.CreateDirectory(output + ".old-cafe1234").FullName;
        File.WriteAllText(Path.Combine(lookalike, "mine.txt"), "not Audit's");
        foreach (var folder in new[] { ours, backup, lookalike })
        {
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow - TimeSpan.FromHours(1));
        }

        ReportWriter.WriteAtomically(output, new Dictionary<string, string> { ["a.txt"] = "one" });

        Assert.False(Directory.Exists(ours));
        Assert.True(Directory.Exists(backup));
        Assert.True(File.Exists(Path.Combine(lookalike, "mine.txt")));
    }

    [Fact]
    public void TheRealPathOfALinkInTheMiddleIsWhereItLeads()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("outside/deep"));
        Directory.CreateDirectory(dir.File("in"));
        Directory.CreateSymbolicLink(dir.File("in/link"), dir.File("outside"));
        Directory.CreateSymbolicLink(dir.File("in/rel"), "../outside/deep");
        Assert.Equal(dir.File("outside/deep/x.csv"), RealPath.Of(dir.File("in/link/deep/x.csv")));
        Assert.Equal(dir.File("outside/deep/new/y"), RealPath.Of(dir.File("in/rel/new/y")));
        Assert.Equal(dir.File("outside"), RealPath.Of(dir.File("in/link/deep/..")));
    }
}
