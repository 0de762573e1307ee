using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;

namespace Audit.Tests.Recourse;

/// <summary>
/// A category written as three boolean columns (one-hot, as trained models take it): recourse moves the group as
/// one input, never to a state with two regions or, when nobody has it, none.
/// </summary>
public sealed class OneHotRecourseTests
{
    private const string Spec = """
        name: regions
        kind: linear
        adverse: high
        features:
          - { name: region_a, type: boolean, weight: 0, actionability: free }
          - { name: region_b, type: boolean, weight: 1, actionability: free }
          - { name: region_c, type: boolean, weight: 2, actionability: free }
          - { name: age, type: numeric, weight: 0.01, actionability: immutable }
        """;

    private static readonly LinearModel Model = LinearModelSpec.Parse(Spec, "regions.yaml");

    private static Table Population() => new([
        new BooleanColumn("region_a", [.. Enumerable.Range(0, 30).Select(i => (byte)(i % 3 == 0 ? 1 : 0))]),
        new BooleanColumn("region_b", [.. Enumerable.Range(0, 30).Select(i => (byte)(i % 3 == 1 ? 1 : 0))]),
        new BooleanColumn("region_c", [.. Enumerable.Range(0, 30).Select(i => (byte)(i % 3 == 2 ? 1 : 0))]),
        new NumericColumn("age", [.. Enumerable.Range(0, 30).Select(i => 20.0 + i)]),
    ]);

    private static RecourseOptions Options(string method = "auto") => new()
    {
        Method = method,
        OneHot = [new OneHotGroup("region", ["region_a", "region_b", "region_c"], 1, "recourse.one_hot.region")],
        Features = [new FeatureRuleOverride("region", 2, "recourse.features.region") { ChangeCost = 0.3 }],
    };

    [Theory]
    [InlineData("auto")]
    [InlineData("search")]
    public void TheGroupMovesAsOneCategory(string method)
    {
        // Region c (2 points) and age 22 (0.22): 2.22, flagged from 1.5. Moving to b gives 1.22, to a 0.22; both cost 0.3.
        var engine = RecourseEngine.Create(Model, Population(), Options(method), new DecisionTarget(1.5, AdverseTail.High, Ranked: false));
        var codec = engine.Actions.Codec;
        Assert.Equal(2, codec.Count);
        Assert.Equal(["region_a", "region_b", "region_c"], codec.LevelsOf(0));
        var person = new double[2];
        codec.Read(2, person);
        Assert.Equal([2.0, 22.0], person);
        var result = engine.Solve(person, 2.22, seed: 1);
        Assert.Equal(RecourseStatus.Found, result.Status);
        var change = Assert.Single(result.Changes);
        Assert.Equal("region", change.Name);
        Assert.Equal("region_c", change.FromText);
        Assert.Contains(change.ToText, new[] { "region_a", "region_b" });
        Assert.Equal(0.3, result.Cost, 12);
        // Written back as the three columns, exactly one set.
        var table = codec.Build([[change.To, 22]]);
        var set = new[] { "region_a", "region_b", "region_c" }.Count(c => ((BooleanColumn)table[c]).Values[0] == 1);
        Assert.Equal(1, set);
    }

    [Fact]
    public void TwoColumnsOfAGroupSetIsAnErrorNamingTheRow()
    {
        var population = new Table([
            new BooleanColumn("region_a", [1, 1]),
            new BooleanColumn("region_b", [0, 1]),
            new BooleanColumn("region_c", [0, 0]),
            new NumericColumn("age", [30, 40]),
        ]);
        var engine = RecourseEngine.Create(Model, population, Options(), new DecisionTarget(1.5, AdverseTail.High, Ranked: false));
        engine.Actions.Codec.Read(0, new double[2]);
        var error = Assert.Throws<AuditInputException>(() => engine.Actions.Codec.Read(1, new double[2]));
        Assert.Equal(2, error.Row);
        Assert.Equal("region_b", error.Column);
    }

    [Fact]
    public void AMemberCannotHaveARuleOfItsOwn()
    {
        var options = Options() with { Features = [new FeatureRuleOverride("region_b", 4, "recourse.features.region_b") { ChangeCost = 1 }] };
        var error = Assert.Throws<AuditInputException>(() => RecourseEngine.Create(Model, Population(), options, new DecisionTarget(1.5, AdverseTail.High, Ranked: false)));
        Assert.Contains("belongs to the one-hot group 'region'", error.Message);
        Assert.Equal(4, error.Line);
    }
}
