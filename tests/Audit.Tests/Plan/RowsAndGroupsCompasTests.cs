using System.Globalization;
using Audit.Plan;
using Audit.Results;

namespace Audit.Tests.Plan;

/// <summary>
/// The plan's <c>filter:</c> and <c>groups:</c> on ProPublica's COMPAS file (../shared/datasets), each checked against
/// counts made in the test from the raw CSV with plain C#: ProPublica's screening filters written out again here
/// (days_b_screening_arrest within ±30, is_recid ≠ −1, c_charge_degree ≠ O, score_text ≠ N/A: 6,172 rows in
/// ProPublica's notebook), the decision decile_score ≥ 5, and race merged by hand.
/// </summary>
public sealed class RowsAndGroupsCompasTests : IDisposable
{
    private static readonly string DataPath = SharedData.PathOf("datasets/compas-scores-two-years.csv");
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>The raw file, each row a dictionary of its fields (quoted fields with commas read as one field).</summary>
    private static List<Dictionary<string, string>> RawRows()
    {
        var lines = File.ReadAllLines(DataPath);
        var header = Split(lines[0]);
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = Split(line);
            var row = new Dictionary<string, string>();
            for (var i = 0; i < header.Count; i++)
            {
                row.TryAdd(header[i], fields[i]); // the file repeats decile_score: the first copy (identical values)
            }
            rows.Add(row);
        }
        return rows;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>ProPublica's four conditions, one by one, as in "Compas Analysis.ipynb".</summary>
    private static readonly Func<Dictionary<string, string>, bool>[] ProPublica =
    [
        r => double.TryParse(r["days_b_screening_arrest"], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= -30 && d <= 30,
        r => r["is_recid"] != "-1",
        r => r["c_charge_degree"] != "O",
        r => r["score_text"] != "N/A",
    ];

    private static bool Flagged(Dictionary<string, string> r) => int.Parse(r["decile_score"], CultureInfo.InvariantCulture) >= 5;

    private AuditResult Run(string extra, string protectedAttributes)
    {
        var plan = dir.Write("plan.yaml", $"""
            name: compas-rows
            data: {"{"} path: compas-scores-two-years.csv {"}"}
            roles: {"{"} id: id, label: two_year_recid {"}"}
            model: {"{"} score_column: decile_score, adverse: high {"}"}
            policy: {"{"} threshold: 5 {"}"}
            min_cell_size: 1
            inference: {"{"} bootstrap: 0 {"}"}
            explanations: {"{"} enabled: false {"}"}
            {protectedAttributes}
            {extra}
            """);
        return Auditor.Run(AuditPlanLoader.Load(plan, DataPath), "test");
    }

    private const string Filter = """
        filter:
          - { column: days_b_screening_arrest, min: -30, max: 30 }
          - { column: is_recid, not_in: [-1] }
          - { column: c_charge_degree, not_in: [O] }
          - { column: score_text, not_in: [N/A] }
        """;

    private static Dictionary<string, (double Count, double Flagged)> ByGroup(AuditResult result, string attribute) =>
        result.Fairness.Attributes.Single(a => a.Attribute == attribute).Groups.ToDictionary(
            g => g.Group.Label,
            g => (g.Count.Value!.Value, g.Count.Value!.Value * g.Rates[GroupRate.SelectionRate.Key].Value!.Value));

    [Fact]
    public void FilterKeepsProPublicasScreenedSampleAndTheFlagsByRaceOfThoseRows()
    {
        var raw = RawRows();
        var kept = raw.Where(r => ProPublica.All(c => c(r))).ToList();
        Assert.Equal(6172, kept.Count); // ProPublica's n, and the test's own count agrees

        var result = Run(Filter, "protected_attributes: [race]");

        Assert.Equal(kept.Count, result.Data.Rows);
        var filter = result.Data.Filter!;
        Assert.Equal(raw.Count, filter.RowsRead);
        Assert.Equal(kept.Count, filter.RowsKept);
        Assert.Equal(raw.Count - kept.Count, filter.RowsRemoved);
        // Each condition in turn removes the rows that met the ones before it and fail it.
        var left = raw;
        for (var i = 0; i < ProPublica.Length; i++)
        {
            var next = left.Where(ProPublica[i]).ToList();
            Assert.Equal(left.Count - next.Count, filter.Conditions[i].Removed);
            left = next;
        }
        Assert.Equal(("is_recid", "-1"), (filter.Conditions[1].Column, Assert.Single(filter.Conditions[1].NotIn!)));

        Assert.Equal(kept.Count(Flagged), result.Policy.Flagged);
        var groups = ByGroup(result, "race");
        foreach (var race in kept.Select(r => r["race"]).Distinct())
        {
            var rows = kept.Where(r => r["race"] == race).ToList();
            Assert.Equal(rows.Count, groups[race].Count);
            Assert.Equal(rows.Count(Flagged), groups[race].Flagged, 1e-9);
        }
        Assert.Equal(kept.Select(r => r["race"]).Distinct().Count(), groups.Count);
    }

    [Fact]
    public void GroupsMergeRaceIntoWhiteAndEveryoneElseInTablesAndIntersections()
    {
        var raw = RawRows();
        var result = Run("intersections: pairs", """
            protected_attributes:
              - { column: race, groups: { White: [Caucasian], Other: "*" }, reference: White, order: [White, Other] }
              - { column: sex }
            """);

        string Merge(Dictionary<string, string> r) => r["race"] == "Caucasian" ? "White" : "Other";
        var race = ByGroup(result, "race");
        Assert.Equal(["White", "Other"], result.Fairness.Attributes.Single(a => a.Attribute == "race").Groups.Select(g => g.Group.Label));
        Assert.Equal("White", result.Fairness.Attributes.Single(a => a.Attribute == "race").Reference!.Label);
        foreach (var group in new[] { "White", "Other" })
        {
            var rows = raw.Where(r => Merge(r) == group).ToList();
            Assert.Equal(rows.Count, race[group].Count);
            Assert.Equal(rows.Count(Flagged), race[group].Flagged, 1e-9);
        }
        var crossing = result.Fairness.Intersections.Single();
        foreach (var g in crossing.Groups)
        {
            var rows = raw.Where(r => Merge(r) == g.Group.Parts[0].Value && r["sex"] == g.Group.Parts[1].Value).ToList();
            Assert.Equal(rows.Count, g.Count.Value);
        }
        Assert.Equal(4, crossing.Groups.Count);
    }

    [Fact]
    public void FilterAndGroupsTogetherCountTheScreenedRowsMerged()
    {
        var kept = RawRows().Where(r => ProPublica.All(c => c(r))).ToList();
        var result = Run(Filter, """
            protected_attributes:
              - { column: race, groups: { Black: [African-American], White: [Caucasian], Other: "*" }, reference: White }
            """);
        var race = ByGroup(result, "race");
        Assert.Equal(kept.Count(r => r["race"] == "African-American"), race["Black"].Count);
        Assert.Equal(kept.Count(r => r["race"] == "Caucasian" && Flagged(r)), race["White"].Flagged, 1e-9);
        Assert.Equal(kept.Count(r => r["race"] is not ("African-American" or "Caucasian")), race["Other"].Count);
    }
}
