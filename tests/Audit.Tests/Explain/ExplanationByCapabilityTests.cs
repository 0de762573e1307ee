using Audit.Results;
using Audit.Data;
using Audit.Explain;
using Audit.Models;
using Audit.Policy;
using Audit.Tests.Models;

namespace Audit.Tests.Explain;

/// <summary>
/// A per-person explanation takes labels, units, sources and stated weights from the model's capabilities
/// (<see cref="IFeatureMetadata"/>, <see cref="IPublishedModel"/>), not from its type: a model that is not a
/// <see cref="LinearModel"/> but offers them is explained with them.
/// </summary>
public sealed class ExplanationByCapabilityTests
{
    private static readonly Table People = new([
        new NumericColumn("income", [5.5, 12, 3, 15]),
        new NumericColumn("age", [20, 30, 40, 50]),
    ]);

    private static PersonExplanation Explain(IScoringModel model)
    {
        var scores = model.Score(People);
        var policy = new ThresholdPolicy(6);
        return PersonExplanations.Build("0", model, People, 0, scores, null, policy, policy.Decide(scores, model.Adverse), new ExplanationOptions { BackgroundRows = 4 });
    }

    [Fact]
    public void InputsCarryTheDeclaredLabelsUnitsAndSources()
    {
        var person = Explain(new BinnedScorecardDouble());
        Assert.Equal(
            [new PersonInput("income", "Revenu", "Income", "5.5", "EUR", "declaration"), new PersonInput("age", "Âge", "Age", "20", "years", null)],
            person.Inputs);
        Assert.Equal("a hand-made example", person.ModelSource);
    }

    [Fact]
    public void ParametersQuoteTheModelsStatedWeightsAndTheirContributions()
    {
        // Row 0: income 5.5 is below 10 (5 points), age 20 gives 4.
        var person = Explain(new BinnedScorecardDouble());
        Assert.Equal(["below 10: 5; from 10: 0", "0.2 per year"], person.Parameters.Select(p => p.Weight));
        Assert.Equal(["income term", "age term"], person.Parameters.Select(p => p.Applied));
        Assert.Equal([5.0, 4.0], person.Parameters.Select(p => p.Contribution));
        Assert.Equal(["Revenu", "Âge"], person.Parameters.Select(p => p.LabelFr));
    }

    [Fact]
    public void ABareModelIsExplainedWithColumnNamesOnly()
    {
        var person = Explain(new BareAdditiveDouble());
        Assert.All(person.Inputs, i => Assert.Null(i.LabelFr));
        Assert.All(person.Parameters, p => Assert.Null(p.Weight));
        Assert.Null(person.ModelSource);
    }

    [Fact]
    public void TheSpecTwinGetsTheSameLabelsAndContributions()
    {
        var spec = Explain(LinearModelSpec.Parse(BinnedScorecardDouble.TwinSpec, "twin.yaml"));
        var twin = Explain(new BinnedScorecardDouble());
        Assert.Equal(spec.Inputs, twin.Inputs);
        Assert.Equal(spec.Parameters.Select(p => (p.Term, p.LabelFr, p.Contribution)), twin.Parameters.Select(p => (p.Term, p.LabelFr, p.Contribution)));
        Assert.Equal(spec.ModelSource, twin.ModelSource);
    }
}
