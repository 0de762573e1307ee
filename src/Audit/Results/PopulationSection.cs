namespace Audit.Results;

/// <summary>
/// The synthetic population the rows were generated from (plan key <c>data.population</c>). Filled by the
/// synthetic-population stage. Every column is synthetic; a synthetic label, when the plan uses one, is an
/// outcome made up by the spec, not observed.
/// </summary>
/// <param name="Spec">The population spec as the plan names it, with its SHA-256.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Unit">What a row is: household or person.</param>
/// <param name="Rows">Rows generated.</param>
/// <param name="Seed">The seed of the generation.</param>
/// <param name="Method">How rows are generated (a versioned method name): the same spec, seed, rows and method give the same rows.</param>
/// <param name="SyntheticColumns">Every generated column (all of them are synthetic).</param>
/// <param name="SyntheticLabel">The spec's synthetic outcome column, when it declares one.</param>
/// <param name="LabelIsSynthetic">True when the plan's label is the spec's synthetic outcome: error rates then describe the spec's made-up outcome, not real overpayments.</param>
/// <param name="Household">The columns counting adults and children, when the spec declares a household structure.</param>
public sealed record PopulationSection(
    FileHash Spec,
    string Name,
    string Unit,
    long Rows,
    long Seed,
    string Method,
    IReadOnlyList<string> SyntheticColumns,
    string? SyntheticLabel,
    bool LabelIsSynthetic,
    HouseholdColumns? Household);

/// <summary>The household structure of a synthetic population: the columns counting adults and children.</summary>
public sealed record HouseholdColumns(string Adults, string Children);
