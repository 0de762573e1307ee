using System.Diagnostics;
using System.Text;
using Audit.Data;
using Audit.Data.Databases;
using Audit.Tests.Cli;
using DuckDB.NET.Data;
using static Audit.Tests.Data.Databases.DatabaseFixtures;

namespace Audit.Tests.Data.Databases;

/// <summary>
/// Databases as sources (issue 20, docs/databases.md): the audit of the same CAF rows from PostgreSQL, from a DuckDB
/// file, through DuckDB from a Parquet file and from the Parquet file read by Audit gives the same report.json fairness
/// section, byte for byte; the sources are read-only; the connection string is nowhere in the report folder; bad
/// sources end in clear errors with exit code 2. The PostgreSQL tests need the server .ci/run starts and skip without it.
/// </summary>
public sealed class DatabaseSourceTests : IDisposable
{
    private const int Rows = 20_000;
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>The rows as Parquet (Audit's own writer) and as a DuckDB file made from it by DuckDB.</summary>
    private (Table Table, string Parquet, string DuckDb) Sources(int rows)
    {
        var table = CafHouseholds(rows);
        var parquet = folder.File("households.parquet");
        ParquetTableWriter.Write(table, parquet);
        var duckdb = folder.File("caf.duckdb");
        DuckDbFromParquet(parquet, duckdb, "households");
        return (table, parquet, duckdb);
    }

    [Fact]
    public void DuckDbFileAndParquetThroughDuckDbGiveTheParquetAuditsFairnessByteForByte()
    {
        var (_, _, _) = Sources(Rows);
        var fromParquet = FairnessOf(folder.Write("parquet.yaml", CafPlan("{ path: households.parquet, subjects: synthetic }")), folder.File("out-parquet"));
        var fromDuckDb = FairnessOf(folder.Write("duckdb.yaml", CafPlan("{ duckdb: caf.duckdb, table: households, counting: audit, subjects: synthetic }")), folder.File("out-duckdb"));
        var throughDuckDb = FairnessOf(folder.Write("engine.yaml", CafPlan("{ path: households.parquet, engine: duckdb, subjects: synthetic }")), folder.File("out-engine"));
        Assert.Contains("\"groups\"", fromParquet, StringComparison.Ordinal);
        Assert.Equal(fromParquet, fromDuckDb);
        Assert.Equal(fromParquet, throughDuckDb);
    }

    [Fact]
    public void PostgresGivesTheParquetAuditsFairnessByteForByte()
    {
        var connection = RequirePostgres();
        var (table, _, _) = Sources(Rows);
        var name = UniqueTable("households");
        LoadPostgres(connection, name, table);
        var fromParquet = FairnessOf(folder.Write("parquet.yaml", CafPlan("{ path: households.parquet, subjects: synthetic }")), folder.File("out-parquet"));
        var fromPostgres = FairnessOf(folder.Write("pg.yaml", CafPlan($"{{ postgres: {Variable}, table: {name}, counting: audit, subjects: synthetic }}")), folder.File("out-pg"));
        Assert.Equal(fromParquet, fromPostgres);
        // Counted in PostgreSQL by the query of 'audit sql' (the default for a table): the same section but each group's
        // score summary, which needs each row's exact score (EngineCountsTests does the same on DuckDB).
        var countedInPostgres = FairnessOf(folder.Write("pg-engine.yaml", CafPlan($"{{ postgres: {Variable}, table: {name}, subjects: synthetic }}")), folder.File("out-pg-engine"));
        Assert.Equal(EngineCountsTests.WithoutScores(fromParquet), EngineCountsTests.WithoutScores(countedInPostgres));
    }

    /// <summary>
    /// The acceptance run: a plan with <c>postgres:</c> through the audit command over 1,000,000 generated households; the
    /// query Audit sent is in run.log and the connection string in no file of the report folder.
    /// </summary>
    [Fact]
    public void AMillionHouseholdsFromPostgresThroughTheCommandLogTheQueryAndNeverTheConnectionString()
    {
        var connection = RequirePostgres();
        var clock = Stopwatch.StartNew();
        var table = CafHouseholds(1_000_000);
        var name = UniqueTable("million");
        LoadPostgres(connection, name, table);
        var loaded = clock.Elapsed;
        var plan = folder.Write("pg.yaml", CafPlan($"{{ postgres: {Variable}, table: {name}, subjects: synthetic }}"));
        var outFolder = folder.File("out");
        var run = TrustedPlans.Run("run", plan, "--out", outFolder, "--quiet");
        TestContext.Current.SendDiagnosticMessage($"1 M rows: generate + COPY {loaded.TotalSeconds:0.0} s, audit run {(clock.Elapsed - loaded).TotalSeconds:0.0} s");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);

        var log = File.ReadAllText(Path.Combine(outFolder, "run.log"));
        // A table of a declarative plan is counted in the engine: the counts query is logged, whole, and no row left the server.
        Assert.Contains("counted in the engine, by this query:", log, StringComparison.Ordinal);
        Assert.Contains($"FROM \"{name}\"", log, StringComparison.Ordinal);
        Assert.Contains("GROUP BY", log, StringComparison.Ordinal);
        Assert.Contains("rows: 1000000", log, StringComparison.Ordinal);
        Assert.Equal(1_000_000L, Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM \"{name}\"")));
        AssertNowhere(outFolder, connection);
        Scalar(connection, $"DROP TABLE \"{name}\"");
    }

    /// <summary>Neither the connection string nor its host part is in any file under the folder.</summary>
    private static void AssertNowhere(string outFolder, string connection)
    {
        var host = new Npgsql.NpgsqlConnectionStringBuilder(connection).Host!;
        var files = Directory.EnumerateFiles(outFolder, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain(connection, text, StringComparison.Ordinal);
            Assert.DoesNotContain(host, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWriteThroughADuckDbSourceFailsAndLeavesTheDatabaseAsItWas()
    {
        var (_, _, duckdb) = Sources(200);
        var source = new DatabaseSource(DatabaseEngine.DuckDb, duckdb, null, "households", null);
        var readers = Context().Databases;
        foreach (var statement in new[] { "CREATE TABLE stolen AS SELECT 1 AS x", "DELETE FROM households", "INSERT INTO households SELECT * FROM households" })
        {
            var error = Assert.Throws<AuditInputException>(() => readers.Query(source, statement));
            Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        }
        // External access is off: a query cannot read another file of the machine.
        var outside = Assert.Throws<AuditInputException>(() => readers.Query(source, $"SELECT * FROM read_parquet({DatabaseSource.Literal(folder.File("households.parquet"))})"));
        Assert.Contains("outside the source", outside.Message, StringComparison.Ordinal);
        using var check = new DuckDBConnection($"Data Source={duckdb};access_mode=READ_ONLY");
        check.Open();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT (SELECT count(*) FROM households) * 10 + (SELECT count(*) FROM information_schema.tables)";
        Assert.Equal(200L * 10 + 1, Convert.ToInt64(count.ExecuteScalar()));
    }

    [Fact]
    public void AWriteThroughAPostgresSourceFailsAndLeavesTheTableAsItWas()
    {
        var connection = RequirePostgres();
        var name = UniqueTable("readonly");
        LoadPostgres(connection, name, CafHouseholds(50));
        var source = new DatabaseSource(DatabaseEngine.Postgres, null, Variable, name, null);
        var readers = Context().Databases;
        foreach (var statement in new[] { $"DELETE FROM \"{name}\" RETURNING *", $"CREATE TABLE \"{name}_copy\" AS SELECT * FROM \"{name}\"", $"UPDATE \"{name}\" SET sexe = 'X' RETURNING sexe" })
        {
            var error = Assert.Throws<AuditInputException>(() => readers.Query(source, statement));
            Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal(50L, Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM \"{name}\" WHERE sexe <> 'X'")));
        Assert.Null(Scalar(connection, $"SELECT to_regclass('\"{name}_copy\"')::text"));
        Scalar(connection, $"DROP TABLE \"{name}\"");
    }

    /// <summary>
    /// The seam for counts computed in the engine: a GROUP BY written here runs in DuckDB and PostgreSQL and comes back
    /// as an Audit table whose cells equal the brute-force count over the same rows in C#.
    /// </summary>
    [Fact]
    public void AGroupByRunInTheEngineComesBackAsATableOfTheRightCounts()
    {
        var (table, _, duckdb) = Sources(5_000);
        const string GroupBy = """
            SELECT sexe, aah, indu_synthetique AS label, count(*) AS n, sum(revenu) AS revenu
            FROM households GROUP BY sexe, aah, indu_synthetique
            """;
        var oracle = BruteForce(table);
        var readers = Context().Databases;
        var fromDuckDb = readers.Query(new DatabaseSource(DatabaseEngine.DuckDb, duckdb, null, "households", null), GroupBy);
        AssertCells(oracle, Cells(fromDuckDb));
        Assert.IsType<CategoricalColumn>(fromDuckDb["sexe"]);
        Assert.IsType<BooleanColumn>(fromDuckDb["aah"]);
        Assert.IsType<NumericColumn>(fromDuckDb["n"]);

        if (PostgresConnection is { } connection)
        {
            var name = UniqueTable("counts");
            LoadPostgres(connection, name, table);
            var fromPostgres = readers.Query(new DatabaseSource(DatabaseEngine.Postgres, null, Variable, name, null), GroupBy.Replace("households", $"\"{name}\"", StringComparison.Ordinal));
            AssertCells(oracle, Cells(fromPostgres));
            Scalar(connection, $"DROP TABLE \"{name}\"");
        }
    }

    private static SortedDictionary<string, (double N, double Revenu)> BruteForce(Table table)
    {
        var cells = new SortedDictionary<string, (double, double)>(StringComparer.Ordinal);
        for (var row = 0; row < table.RowCount; row++)
        {
            var key = $"{table["sexe"].FormatValue(row)}|{table["aah"].FormatValue(row)}|{table["indu_synthetique"].FormatValue(row)}";
            var (n, sum) = cells.GetValueOrDefault(key);
            var revenu = ((NumericColumn)table["revenu"])[row];
            cells[key] = (n + 1, double.IsNaN(revenu) ? sum : sum + revenu);
        }
        return cells;
    }

    /// <summary>The same cells and counts; sums equal to rounding, since the engine adds in its own order.</summary>
    private static void AssertCells(SortedDictionary<string, (double N, double Revenu)> expected, SortedDictionary<string, (double N, double Revenu)> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.True(expected.Count >= 8, $"only {expected.Count} cells");
        foreach (var (key, (n, revenu)) in expected)
        {
            Assert.Equal(n, actual[key].N);
            Assert.Equal(revenu, actual[key].Revenu, Math.Abs(revenu) * 1e-12);
        }
    }

    private static SortedDictionary<string, (double N, double Revenu)> Cells(Table counts)
    {
        var cells = new SortedDictionary<string, (double, double)>(StringComparer.Ordinal);
        for (var row = 0; row < counts.RowCount; row++)
        {
            var key = $"{counts["sexe"].FormatValue(row)}|{counts["aah"].FormatValue(row)}|{counts["label"].FormatValue(row)}";
            cells[key] = (((NumericColumn)counts["n"])[row], ((NumericColumn)counts["revenu"])[row]);
        }
        return cells;
    }
}
