using Audit.Fairness.Cells;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads a protected attribute's <c>groups:</c> (docs/audit-plan.md): each group's name and the levels it merges, or
/// <c>"*"</c> for every level no other group names, checked by <see cref="LevelGroup.ProblemOf"/>. What needs the data
/// (a level no group takes, a level that does not occur) is checked once the data is read (<see cref="GroupAssignment.Merged"/>).
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
            throw attribute.Error("groups", "'groups' and 'bands' cannot both group one attribute",
                hint: "bands already group a numeric column; 'groups' merges the levels of a categorical or true/false column");
        }
        var groups = attribute.OptionalFreeMap("groups")
            .Select(g => new LevelGroup(g.Key, g.Value.IsScalar ? [g.Value.AsString()] : [.. g.Value.AsList().Select(v => v.AsString())]))
            .ToArray();
        if (LevelGroup.ProblemOf(groups) is { } problem)
        {
            throw attribute.Error("groups", problem.Problem, found: problem.Found,
                expected: "groups of the data's levels, each level in one group, at most one group \"*\" for every other level, such as { White: [Caucasian], Other: \"*\" }");
        }
        return groups;
    }
}
