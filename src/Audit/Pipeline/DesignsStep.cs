using Audit.Designs;
using Audit.Results;

namespace Audit.Pipeline;

/// <summary>The designs stage fed as every stage is: the decided population and the context (<see cref="DesignsStage"/> computes).</summary>
public static class DesignsStep
{
    /// <summary>The designs the context asks for, on the decided population, hiding what the fairness section hides.</summary>
    public static DesignsSection Run(DecidedPopulation people, StageContext context) =>
        DesignsStage.Run(context.Designs ?? throw new ArgumentException("The context asks for no design.", nameof(context)), InputOf(people, context));

    /// <summary>What the designs read from the decided population, hiding what the context's disclosure hides.</summary>
    public static DesignInput InputOf(DecidedPopulation people, StageContext context) =>
        new(people.Table, people.Model, people.Policy, people.Scores, people.Outcome, people.Labels, people.Weights, people.Attributes,
            context.FairnessOf(people) with { Disclosure = context.Disclosure },
            context.PlanFile)
        {
            PartialSpec = people.PartialSpec,
        };
}
