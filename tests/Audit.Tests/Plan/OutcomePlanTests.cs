using System.Globalization;
using System.Text.Json;
using Audit.Cli;
using Audit.Data;
using Audit.Plan;
using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Plan;

/// <summary>
/// Issue 19, "the plan's vocabulary": an outcome and its codes on a label or decision column, the label-only audit, and
/// AIF360's disparate impact in report.json. The oracle for the shipped plans is the CSV counted with plain C# here.
/// AIF360's definition (aif360.metrics.BinaryLabelDatasetMetric.disparate_impact):
/// disparate_impact = P(Y = favourable | unprivileged) / P(Y = favourable | privileged),
/// each probability the share of the group's rows whose label is the favourable one; the plan's reference group plays
/// the privileged group and each other group the unprivileged one.
/// </summary>
public sealed class OutcomePlanTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string ShippedPlan(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", name + ".yaml");

    /// <summary>Runs <c>audit run</c> on a plan and returns report.json's root.</summary>
    private JsonElement Run(string plan, params string[] more)
    {
        var output = dir.File("out-" + Guid.NewGuid().ToString("N")[..8]);
        var outcome = CliRunner.Run(["run", plan, .. more, "--out", output, "--quiet"]);
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ReportWriter.JsonFile))).RootElement;
    }

    /// <summary>The rows of a plain CSV (no quoted fields, as these two files are), by header name.</summary>
    private static List<Dictionary<string, string>> Rows(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>AIF360's disparate impact by counting: favourable rows over rows, of each group, over the reference's.</summary>
    private static Dictionary<string, double> DisparateImpact(List<Dictionary<string, string>> rows, Func<Dictionary<string, string>, string> group,
        Func<Dictionary<string, string>, bool> favourable, string privileged)
    {
        var rates = rows.GroupBy(group).ToDictionary(g => g.Key, g => (double)g.Count(favourable) / g.Count());
        return rates.ToDictionary(r => r.Key, r => r.Value / rates[privileged]);
    }

    private static Dictionary<string, (double Rate, double Impact)> Reported(JsonElement report, string attribute)
    {
        var section = report.GetProperty("outcome").GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("attribute").GetString() == attribute);
        return section.GetProperty("groups").EnumerateArray().ToDictionary(
            g => g.GetProperty("group").GetProperty(attribute).GetString()!,
            g => (g.GetProperty("favourableRate").GetProperty("value").GetDouble(), g.GetProperty("disparateImpact").GetProperty("value").GetDouble()));
    }

    [Fact]
    public void GermanCreditPlanGivesAif360sDisparateImpactForAgeOver25()
    {
        var data = SharedData.PathOf("datasets/german-credit.csv");
        var report = Run(ShippedPlan("german-credit"), "--data", data);
        var rows = Rows(data);
        Assert.Equal(1000, rows.Count);
        // AIF360's GermanDataset: favourable label credit = 1 (good), privileged age > 25.
        var byAge = DisparateImpact(rows, r => int.Parse(r["age"], CultureInfo.InvariantCulture) > 25 ? "26+" : "<26", r => r["credit"] == "1", "26+");
        var reported = Reported(report, "age");
        Assert.Equal(2, reported.Count);
        foreach (var (group, impact) in byAge)
        {
            Assert.Equal(impact, reported[group].Impact, 1e-12);
        }
        Assert.InRange(byAge["<26"], 0.79, 0.80); // the value AIF360's tutorials print for this file: 0.7948
        var byStatus = DisparateImpact(rows, r => r["personal_status"], r => r["credit"] == "1", "A93");
        var status = Reported(report, "personal_status");
        Assert.Equal(byStatus.Keys.Order(), status.Keys.Order());
        foreach (var (group, impact) in byStatus)
        {
            Assert.Equal(impact, status[group].Impact, 1e-12);
        }
        Assert.Equal("favourable", report.GetProperty("outcome").GetProperty("outcome").GetString());
        Assert.True(report.GetProperty("outcome").GetProperty("labelOnly").GetBoolean());
        Assert.Equal(5, report.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public void AdultPlanGivesAif360sDisparateImpactBySexAndRace()
    {
        var data = SharedData.PathOf("datasets/adult.csv");
        var report = Run(ShippedPlan("adult"), "--data", data);
        var rows = Rows(data);
        Assert.Equal(32561, rows.Count);
        static bool High(Dictionary<string, string> r) => r["income-per-year"] == ">50K";
        // AIF360's AdultDataset: privileged Male and White; the four other races form one unprivileged group, as the
        // plan's `groups: { White: [White], Non-white: "*" }` merges them.
        var groupings = new (string Attribute, Func<Dictionary<string, string>, string> Group, string Privileged)[]
        {
            ("sex", r => r["sex"], "Male"),
            ("race", r => r["race"] == "White" ? "White" : "Non-white", "White"),
        };
        foreach (var (attribute, groupOf, privileged) in groupings)
        {
            var expected = DisparateImpact(rows, groupOf, High, privileged);
            var reported = Reported(report, attribute);
            Assert.Equal(expected.Keys.Order(), reported.Keys.Order());
            foreach (var (group, impact) in expected)
            {
                Assert.Equal(impact, reported[group].Impact, 1e-12);
                Assert.Equal(rows.Count(r => groupOf(r) == group && High(r)) / (double)rows.Count(r => groupOf(r) == group), reported[group].Rate, 1e-12);
            }
        }
        // The label is the decision: there is no false positive or negative rate of the label against itself.
        foreach (var attribute in report.GetProperty("fairness").GetProperty("attributes").EnumerateArray())
        {
            foreach (var group in attribute.GetProperty("groups").EnumerateArray())
            {
                Assert.False(group.GetProperty("rates").TryGetProperty("falsePositiveRate", out _));
                Assert.False(group.GetProperty("rates").TryGetProperty("falseNegativeRate", out _));
            }
        }
        Assert.False(report.GetProperty("data").TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String);
    }

    private const string Header = "id,sex,score,credit\n";

    /// <summary>Twelve people per sex: F has scores 1..12 and credit 1 (good) on rows 1-8; M the same scores, good on rows 1-4.</summary>
    private static string People(Func<int, string, string>? credit = null)
    {
        var text = new System.Text.StringBuilder(Header);
        foreach (var sex in new[] { "F", "M" })
        {
            for (var i = 1; i <= 12; i++)
            {
                var good = sex == "F" ? i <= 8 : i <= 4;
                text.Append(CultureInfo.InvariantCulture, $"{sex}{i},{sex},{i},{credit?.Invoke(i, sex) ?? (good ? "1" : "2")}\n");
            }
        }
        return text.ToString();
    }

    private string Plan(string body, string? data = null)
    {
        dir.Write("people.csv", data ?? People());
        return dir.Write("plan.yaml", "data: { path: people.csv }\nmin_cell_size: 1\nprotected_attributes: [{ column: sex, reference: F }]\n" + body);
    }

    [Fact]
    public void HandCountedLabelOnlyAuditGivesTheFavourableRatesAndTheirRatio()
    {
        var report = Run(Plan("roles: { label: { column: credit, outcome: favourable, values: { favourable: [1], adverse: [2] } } }\nmodel: { label: true }\n"));
        var sex = Reported(report, "sex");
        Assert.Equal(8.0 / 12, sex["F"].Rate, 1e-15);
        Assert.Equal(4.0 / 12, sex["M"].Rate, 1e-15);
        Assert.Equal(0.5, sex["M"].Impact, 1e-15); // (4/12) / (8/12)
        Assert.Equal(1.0, sex["F"].Impact);
        Assert.Equal(12, report.GetProperty("policy").GetProperty("flagged").GetInt64()); // 4 bad of F, 8 bad of M
    }

    [Fact]
    public void ADecisionColumnWhoseOneIsFavourableIsFlippedIntoFlags()
    {
        // granted = 1 is favourable: F granted on rows 1-8, M on rows 1-4, as above.
        var data = People((i, sex) => (sex == "F" ? i <= 8 : i <= 4) ? "1" : "0");
        var report = Run(Plan("model: { decision_column: { column: credit, outcome: favourable } }\n", data));
        Assert.Equal(12, report.GetProperty("policy").GetProperty("flagged").GetInt64());
        Assert.Equal(0.5, Reported(report, "sex")["M"].Impact, 1e-15);
        Assert.False(report.GetProperty("outcome").GetProperty("labelOnly").GetBoolean());
    }

    [Fact]
    public void ACodedLabelUnderAScoreModelGivesTheSameErrorRatesAsItsZeroOneTwin()
    {
        // The same people, once with credit coded 1/2 (2 = bad, the adverse outcome) and once as 0/1 with 1 = bad.
        const string model = "model: { score_column: score, adverse: high }\npolicy: { threshold: 7 }\n";
        var coded = Run(Plan("roles: { label: { column: credit, values: { favourable: [1], adverse: [2] } } }\n" + model));
        var binary = Run(Plan("roles: { label: credit }\n" + model, People((i, sex) => (sex == "F" ? i <= 8 : i <= 4) ? "0" : "1")));
        Assert.Equal(binary.GetProperty("fairness").GetRawText(), coded.GetProperty("fairness").GetRawText());
        Assert.False(coded.TryGetProperty("outcome", out var o) && o.ValueKind != JsonValueKind.Null);
        // By hand: F flagged at scores 7-12 (6), of whom 2 good (scores 7, 8): FPR = 2/8.
        var f = coded.GetProperty("fairness").GetProperty("attributes")[0].GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("group").GetProperty("sex").GetString() == "F");
        Assert.Equal(2.0 / 8, f.GetProperty("rates").GetProperty("falsePositiveRate").GetProperty("value").GetDouble(), 1e-15);
    }

    private AuditInputException Refused(string body, string? data = null)
    {
        var plan = Plan(body, data);
        return Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(plan), "audit run plan.yaml"));
    }

    [Fact]
    public void ACodeTheValuesDoNotMapIsRefusedWithFileRowColumnValueAndKnownCodes()
    {
        var e = Refused("roles: { label: { column: credit, outcome: favourable, values: { favourable: [1], adverse: [2] } } }\nmodel: { label: true }\n",
            People((i, sex) => sex == "F" && i == 3 ? "3" : "1"));
        Assert.Equal("people.csv", Path.GetFileName(e.File));
        Assert.Equal(3, e.Row);
        Assert.Equal(4, e.Line); // the header is line 1
        Assert.Equal("credit", e.Column);
        Assert.Equal("3", e.Found);
        Assert.Contains("favourable: 1; adverse: 2", e.Expected);
        Assert.Contains("roles.label.values", e.Hint);
    }

    [Fact]
    public void ATextCodeUnmappedOnATextColumnIsRefusedToo()
    {
        var e = Refused("roles: { label: { column: credit, values: { favourable: [good], adverse: [bad] } } }\nmodel: { label: true }\n",
            People((i, _) => i == 5 ? "unknown" : i < 5 ? "good" : "bad"));
        Assert.Equal((5L, "unknown"), (e.Row!.Value, e.Found));
    }

    [Fact]
    public void ValuesOnANumericColumnMustBeNumbersAndBothOutcomesListed()
    {
        var notNumber = Refused("roles: { label: { column: credit, values: { favourable: [good], adverse: [2] } } }\nmodel: { label: true }\n");
        Assert.Equal("good", notNumber.Found);
        Assert.Contains("not a number", notNumber.Problem);
        var onlyOne = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(Plan("roles: { label: { column: credit, values: { favourable: [1] } } }\nmodel: { label: true }\n")));
        Assert.Equal("roles.label.values.adverse", onlyOne.KeyPath);
        var both = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(Plan("roles: { label: { column: credit, values: { favourable: [1, 2], adverse: [2] } } }\nmodel: { label: true }\n")));
        Assert.Contains("both favourable and adverse", both.Problem);
    }

    [Theory]
    [InlineData("roles: { label: credit }\nmodel: { label: true }\npolicy: { threshold: 1 }\n", "policy", "label-only")]
    [InlineData("model: { label: true }\n", "model.label", "needs the label column")]
    [InlineData("roles: { label: credit }\nmodel: { label: false }\n", "model.label", "names no model")]
    [InlineData("roles: { label: credit }\nmodel: { label: true, adverse: high }\n", "model.adverse", "does not apply")]
    [InlineData("roles: { label: credit }\nmodel: { label: true, score_column: score }\n", "model", "more than one model")]
    [InlineData("roles: { label: { outcome: favourable } }\nmodel: { label: true }\n", "roles.label.column", "required")]
    [InlineData("roles: { label: { column: credit, outcome: good } }\nmodel: { label: true }\n", "roles.label.outcome", "")]
    [InlineData("roles: { label: { column: credit, codes: [1] } }\nmodel: { label: true }\n", "roles.label.codes", "")]
    public void PlanMistakesAboutOutcomesAreRefusedAtTheirKey(string body, string keyPath, string problem)
    {
        var e = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(Plan(body)));
        Assert.Equal(keyPath, e.KeyPath);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void TheBuilderSaysTheSameKeysInCodeAndGivesTheSameOutcome()
    {
        var planFile = Plan("roles: { label: { column: credit, outcome: favourable, values: { favourable: [1], adverse: [2] } } }\nmodel: { label: true }\n");
        var fromFile = Auditor.Run(AuditPlanLoader.Load(planFile), "audit run plan.yaml");
        var audit = new AuditContext(seed: 1);
        var plan = audit.Plan("plan")
            .DataFile(dir.File("people.csv"))
            .Label("credit", new OutcomeCoding(OutcomeKind.Favourable, ["1"], ["2"]))
            .LabelOnly()
            .Protect("sex", reference: "F")
            .MinCellSize(1)
            .Build();
        var fromCode = audit.Run(plan);
        Assert.Equal(Audit.Results.AuditResultJson.Serialize(fromFile with { Provenance = fromCode.Provenance }), Audit.Results.AuditResultJson.Serialize(fromCode));
        Assert.Equal(0.5, fromCode.Outcome!.Attributes[0].Groups.Single(g => g.Group.Label == "M").DisparateImpact.Value!.Value, 1e-15);

        var withPolicy = audit.Plan("plan").DataFile(dir.File("people.csv")).Label("credit").LabelOnly().Threshold(1).Protect("sex");
        Assert.Throws<AuditInputException>(withPolicy.Build);
        var decisions = audit.Run(audit.Plan("plan").DataFile(dir.File("people.csv")).Decisions("credit", new OutcomeCoding(OutcomeKind.Favourable, ["1"], ["2"]))
            .Protect("sex", reference: "F").MinCellSize(1).Build());
        Assert.Equal(12, decisions.Policy.Flagged);
    }
}
