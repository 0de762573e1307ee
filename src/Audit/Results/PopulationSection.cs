namespace Audit.Results;

/// <summary>The synthetic population the rows were generated from. Filled by the synthetic-population stage.</summary>
public sealed record PopulationSection
{
}
