using System.Text.Json;
using Audit.Cli;
using Audit.Reporting;
using Audit.Tests.Models.Onnx;

namespace Audit.Tests.Cli;

/// <summary>An ONNX model audited end to end through the CLI (the CLI registers the ONNX loader).</summary>
public sealed class OnnxAuditTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AnOnnxTreeModelIsAuditedFromAPlan()
    {
        File.Copy(OnnxFixtures.PathOf("tree.onnx"), dir.File("tree.onnx"));
        var rows = File.ReadAllLines(OnnxFixtures.PathOf("tree.expected.csv"));
        // The fixture's rows, with an id and a group (alternating A and B), without the expected column.
        var people = new List<string> { "id,group," + string.Join(",", OnnxFixtures.Features) };
        for (var i = 1; i < rows.Length; i++)
        {
            var cells = rows[i].Split(',');
            people.Add($"{i},{(i % 2 == 0 ? "A" : "B")}," + string.Join(",", cells[..^1]));
        }
        dir.Write("people.csv", string.Join("\n", people) + "\n");
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { file: tree.onnx, adverse: high, features: [income, age, months_on_benefit, single_parent] }
            policy: { threshold: 0.5 }
            protected_attributes: [{ column: group, reference: A }]
            min_cell_size: 5
            """);

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        var report = JsonDocument.Parse(File.ReadAllText(dir.File("out/" + ReportWriter.JsonFile))).RootElement;
        Assert.Equal("onnx", report.GetProperty("model").GetProperty("kind").GetString());
        var expected = ((Audit.Data.NumericColumn)OnnxFixtures.Expected("tree.onnx")["expected"]).Values.ToArray();
        Assert.Equal(expected.Count(p => p >= 0.5), report.GetProperty("policy").GetProperty("flagged").GetInt64());
        var caveats = report.GetProperty("caveats").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Contains("model-file-loaded", caveats);
    }

    [Fact]
    public void ABrokenOnnxFileExitsWithBadInputAndNamesTheFile()
    {
        dir.Write("tree.onnx", "not a model");
        dir.Write("people.csv", "id,group,income,age,months_on_benefit,single_parent\n1,A,1,2,3,0\n");
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { file: tree.onnx, adverse: high, features: [income, age, months_on_benefit, single_parent] }
            policy: { threshold: 0.5 }
            protected_attributes: [{ column: group }]
            """);

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains("tree.onnx", outcome.Error);
        Assert.Contains("not an ONNX model", outcome.Error);
    }
}
