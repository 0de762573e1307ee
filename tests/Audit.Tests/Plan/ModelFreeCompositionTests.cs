using System.Text;
using System.Text.Json;
using Audit.Cli;
using Audit.Plan;
using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Plan;

/// <summary>
/// Issue 19: the composition design runs without a model or policy (a random sample against the selected set, from
/// columns only), and the report says which sections are absent. Oracle: shares counted by hand from the rows written.
/// </summary>
public sealed class ModelFreeCompositionTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Random sample: 10 F and 10 M; selected (High): 15 F and 5 M.</summary>
    private string Plan(string more = "")
    {
        var csv = new StringBuilder("id,sex,method\n");
        var id = 0;
        foreach (var (method, sex, count) in new[] { ("Random", "F", 10), ("Random", "M", 10), ("High", "F", 15), ("High", "M", 5) })
        {
            for (var i = 0; i < count; i++)
            {
                csv.Append(++id).Append(',').Append(sex).Append(',').Append(method).Append('\n');
            }
        }
        dir.Write("people.csv", csv.ToString());
        return dir.Write("plan.yaml", "data: { path: people.csv }\nmin_cell_size: 1\nprotected_attributes: [{ column: sex, reference: M }]\n"
            + "designs:\n  composition: { column: method, reference: [Random] }\n" + more);
    }

    [Fact]
    public void ACompositionOnlyPlanRunsWithoutModelAndSaysWhichSectionsAreAbsent()
    {
        var output = dir.File("out");
        var outcome = CliRunner.Run("run", Plan(), "--out", output, "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ReportWriter.JsonFile))).RootElement;
        Assert.Equal("none", report.GetProperty("model").GetProperty("kind").GetString());
        Assert.Equal(0, report.GetProperty("policy").GetProperty("flagged").GetInt64());
        var shares = report.GetProperty("designs").GetProperty("composition").GetProperty("attributes")[0].GetProperty("shares").EnumerateArray()
            .ToDictionary(s => s.GetProperty("group").GetString()!, s => (Random: s.GetProperty("referenceShare").GetProperty("value").GetDouble(),
                Selected: s.GetProperty("selectedShare").GetProperty("value").GetDouble()));
        Assert.Equal((10.0 / 20, 15.0 / 20), shares["F"]);
        Assert.Equal((10.0 / 20, 5.0 / 20), shares["M"]);
        var md = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("names no model and no policy", md);
        Assert.DoesNotContain("## Headline findings", md);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("names no model and no policy", html);
        Assert.DoesNotContain("id=\"disparate-impact\"", html);
    }

    [Theory]
    [InlineData("policy: { top_fraction: 0.1 }\n", "policy")]
    [InlineData("recourse: { max_changes: 2 }\n", "model")]
    public void WithoutAModelNoPolicyAndNoOtherAuditIsAllowed(string more, string keyPath)
    {
        var e = Assert.ThrowsAny<AuditInputException>(() => AuditPlanLoader.Load(Plan(more)));
        Assert.Equal(keyPath, e.KeyPath);
    }

    [Fact]
    public void APlanWithNeitherModelNorCompositionStillNeedsAModel()
    {
        dir.Write("people.csv", "id,sex\n1,F\n");
        var plan = dir.Write("plan.yaml", "data: { path: people.csv }\nprotected_attributes: [sex]\n");
        Assert.Equal("model", Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan)).KeyPath);
        var adjusted = dir.Write("plan2.yaml", "data: { path: people.csv }\nprotected_attributes: [sex]\ndesigns: { adjusted: { controls: [sex] } }\n");
        Assert.Equal("model", Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(adjusted)).KeyPath);
    }
}
