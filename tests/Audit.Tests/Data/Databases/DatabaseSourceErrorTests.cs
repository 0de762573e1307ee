using Audit.Data;
using Audit.Tests.Cli;
using DuckDB.NET.Data;
using static Audit.Tests.Data.Databases.DatabaseFixtures;

namespace Audit.Tests.Data.Databases;

/// <summary>
/// Bad database sources end with exit code 2 and a message naming the source and what was expected (docs/databases.md),
/// never quoting a connection string; engine types map to Audit's, refused types are named; the limits apply as rows
/// arrive; a free query needs --allow-query.
/// </summary>
public sealed class DatabaseSourceErrorTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private string DuckDb(string sql)
    {
        var path = folder.File("small.duckdb");
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return path;
    }

    private string SmallPlan(string data) => folder.Write("plan.yaml", $"""
        name: small
        data: {data}
        model:
          score_column: score
          adverse: high
        policy:
          threshold: 0.5
        protected_attributes:
          - column: sexe
        """);

    private static CliRunner.Outcome Run(string plan, params string[] more) => TrustedPlans.Run(["run", plan, "--out", Path.Combine(Path.GetDirectoryName(plan)!, "out"), "--quiet", .. more]);

    private void CreateSmallTable() => DuckDb("CREATE TABLE people AS SELECT (i % 2 = 0)::BOOLEAN AS flag, i / 10.0 AS score, CASE WHEN i % 3 = 0 THEN 'F' ELSE 'M' END AS sexe FROM range(10) t(i)");

    [Fact]
    public void AnUnknownTableOrColumnEndsWithExitTwoNamingIt()
    {
        CreateSmallTable();
        var table = Run(SmallPlan("{ duckdb: small.duckdb, table: nobody }"));
        Assert.Equal(2, table.ExitCode);
        Assert.Contains("the table does not exist", table.Error, StringComparison.Ordinal);
        Assert.Contains("nobody in small.duckdb", table.Error, StringComparison.Ordinal);

        var column = Run(SmallPlan("{ duckdb: small.duckdb, query: \"SELECT nope, score, sexe FROM people\" }"), "--allow-query");
        Assert.Equal(2, column.ExitCode);
        Assert.Contains("a column the query names does not exist", column.Error, StringComparison.Ordinal);

        // A column the plan names and the table lacks: the audit's own message, as for a file.
        DuckDb("CREATE TABLE noscore AS SELECT sexe FROM people");
        var missing = Run(SmallPlan("{ duckdb: small.duckdb, table: noscore }"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("score", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFreeQueryNeedsTheCommandLinesGrant()
    {
        CreateSmallTable();
        var plan = SmallPlan("{ duckdb: small.duckdb, query: \"SELECT score, sexe FROM people WHERE score > 0.2\" }");
        var refused = Run(plan);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--allow-query", refused.Error, StringComparison.Ordinal);
        var allowed = Run(plan, "--allow-query");
        Assert.True(allowed.ExitCode == 0, allowed.Error);
        var log = File.ReadAllText(Path.Combine(folder.Path, "out", "run.log"));
        Assert.Contains("query: SELECT score, sexe FROM people WHERE score > 0.2", log, StringComparison.Ordinal);
        Assert.Contains("rows: 7", log, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingVariableAnUnreachableServerAndAConnectionStringInThePlanEndWithExitTwoAndNoSecret()
    {
        var unset = "AUDIT_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8];
        var missing = Run(SmallPlan($"{{ postgres: {unset}, table: people }}"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"the environment variable {unset} is not set", missing.Error, StringComparison.Ordinal);

        var variable = "AUDIT_TEST_UNREACHABLE_" + Guid.NewGuid().ToString("N")[..8];
        var secret = $"Host={folder.Path}/no-server;Username=auditor;Password=s3cr3t-{Guid.NewGuid():N};Timeout=3";
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            var unreachable = Run(SmallPlan($"{{ postgres: {variable}, table: people }}"));
            Assert.Equal(2, unreachable.ExitCode);
            Assert.Contains("cannot connect to the PostgreSQL server", unreachable.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", unreachable.Error + unreachable.Out, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        // The connection string written where the variable's name belongs is refused and not repeated.
        var inPlan = Run(SmallPlan("{ postgres: \"Host=db;Password=hunter2\", table: people }"));
        Assert.Equal(2, inPlan.ExitCode);
        Assert.Contains("names the environment variable", inPlan.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", inPlan.Error + inPlan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineTypesMapToAuditsAndUnsupportedOnesAreNamed()
    {
        var path = DuckDb("""
            CREATE TABLE t AS SELECT * FROM (VALUES
              (1::INTEGER, 2.5::DOUBLE, 'a', true, 7::BIGINT, 1.25::DECIMAL(10,2), '3.5'),
              (NULL, 'NaN'::DOUBLE, NULL, NULL, 8, NULL, NULL),
              (3, -1, 'b', false, 9, 2, '4')) v(i, d, s, b, l, m, x)
            """);
        var source = new DatabaseSource(DatabaseEngine.DuckDb, path, null, "t", null);
        var readers = Context().Databases;
        var table = readers.Read(source, new DatabaseReadOptions
        {
            ColumnTypes = new Dictionary<string, ColumnType> { ["l"] = ColumnType.Categorical, ["x"] = ColumnType.Numeric, ["b"] = ColumnType.Boolean },
        });
        Assert.Equal([1.0, double.NaN, 3.0], ((NumericColumn)table["i"]).Values.ToArray());
        Assert.Equal([2.5, double.NaN, -1.0], ((NumericColumn)table["d"]).Values.ToArray());
        Assert.Equal(["a", null, "b"], Enumerable.Range(0, 3).Select(r => ((CategoricalColumn)table["s"])[r]));
        Assert.Equal([true, null, false], Enumerable.Range(0, 3).Select(r => ((BooleanColumn)table["b"])[r]));
        Assert.Equal(["7", "8", "9"], Enumerable.Range(0, 3).Select(r => ((CategoricalColumn)table["l"])[r]));
        Assert.Equal([1.25, double.NaN, 2.0], ((NumericColumn)table["m"]).Values.ToArray());
        Assert.Equal([3.5, double.NaN, 4.0], ((NumericColumn)table["x"]).Values.ToArray());

        var date = Assert.Throws<AuditInputException>(() => readers.Query(source, "SELECT DATE '2024-01-31' AS since"));
        Assert.Contains("column type not supported", date.Message, StringComparison.Ordinal);
        Assert.Equal("since", date.Column);
        Assert.Contains("DATE", date.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheLimitsStopTheReadAtTheFirstRowPastThem()
    {
        var path = DuckDb("CREATE TABLE big AS SELECT i AS n, 'level' || i::VARCHAR AS s FROM range(100000) t(i)");
        var source = new DatabaseSource(DatabaseEngine.DuckDb, path, null, "big", null);
        var readers = Context().Databases;
        var rows = Assert.Throws<AuditInputException>(() => readers.Read(source, new DatabaseReadOptions { Limits = InputLimits.Default with { MaxRows = 1_000 } }));
        Assert.Contains("more than the 1,000 data rows allowed", rows.Message, StringComparison.Ordinal);
        var levels = Assert.Throws<AuditInputException>(() => readers.Read(source, new DatabaseReadOptions { Limits = InputLimits.Default with { MaxLevels = 500 } }));
        Assert.Equal(501, levels.Row);
        Assert.Equal("s", levels.Column);
    }
}
