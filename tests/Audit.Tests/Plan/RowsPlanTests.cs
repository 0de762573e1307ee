using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Plan;
using Audit.Policy;
using Audit.Results;

namespace Audit.Tests.Plan;

/// <summary>
/// <c>derive:</c>, <c>filter:</c> and <c>groups:</c> on a small file whose values the test recomputes in plain C#:
/// the derived values, the groups they make, the rows kept with their file rows, and every refusal.
/// </summary>
public sealed class RowsPlanTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>40 people: age (two missing), income, size, region (four levels, one missing), a score.</summary>
    private static readonly (double? Age, double Income, double Size, string? Region, double Score)[] People =
        [.. Enumerable.Range(0, 40).Select(i => (
            i % 13 == 5 ? (double?)null : 18 + (i * 7) % 60,
            1000.0 + 37 * i,
            1.0 + i % 4,
            i == 11 ? null : new[] { "north", "south", "east", "west" }[i % 4],
            (i * 17 % 40) / 40.0))];

    private string WriteData()
    {
        var lines = new List<string> { "age,income,size,region,score" };
        lines.AddRange(People.Select(p => string.Join(",",
            p.Age?.ToString(CultureInfo.InvariantCulture) ?? "NA", p.Income.ToString(CultureInfo.InvariantCulture),
            p.Size.ToString(CultureInfo.InvariantCulture), p.Region ?? "NA", p.Score.ToString(CultureInfo.InvariantCulture))));
        return dir.Write("people.csv", string.Join("\n", lines) + "\n");
    }

    private AuditPlan Plan(string keys, string attributes = "protected_attributes: [region]")
    {
        WriteData();
        return AuditPlanLoader.Load(dir.Write("plan.yaml", $"""
            name: rows
            data: {"{"} path: people.csv {"}"}
            model: {"{"} score_column: score, adverse: high {"}"}
            policy: {"{"} threshold: 0.5 {"}"}
            min_cell_size: 1
            {attributes}
            {keys}
            """));
    }

    private const string Derive = """
        derive:
          - { name: per_head, formula: "income / size" }
          - { name: senior, formula: "age >= 50", type: boolean }
          - { name: age_band, formula: "cut(age, [30, 50])", type: categorical, levels: [young, middle, older] }
          - { name: rich_band, formula: "if(per_head > 1000, 1, 0)", type: categorical, levels: [modest, comfortable] }
        """;

    private static string Band(double age) => age < 30 ? "young" : age < 50 ? "middle" : "older";

    [Fact]
    public void DerivedColumnsHoldTheFormulasValuesRecomputedInCSharp()
    {
        var people = Auditor.Decided(Plan(Derive));
        var perHead = (NumericColumn)people.Table["per_head"];
        var senior = (BooleanColumn)people.Table["senior"];
        var band = (CategoricalColumn)people.Table["age_band"];
        var rich = (CategoricalColumn)people.Table["rich_band"];
        for (var i = 0; i < People.Length; i++)
        {
            var p = People[i];
            Assert.Equal(p.Income / p.Size, perHead[i]);
            Assert.Equal(p.Age is { } a ? a >= 50 : null, senior[i]);
            Assert.Equal(p.Age is { } b ? Band(b) : null, band[i]); // a missing input gives a missing value
            Assert.Equal(p.Income / p.Size > 1000 ? "comfortable" : "modest", rich[i]); // a derived column reads one derived above it
        }
    }

    [Fact]
    public void ADerivedColumnIsAProtectedAttributeAndAFilterColumn()
    {
        var plan = Plan(Derive + """

            filter:
              - { column: per_head, min: 400 }
              - { column: region, not_in: [west] }
            """, "protected_attributes: [age_band]");
        var result = Auditor.Run(plan, "test");
        var kept = People.Where(p => p.Income / p.Size >= 400 && p.Region is not null && p.Region != "west").ToList();
        Assert.Equal(kept.Count, result.Data.Rows);
        Assert.Equal(People.Count(p => p.Income / p.Size < 400), result.Data.Filter!.Conditions[0].Removed);
        var groups = result.Fairness.Attributes.Single().Groups.ToDictionary(g => g.Group.Label, g => g.Count.Value);
        foreach (var label in new[] { "young", "middle", "older" })
        {
            Assert.Equal(kept.Count(p => p.Age is { } a && Band(a) == label), groups.GetValueOrDefault(label) ?? 0);
        }
        Assert.Equal(kept.Count(p => p.Age is null), groups.GetValueOrDefault(GroupAssignment.MissingLabel) ?? 0);
        // Groups in the levels' order as written is not promised; natural order is: middle, older, young, (missing).
        Assert.Equal(["middle", "older", "young", GroupAssignment.MissingLabel], result.Fairness.Attributes.Single().Groups.Select(g => g.Group.Label));
        Assert.Single(result.Data.Derived!, d => d.Name == "age_band" && d.Formula == "cut(age, [30, 50])");
    }

    [Fact]
    public void FilteredRowsKeepTheirFileRowInThePerPersonTableAndInErrors()
    {
        var plan = Plan("filter: [{ column: size, min: 3 }]");
        var people = Auditor.Decided(plan);
        var export = Auditor.PeopleOf(plan, people);
        var expected = People.Select((p, i) => (p, Row: i + 1)).Where(x => x.p.Size >= 3).Select(x => x.Row.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(expected, export.Ids);

        // A bad label on file row 4 (size 4, kept, the 2nd kept row) is reported as row 4, line 5, not as the 2nd row.
        var lines = File.ReadAllLines(dir.File("people.csv")).ToList();
        File.WriteAllLines(dir.File("people.csv"), lines.Select((l, i) => l + (i == 0 ? ",label" : i == 4 ? ",7" : ",0")));
        var bad = AuditPlanLoader.Load(dir.Write("plan2.yaml", File.ReadAllText(dir.File("plan.yaml")) + "\nroles: { label: label }\n"));
        var error = Assert.Throws<AuditInputException>(() => Auditor.Decided(bad));
        Assert.Equal(4, error.Row);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void GroupsMergeLevelsAndKeepMissingApartUnlessNamed()
    {
        var result = Auditor.Run(Plan("", """
            protected_attributes:
              - { column: region, groups: { coast: [north, west], inland: "*" }, reference: inland }
            """), "test");
        var groups = result.Fairness.Attributes.Single().Groups.ToDictionary(g => g.Group.Label, g => g.Count.Value);
        Assert.Equal(People.Count(p => p.Region is "north" or "west"), groups["coast"]);
        Assert.Equal(People.Count(p => p.Region is "south" or "east"), groups["inland"]);
        Assert.Equal(1, groups[GroupAssignment.MissingLabel]);

        var named = Auditor.Run(Plan("", """
            protected_attributes:
              - { column: region, groups: { coast: [north, west, "(missing)"], inland: [south, east] } }
            """), "test");
        var merged = named.Fairness.Attributes.Single().Groups.ToDictionary(g => g.Group.Label, g => g.Count.Value);
        Assert.Equal(People.Count(p => p.Region is "north" or "west" or null), merged["coast"]);
        Assert.Equal(2, merged.Count);
    }

    [Theory]
    [InlineData("filter: [{ column: sizee, min: 3 }]", "did you mean 'size'")]
    [InlineData("filter: [{ column: size }]", "needs min, max, in or not_in")]
    [InlineData("filter: [{ column: size, min: 3, max: 1 }]", "min is above max")]
    [InlineData("filter: [{ column: size, min: 30 }]", "the filter keeps none of the 40 rows")]
    [InlineData("filter: [{ column: region, min: 3 }]", "min and max apply to numeric columns")]
    [InlineData("derive: [{ name: x, formula: \"incme * 2\" }]", "did you mean 'income'")]
    [InlineData("derive: [{ name: income, formula: \"size * 2\" }]", "the column 'income' exists already")]
    [InlineData("derive: [{ name: x, formula: \"size\" }, { name: x, formula: \"size\" }]", "derived twice")]
    [InlineData("derive: [{ name: x, formula: \"cut(size, [2])\", type: categorical }]", "needs its levels")]
    [InlineData("derive: [{ name: x, formula: \"size\", levels: [a] }]", "levels apply to a categorical")]
    [InlineData("derive: [{ name: x, formula: \"size\", type: categorical, levels: [a, b] }]", "not the position of one of its 2 levels")]
    [InlineData("derive: [{ name: x, formula: \"income / (size - 1)\" }]", "gives no finite number")]
    public void BadRowsAndDerivedColumnsAreRefusedWithTheirPlace(string keys, string message)
    {
        var error = Assert.Throws<AuditInputException>(() => Auditor.Decided(Plan(keys)));
        Assert.Contains(message, error.Message);
        Assert.True(error.File?.EndsWith("plan.yaml") == true || error.File?.EndsWith("people.csv") == true, error.Message);
    }

    [Fact]
    public void ANonFiniteDerivedValueNamesItsRowAndColumn()
    {
        // size - 1 is 0 on the first row (size 1): row 1 of the file, line 2.
        var error = Assert.Throws<AuditInputException>(() => Auditor.Decided(Plan("derive: [{ name: ratio, formula: \"income / (size - 1)\" }]")));
        Assert.Equal(1, error.Row);
        Assert.Equal("ratio", error.Column);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("{ a: [north], b: [north, south], c: \"*\" }", "the level 'north' is named twice")]
    [InlineData("{ a: \"*\", b: \"*\" }", "two groups take \"*\"")]
    [InlineData("{ a: [north, \"*\"] }", "stands alone")]
    [InlineData("{ a: [] }", "has no level")]
    public void BadGroupsAreRefusedWhenThePlanIsRead(string groups, string message)
    {
        var error = Assert.Throws<AuditInputException>(() => Plan("", $"protected_attributes: [{{ column: region, groups: {groups} }}]"));
        Assert.Contains(message, error.Message);
        Assert.Contains("groups", error.KeyPath);
    }

    [Theory]
    [InlineData("region", "{ a: [north, south] }", "the level 'east' of the data is in no group")]
    [InlineData("region", "{ a: [nort], b: \"*\" }", "did you mean 'north'")]
    [InlineData("size", "{ a: [\"1\"], b: \"*\" }", "categorical or true/false column")]
    public void GroupsThatDoNotFitTheDataAreRefusedNamingTheLevel(string column, string groups, string message)
    {
        var error = Assert.Throws<AuditInputException>(() => Auditor.Decided(Plan("", $"protected_attributes: [{{ column: {column}, groups: {groups} }}]")));
        Assert.Contains(message, error.Message);
        Assert.EndsWith("plan.yaml", error.File);
    }

    [Fact]
    public void GroupsAndBandsTogetherAreRefused()
    {
        var error = Assert.Throws<AuditInputException>(() => Plan("", "protected_attributes: [{ column: age, bands: [30], groups: { a: \"*\" } }]"));
        Assert.Contains("cannot both group", error.Message);
    }

    [Fact]
    public void TheBuilderSaysTheSameAsThePlanFile()
    {
        var fromFile = Auditor.Run(Plan(Derive + "\nfilter: [{ column: per_head, min: 400 }]", """
            protected_attributes:
              - { column: age_band, reference: middle }
              - { column: region, groups: { coast: [north, west], inland: "*" }, reference: inland }
            """), "test");
        var table = Audit.Data.CsvTableReader.Read(dir.File("people.csv"));
        var built = new AuditContext().Plan("rows")
            .Data(table)
            .Scores("score", Audit.Models.AdverseTail.High)
            .Threshold(0.5)
            .MinCellSize(1)
            .Derive("per_head", "income / size")
            .Derive("senior", "age >= 50", ColumnType.Boolean)
            .Derive("age_band", "cut(age, [30, 50])", ColumnType.Categorical, ["young", "middle", "older"])
            .Derive("rich_band", "if(per_head > 1000, 1, 0)", ColumnType.Categorical, ["modest", "comfortable"])
            .Filter("per_head", min: 400)
            .Protect("age_band", reference: "middle")
            .ProtectGroups("region", [new LevelGroup("coast", ["north", "west"]), new LevelGroup("inland", [LevelGroup.Rest])], reference: "inland")
            .Build();
        var fromCode = Auditor.Run(built, "test");

        Assert.Equal(fromFile.Data.Rows, fromCode.Data.Rows);
        Assert.Equal(People.Count(p => p.Income / p.Size >= 400), fromCode.Data.Rows);
        Assert.Equal(fromFile.Data.Filter, fromCode.Data.Filter! with { Conditions = fromFile.Data.Filter!.Conditions });
        Assert.Equal(fromFile.Data.Filter!.Conditions.Select(c => (c.Column, c.Min, c.Removed)), fromCode.Data.Filter!.Conditions.Select(c => (c.Column, c.Min, c.Removed)));
        string Groups(AuditResult r) => string.Join("; ", r.Fairness.Attributes.SelectMany(a => a.Groups).Select(g => $"{g.Group}: {g.Count.Value} {g.Rates[GroupRate.SelectionRate.Key].Value}"));
        Assert.Equal(Groups(fromFile), Groups(fromCode));
        Assert.Contains("region = coast", Groups(fromCode));

        Assert.Throws<AuditInputException>(() => new AuditContext().Plan("rows").ProtectGroups("region", [new LevelGroup("a", ["x"]), new LevelGroup("b", ["x"])]));
        Assert.Throws<AuditInputException>(() => new AuditContext().Plan("rows").Derive("band", "cut(age, [30])", ColumnType.Categorical));
        Assert.Throws<AuditInputException>(() => new AuditContext().Plan("rows").Filter("age"));
    }
}
