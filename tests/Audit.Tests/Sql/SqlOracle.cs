using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Data;
using Audit.Plan;
using Audit.Sql;
using DuckDB.NET.Data;

namespace Audit.Tests.Sql;

/// <summary>
/// The oracle of the counts query: the same rows counted twice, by Audit in memory (<see cref="Auditor.Decided(AuditPlan, Audit.Pipeline.StageProgress?)"/>
/// then <see cref="GroupStatistics.Accumulate"/>, the path of <c>audit run</c>) and by DuckDB running the query
/// <c>audit sql</c> writes, and compared cell by cell, count by count.
/// </summary>
internal static partial class SqlOracle
{
    /// <summary>A cell of the counts table: the groups (null = missing), the label (null = unknown, or no label), the decision.</summary>
    public sealed record CellKey(string Groups, int? Label, int Decision);

    /// <summary>Audit's own counts of the plan's rows: every non-empty slot of the finest statistics, with its weight sum.</summary>
    public static Dictionary<CellKey, (long N, double Weight)> InMemory(AuditPlan plan)
    {
        var people = Auditor.Decided(plan);
        var statistics = GroupStatistics.Accumulate(people.Groups, people.Outcome.Flags, people.Labels, people.Weights);
        var counts = statistics.RawCounts;
        var weights = statistics.RawWeights;
        var cells = new Dictionary<CellKey, (long, double)>();
        var labelled = CountsQuery.LabelOf(plan) is not null;
        for (var cell = 0; cell < statistics.CellCount; cell++)
        {
            var groups = string.Join("|", statistics.CellLabels(cell).Select(l => l == GroupAssignment.MissingLabel ? "NULL" : l));
            for (var slot = 0; slot < 6; slot++)
            {
                var n = counts[cell * 6 + slot];
                if (n > 0)
                {
                    var label = slot / 2;
                    cells[new CellKey(groups, labelled && label < 2 ? label : null, slot % 2)] = (n, weights[cell * 6 + slot]);
                }
            }
        }
        return cells;
    }

