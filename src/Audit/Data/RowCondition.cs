using System.Globalization;

namespace Audit.Data;

/// <summary>
/// A condition a row must meet (ProPublica's screening filters): the value within [Min, Max], in a list, or not in a
/// list; a missing value fails every condition. The one grammar of the plan's <c>filter:</c> and of
/// <c>designs.adjusted.rows</c> (docs/audit-plan.md), read by one reader and evaluated by <see cref="RowFilter"/>.
/// </summary>
public sealed record RowCondition(ColumnRef Column, double? Min, double? Max, IReadOnlyList<string>? In, IReadOnlyList<string>? NotIn)
{
    /// <summary>The condition as the report writes it: "days_b_screening_arrest ≥ -30 and days_b_screening_arrest ≤ 30", "is_recid not in {-1}".</summary>
    public string Describe()
    {
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var parts = new List<string>();
        if (Min is { } min)
        {
            parts.Add($"{Column.Name} ≥ {F(min)}");
        }
        if (Max is { } max)
        {
            parts.Add($"{Column.Name} ≤ {F(max)}");
        }
        if (In is { } values)
        {
            parts.Add($"{Column.Name} in {{{string.Join(", ", values)}}}");
        }
        if (NotIn is { } refused)
        {
            parts.Add($"{Column.Name} not in {{{string.Join(", ", refused)}}}");
        }
        return string.Join(" and ", parts);
    }
}
