using System.Text.Json;
using Audit.Data;
using Audit.Fairness;
using Audit.Plan;
using Audit.Results;

namespace Audit.Tests.Api;

/// <summary>
/// The entry for statistics counted where the data lives (docs/national-scale.md): counts made outside Audit, by a
/// hand-written GROUP BY over the raw arrays, give the same fairness section as the audit of the rows.
/// </summary>
public sealed class CountedFairnessTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CountsFromAGroupByGiveTheFairnessSectionOfTheRows(bool frequencyWeights)
    {
        var people = ApiPeople.Table();
        var months = ((NumericColumn)people["months_on_benefit"]).Values.ToArray();
        var decisions = months.Select(m => m >= 40 ? 1 : 0).ToArray();
        var weights = Enumerable.Range(0, ApiPeople.Rows).Select(i => 1 + i % 3).ToArray();
        var table = new TableBuilder();
        foreach (var column in people.Columns)
        {
            table.Add(column);
        }
        table.Numbers("decision", decisions).Numbers("w", weights);

        var audit = new AuditContext(seed: 3);
        var builder = audit.Plan("counts").Data(table.Build()).Decisions("decision").Label("fraud")
            .Protect("sex", reference: "M").Protect("region").Intersect("sex", "region").Bootstrap(100);
        if (frequencyWeights)
        {
            builder.Weights("w", WeightKind.Frequency);
        }
        var fromRows = audit.Run(builder.Build()).Fairness;

        // The GROUP BY, by hand: sex, region, label, decision → count(*) and sum(w).
        var sex = (CategoricalColumn)people["sex"];
        var region = (CategoricalColumn)people["region"];
        var fraud = ((NumericColumn)people["fraud"]).Values.ToArray();
        var groupBy = Enumerable.Range(0, ApiPeople.Rows)
            .GroupBy(i => (Sex: sex[i], Region: region[i], Label: (int)fraud[i], Decision: decisions[i]))
            .Select(g => new GroupByRow([g.Key.Sex, g.Key.Region], g.Key.Label, g.Key.Decision, g.Count(), frequencyWeights ? g.Sum(i => weights[i]) : null))
            .Reverse() // an engine returns groups in any order
            .ToArray();
        string[] LevelsOf(string column) => GroupAssignment.FromColumn(people[column], null).Levels;
        var statistics = GroupByCounts.FromGroupBy(["sex", "region"], [LevelsOf("sex"), LevelsOf("region")], groupBy);
        var options = new FairnessOptions { BootstrapReplicates = 100, Seed = 3, Intersections = [[0, 1]], FrequencyWeights = frequencyWeights };
        var fromCounts = audit.Fairness(statistics, options, [new CountedAttribute(Reference: "M"), new CountedAttribute()],
            frequencyWeights ? WeightKind.Frequency : null);

        Assert.Equal(2, fromCounts.Attributes.Count);
        Assert.Equal(JsonSerializer.Serialize(fromRows, AuditResultJson.Options), JsonSerializer.Serialize(fromCounts, AuditResultJson.Options));
    }

    [Fact]
    public void SamplingWeightedCountsAreNotBootstrapped()
    {
        var statistics = GroupByCounts.FromGroupBy(["sex"], [["F", "M"]], [new GroupByRow(["F"], 0, 1, 20, 31.5), new GroupByRow(["M"], 1, 0, 20, 12.0)]);
        var error = Assert.Throws<AuditInputException>(() => new AuditContext().Fairness(statistics, new FairnessOptions(), weights: WeightKind.Sampling));
        Assert.Contains("bootstrap", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlagRateFromCountsIsTheCountedShare()
    {
        // 30 of 120 women flagged and 10 of 80 men: 25 % and 12.5 %, so the flag-rate ratio to the men (the named reference) is 2.
        var statistics = GroupByCounts.FromGroupBy(["sex"], [["F", "M"]],
            [new GroupByRow(["F"], null, 1, 30), new GroupByRow(["F"], null, 0, 90), new GroupByRow(["M"], null, 1, 10), new GroupByRow(["M"], null, 0, 70)]);
        var section = new AuditContext().Fairness(statistics, new FairnessOptions { BootstrapReplicates = 0 }, [new CountedAttribute(Reference: "M")]);

        var groups = section.Attributes[0].Groups;
        Assert.Equal(0.25, groups.Single(g => g.Group.Label == "F").Rates[GroupRate.SelectionRate.Key].Value);
        Assert.Equal(0.125, groups.Single(g => g.Group.Label == "M").Rates[GroupRate.SelectionRate.Key].Value);
        Assert.Equal(2.0, groups.Single(g => g.Group.Label == "F").FlagRateRatio.Value!.Value, 12);
        Assert.Equal(200, section.Overall.Count.Value);
    }
}
