using System.Text;

namespace Audit.Data;

/// <summary>The engines a plan may read rows from (plan keys <c>data.duckdb</c>, <c>data.postgres</c>, <c>data.engine</c>).</summary>
public enum DatabaseEngine
{
    /// <summary>A DuckDB database file, opened read-only with external access off; or a Parquet or CSV file read through DuckDB.</summary>
    DuckDb,

    /// <summary>A PostgreSQL server, in a READ ONLY transaction; the connection string comes from an environment variable.</summary>
    Postgres,
}

/// <summary>
/// Where a database source's rows are counted (plan key <c>data.counting</c>, docs/databases.md): in the engine, by the
/// one GROUP BY query <c>audit sql</c> writes, so that only counts leave it; or in Audit, which reads the rows.
/// </summary>
public enum EngineCounting
{
    /// <summary>No key: in the engine when the plan's decisions can be written in SQL and no per-person output is asked; else the rows are read.</summary>
    Auto,

    /// <summary><c>counting: engine</c>: in the engine, or an error that says why the plan cannot be counted there.</summary>
    Engine,

    /// <summary><c>counting: audit</c>: the rows are read into Audit (every section: explanations, recourse, people).</summary>
    Audit,
}

/// <summary>The format of a data file read through DuckDB (<c>data: { path: FILE, engine: duckdb }</c>).</summary>
public enum EngineFileFormat
{
    Parquet,
    Csv,
}

/// <summary>
/// Rows that live in a database engine (docs/databases.md): which engine, where (a DuckDB file, the name of the
/// environment variable that holds a PostgreSQL connection string, or a Parquet or CSV file DuckDB reads), and what
/// (a table, or a free query when the command line allowed one). The connection string itself is never held here: only
/// the variable's name, so that no report, log, error or provenance can print it.
/// </summary>
/// <param name="Engine">The engine that runs the query.</param>
/// <param name="File">The DuckDB database file, or the Parquet or CSV file read through DuckDB (absolute); null for PostgreSQL.</param>
/// <param name="ConnectionVariable">The environment variable that holds the PostgreSQL connection string; null for DuckDB.</param>
/// <param name="TableName">The table (or view) to read, optionally schema-qualified (<c>schema.table</c>); null with <paramref name="Query"/>.</param>
/// <param name="Query">A free query (only with <c>--allow-query</c>); null with <paramref name="TableName"/>.</param>
public sealed record DatabaseSource(DatabaseEngine Engine, string? File, string? ConnectionVariable, string? TableName, string? Query)
{
    /// <summary>With a file read through DuckDB (<c>data: { path: big.parquet, engine: duckdb }</c>): its format.</summary>
    public EngineFileFormat? FileFormat { get; init; }

    /// <summary>Where the rows are counted (plan key <c>data.counting</c>); only a <see cref="TableName"/> source can be counted in the engine.</summary>
    public EngineCounting Counting { get; init; }

    /// <summary>
    /// The one statement Audit sends to read the rows: <c>SELECT * FROM "table"</c>, <c>SELECT * FROM read_parquet('file')</c>,
    /// or the free query as written. It is written to run.log; it holds no connection string.
    /// </summary>
    public string Sql => Query ?? (FileFormat switch
    {
        EngineFileFormat.Parquet => $"SELECT * FROM read_parquet({Literal(File!)})",
        EngineFileFormat.Csv => $"SELECT * FROM read_csv({Literal(File!)})",
        _ => $"SELECT * FROM {QuoteName(TableName!)}",
    });

    /// <summary>How errors and the report name the source, e.g. <c>households in caf.duckdb</c> or <c>households (PostgreSQL, $AUDIT_PG_CONNECTION)</c>.</summary>
    public string Describe(string fileDisplay)
    {
        var what = TableName ?? "the query";
        return Engine switch
        {
            DatabaseEngine.Postgres => $"{what} (PostgreSQL, ${ConnectionVariable})",
            _ when FileFormat is not null => $"{fileDisplay} (through DuckDB)",
            _ => $"{what} in {System.IO.Path.GetFileName(fileDisplay)}",
        };
    }

