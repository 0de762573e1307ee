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

    /// <summary>
    /// What is wrong with a grouping before any data is read, or null: no group, a group without levels, <c>"*"</c>
    /// beside other levels or in two groups, a level named twice, a group named twice. The plan reader and the
    /// C# plan builder both ask this; what needs the data is checked by <see cref="GroupAssignment.Merged"/>.
    /// </summary>
    public static (string Problem, string? Found)? ProblemOf(IReadOnlyList<LevelGroup> groups)
    {
        if (groups.Count == 0)
        {
            return ("no groups", null);
        }
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        LevelGroup? rest = null;
        foreach (var group in groups)
        {
            if (!names.Add(group.Name))
            {
                return ($"the group '{group.Name}' is named twice", group.Name);
            }
            if (group.Levels.Count == 0)
            {
                return ($"the group '{group.Name}' has no level", group.Name);
            }
            if (group.Levels.Contains(Rest) && !group.IsRest)
            {
                return ("\"*\" stands alone: it takes every level no other group names", string.Join(", ", group.Levels));
            }
            if (group.IsRest)
            {
                if (rest is not null)
                {
                    return ("two groups take \"*\"", $"{rest.Name} and {group.Name}");
                }
                rest = group;
                continue;
            }
            foreach (var level in group.Levels)
            {
                if (!named.TryAdd(level, group.Name))
                {
                    return ($"the level '{level}' is named twice", named[level] == group.Name ? $"twice in '{group.Name}'" : $"in '{named[level]}' and in '{group.Name}'");
                }
            }
        }
        return null;
    }
}
