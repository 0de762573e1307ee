using Audit.Data;
using Audit.Models;
using Audit.Pipeline;
using Audit.Results;

namespace Audit;

public static partial class Auditor
{
    /// <summary>
    /// The outcome section (<see cref="OutcomeSection"/>) when the decision is a coded column (a label-only audit, or a
    /// decision column with an outcome or codes); null otherwise. Read from the fairness section's flag rates, so that
    /// every suppressed cell stays suppressed: a favourable rate is 1 − the flag rate, and AIF360's disparate impact is
    /// the group's favourable rate over its reference's.
    /// </summary>
    private static OutcomeSection? OutcomeOf(DecidedPopulation people, FairnessSection fairness) => OutcomeOf(people.Model, fairness);

    private static OutcomeSection? OutcomeOf(IScoringModel model, FairnessSection fairness)
    {
        if (model is not DecisionsInData { Coding: var coding } decisions || (coding is null && !decisions.FromLabel))
        {
            return null;
        }
        return new OutcomeSection(
            decisions.Column,
            (coding?.Outcome ?? OutcomeKind.Adverse) == OutcomeKind.Favourable ? "favourable" : "adverse",
            decisions.FromLabel,
            coding?.Favourable,
            coding?.Adverse,
            Favourable(fairness.Overall.Rates[MetricKeys.SelectionRate]),
            [.. fairness.Attributes.Select(FavourableOf)]);
    }

    private static FavourableOutcomeAttribute FavourableOf(AttributeResult attribute)
    {
        var reference = attribute.Groups.FirstOrDefault(g => g.Group.Equals(attribute.Reference));
        var referenceRate = reference is null ? null : Favourable(reference.Rates[MetricKeys.SelectionRate]);
        return new FavourableOutcomeAttribute(attribute.Attribute, attribute.Reference, [.. attribute.Groups.Select(g =>
        {
            var rate = Favourable(g.Rates[MetricKeys.SelectionRate]);
            return new FavourableOutcomeGroup(g.Group, rate, DisparateImpact(rate, referenceRate));
        })]);
    }

    /// <summary>1 − a flag rate; suppressed or undefined as the flag rate is.</summary>
    private static Metric Favourable(Metric flagRate) =>
        flagRate.Value is { } v ? new Metric { Value = 1 - v, N = flagRate.N } : new Metric { Suppressed = flagRate.Suppressed, Undefined = flagRate.Undefined, N = flagRate.N };

    /// <summary>AIF360's <c>disparate_impact</c>: P(favourable | group) / P(favourable | reference).</summary>
    private static Metric DisparateImpact(Metric rate, Metric? referenceRate) =>
        rate.Suppressed == true || referenceRate?.Suppressed == true ? new Metric { Suppressed = true }
        : referenceRate?.Value is not { } r ? Metric.UndefinedBecause("no reference group")
        : rate.Value is not { } g ? Metric.UndefinedBecause(rate.Undefined ?? "no favourable rate")
        : r == 0 ? Metric.UndefinedBecause("the reference group never has the favourable outcome")
        : Metric.Of(g / r);
}
