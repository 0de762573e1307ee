using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;
using Audit.Tests.Models;

namespace Audit.Tests.Recourse;

/// <summary>
/// Recourse asks the model for capabilities (declared actionability, bin edges), not for its type: a model that is not
/// a <see cref="LinearModel"/> but offers them gets the treatment a spec gets. The case is small enough to solve by hand:
/// points = 5 below an income of 10 (else 0) + 0.2 × age, flagged at 6 or more; the person has income 5.5 and age 20
/// (9 points). Age is immutable; income may move at 1 per unit. Only crossing the bin edge helps (4 points), and the
/// cheapest crossing is income exactly 10: cost 10 − 5.5 = 4.5.
/// </summary>
public sealed class RecourseByCapabilityTests
{
    private static readonly DecisionTarget Target = new(6, AdverseTail.High, Ranked: false);

    // Income 0.5, 1.5, ..., 19.5: no value is a bin edge or a whole number, so 10 reaches the grid only as a bin edge.
    private static Table Population() => new([
        new NumericColumn("income", [.. Enumerable.Range(0, 20).Select(i => i + 0.5)]),
        new NumericColumn("age", [.. Enumerable.Range(0, 20).Select(i => 18.0 + i)]),
    ]);

    private static RecourseOptions Options() => new()
    {
        Grid = 3,
        Features = [new FeatureRuleOverride("income", 1, "recourse.features.income") { CostPerUnit = 1 }],
    };

    private static PersonRecourse Solve(IScoringModel model, out RecourseEngine engine)
    {
        engine = RecourseEngine.Create(model, Population(), Options(), Target);
        return engine.Solve([5.5, 20], 9, seed: 1);
    }

    [Fact]
    public void AModelOfferingTheCapabilitiesCrossesTheBinEdgeAndLeavesImmutableInputsAlone()
    {
        var result = Solve(new BinnedScorecardDouble(), out var engine);
        Assert.Equal("exact-additive", engine.Method);
        Assert.Equal(RecourseStatus.Found, result.Status);
        var change = Assert.Single(result.Changes);
        Assert.Equal("income", change.Name);
        Assert.Equal(10, change.To);
        Assert.Equal(4.5, result.Cost, 9);
        Assert.Equal(4, result.ScoreAfter, 9);
        var age = engine.Actions.Rules.Single(r => r.Feature == "age");
        Assert.Equal((Actionability.Immutable, "model spec"), (age.Actionability, age.Origin));
        var income = engine.Actions.Rules.Single(r => r.Feature == "income");
        Assert.Equal((Actionability.Free, "model spec"), (income.Actionability, income.Origin));
    }

    [Fact]
    public void TheDoubleAndTheSpecItMirrorsGetTheSameRecourse()
    {
        var fromDouble = Solve(new BinnedScorecardDouble(), out _);
        var fromSpec = Solve(LinearModelSpec.Parse(BinnedScorecardDouble.TwinSpec, "twin.yaml"), out _);
        Assert.Equal(fromSpec.Changes, fromDouble.Changes);
        Assert.Equal(fromSpec.Cost, fromDouble.Cost);
        Assert.Equal(fromSpec.ProvenOptimal, fromDouble.ProvenOptimal);
    }

    [Fact]
    public void WithoutDeclaredActionabilityEveryInputIsImmutableAndNoChangeIsProposed()
    {
        // The same terms without the metadata capability: nothing is declared movable, and the plan's rule gives a cost, not an actionability.
        var result = Solve(new BareAdditiveDouble(), out var engine);
        Assert.All(engine.Actions.Rules, r => Assert.Equal(Actionability.Immutable, r.Actionability));
        Assert.Equal(RecourseStatus.None, result.Status);
    }
}
