using System.Text.Json;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Results;
using Audit.Tests.Recourse;

namespace Audit.Tests.Fairness;

/// <summary>
/// A planted group of 3 flagged people (nationalite = apatride) that the fairness section hides must not come back
/// with numbers in any later stage: explanations, recourse.
/// </summary>
public sealed class HiddenGroupsLeakTests : IDisposable
{
    private const string Planted = "apatride";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private AuditResult RunAudit()
    {
        var table = CafLikeHouseholds.Generate(2000, 20261124);
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var scores = LinearModelSpec.Load(spec, "caf-reconstructed.yaml").Score(table);
        var top = Enumerable.Range(0, table.RowCount).OrderByDescending(r => scores[r]).ThenBy(r => r).Take(3).ToHashSet();
        var nationalite = (CategoricalColumn)table["nationalite"];
        table = table.WithColumn(CategoricalColumn.FromValues("nationalite",
            Enumerable.Range(0, table.RowCount).Select(r => top.Contains(r) ? Planted : nationalite[r]).ToArray()));
        CsvTableWriter.Write(table, folder.File("households.csv"));
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var plan = folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction) + """

            designs:
              capacity: { fractions: [0.05, 0.1] }
              flip: [nationalite]
              drop_one: true
            """);
        return Auditor.Run(AuditPlanLoader.Load(plan), "audit run plan.yaml");
    }

    [Fact]
    public void APlantedThreePersonGroupIsHiddenInEveryStage()
    {
        var result = RunAudit();
        var hidden = result.Fairness.Attributes.Single(a => a.Attribute == "nationalite").Groups.Single(g => g.Group.Label == Planted);
        Assert.True(hidden.Count.Suppressed == true);

        // Explanations: the planted group is never decomposed.
        Assert.NotNull(result.Explanations);
        Assert.DoesNotContain(result.Explanations.Decompositions, d => d.Group == Planted || d.Reference == Planted);
        Assert.Contains(result.Explanations.Decompositions, d => d.Attribute == "nationalite");
        var json = JsonDocument.Parse(AuditResultJson.Serialize(result)).RootElement;
        Assert.DoesNotContain(Planted, json.GetProperty("explanations").GetRawText(), StringComparison.Ordinal);
        // And every group the fairness section hides is hidden from the decomposition.
        foreach (var d in result.Explanations.Decompositions)
        {
            var group = result.Fairness.Attributes.Single(a => a.Attribute == d.Attribute).Groups.Single(g => g.Group.Label == d.Group);
            Assert.False(group.Count.Suppressed == true, $"{d.Attribute} = {d.Group} is hidden by the fairness section");
        }

        // Recourse: every group of the population is listed (those with nobody flagged too), every group the fairness
        // section hides is hidden, and no table of flagged people has a lone hidden group (it would be the overall
        // figure minus the others).
        var recourse = result.Recourse!;
        var min = result.Fairness.MinCellSize;
        foreach (var table in recourse.ByGroup)
        {
            var fairnessTable = result.Fairness.Attributes.Concat(result.Fairness.Intersections)
                .Single(a => a.Groups[0].Group.Parts.Select(p => p.Key).SequenceEqual(table.Attributes));
            Assert.Equal(fairnessTable.Groups.Select(g => g.Group).ToHashSet(), table.Groups.Select(g => g.Group).ToHashSet());
            foreach (var g in table.Groups)
            {
                if (fairnessTable.Groups.Single(f => f.Group.Equals(g.Group)).Count.Suppressed == true)
                {
                    Assert.True(g.Flagged.Suppressed == true && g.NoRecourse.Value is null, $"{g.Group} is hidden by the fairness section");
                }
                Assert.True(g.Flagged.Suppressed == true || g.Flagged.Value >= min);
            }
            if (table.Attributes.Count == 1)
            {
                Assert.NotEqual(1, table.Groups.Count(g => g.Flagged.Suppressed == true));
            }
        }
        var planted = recourse.ByGroup.Single(t => t.Attributes.SequenceEqual(["nationalite"])).Groups.Single(g => g.Group.Label == Planted);
        Assert.True(planted.Flagged.Suppressed == true);
        Assert.All(recourse.Levers, l => Assert.True(l.Used is null || l.Used >= min));
        Assert.All(recourse.Levers, l => Assert.True(l.Alone is null || l.Alone >= min));
        Assert.All(recourse.DataErrors!.Inputs, i => Assert.True(i.People is null || i.People >= min));

        // Designs: the capacity sweep and the attribute flip hide every group the fairness section hides, row counts included.
        var hiddenLabels = result.Fairness.Attributes.Single(a => a.Attribute == "nationalite").Groups.Where(g => g.Count.Suppressed == true).Select(g => g.Group.Label).ToHashSet();
        Assert.True(hiddenLabels.Count >= 2);
        var designs = result.Designs!;
        foreach (var point in designs.Capacity!.Points)
        {
            Assert.All(point.Groups.Where(g => g.Attribute == "nationalite" && hiddenLabels.Contains(g.Group)), g => Assert.True(g.FlagRate.Suppressed == true, $"{g.Group} at {point.Fraction}"));
        }
        foreach (var variant in designs.DropOne!)
        {
            Assert.DoesNotContain(variant.SideChanges, c => c.Attribute == "nationalite" && hiddenLabels.Contains(c.Group));
            Assert.All(variant.Groups.Where(g => g.Attribute == "nationalite" && hiddenLabels.Contains(g.Group)), g => Assert.True(g.FlagRate.Suppressed == true));
        }
        foreach (var scenario in designs.Flips!.Single().Scenarios)
        {
            Assert.All(scenario.Groups.Where(g => hiddenLabels.Contains(g.Group)), g =>
            {
                Assert.Null(g.Rows);
                Assert.True(g.ObservedFlagRate.Suppressed == true && g.FlippedFlagRate.Suppressed == true);
            });
        }
    }
}
