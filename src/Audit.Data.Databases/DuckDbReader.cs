using System.Data.Common;
using DuckDB.NET.Data;

namespace Audit.Data.Databases;

/// <summary>
/// Reads a DuckDB database file, or a Parquet or CSV file through DuckDB, read-only. The database is opened with
/// <c>access_mode=READ_ONLY</c> (no statement can change it) and <c>enable_external_access=false</c> (no query can read
/// or write another file, attach a database or load an extension: DuckDB, "Securing DuckDB" and "Safe mode",
/// https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview and
/// https://duckdb.org/docs/stable/clients/cli/safe_mode). A Parquet or CSV file is read by an in-memory database whose
/// only readable path is that file (<c>allowed_paths</c>), external access otherwise off. Rows are fetched in DuckDB's
/// chunks (streaming mode), never as one materialised result.
/// </summary>
public sealed class DuckDbReader : IDatabaseReader
{
    public DatabaseEngine Engine => DatabaseEngine.DuckDb;

    public Table Query(DatabaseSource source, string sql, DatabaseReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        using var connection = Open(source, options.DisplayName);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.UseStreamingMode = true;
            using var reader = command.ExecuteReader();
            return DataReaderTable.Read(reader, options);
        }
        catch (DuckDBException e)
        {
            throw Failed(e, options.DisplayName, sql);
        }
    }

    /// <summary>The connection, configured before the first statement so that no statement can undo it.</summary>
    internal static DuckDBConnection Open(DatabaseSource source, string display)
    {
        var file = source.File ?? throw new ArgumentException("A DuckDB source names a file.", nameof(source));
        if (!File.Exists(file))
        {
            throw new AuditInputException("file not found", file: display, expected: source.FileFormat is null ? "a DuckDB database file" : "a data file",
                hint: "paths in a plan are relative to the plan's folder");
        }
        var builder = new DbConnectionStringBuilder();
        if (source.FileFormat is null)
        {
            builder["Data Source"] = file;
            builder["access_mode"] = "READ_ONLY";
        }
        else
        {
            builder["Data Source"] = ":memory:";
        }
        // The engine runs inside the audit process: its memory is the process's. A counts query over a national table
        // (a sort for the top-k cut-off) would otherwise take up to 80 % of the machine's memory (DuckDB's default);
        // with a limit DuckDB spills to its temporary folder and the audit's peak stays under 1 GiB (docs/benchmarks.md,
        // "Counted in the engine"). Insertion order is kept (DuckDB's default): rows read for an audit of rows keep the
        // table's order, on which the tie rule of a top-k policy rests.
        builder["memory_limit"] = "512MB";
        builder["autoload_known_extensions"] = "false";
        builder["autoinstall_known_extensions"] = "false";
        // A list setting cannot be given in the connection string: the file's one readable path is set first, then
        // external access is turned off (it cannot be turned on again), then the configuration is locked.
        var settings = source.FileFormat is null
            ? new[] { "SET enable_external_access = false" }
            : [$"SET allowed_paths = [{DatabaseSource.Literal(file)}]", "SET enable_external_access = false"];
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            foreach (var setting in settings.Append("SET lock_configuration = true"))
            {
                using var command = connection.CreateCommand();
                command.CommandText = setting;
                command.ExecuteNonQuery();
            }
            return connection;
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new AuditInputException("cannot open the DuckDB database", file: display, expected: "a DuckDB database file this version reads",
                found: e.Message, hint: "check that the file is a DuckDB database (not SQLite, not a Parquet file: for Parquet write 'path: FILE' with 'engine: duckdb')", inner: e);
        }
    }

    private static AuditInputException Failed(DuckDBException e, string display, string sql)
    {
        var message = e.Message;
        var (problem, hint) = message switch
        {
            _ when message.Contains("Table with name", StringComparison.Ordinal) && message.Contains("does not exist", StringComparison.Ordinal) =>
                ("the table does not exist", "check the table's name (SHOW TABLES in DuckDB), or its schema (schema.table)"),
            _ when message.Contains("Referenced column", StringComparison.Ordinal) || message.Contains("not found in FROM clause", StringComparison.Ordinal) =>
                ("a column the query names does not exist", "check the column names (DESCRIBE the table in DuckDB)"),
            _ when message.Contains("read-only", StringComparison.OrdinalIgnoreCase) =>
                ("the source is read-only: the statement tried to change it", "Audit only reads; give a SELECT"),
            _ when message.Contains("external access", StringComparison.OrdinalIgnoreCase) || message.Contains("Permission Error", StringComparison.Ordinal) =>
                ("the statement tried to reach outside the source", "Audit opens DuckDB with external access off: read only the database's own tables"),
            _ => ("the engine refused the query", "check the query in run.log against the database"),
        };
        return new AuditInputException(problem, file: display, expected: "a SELECT the engine can run read-only", found: message,
            hint: $"{hint} (the statement: {Clip(sql)})", inner: e);
    }

    private static string Clip(string sql) => sql.Length <= 300 ? sql.ReplaceLineEndings(" ") : sql[..300].ReplaceLineEndings(" ") + "…";
}
