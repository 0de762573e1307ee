using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Data;
using Audit.Tests.Cli;
using DuckDB.NET.Data;
using static Audit.Tests.Data.Databases.DatabaseFixtures;

namespace Audit.Tests.Data.Databases;

/// <summary>
/// Issue 20's acceptance: a million generated CAF households in a DuckDB file; the counts computed where the rows live,
/// in two ways (the query of <c>audit sql</c> run by DuckDB and written to a counts CSV, then <c>audit run</c> on
/// <c>data: counts</c>; and a plan whose data is the DuckDB table, counted in the engine by <c>Auditor.CountInEngine</c>),
/// give report.json's fairness section byte for byte as the in-memory audit of the same rows, unweighted and with
/// frequency weights. With sampling weights, the counts run says that the intervals need each row's weight. The
/// in-memory audit reads the rows from a Parquet file DuckDB wrote from its table, so both sides see the same rows in
/// the same order; DuckDB, not Audit, runs the counts query in the first way, and the CSV it writes is read by the
/// counts reader, so that nothing on the counts side shares code with the rows side but the plan and the metrics.
/// </summary>
public sealed class EngineCountsTests : IDisposable
{
    private const int Rows = 1_000_000;
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AMillionHouseholdsCountedByDuckDbGiveTheInMemoryFairnessByteForByteUnweightedAndWithFrequencyWeights()
    {
        Load();
        foreach (var (name, weight) in new[] { ("plain", ""), ("frequency", "weights: frequency\n") })
        {
            var roles = weight.Length == 0 ? "" : "  weight: w\n";
            var rows = Fairness(Plan($"rows-{name}", "{ path: rows.parquet, subjects: synthetic }", roles, weight), out _);

            var sqlPlan = Plan($"sql-{name}", "{ path: rows.parquet, subjects: synthetic }", roles, weight);
            var sql = TrustedPlans.Run("sql", sqlPlan, "--dialect", "duckdb", "--table", "households", "--root", "/");
            Assert.True(sql.ExitCode == 0, sql.Error + sql.Out);
            var countsFile = folder.File($"counts-{name}.csv");
            Execute($"COPY ({sql.Out.Trim().TrimEnd(';')}) TO '{countsFile}' (HEADER, DELIMITER ',')");
            var counts = Fairness(Plan($"counts-{name}", $"{{ counts: {Path.GetFileName(countsFile)}, subjects: synthetic }}", roles, weight), out var countsJson);
            var engine = Fairness(Plan($"engine-{name}", "{ duckdb: caf.duckdb, table: households, subjects: synthetic }", roles, weight), out var engineJson);

            Assert.Contains("\"groups\"", rows, StringComparison.Ordinal);
            // Byte for byte, but for each group's score summary, which needs each row's exact score and which the
            // counts runs list as absent (data.counts.absent: scores, needs_scores).
            Assert.Contains("\"scores\"", rows, StringComparison.Ordinal);
            Assert.Equal(WithoutScores(rows), WithoutScores(counts));
            Assert.Equal(WithoutScores(rows), WithoutScores(engine));
            Assert.Contains(("scores", "needs_scores"), Absent(engineJson));
            Assert.Contains(("scores", "needs_scores"), Absent(countsJson));
            // The engine's run is a counts run whose query is kept; the file's is not.
            Assert.Contains("GROUP BY", engineJson.GetProperty("data").GetProperty("counts").GetProperty("query").GetString(), StringComparison.Ordinal);
            Assert.False(countsJson.GetProperty("data").GetProperty("counts").TryGetProperty("query", out var fileQuery) && fileQuery.ValueKind != JsonValueKind.Null);
            Assert.Equal(Rows, engineJson.GetProperty("data").GetProperty("rows").GetInt64());
        }
    }

    [Fact]
    public void WithSamplingWeightsTheCountsRunSaysTheIntervalsNeedEachRowsWeight()
    {
        Load(rows: 20_000);
        var plan = Plan("sampling", "{ duckdb: caf.duckdb, table: households, subjects: synthetic }", "  weight: w\n", "weights: sampling\n");
        Fairness(plan, out var json);
        Assert.Contains(("bootstrap", "needs_row_weights"), Absent(json));
    }

