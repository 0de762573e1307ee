using System.Net.Sockets;
using Npgsql;

namespace Audit.Data.Databases;

/// <summary>
/// Reads a PostgreSQL server whose connection string is in an environment variable (<see cref="DatabaseSource.ConnectionVariable"/>),
/// inside a <c>READ ONLY</c> transaction (PostgreSQL, "SET TRANSACTION": a read-only transaction refuses INSERT, UPDATE,
/// DELETE, MERGE, COPY FROM, CREATE, ALTER and DROP; https://www.postgresql.org/docs/current/sql-set-transaction.html),
/// rolled back at the end. Npgsql streams the result row by row from the socket, so the engine's result is never held
/// whole. The connection string is never quoted: not in errors (the server's own message is, which holds none), not in
/// the log, the report or the provenance.
/// </summary>
public sealed class PostgresReader : IDatabaseReader
{
    public DatabaseEngine Engine => DatabaseEngine.Postgres;

    public Table Query(DatabaseSource source, string sql, DatabaseReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var display = options.DisplayName;
        using var connection = Open(source, display);
        try
        {
            using var transaction = connection.BeginTransaction();
            using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                readOnly.ExecuteNonQuery();
            }
            using var command = new NpgsqlCommand(sql, connection, transaction);
            command.CommandTimeout = 0;
            Table table;
            using (var reader = command.ExecuteReader())
            {
                table = DataReaderTable.Read(reader, options);
            }
            transaction.Rollback();
            return table;
        }
        catch (PostgresException e)
        {
            throw Failed(e, display, sql);
        }
        catch (NpgsqlException e)
        {
            throw new AuditInputException("the connection to the PostgreSQL server failed while reading", file: display, found: e.Message,
                hint: "check that the server is running and retry", inner: e);
        }
    }

    /// <summary>The open connection; every failure is an input error that does not quote the connection string.</summary>
    internal static NpgsqlConnection Open(DatabaseSource source, string display)
    {
        var variable = source.ConnectionVariable ?? throw new ArgumentException("A PostgreSQL source names an environment variable.", nameof(source));
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new AuditInputException($"the environment variable {variable} is not set", file: display, keyPath: "data.postgres",
                expected: "a PostgreSQL connection string in the variable the plan names",
                hint: $"export {variable}='Host=/run/postgresql;Database=agency;Username=auditor' (or Host=server;Port=5432;…) before the audit");
        }
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(text);
        }
        catch (ArgumentException)
        {
            // The message names a keyword at most, never a value; it is still not quoted, in case a driver changes that.
            throw new AuditInputException($"the environment variable {variable} does not hold a valid PostgreSQL connection string", file: display,
                keyPath: "data.postgres", expected: "keywords such as Host=…;Database=…;Username=…", found: "a string Npgsql does not read (not repeated here)",
                hint: "see https://www.npgsql.org/doc/connection-string-parameters.html", inner: null);
        }
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            connection.Dispose();
            var found = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : Scrub(e.Message, text);
            throw new AuditInputException("cannot connect to the PostgreSQL server", file: display, keyPath: "data.postgres",
                expected: $"a server reachable with the connection string in {variable}", found: found,
                hint: "check that the server is running and that the host, port, database, user and password in the variable are right", inner: null);
        }
    }

    /// <summary>A driver message with the connection string and its password taken out, if a driver ever quoted them.</summary>
    private static string Scrub(string message, string connection)
    {
        var scrubbed = message.Replace(connection, "(connection string)", StringComparison.Ordinal);
        try
        {
            var password = new NpgsqlConnectionStringBuilder(connection).Password;
            if (!string.IsNullOrEmpty(password))
            {
                scrubbed = scrubbed.Replace(password, "(password)", StringComparison.Ordinal);
            }
        }
        catch (ArgumentException)
        {
        }
        return scrubbed;
    }

    private static AuditInputException Failed(PostgresException e, string display, string sql)
    {
        var (problem, hint) = e.SqlState switch
        {
            PostgresErrorCodes.UndefinedTable => ("the table does not exist", "check the table's name and schema (\\dt in psql)"),
            PostgresErrorCodes.UndefinedColumn => ("a column the query names does not exist", "check the column names (\\d TABLE in psql)"),
            PostgresErrorCodes.ReadOnlySqlTransaction => ("the source is read-only: the statement tried to change it", "Audit only reads; give a SELECT"),
            PostgresErrorCodes.InsufficientPrivilege => ("the user may not read the table", "ask the database's administrator for SELECT on it"),
            PostgresErrorCodes.SyntaxError => ("the query is not valid SQL", "check the query in run.log"),
            _ => ("the server refused the query", "check the query in run.log against the database"),
        };
        return new AuditInputException(problem, file: display, expected: "a SELECT the server can run read-only", found: $"{e.SqlState}: {e.MessageText}",
            hint: $"{hint} (the statement: {(sql.Length <= 300 ? sql : sql[..300] + "…").ReplaceLineEndings(" ")})", inner: e);
    }
}
