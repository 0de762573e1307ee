using System.Globalization;

namespace Audit.Data;

/// <summary>Which rows satisfy every <see cref="RowCondition"/> (a missing value satisfies none, as pandas' comparisons with NaN are false).</summary>
public static class RowFilter
{
    public static bool[] Apply(Table table, IReadOnlyList<RowCondition> conditions) => Count(table, conditions).Keep;

    /// <summary>
    /// The rows kept, and how many rows each condition removed in turn: condition i counts the rows that met every
    /// condition before it and fail it, so that the counts add up to the rows removed.
    /// </summary>
    public static (bool[] Keep, long[] RemovedBy) Count(Table table, IReadOnlyList<RowCondition> conditions)
    {
        var keep = Enumerable.Repeat(true, table.RowCount).ToArray();
        var removed = new long[conditions.Count];
        for (var c = 0; c < conditions.Count; c++)
        {
            var condition = conditions[c];
            var column = table[condition.Column.Name];
            for (var i = 0; i < keep.Length; i++)
            {
                if (keep[i] && !Holds(column, i, condition))
                {
                    keep[i] = false;
                    removed[c]++;
                }
            }
        }
        return (keep, removed);
    }

    private static bool Holds(Column column, int row, RowCondition condition)
    {
        if (column.IsMissing(row))
        {
            return false;
        }
        if (condition.Min is not null || condition.Max is not null)
        {
            if (column is not NumericColumn numeric)
            {
                throw new AuditInputException("min and max apply to numeric columns", keyPath: condition.Column.KeyPath, line: condition.Column.Line,
                    column: column.Name, expected: "a numeric column", found: column.Type.ToString().ToLowerInvariant());
            }
            var x = numeric[row];
            if (x < condition.Min || x > condition.Max)
            {
                return false;
            }
        }
        var text = column.FormatValue(row)!;
        if (condition.In is { } allowed && !allowed.Any(v => Same(v, text, column)))
        {
            return false;
        }
        return condition.NotIn is not { } refused || !refused.Any(v => Same(v, text, column));
    }

    /// <summary>Compares as numbers when the column is numeric (so "-1" matches -1.0), as text otherwise.</summary>
    private static bool Same(string wanted, string value, Column column) =>
        column is NumericColumn
            && double.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a == b
            : wanted == value;
}
