using Audit.Fairness.Cells;

namespace Audit.Fairness;

/// <summary>
/// One row of an engine's <c>GROUP BY</c> over the protected attributes, the label and the decision
/// (docs/national-scale.md): the attributes' levels as text (null when missing), the label (0, 1, or null when
/// unknown), the decision (0 or 1), the number of rows, and the sum of their weights (null when unweighted).
/// </summary>
public sealed record GroupByRow(IReadOnlyList<string?> Levels, int? Label, int Decision, long Count, double? Weight = null);

/// <summary>
/// Group statistics from the result of a <c>GROUP BY</c> run where the data lives (DuckDB, Spark SQL, Trino,
/// BigQuery): the engine counts, Audit finishes the audit. Rows may come in any order, empty cells need not appear,
/// and a cell may appear in several rows (partial aggregates from partitions): they are added.
/// </summary>
public static class GroupByCounts
{
    /// <param name="attributes">The protected attributes, in the order of <see cref="GroupByRow.Levels"/>.</param>
    /// <param name="levels">Each attribute's levels, as <see cref="GroupAssignment"/> names them (missing values as <see cref="GroupAssignment.MissingLabel"/> when they occur).</param>
    /// <exception cref="AuditInputException">A level that is not in <paramref name="levels"/>, a label other than 0/1/null, a decision other than 0/1, or a negative count.</exception>
    public static GroupStatistics FromGroupBy(IReadOnlyList<string> attributes, IReadOnlyList<string[]> levels, IEnumerable<GroupByRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var index = levels.Select(l => l.Select((level, code) => (level, code)).ToDictionary(x => x.level, x => x.code, StringComparer.Ordinal)).ToArray();
        var cells = levels.Aggregate(1, (a, l) => checked(a * l.Length));
        var counts = new long[cells * 6];
        var weights = new double[cells * 6];
        var line = 0;
        foreach (var row in rows)
        {
            line++;
            if (row.Levels.Count != attributes.Count)
            {
                throw new AuditInputException($"a GROUP BY row has {row.Levels.Count} attribute values", row: line, expected: $"{attributes.Count}, one per protected attribute");
            }
            var cell = 0;
            for (var a = 0; a < attributes.Count; a++)
            {
                var level = row.Levels[a] ?? GroupAssignment.MissingLabel;
                if (!index[a].TryGetValue(level, out var code))
                {
                    throw new AuditInputException($"the GROUP BY result has a level '{level}' of '{attributes[a]}' that the audit does not know", row: line,
                        column: attributes[a], expected: "one of " + string.Join(", ", levels[a]), found: level);
                }
                cell = cell * levels[a].Length + code;
            }
            if (row.Label is not (null or 0 or 1) || row.Decision is not (0 or 1) || row.Count < 0)
            {
                throw new AuditInputException("a GROUP BY row has a label other than 0, 1 or NULL, a decision other than 0 or 1, or a negative count", row: line,
                    found: $"label {row.Label?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}, decision {row.Decision}, count {row.Count}");
            }
            var slot = cell * 6 + (row.Label ?? ConfusionCounts.UnknownLabel) * 2 + row.Decision;
            counts[slot] += row.Count;
            weights[slot] += row.Weight ?? row.Count;
        }
        return GroupStatistics.FromCells(attributes, levels, counts, weights);
    }
}
