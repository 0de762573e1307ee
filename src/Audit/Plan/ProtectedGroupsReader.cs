using Audit.Fairness.Cells;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads a protected attribute's <c>groups:</c> (docs/audit-plan.md): each group's name and the levels it merges, or
/// <c>"*"</c> for every level no other group names. What needs the data (a level no group takes, a level that does
/// not occur) is checked once the data is read (<see cref="GroupAssignment.Merged"/>).
/// </summary>
internal static class ProtectedGroupsReader
{
    public static IReadOnlyList<LevelGroup>? Read(YamlMap? attribute)
    {
        if (attribute is null || !attribute.Has("groups"))
        {
            return null;
        }
        if (attribute.Has("bands"))
        {
            throw attribute.Error("groups", "'groups' and 'bands' cannot both group one attribute", hint: "bands already group a numeric column; 'groups' merges the levels of a categorical or true/false column");
        }
        var groups = new List<LevelGroup>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in attribute.OptionalFreeMap("groups"))
        {
            IReadOnlyList<string> levels = value.IsScalar ? [value.AsString()] : [.. value.AsList().Select(v => v.AsString())];
            if (levels.Count == 0)
            {
                throw value.Error($"the group '{name}' has no level", expected: "a list of the data's levels, or \"*\" for every level no other group names");
            }
            if (levels.Contains(LevelGroup.Rest) && levels.Count > 1)
            {
                throw value.Error("\"*\" stands alone: it takes every level no other group names", expected: $"{name}: \"*\"");
            }
            if (levels.Contains(LevelGroup.Rest) && groups.Any(g => g.IsRest))
            {
                throw value.Error("two groups take \"*\"", expected: "at most one group that takes every level not named elsewhere",
                    found: $"{groups.First(g => g.IsRest).Name} and {name}");
            }
            foreach (var level in levels.Where(l => l != LevelGroup.Rest))
            {
                if (!named.TryAdd(level, name))
                {
                    throw value.Error($"the level '{level}' is named twice", expected: "each level in one group",
                        found: named[level] == name ? $"twice in '{name}'" : $"in '{named[level]}' and in '{name}'");
                }
            }
            groups.Add(new LevelGroup(name, levels));
        }
        if (groups.Count == 0)
        {
            throw attribute.Error("groups", "no groups", expected: "groups such as { White: [Caucasian], Other: \"*\" }");
        }
        return groups;
    }
}
