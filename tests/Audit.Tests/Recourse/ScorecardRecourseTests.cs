using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;

namespace Audit.Tests.Recourse;

/// <summary>
/// Recourse on a three-feature scorecard small enough to check by hand: points = −1 × hours + 3 × late + 0.5 × age,
/// flagged at 0 points or more. The population holds hours 0..99 once each (so Q(h) = (h + 1) / 100), late true
/// for half of it (a flip costs |Q(0) − Q(1)| = 0.5), and age 20 for everyone but the last row.
/// </summary>
public sealed class ScorecardRecourseTests
{
    private const string Spec = """
        name: three-feature scorecard
        kind: linear
        adverse: high
        features:
          - { name: hours, type: numeric, weight: -1, actionability: increase_only }
          - { name: late, type: boolean, weight: 3, actionability: decrease_only }
          - { name: age, type: numeric, weight: 0.5, actionability: immutable }
        """;

    private static readonly LinearModel Model = LinearModelSpec.Parse(Spec, "scorecard.yaml");

    private static Table Population() => new([
        new NumericColumn("hours", [.. Enumerable.Range(0, 100).Select(h => (double)h)]),
        new BooleanColumn("late", [.. Enumerable.Range(0, 100).Select(h => (byte)(h % 2))]),
        new NumericColumn("age", [.. Enumerable.Range(0, 100).Select(h => h == 99 ? 60.0 : 20.0)]),
    ]);

    private static RecourseEngine Engine(params FeatureRuleOverride[] rules) =>
        RecourseEngine.Create(Model, Population(), new RecourseOptions
        {
            Features = rules.Any(r => r.Feature == "hours") ? rules : [new FeatureRuleOverride("hours", 1, "recourse.features.hours") { Min = 0, Max = 99, Step = 1 }, .. rules],
        }, new DecisionTarget(0, AdverseTail.High, Ranked: false));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CheapestChangeIsFourMoreHours(bool cpSat)
    {
        // hours 10, late, age 20: 3 points. Dropping "late" removes exactly 3 (not enough: 0 is still flagged);
        // 14 hours remove 4 and cost Q(14) − Q(10) = 0.15 − 0.11 = 0.04, against 0.5 + 0.01 for late and 11 hours.
        var engine = Engine();
        Assert.Equal("exact-additive", engine.Method);
        var result = engine.Solve([10, 1, 20], 3, seed: 1, useCpSat: cpSat);
        Assert.Equal(RecourseStatus.Found, result.Status);
        Assert.True(result.ProvenOptimal);
        var change = Assert.Single(result.Changes);
        Assert.Equal("hours", change.Name);
        Assert.Equal(14, change.To);
        Assert.Equal(0.04, result.Cost, 12);
        Assert.Equal(-1, result.ScoreAfter, 12);
    }

    [Fact]
    public void DearerHoursMakeDroppingLateWorthIt()
    {
        // At 0.2 per hour, 4 hours cost 0.8; late (0.5) plus one hour (0.2) costs 0.7 and reaches −1.
        var engine = Engine(new FeatureRuleOverride("hours", 1, "recourse.features.hours") { Min = 0, Max = 99, Step = 1, CostPerUnit = 0.2 });
        var result = engine.Solve([10, 1, 20], 3, seed: 1);
        Assert.Equal(0.7, result.Cost, 12);
        Assert.Equal(["hours", "late"], result.Changes.Select(c => c.Name).Order());
    }

