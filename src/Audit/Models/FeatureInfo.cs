namespace Audit.Models;

/// <summary>What a person can do about a feature: the default the recourse work starts from (the plan may override it).</summary>
public enum Actionability
{
    /// <summary>Cannot change (age band at a date, nationality, disability): being flagged for it leaves no way out but to contest.</summary>
    Immutable,

    /// <summary>Can only increase (age, time in a situation).</summary>
    IncreaseOnly,

    /// <summary>Can only decrease.</summary>
    DecreaseOnly,

    /// <summary>Can change either way.</summary>
    Free,
}

/// <summary>What the spec says about a variable beyond its weights: labels, unit, data source, actionability, citation.</summary>
/// <param name="LabelFr">The variable's name in French (CRPA letters are in French).</param>
/// <param name="LabelEn">The variable's name in English.</param>
/// <param name="DataSource">Where the agency gets the value (a declaration, a file it holds, a third party).</param>
/// <param name="Source">The citation for the variable and its weights.</param>
public sealed record FeatureInfo(
    string? LabelFr = null,
    string? LabelEn = null,
    string? Unit = null,
    string? DataSource = null,
    Actionability? Actionability = null,
    string? Source = null,
    string? Description = null)
{
    public static readonly FeatureInfo None = new();
}