    [Fact]
    public void CountingAuditReadsTheRowsAndCountingEngineRefusesAPlanSqlCannotState()
    {
        Load(rows: 20_000);
        var engine = Fairness(Plan("engine", "{ duckdb: caf.duckdb, table: households, subjects: synthetic }", "", ""), out var engineJson);
        var rows = Fairness(Plan("audit", "{ duckdb: caf.duckdb, table: households, counting: audit, subjects: synthetic }", "", ""), out var rowsJson);
        Assert.Equal(WithoutScores(rows), WithoutScores(engine));
        Assert.True(engineJson.GetProperty("data").TryGetProperty("counts", out var c) && c.ValueKind == JsonValueKind.Object);
        Assert.False(rowsJson.GetProperty("data").TryGetProperty("counts", out var r) && r.ValueKind != JsonValueKind.Null);

        // A spec with unknown weights has no one score to write in SQL: 'counting: engine' refuses it and says why, while
        // without the key the same plan reads the rows.
        var signsOnly = Path.Combine(SharedData.RepositoryRoot, "models", "caf-signs-only.yaml");
        var partial = folder.Write("partial.yaml", Plan("partial", "{ duckdb: caf.duckdb, table: households, counting: engine, subjects: synthetic }", "", "", write: false)
            .Replace(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), signsOnly, StringComparison.Ordinal)
            + "\ndesigns:\n  partial_model: { samples: 5, magnitude: 1.0 }\n");
        var run = TrustedPlans.Run("run", partial, "--out", folder.File("out-partial"), "--quiet");
        Assert.Equal(2, run.ExitCode);
        Assert.True(run.Error.Contains("cannot express this plan", StringComparison.Ordinal), run.Error);
        TestContext.Current.SendDiagnosticMessage(run.Error);
        Assert.False(Directory.Exists(folder.File("out-partial")));
        var auto = folder.Write("partial-auto.yaml", File.ReadAllText(partial).Replace(", counting: engine", "", StringComparison.Ordinal).Replace("name: partial", "name: partial-auto", StringComparison.Ordinal));
        var read = TrustedPlans.Run("run", auto, "--out", folder.File("out-partial-auto"), "--quiet");
        Assert.True(read.ExitCode == 0, read.Error + read.Out);
        Assert.Contains("query: SELECT * FROM \"households\"", File.ReadAllText(Path.Combine(folder.File("out-partial-auto"), "run.log")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandLogsTheCountsQueryTheEngineRanAndCountingEngineNeedsATable()
    {
        Load(rows: 20_000);
        var plan = Plan("logged", "{ duckdb: caf.duckdb, table: households, subjects: synthetic }", "", "");
        var outFolder = folder.File("out-logged");
        var run = TrustedPlans.Run("run", plan, "--out", outFolder, "--quiet");
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        var log = File.ReadAllText(Path.Combine(outFolder, "run.log"));
        Assert.Contains("counted in the engine, by this query:", log, StringComparison.Ordinal);
        Assert.Contains("FROM \"households\"", log, StringComparison.Ordinal);
        Assert.Contains("rows: 20000", log, StringComparison.Ordinal);
        // The ties at the top-k cut-off were broken by the query (by the id column), and the report says so, not "row order".
        var markdown = File.ReadAllText(Path.Combine(outFolder, "report.md"));
        Assert.Contains("ties at the cut-off broken by the query that counted", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("broken by row order", markdown, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outFolder, "report.json")));
        Assert.Equal("counted", report.RootElement.GetProperty("policy").GetProperty("tiesBy").GetString());

        var query = folder.Write("query.yaml", Plan("query-engine", "{ duckdb: caf.duckdb, query: \"SELECT * FROM households\", counting: engine }", "", "", write: false));
        var refused = TrustedPlans.Run("run", query, "--allow-query", "--out", folder.File("out-query"), "--quiet");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("counting", refused.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The households in a DuckDB file (table <c>households</c>, with a frequency weight <c>w</c> of 1 to 3 drawn from the
    /// id) and, written by DuckDB from that table, rows.parquet for the in-memory audit.
    /// </summary>
    private void Load(int rows = Rows)
    {
        var generated = folder.File("generated.parquet");
        ParquetTableWriter.Write(CafHouseholds(rows), generated);
        Execute($"CREATE TABLE households AS SELECT *, CAST(1 + (foyer_id % 3) AS DOUBLE) AS w FROM read_parquet('{generated}')");
        Execute($"COPY households TO '{folder.File("rows.parquet")}' (FORMAT PARQUET)");
    }

    private void Execute(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={folder.File("caf.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string Plan(string name, string data, string roles, string weights, bool write = true)
    {
        var text = CafPlan(data).Replace("name: caf-database", $"name: {name}", StringComparison.Ordinal)
            .Replace("  label: indu_synthetique\n", "  label: indu_synthetique\n" + roles, StringComparison.Ordinal)
            .Replace("min_cell_size: 10\n", "min_cell_size: 10\n" + weights, StringComparison.Ordinal);
        return write ? folder.Write(name + ".yaml", text) : text;
    }

    private static List<(string?, string?)> Absent(JsonElement report) =>
        [.. report.GetProperty("data").GetProperty("counts").GetProperty("absent").EnumerateArray()
            .Select(a => (a.GetProperty("section").GetString(), a.GetProperty("reason").GetString()))];

    /// <summary>
    /// The fairness section without the members a counts run cannot give (each group's "scores" and "grades", computed from
    /// each row's exact score), both sides written back the same way (indentation), every value token as the run wrote it
    /// (a parsed number keeps its text).
    /// </summary>
    internal static string WithoutScores(string fairness)
    {
        var node = JsonNode.Parse(fairness)!;
        Strip(node);
        var text = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text;

        static void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    o.Remove("scores");
                    o.Remove("grades");
                    foreach (var (_, child) in o.ToList())
                    {
                        Strip(child);
                    }
                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }
                    break;
            }
        }
    }

    /// <summary>The fairness section of report.json as written, and the whole document.</summary>
    private string Fairness(string planPath, out JsonElement report)
    {
        var outFolder = folder.File("out-" + Path.GetFileNameWithoutExtension(planPath));
        var fairness = FairnessOf(planPath, outFolder);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outFolder, "report.json")));
        report = json.RootElement.Clone();
        return fairness;
    }
}
