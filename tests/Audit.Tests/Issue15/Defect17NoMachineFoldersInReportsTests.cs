using Audit.Tests.Cli;

namespace Audit.Tests.Issue15;

/// <summary>
/// Issue 15, defect 17: reports name files by their file name and SHA-256, never by a folder of the machine, and the
/// same audit run from two different folders (data, plan and output elsewhere, given by absolute paths) writes
/// byte-identical reports. The oracle is the second run itself and a search of every written file for the folders.
/// </summary>
public sealed class Defect17NoMachineFoldersInReportsTests
{
    private const string Plan = """
        name: folders
        data:
          path: people.csv
        roles:
          id: id
          label: outcome
        model:
          score_column: score
          adverse: high
        policy:
          threshold: 0.5
        protected_attributes:
          - group
        min_cell_size: 1
        seed: 3
        inference:
          bootstrap: 20
        """;

    private static string Csv()
    {
        var random = new Random(17);
        var lines = new List<string> { "id,group,score,outcome" };
        for (var i = 1; i <= 200; i++)
        {
            lines.Add($"{i},{(i % 3 == 0 ? "b" : "a")},{random.NextDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)},{random.Next(2)}");
        }
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void TheSameAuditFromTwoFoldersWritesIdenticalReportsNamingNoFolder()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var csv = Csv();
        var outputs = new List<string>();
        foreach (var (dir, sub) in new[] { (first, "alice-secret-case"), (second, Path.Combine("bob", "nested", "elsewhere")) })
        {
            var data = dir.Write(Path.Combine(sub, "in", "people.csv"), csv);
            var plan = dir.Write(Path.Combine(sub, "plans", "plan.yaml"), Plan);
            var output = Path.Combine(dir.Path, sub, "published-report");
            // Absolute paths on the command line: the worst case for a leak.
            var outcome = CliRunner.Run("run", Path.GetFullPath(plan), "--data", Path.GetFullPath(data), "--out", output, "--quiet");
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            outputs.Add(output);
        }

        foreach (var (output, dir) in outputs.Zip(new[] { first.Path, second.Path }))
        {
            foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                Assert.False(text.Contains(dir, StringComparison.Ordinal), $"{Path.GetFileName(file)} names the folder {dir}");
                Assert.DoesNotContain("alice-secret-case", text);
                Assert.DoesNotContain("elsewhere", text);
                Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), text);
            }
        }
        var json = File.ReadAllText(Path.Combine(outputs[0], "report.json"));
        Assert.Contains("\"people.csv\"", json);
        Assert.Contains("audit run plan.yaml --data people.csv", json);
        foreach (var name in new[] { "report.json", "report.md", "report.html" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(outputs[0], name)), File.ReadAllText(Path.Combine(outputs[1], name)));
        }
    }

    [Theory]
    [InlineData(new[] { "run", "/srv/x/plan.yaml", "--data", "/home/a/b/data.csv", "--out", "/tmp/r", "--quiet" }, "audit run plan.yaml --data data.csv")]
    [InlineData(new[] { "run", "..\\plans\\p.yaml", "--data=C:\\Users\\a\\x.csv", "-o", "out", "-v", "--seed", "4" }, "audit run p.yaml --data=x.csv --seed 4")]
    [InlineData(new[] { "explain", "plan.yaml", "--person", "17", "--lang", "fr" }, "audit explain plan.yaml --person 17 --lang fr")]
    public void TheRecordedCommandKeepsFileNamesAndDropsTheOutputFolder(string[] arguments, string expected) =>
        Assert.Equal(expected, Audit.Results.ReportedFile.Command(arguments));
}
