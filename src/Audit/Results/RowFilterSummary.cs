namespace Audit.Results;

/// <summary>
/// What the plan's <c>filter:</c> did (docs/audit-plan.md): the rows read, the rows kept, and per condition, in the
/// plan's order, the rows it removed among those the conditions before it had kept (the counts add up to the rows
/// removed).
/// </summary>
public sealed record RowFilterSummary(long RowsRead, long RowsKept, IReadOnlyList<RowConditionCount> Conditions)
{
    public long RowsRemoved => RowsRead - RowsKept;
}

/// <summary>One condition of the filter (the column within [Min, Max], in a list, not in a list) and the rows it removed.</summary>
public sealed record RowConditionCount(string Column, double? Min, double? Max, IReadOnlyList<string>? In, IReadOnlyList<string>? NotIn, long Removed);

/// <summary>A column the plan derived (<c>derive:</c>) and its formula, as written.</summary>
public sealed record DerivedColumnSummary(string Name, string Formula, string Type);
