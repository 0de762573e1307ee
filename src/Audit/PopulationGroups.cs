namespace Audit;

/// <summary>
/// Who is compared in a population built in code: the protected attributes, the label and weight columns of the
/// table (and its id column), the intersections to cross (as column names), and whether the weights are frequency weights. The plan's
/// <c>protected_attributes</c>, <c>roles</c>, <c>weights</c> and <c>intersections</c> keys say the same.
/// </summary>
public sealed record PopulationGroups(IReadOnlyList<ProtectedColumn> Attributes)
{
    /// <summary>The column that names each person (ids must differ from row to row), or null.</summary>
    public string? Id { get; init; }

    /// <summary>The label column (1 when the adverse outcome was observed, 0 when not, empty when unknown), or null.</summary>
    public string? Label { get; init; }

    /// <summary>How <see cref="Label"/> codes its outcome (an outcome, codes other than 0/1); null: 1 = the adverse outcome observed.</summary>
    public Audit.Data.OutcomeCoding? LabelOutcome { get; init; }

    /// <summary>The weight column, or null to count every row once.</summary>
    public string? Weight { get; init; }

    public bool FrequencyWeights { get; init; }

    /// <summary>The sets of attribute columns to cross; every pair when null (the plan's default).</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Intersections { get; init; }
}

/// <summary>A protected attribute in code: its column, its band edges for a numeric column, and its reference group (null: the largest).</summary>
public sealed record ProtectedColumn(string Column, IReadOnlyList<double>? Bands = null, string? Reference = null)
{
    /// <summary>The order of its groups in every table and plot (the plan's <c>order</c>); null: natural order.</summary>
    public IReadOnlyList<string>? Order { get; init; }

    /// <summary>The groups that merge the column's levels (the plan's <c>groups</c>); null: one group per level.</summary>
    public IReadOnlyList<Fairness.Cells.LevelGroup>? Groups { get; init; }
}
