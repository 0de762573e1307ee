using System.Text.Json.Nodes;
using Audit.Data;
using Audit.Results;

namespace Audit.Tests.Api;

/// <summary>
/// Issue 17's acceptance criterion: an audit built entirely in C# (data from arrays, the model in code, every option in
/// code, no file) gives the same <see cref="AuditResult"/> as the equivalent YAML plan run over the same people written
/// to a CSV file, provenance aside. The oracle is the plan run, an independent way in (YAML reader, CSV reader, spec reader).
/// </summary>
public sealed class CodeBuiltAuditEquivalenceTests
{
    [Fact]
    public void CodeBuiltAuditEqualsThePlanWithBandsIntersectionLabelReferenceBootstrapAndExplanations()
    {
        var audit = new AuditContext(seed: 7);
        var plan = audit.Plan("benefit-audit")
            .Description("Who the benefit risk model flags.")
            .Data(ApiPeople.Table(), name: "people.csv")
            .Model(ApiPeople.Model())
            .Threshold(0.3)
            .Id("id")
            .Label("fraud")
            .Protect("sex", reference: "F")
            .Protect("age", bands: [30, 50])
            .Intersect("sex", "age")
            .MinCellSize(5)
            .Tolerance(0.75)
            .Confidence(0.9)
            .Correction("bh")
            .Bootstrap(200)
            .Explanations(new Audit.Explain.ExplanationOptions { Enabled = true, ReasonCodes = 2 })
            .Build();

        var fromCode = audit.Run(plan);
        var fromFile = RunPlanFile("""
            name: benefit-audit
            description: Who the benefit risk model flags.
            data: { path: people.csv }
            roles: { id: id, label: fraud }
            model: { spec: model.yaml }
            policy: { threshold: 0.3 }
            protected_attributes:
              - { column: sex, reference: F }
              - { column: age, bands: [30, 50] }
            intersections: [[sex, age]]
            min_cell_size: 5
            tolerance: 0.75
            seed: 7
            inference: { confidence: 0.9, correction: bh, bootstrap: 200 }
            explanations: { enabled: true, reason_codes: 2 }
            """);

        Assert.NotNull(fromCode.Explanations);
        Assert.NotEmpty(fromCode.Fairness.Intersections);
        AssertSameApartFromProvenance(fromFile, fromCode);
    }

    [Fact]
    public void CodeBuiltAuditEqualsThePlanWithRecourseAndDesigns()
    {
        var audit = new AuditContext();
        var plan = audit.Plan("benefit-recourse")
            .Data(ApiPeople.Table(), name: "people.csv")
            .Model(ApiPeople.Model())
            .TopFraction(0.2)
            .Protect("sex")
            .Protect("region")
            .NoIntersections()
            .Bootstrap(0)
            .Recourse(new Audit.Recourse.RecourseOptions { MaxChanges = 1 })
            .Designs(new Audit.Designs.DesignsPlan { Capacity = new Audit.Designs.CapacityPlan([0.1, 0.2], []), DropOne = true })
            .Build();

        var fromCode = audit.Run(plan);
        var fromFile = RunPlanFile("""
            name: benefit-recourse
            data: { path: people.csv }
            model: { spec: model.yaml }
            policy: { top_fraction: 0.2 }
            protected_attributes: [sex, region]
            intersections: none
            inference: { bootstrap: 0 }
            recourse: { max_changes: 1 }
            designs: { capacity: { fractions: [0.1, 0.2] }, drop_one: true }
            """);

        Assert.NotNull(fromCode.Recourse);
        Assert.NotNull(fromCode.Designs?.Capacity);
        Assert.NotNull(fromCode.Designs?.DropOne);
        AssertSameApartFromProvenance(fromFile, fromCode);
    }

