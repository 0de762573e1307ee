using Audit.Results;
using Audit.Synthetic;

namespace Audit.Pipeline;

/// <summary>The population-description stage fed as every stage is (<see cref="SyntheticData"/> describes).</summary>
public static class PopulationStep
{
    /// <summary>The population-description stage: the generated people's section, or null when the people were read from data.</summary>
    public static PopulationSection? Run(DecidedPopulation people, StageContext context) =>
        context.Population is { } draw ? SyntheticData.Describe(draw, people.Table, people.LabelColumn) : null;
}