    /// <summary>
    /// A table name quoted as an SQL identifier, each dot-separated part in double quotes (a double quote inside doubled),
    /// so that a name is only ever a name: <c>households</c> → <c>"households"</c>, <c>caf.households</c> → <c>"caf"."households"</c>.
    /// </summary>
    public static string QuoteName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        foreach (var part in name.Split('.'))
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }
            text.Append('"').Append(part.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return text.ToString();
    }

    /// <summary>An SQL string literal (single quotes, a quote inside doubled).</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}

/// <summary>How a database reader turns a query's result into a <see cref="Table"/>.</summary>
public sealed record DatabaseReadOptions
{
    /// <summary>The default: each column gets the type its engine type maps to.</summary>
    public static DatabaseReadOptions Default { get; } = new();

    /// <summary>Declared column types that override the engine's (as for <see cref="ParquetReadOptions.ColumnTypes"/>).</summary>
    public IReadOnlyDictionary<string, ColumnType>? ColumnTypes { get; init; }

    /// <summary>Bounds on the result (rows, columns, distinct values, text length), checked as rows arrive.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>How errors name the source (never the connection string).</summary>
    public string DisplayName { get; init; } = "the query's result";

    /// <summary>Called every <see cref="DataReaderTable.ChunkRows"/> rows with (rows read so far, 0: the total is unknown).</summary>
    public Action<long, long>? Progress { get; init; }
}

/// <summary>
/// Reads rows from one database engine. The engines live in their own assembly (Audit.Data.Databases: DuckDB is a native
/// runtime most users never load, ARCHITECTURE.md "Layout") and are registered on a <see cref="DatabaseReaders"/> catalogue
/// (an <see cref="AuditContext"/>'s; the CLI registers them).
/// </summary>
public interface IDatabaseReader
{
    /// <summary>The engine this reader speaks to.</summary>
    DatabaseEngine Engine { get; }

    /// <summary>
    /// Runs <paramref name="sql"/> on the source, read-only, and returns its result as a table, streamed in chunks with
    /// the limits applied as rows arrive. Bad sources (missing variable, unreachable server, unknown table or column,
    /// a column type Audit does not read) raise <see cref="AuditInputException"/> that never quotes a connection string.
    /// </summary>
    Table Query(DatabaseSource source, string sql, DatabaseReadOptions options);
}

/// <summary>The database readers one program uses, as <see cref="Models.ModelLoaders"/> holds the model-file loaders.</summary>
public sealed class DatabaseReaders
{
    private readonly List<IDatabaseReader> registered = [];
    private readonly Lock gate = new();

    /// <summary>Registers a reader once (the same type again does nothing).</summary>
    /// <returns>This catalogue, so that registrations chain.</returns>
    public DatabaseReaders Register(IDatabaseReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (gate)
        {
            if (!registered.Any(r => r.GetType() == reader.GetType()))
            {
                registered.Add(reader);
            }
        }
        return this;
    }

    /// <summary>
    /// Runs a query on the source and returns its result as a table: the seam through which a <c>GROUP BY</c> written
    /// for the engine (the counts of docs/counts-format.md) comes back as an Audit table, no row leaving the engine.
    /// </summary>
    public Table Query(DatabaseSource source, string sql, DatabaseReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sql);
        IDatabaseReader? reader;
        lock (gate)
        {
            reader = registered.FirstOrDefault(r => r.Engine == source.Engine);
        }
        if (reader is null)
        {
            throw new AuditInputException($"no reader for {source.Engine} is registered", keyPath: "data",
                hint: "register the database readers with AuditContext.Databases (Audit.Data.Databases: DatabaseReadersExtensions.RegisterAll); the audit command registers them");
        }
        return reader.Query(source, sql, options ?? DatabaseReadOptions.Default);
    }

    /// <summary>Reads the source's rows: <see cref="Query"/> with <see cref="DatabaseSource.Sql"/>.</summary>
    public Table Read(DatabaseSource source, DatabaseReadOptions? options = null) => Query(source, source?.Sql!, options);
}