    [Fact]
    public void FlaggedForImmutableTraitsOnlyHasNoRecourse()
    {
        // Everything immutable: a flagged person can change nothing.
        var engine = Engine(
            new FeatureRuleOverride("hours", 1, "recourse.features.hours") { Actionability = Actionability.Immutable },
            new FeatureRuleOverride("late", 2, "recourse.features.late") { Actionability = Actionability.Immutable });
        var result = engine.Solve([10, 1, 20], 3, seed: 1);
        Assert.Equal(RecourseStatus.None, result.Status);
        Assert.True(result.ProvenOptimal);
        Assert.Empty(result.Changes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AgeOutweighingEveryActionIsProvenHopeless(bool cpSat)
    {
        // Age 60 gives 30 points; hours up to 20 (−10 more) and dropping late (−3) leave 30 − 20 − 0 = 10 > 0.
        var engine = Engine(new FeatureRuleOverride("hours", 1, "recourse.features.hours") { Min = 0, Max = 20, Step = 1 });
        var result = engine.Solve([10, 1, 60], 23, seed: 1, useCpSat: cpSat);
        Assert.Equal(RecourseStatus.None, result.Status);
    }

    [Fact]
    public void DirectionIsRespectedEvenWhenTheOtherWayWouldHelp()
    {
        // Adverse low now: a person needs MORE points, which fewer hours would give, but hours only increase;
        // only turning "late" on (forbidden: decrease only) would help otherwise. So: no recourse.
        var engine = RecourseEngine.Create(Model, Population(), new RecourseOptions(), new DecisionTarget(100, AdverseTail.Low, Ranked: false));
        var result = engine.Solve([10, 0, 20], 0, seed: 1);
        Assert.Equal(RecourseStatus.None, result.Status);
    }

    [Fact]
    public void SearchFindsAChangeOnTheSameScorecardButClaimsNoProof()
    {
        var engine = RecourseEngine.Create(Model, Population(), new RecourseOptions
        {
            Method = "search",
            Features = [new FeatureRuleOverride("hours", 1, "recourse.features.hours") { Min = 0, Max = 99, Step = 1 }],
        }, new DecisionTarget(0, AdverseTail.High, Ranked: false));
        Assert.Equal("search", engine.Method);
        var result = engine.Solve([10, 1, 20], 3, seed: 7);
        Assert.Equal(RecourseStatus.Found, result.Status);
        Assert.False(result.ProvenOptimal);
        Assert.True(result.ScoreAfter < 0);
        Assert.True(result.Cost >= 0.04 - 1e-12, "search cannot beat the proven optimum");
    }

    [Fact]
    public void DataErrorsThatWouldLiftTheFlagAreFound()
    {
        var engine = Engine();
        var errors = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target);
        // hours 10 (Q = 0.11): within 10 percentile points hours can read up to 20, and 14 or more unflags (score 3 − 4);
        // late recorded wrongly as 0 gives exactly 0, still flagged; age 20 could read 60, which only raises the score.
        // hours 12, late, age 20 (score 1): late wrong lifts the flag too (score −2).
        var found = errors.Run([[10, 1, 20], [12, 1, 20], [0, 0, 60]]);
        Assert.Equal([0], found[0]);
        Assert.Equal([0, 1], found[1]);
        // hours 0, not late, age 60 (score 30): hours can read at most 10 (score 20), age 20 (score 10): still flagged.
        Assert.Empty(found[2]);
        Assert.Equal([60.0], errors.Alternatives(2, 20));
    }

    [Fact]
    public void FlaggedForWhoTheyAreMeansTypicalImmutablesWouldLiftTheFlag()
    {
        var engine = Engine();
        var immutable = new ImmutableCounterfactual(engine.Actions, engine.Score, engine.Target);
        // Age is the only immutable input; its median is 20.
        Assert.Equal([("age", "20")], immutable.Reference);
        // 12 hours, on time, age 60: 18 points, and −2 at age 20. 10 hours, late, age 60: 23, still 3 at age 20.
        // Age 20 already: nothing changes.
        Assert.Equal([true, false, false], immutable.Run([[12, 0, 60], [10, 1, 60], [10, 1, 20]]));
    }

    [Fact]
    public void PlausibilityIsTheDistanceToTheNearestRealPerson()
    {
        var actions = ActionabilityModel.Build(Model, Population(), new RecourseOptions());
        // Person 0 (hours 0, on time, age 20) moved to hours 5, late: exactly person 5, so distance 0. As they are,
        // person 0's nearest other person is person 2 (hours 2, on time): Q(2) − Q(0) = 0.02.
        var measured = Plausibility.Measure(actions, Population(), [(0, [0, 0, 20], [5, 1, 20])])!.Value;
        Assert.Equal(0, measured.Counterfactual, 12);
        Assert.Equal(0.02, measured.Original, 12);
        Assert.Equal(100, measured.Population);
    }

    [Fact]
    public void PercentileCostIsTheShiftInTheEmpiricalDistribution()
    {
        var actions = ActionabilityModel.Build(Model, Population(), new RecourseOptions());
        Assert.Equal(0.11, actions.Percentile(0, 10), 12);
        Assert.Equal(0.5, actions.Cost(1, 1, 0), 12);
        // Default range: the 1st to 99th percentile of hours (order statistics 0 and 98).
        Assert.Equal(0, actions.Rules[0].Min);
        Assert.Equal(98, actions.Rules[0].Max);
        Assert.False(actions.Rules[2].IsActionable);
    }
}

public sealed class BreakpointTests
{
    [Theory]
    [InlineData(-2.5)]
    [InlineData(-1e-7)]
    [InlineData(0.0)]
    [InlineData(3.25)]
    public void TheValueJustBelowATreeBreakpointIsAtOrBelowTheThreshold(double threshold)
    {
        // The breakpoint as TreeRecourse writes it: the threshold plus a millionth of its size (at least 1e-9).
        var edge = threshold + Math.Max(Math.Abs(threshold) * 1e-6, 1e-9);
        var below = Audit.Recourse.ActionabilityModel.JustBelow(edge, step: null, wholeNumbers: false);
        Assert.True(below <= threshold, $"{below} is above the threshold {threshold}");
        Assert.True(edge > threshold);
    }
}
