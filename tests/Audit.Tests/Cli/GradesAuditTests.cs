using System.Text.Json;
using Audit.Cli;
using Audit.Reporting;

namespace Audit.Tests.Cli;

/// <summary>A points-and-grades system audited end to end: grades from the model spec, flags from the plan's grades policy.</summary>
public sealed class GradesAuditTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void GradeDistributionAndWorstGradeRatesEqualAHandCount()
    {
        // Group X: 20 people with 0, 150, 300 or 450 deductions (5 each): scores 1000, 850, 700, 550 → A, B, C, D.
        // Group Y: 20 people: 10 with 450 deductions (D), 10 with 300 (C).
        var rows = new List<string> { "id,group,deductions" };
        var id = 0;
        foreach (var d in new[] { 0, 150, 300, 450 })
        {
            for (var i = 0; i < 5; i++)
            {
                rows.Add($"{++id},X,{d}");
            }
        }
        for (var i = 0; i < 20; i++)
        {
            rows.Add($"{++id},Y,{(i < 10 ? 450 : 300)}");
        }
        dir.Write("people.csv", string.Join("\n", rows) + "\n");
        dir.Write("model.yaml", Audit.Tests.Models.GradeScaleTests.Spec);
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { spec: model.yaml }
            policy: { grades: [D] }
            protected_attributes: [{ column: group, reference: X }]
            min_cell_size: 5
            """);

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"));
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);

        var report = JsonDocument.Parse(File.ReadAllText(dir.File("out/" + ReportWriter.JsonFile))).RootElement;
        Assert.Equal(["A", "B", "C", "D"], report.GetProperty("model").GetProperty("grades").GetProperty("favourableToAdverse").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(15, report.GetProperty("policy").GetProperty("flagged").GetInt64()); // 5 D in X + 10 D in Y
        var groups = report.GetProperty("fairness").GetProperty("attributes")[0].GetProperty("groups");
        var x = groups[0].GetProperty("grades");
        var y = groups[1].GetProperty("grades");
        Assert.Equal(0.25, x.GetProperty("distribution").GetProperty("A").GetProperty("value").GetDouble());
        Assert.Equal(0.25, x.GetProperty("worstGradeRate").GetProperty("value").GetDouble());
        Assert.Equal(0.5, y.GetProperty("distribution").GetProperty("C").GetProperty("value").GetDouble());
        Assert.Equal(0.0, y.GetProperty("distribution").GetProperty("A").GetProperty("value").GetDouble());
        Assert.Equal(0.5 / 0.25, y.GetProperty("worstGradeRatio").GetProperty("value").GetDouble());
        Assert.Contains("| group | A | B | C | D | worst grade | ratio |", File.ReadAllText(dir.File("out/" + ReportWriter.MarkdownFile)));
    }
}
