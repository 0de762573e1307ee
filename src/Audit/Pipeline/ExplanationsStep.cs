using Audit.Explain;
using Audit.Results;

namespace Audit.Pipeline;

/// <summary>The explanations stage fed as every stage is: the decided population and the context (<see cref="ExplanationStage"/> computes).</summary>
public static class ExplanationsStep
{
    /// <summary>
    /// The stage on the decided population, when the options ask for it or by default when the model has exact
    /// attributions; null otherwise. The reference groups and hidden groups are those of the fairness section
    /// (<see cref="StageContext.References"/>, <see cref="StageContext.Disclosure"/>).
    /// </summary>
    public static ExplanationsSection? Run(DecidedPopulation people, StageContext context)
    {
        if (!ExplanationStage.ShouldRun(people.Model, context.Explanations))
        {
            return null;
        }
        var groups = people.Attributes.Select((a, i) => (Attribute: a, Fairness: i < context.References.Count ? context.References[i] : (a.Groups.Attribute, null)))
            .Select(p => new ExplanationStage.AttributeGroups(p.Attribute.Groups, p.Fairness.Reference ?? p.Attribute.Reference ?? "",
                p.Attribute.Groups.Levels.Where(l => context.Disclosure.IsHidden(p.Fairness.Attribute, l)).ToHashSet()))
            .Where(a => a.Reference.Length > 0).ToArray();
        try
        {
            return ExplanationStage.Run(people.Model, people.Table, people.Outcome.Flags, groups, people.Weights, context.Explanations, context.ProgressOf("explanations"));
        }
        catch (AuditInputException e)
        {
            throw people.Table.Locate(e, context.DataName);
        }
    }
}
