using Audit.Tests.Cli;
using System.Text.Json;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Results;
using Audit.Tests.Recourse;
using Audit.Pipeline;

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
        return Auditor.Run(TrustedPlans.Load(plan), "audit run plan.yaml");
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

    /// <summary>1,500 CAF-like households scored by the reconstructed CAF spec, top 10 % flagged, and the plan's recourse engine.</summary>
    private (Table Table, double[] Scores, Audit.Policy.PolicyOutcome Outcome, Audit.Recourse.RecourseEngine Engine) RecourseSetup()
    {
        var table = CafLikeHouseholds.Generate(1500, 7);
        CsvTableWriter.Write(table, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction)));
        var model = LinearModelSpec.Load(spec, "caf-reconstructed.yaml");
        var scores = model.Score(table);
        var outcome = plan.Policy.Decide(scores, model.Adverse);
        var people = new DecidedPopulation { Table = table, Model = model, Scores = scores, Policy = plan.Policy, Outcome = outcome, Attributes = [] };
        var engine = RecourseStep.EngineFor(people, Auditor.ContextOf(plan));
        return (table, scores, outcome, engine);
    }

    /// <summary>Recourse hides a group because the fairness section hides it, even a large one it would show on its own.</summary>
    [Fact]
    public void RecourseHidesAGroupTheFairnessSectionHides()
    {
        var (table, scores, outcome, engine) = RecourseSetup();
        Audit.Fairness.Cells.GroupAssignment[] groups = [Audit.Fairness.Cells.GroupAssignment.FromColumn(table["sexe"], null)];
        Metric Flagged(Audit.Fairness.DisclosurePolicy? hiding, string sex) =>
            Audit.Recourse.RecourseAudit.Run(engine, table, scores, outcome.Flags, groups, [], 10, 0.95, 1, null, null, hiding)
                .Section.ByGroup.Single().Groups.Single(g => g.Group.Label == sex).Flagged;
        Assert.True(Flagged(null, "M").Value >= 10);
        var hidden = Audit.Fairness.DisclosurePolicy.Of(10, [GroupKey.Of(["sexe"], ["M"])]);
        Assert.True(Flagged(hidden, "M").Suppressed == true);
        Assert.NotNull(Flagged(hidden, "F").Value);
    }

    /// <summary>A lone small group of flagged people gets a complement in recourse's own tables, and groups nobody flagged are listed.</summary>
    [Fact]
    public void RecourseTablesOfFlaggedPeopleHaveNoLoneHiddenGroup()
    {
        var (table, scores, outcome, engine) = RecourseSetup();
        // Three flagged people in x, every other flagged person alternately in y and z, and w with nobody flagged.
        var flaggedRows = Enumerable.Range(0, table.RowCount).Where(r => outcome.Flags[r] == 1).ToArray();
        var codes = new int[table.RowCount];
        for (var k = 0; k < flaggedRows.Length; k++)
        {
            codes[flaggedRows[k]] = k < 3 ? 0 : 1 + k % 2;
        }
        for (var r = 0; r < table.RowCount; r++)
        {
            codes[r] = outcome.Flags[r] == 1 ? codes[r] : r % 2 == 0 ? 3 : 1;
        }
        var marker = new Audit.Fairness.Cells.GroupAssignment("marker", codes, ["x", "y", "z", "w"]);
        var rows = Audit.Recourse.RecourseAudit.Run(engine, table, scores, outcome.Flags, [marker], [], 10, 0.95, 1, null)
            .Section.ByGroup.Single().Groups.ToDictionary(g => g.Group.Label);
        Assert.Equal(["w", "x", "y", "z"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.True(rows["x"].Flagged.Suppressed == true && rows["w"].Flagged.Suppressed == true);
        // x (3) and w (0) hidden together hold fewer than 10 flagged: the smaller of y and z is hidden too.
        Assert.Equal(3, rows.Values.Count(g => g.Flagged.Suppressed == true));
    }
}