    [Fact]
    public void CodeBuiltAuditOfFilesEqualsThePlanOfThoseFilesAndHashesThemAlike()
    {
        using var folder = new TempDirectory();
        CsvTableWriter.Write(ApiPeople.Table(), folder.File("people.csv"));
        folder.Write("model.yaml", ApiPeople.ModelSpec);
        var audit = new AuditContext();
        var fromCode = audit.Run(audit.Plan("files").DataFile(folder.File("people.csv")).ModelSpec(folder.File("model.yaml"))
            .Threshold(0.3).Protect("sex").Protect("region").Bootstrap(0).Build());
        var fromFile = Auditor.Run(audit.ReadPlan(folder.Write("plan.yaml", """
            name: files
            data: { path: people.csv }
            model: { spec: model.yaml }
            policy: { threshold: 0.3 }
            protected_attributes: [sex, region]
            inference: { bootstrap: 0 }
            """)), "audit run plan.yaml");

        Assert.Equal(fromFile.Provenance.Data, fromCode.Provenance.Data);
        Assert.Equal(fromFile.Provenance.Model, fromCode.Provenance.Model);
        var file = JsonNode.Parse(AuditResultJson.Serialize(fromFile))!.AsObject();
        var code = JsonNode.Parse(AuditResultJson.Serialize(fromCode))!.AsObject();
        file.Remove("provenance");
        code.Remove("provenance");
        Assert.Equal(file.ToJsonString(), code.ToJsonString());
    }

    [Fact]
    public void ProvenanceOfACodeBuiltAuditHashesTheTableAndTheSettings()
    {
        var audit = new AuditContext();
        AuditResult Run(Table table, double threshold) => audit.Run(audit.Plan("p").Data(table, "people").Model(ApiPeople.Model())
            .Threshold(threshold).Protect("sex").Bootstrap(0).Build());

        var first = Run(ApiPeople.Table(), 0.3).Provenance;
        var again = Run(ApiPeople.Table(), 0.3).Provenance;
        var otherSettings = Run(ApiPeople.Table(), 0.4).Provenance;
        var table = ApiPeople.Table();
        var otherPeople = Run(new Table(table.Columns.Select(c => c.Name == "income" ? new NumericColumn("income", [.. ((NumericColumn)c).Values.ToArray().Select((v, i) => i == 0 ? v + 1 : v)]) : c)), 0.3).Provenance;

        Assert.Equal(first, again);
        Assert.Equal(first.Data, otherSettings.Data);
        Assert.NotEqual(first.Plan.Sha256, otherSettings.Plan.Sha256);
        Assert.Equal(first.Plan, otherPeople.Plan);
        Assert.NotEqual(first.Data.Sha256, otherPeople.Data.Sha256);
        Assert.Null(first.Model);
    }

    /// <summary>Writes the people as CSV and the model as a spec beside the plan, and runs the plan as <c>audit run</c> does.</summary>
    private static AuditResult RunPlanFile(string planYaml)
    {
        using var folder = new TempDirectory();
        CsvTableWriter.Write(ApiPeople.Table(), folder.File("people.csv"));
        folder.Write("model.yaml", ApiPeople.ModelSpec);
        var plan = new AuditContext().ReadPlan(folder.Write("plan.yaml", planYaml));
        return Auditor.Run(plan, "audit run plan.yaml");
    }

    /// <summary>
    /// The two results' JSON, byte for byte, without the provenance (hashes of files that one of them does not have, and
    /// the command) and without the data's format, which says where the rows came from ("csv" against "table").
    /// </summary>
    private static void AssertSameApartFromProvenance(AuditResult fromFile, AuditResult fromCode)
    {
        Assert.Equal("csv", fromFile.Data.Format);
        Assert.Equal("table", fromCode.Data.Format);
        Assert.Equal(Comparable(fromFile), Comparable(fromCode));
    }

    private static string Comparable(AuditResult result)
    {
        var json = JsonNode.Parse(AuditResultJson.Serialize(result))!.AsObject();
        json.Remove("provenance");
        json["data"]!.AsObject().Remove("format");
        return json.ToJsonString();
    }
}
