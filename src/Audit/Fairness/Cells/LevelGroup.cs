namespace Audit.Fairness.Cells;

/// <summary>
/// One group of a protected attribute's <c>groups:</c> (docs/audit-plan.md): the levels of the data it merges under
/// one name, or <see cref="Rest"/> for every level no other group names (<c>Other: "*"</c>).
/// </summary>
public sealed record LevelGroup(string Name, IReadOnlyList<string> Levels)
{
    /// <summary>The level list of the group that takes every level no other group names.</summary>
    public const string Rest = "*";

    /// <summary>Whether this group takes every level no other group names.</summary>
    public bool IsRest => Levels.Count == 1 && Levels[0] == Rest;
}
