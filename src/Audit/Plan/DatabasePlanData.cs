using System.Text.RegularExpressions;
using Audit.Data;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// The plan's data keys for a database source (docs/databases.md): <c>data: { duckdb: FILE, table: NAME }</c>,
/// <c>data: { postgres: ENV_VAR, table: NAME }</c>, <c>query:</c> in place of <c>table:</c> when the command line
/// grants it (<c>--allow-query</c>), and <c>data: { path: big.parquet, engine: duckdb }</c>.
/// </summary>
internal static partial class DatabasePlanData
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    /// <summary>The database source the data keys describe, or null when they describe a file read by Audit itself.</summary>
    /// <param name="resolve">Resolves a path relative to the plan (and confines it to the plan's root).</param>
    /// <param name="allowQuery">Whether the command line granted a free query.</param>
    public static DataSource? Read(YamlMap data, Func<string, string> resolve, bool allowQuery)
    {
        var duckdb = data.Has("duckdb");
        var postgres = data.Has("postgres");
        var engine = data.OptionalChoice("engine", "duckdb", "audit");
        var counting = data.OptionalChoice("counting", "engine", "audit") switch
        {
            "engine" => EngineCounting.Engine,
            "audit" => EngineCounting.Audit,
            _ => EngineCounting.Auto,
        };
        if (counting == EngineCounting.Engine && !data.Has("table"))
        {
            throw data.Error("counting", "only a table of a database source can be counted in the engine",
                expected: "'duckdb: FILE' or 'postgres: ENV_VAR' with 'table: NAME'",
                hint: "name a table or view (a free query or a file read through DuckDB is read as rows), or remove 'counting'");
        }
        if (!duckdb && !postgres)
        {
            foreach (var key in new[] { "table", "query" })
            {
                if (data.Has(key))
                {
                    throw data.Error(key, $"'{key}' applies only to a database source", hint: "add 'duckdb: FILE' or 'postgres: ENV_VAR' beside it, or remove it");
                }
            }
            return engine == "duckdb" ? ThroughDuckDb(data, resolve) : null;
        }
        if (duckdb && postgres)
        {
            throw data.Error("postgres", "a plan reads one source", expected: "'duckdb' or 'postgres', not both", hint: "keep one of the two keys");
        }
        foreach (var key in new[] { "path", "population", "format", "delimiter", "decimal_comma", "missing", "encoding", "engine" })
        {
            if (data.Has(key))
            {
                throw data.Error(key, $"'{key}' does not apply to a database source", hint: $"remove '{key}'");
            }
        }
        var (table, query) = WhatOf(data, allowQuery);
        DatabaseSource source;
        string path, display;
        if (duckdb)
        {
            display = data.RequiredString("duckdb");
            path = resolve(display);
            if (!System.IO.File.Exists(path))
            {
                throw data.Error("duckdb", "the DuckDB file is not found", expected: "an existing DuckDB database file", found: display,
                    hint: "paths in a plan are relative to the plan's folder");
            }
            source = new DatabaseSource(DatabaseEngine.DuckDb, path, null, table, query) { Counting = counting };
        }
        else
        {
            var variable = data.RequiredString("postgres");
            if (!VariableName().IsMatch(variable))
            {
                // Never quote the value: it may be a connection string with a password, written where a name belongs.
                throw data.Error("postgres", "'postgres' names the environment variable that holds the connection string",
                    expected: "a variable name such as AUDIT_PG_CONNECTION (letters, digits, '_')", found: "a value that is not a variable name (not repeated here)",
                    hint: "put the connection string in an environment variable and write its name: postgres: AUDIT_PG_CONNECTION; a plan never holds a password");
            }
            path = "";
            source = new DatabaseSource(DatabaseEngine.Postgres, null, variable, table, query) { Counting = counting };
            display = "";
        }
        return new DataSource(path, source.Describe(display), DataFormat.Database, null, false, [], data.Line) { Database = source };
    }

    private static (string? Table, string? Query) WhatOf(YamlMap data, bool allowQuery)
    {
        if (data.Has("table") == data.Has("query"))
        {
            throw data.Error(data.Has("table") ? "query" : "table", "a database source reads one table or one query",
                expected: "'table: NAME' (or 'query: SELECT …' with --allow-query)", hint: "write table: households");
        }
        if (data.Has("query"))
        {
            if (!allowQuery)
            {
                throw data.Error("query", "a free query runs only when the command line allows it",
                    expected: "'table: NAME', or --allow-query on the command line",
                    hint: "a plan may come from someone else and its query runs on your connection: read the query, then run 'audit run PLAN --allow-query', or name a table or view");
            }
            var query = data.RequiredString("query").Trim().TrimEnd(';').Trim();
            if (query.Length == 0)
            {
                throw data.Error("query", "the query is empty", expected: "one SELECT statement");
            }
            return (null, query);
        }
        var table = data.RequiredString("table").Trim();
        if (table.Length == 0 || table.Split('.').Any(p => p.Length == 0) || table.Split('.').Length > 3)
        {
            throw data.Error("table", "not a table name", expected: "a table or view name, optionally schema-qualified (schema.table)", found: table);
        }
        return (table, null);
    }

    /// <summary><c>data: { path: big.parquet, engine: duckdb }</c>: the file read by DuckDB, not by Audit's readers.</summary>
    private static DataSource ThroughDuckDb(YamlMap data, Func<string, string> resolve)
    {
        foreach (var key in new[] { "delimiter", "decimal_comma", "missing", "encoding", "population" })
        {
            if (data.Has(key))
            {
                throw data.Error(key, $"'{key}' does not apply to a file read through DuckDB (DuckDB detects the CSV dialect)", hint: $"remove '{key}', or remove 'engine: duckdb'");
            }
        }
        var display = data.RequiredString("path", hint: "give the data file's path, relative to the plan");
        var path = resolve(display);
        if (!System.IO.File.Exists(path))
        {
            throw data.Error("path", "the data file is not found", found: display, hint: "paths in a plan are relative to the plan's folder");
        }
        var format = data.OptionalChoice("format", "csv", "parquet") switch
        {
            "csv" => EngineFileFormat.Csv,
            "parquet" => EngineFileFormat.Parquet,
            _ => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? EngineFileFormat.Parquet : EngineFileFormat.Csv,
        };
        var source = new DatabaseSource(DatabaseEngine.DuckDb, path, null, null, null) { FileFormat = format };
        return new DataSource(path, display, DataFormat.Database, null, false, [], data.Line) { Database = source };
    }
}