    /// <summary>The rows as the engine holds them: every column of the table Audit reads, typed DOUBLE, BOOLEAN or VARCHAR.</summary>
    public static DuckDBConnection Load(Table table, string name)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var columns = table.Columns.Select(c => $"\"{c.Name}\" " + c.Type switch
        {
            ColumnType.Numeric => "DOUBLE",
            ColumnType.Boolean => "BOOLEAN",
            _ => "VARCHAR",
        });
        Execute(connection, $"CREATE TABLE \"{name}\" ({string.Join(", ", columns)})");
        using var appender = connection.CreateAppender(name);
        for (var row = 0; row < table.RowCount; row++)
        {
            var r = appender.CreateRow();
            foreach (var column in table.Columns)
            {
                switch (column)
                {
                    case NumericColumn numeric when double.IsNaN(numeric[row]):
                    case BooleanColumn boolean when boolean.Values[row] == BooleanColumn.Missing:
                    case CategoricalColumn categorical when categorical[row] is null:
                        r.AppendNullValue();
                        break;
                    case NumericColumn numeric:
                        r.AppendValue(numeric[row]);
                        break;
                    case BooleanColumn boolean:
                        r.AppendValue(boolean.Values[row] == 1);
                        break;
                    case CategoricalColumn categorical:
                        r.AppendValue(categorical[row]);
                        break;
                }
            }
            r.EndRow();
        }
        return connection;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a counts query and reads its table (a cell in several rows is summed, as the format allows).</summary>
    public static Dictionary<CellKey, (long N, double Weight)> Run(DuckDBConnection connection, string sql, AuditPlan plan)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var attributes = plan.ProtectedAttributes.Count;
        var labelled = CountsQuery.LabelOf(plan) is not null;
        var weighted = plan.Weight is not null;
        var cells = new Dictionary<CellKey, (long, double)>();
        while (reader.Read())
        {
            var groups = string.Join("|", Enumerable.Range(0, attributes).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetString(i)));
            var c = attributes;
            int? label = null;
            if (labelled)
            {
                label = reader.IsDBNull(c) ? null : Convert.ToInt32(reader.GetValue(c), CultureInfo.InvariantCulture);
                c++;
            }
            var decision = Convert.ToInt32(reader.GetValue(c++), CultureInfo.InvariantCulture);
            var n = Convert.ToInt64(reader.GetValue(c++), CultureInfo.InvariantCulture);
            var weight = weighted ? Convert.ToDouble(reader.GetValue(c), CultureInfo.InvariantCulture) : n;
            var key = new CellKey(groups, label, decision);
            cells[key] = cells.TryGetValue(key, out var before) ? (before.Item1 + n, before.Item2 + weight) : (n, weight);
        }
        return cells;
    }

    /// <summary>Asserts the two tables hold the same cells with the same counts (and weight sums, when the plan has weights).</summary>
    public static void AssertSame(Dictionary<CellKey, (long N, double Weight)> expected, Dictionary<CellKey, (long N, double Weight)> actual, bool weighted, string what)
    {
        var missing = expected.Keys.Except(actual.Keys).Select(k => $"{k}: Audit {expected[k].N}, engine none").ToList();
        var extra = actual.Keys.Except(expected.Keys).Select(k => $"{k}: engine {actual[k].N}, Audit none").ToList();
        var differ = expected.Keys.Intersect(actual.Keys)
            .Where(k => expected[k].N != actual[k].N || (weighted && expected[k].Weight != actual[k].Weight))
            .Select(k => $"{k}: Audit {expected[k]}, engine {actual[k]}").ToList();
        var problems = missing.Concat(extra).Concat(differ).ToList();
        Assert.True(problems.Count == 0, $"{what}: {problems.Count} cells differ:\n" + string.Join('\n', problems.Take(20)));
    }

    /// <summary>
    /// The portable subset of another dialect's query, as DuckDB reads it. The differences normalised, and only these:
    /// back-quoted identifiers become double-quoted (Spark, BigQuery); backslash escapes in string literals become
    /// doubled quotes; the engines' type names become DuckDB's (STRING, INT, INT64, FLOAT64, BIGNUMERIC); the error
    /// functions (raise_error, ERROR, fail) become error. Everything else (the CASEs, casts, window, GROUP BY, NULLS LAST)
    /// runs as written.
    /// </summary>
    public static string AsDuckDb(string sql, SqlDialect dialect)
    {
        // Comments first: their apostrophes ("the plan's filter") would pair with the quotes of the literals.
        sql = Comment().Replace(sql, "$1");
        if (dialect is SqlDialect.Spark or SqlDialect.BigQuery)
        {
            sql = StringLiteral().Replace(sql, m => "'" + m.Groups[1].Value.Replace("\\'", "''", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) + "'");
            sql = BackQuoted().Replace(sql, m => "\"" + m.Groups[1].Value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        }
        sql = dialect switch
        {
            SqlDialect.Spark => sql.Replace(" AS STRING)", " AS VARCHAR)", StringComparison.Ordinal).Replace(" AS INT)", " AS INTEGER)", StringComparison.Ordinal)
                .Replace("raise_error(", "error(", StringComparison.Ordinal),
            SqlDialect.BigQuery => BigNumeric().Replace(sql.Replace(" AS STRING)", " AS VARCHAR)", StringComparison.Ordinal).Replace(" AS INT64)", " AS BIGINT)", StringComparison.Ordinal)
                .Replace(" AS FLOAT64)", " AS DOUBLE)", StringComparison.Ordinal).Replace("ERROR(", "error(", StringComparison.Ordinal), "DECIMAL("),
            SqlDialect.Trino => sql.Replace("fail(", "error(", StringComparison.Ordinal),
            _ => sql,
        };
        return sql;
    }

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"`((?:[^`\\]|\\.)*)`")]
    private static partial Regex BackQuoted();

    [GeneratedRegex(@"(?m)^(WITH )?--.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"BIGNUMERIC\(")]
    private static partial Regex BigNumeric();

    /// <summary>Checks every dialect's rendering (the others as their portable subset) against Audit's counts of the same rows.</summary>
    public static void CheckAllDialects(AuditPlan plan, Table rows, string tableName, int dataScale = CountsQuery.DefaultDataScale)
    {
        var expected = InMemory(plan);
        var query = CountsQuery.Build(plan, rows.Columns.ToDictionary(c => c.Name, c => c.Type), new CountsQueryOptions(tableName, dataScale));
        using var connection = Load(rows, tableName);
        foreach (var dialect in new[] { SqlDialect.DuckDb, SqlDialect.Spark, SqlDialect.BigQuery, SqlDialect.Trino })
        {
            var sql = AsDuckDb(query.Render(dialect), dialect);
            AssertSame(expected, Run(connection, sql, plan), plan.Weight is not null, $"{plan.Name} ({dialect})");
        }
    }
}
