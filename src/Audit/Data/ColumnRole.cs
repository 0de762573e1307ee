namespace Audit.Data;

/// <summary>
/// What a column is for in an audit (CONTRACTS.md, "Data"). A column has a set of roles:
/// a protected trait can also be a model feature.
/// </summary>
public enum ColumnRole
{
    /// <summary>An input of the model.</summary>
    Feature,

    /// <summary>A protected trait (sex, age, nationality, disability...): groups are formed from it.</summary>
    Protected,

    /// <summary>The observed outcome (1 = the adverse event the model predicts was observed, e.g. an overpayment found).</summary>
    Label,

    /// <summary>A score computed by the audited system, already in the data.</summary>
    Score,

    /// <summary>A 0/1 decision already in the data (1 = flagged).</summary>
    Decision,

    /// <summary>A row weight (sampling weight unless the plan says frequency).</summary>
    Weight,

    /// <summary>A person or household identifier.</summary>
    Id,

    /// <summary>The period a row belongs to (month, year).</summary>
    Period,

    /// <summary>1 when the row was investigated (so its label is known).</summary>
    Investigated,

    /// <summary>1 when the row was drawn into a random control sample.</summary>
    RandomSample,

    /// <summary>The final decision a human took after the score.</summary>
    HumanDecision,
}
