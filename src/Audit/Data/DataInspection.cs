using MathNet.Numerics.Statistics;

namespace Audit.Data;

/// <summary>What <c>audit data inspect</c> shows of one column.</summary>
/// <param name="TopLevels">For categorical and boolean columns, the most frequent values with their counts (at most 10).</param>
public sealed record ColumnInspection(
    string Name,
    ColumnType Type,
    long Missing,
    long Distinct,
    NumericSummary? Numbers,
    IReadOnlyList<KeyValuePair<string, long>> TopLevels);

/// <summary>Minimum, quartiles (R's type 7, MathNet's default), mean and maximum of the non-missing values.</summary>
public sealed record NumericSummary(double Min, double Q1, double Median, double Mean, double Q3, double Max);

/// <summary>Summarises every column of a table: inferred type, missing and distinct counts, numeric summary.</summary>
public static class DataInspection
{
    public const int TopLevelCount = 10;

    public static IReadOnlyList<ColumnInspection> Inspect(Table table) =>
        table.Columns.Select(InspectColumn).ToArray();

    private static ColumnInspection InspectColumn(Column column)
    {
        switch (column)
        {
            case NumericColumn numeric:
                {
                    var present = new List<double>(numeric.Length);
                    foreach (var x in numeric.Values)
                    {
                        if (!double.IsNaN(x))
                        {
                            present.Add(x);
                        }
                    }
                    var sorted = present.ToArray();
                    Array.Sort(sorted);
                    var distinct = 0L;
                    for (var i = 0; i < sorted.Length; i++)
                    {
                        if (i == 0 || sorted[i] != sorted[i - 1])
                        {
                            distinct++;
                        }
                    }
                    NumericSummary? summary = sorted.Length == 0 ? null : new NumericSummary(
                        sorted[0],
                        SortedArrayStatistics.Quantile(sorted, 0.25),
                        SortedArrayStatistics.Median(sorted),
                        ArrayStatistics.Mean(sorted),
                        SortedArrayStatistics.Quantile(sorted, 0.75),
                        sorted[^1]);
                    return new ColumnInspection(column.Name, column.Type, numeric.Length - sorted.Length, distinct, summary, []);
                }
            default:
                {
                    var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                    long missing = 0;
                    for (var i = 0; i < column.Length; i++)
                    {
                        var value = column.FormatValue(i);
                        if (value is null)
                        {
                            missing++;
                        }
                        else
                        {
                            counts[value] = counts.GetValueOrDefault(value) + 1;
                        }
                    }
                    var top = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopLevelCount).ToArray();
                    return new ColumnInspection(column.Name, column.Type, missing, counts.Count, null, top);
                }
        }
    }
}
