using System.Text.Json;
using Audit.Data;
using Audit.Data.Databases;
using Audit.Plan;
using Audit.Tests.Cli;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;

namespace Audit.Tests.Data.Databases;

/// <summary>
/// What the database-source tests share: the CAF population the toolkit generates (the population of
/// datasets/plans/caf-reconstructed.yaml), written as Parquet, loaded into a DuckDB file and into the CI's PostgreSQL
/// (COPY through Npgsql's binary import), and a plan over any of them.
/// </summary>
internal static class DatabaseFixtures
{
    /// <summary>The variable .ci/run exports with the throw-away server's connection string.</summary>
    public const string Variable = "AUDIT_PG_CONNECTION";

    public static string? PostgresConnection => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text ? text : null;

    /// <summary>Skips the calling test when no PostgreSQL server is given (.ci/run starts one).</summary>
    public static string RequirePostgres()
    {
        var text = PostgresConnection;
        Assert.SkipWhen(text is null, $"{Variable} is not set: no PostgreSQL server for this run (.ci/run starts one on a local socket)");
        return text!;
    }

    /// <summary>The CAF households the shipped plan generates, <paramref name="rows"/> of them, with its seed.</summary>
    public static Table CafHouseholds(int rows)
    {
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"));
        plan = plan with { Data = plan.Data with { Population = plan.Data.Population! with { Rows = rows } } };
        return Audit.Synthetic.SyntheticData.Generate(PopulationPlanData.DrawOf(plan), null);
    }

    /// <summary>A plan over the CAF rows with the shipped plan's model, policy and protected attributes; no recourse (fairness only).</summary>
    public static string CafPlan(string data) => $"""
        name: caf-database
        root: /
        data: {data}
        roles:
          id: foyer_id
          label: indu_synthetique
        model:
          spec: {Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml")}
        policy:
          top_fraction: 0.0120289855
        protected_attributes:
          - column: sexe
            reference: M
          - column: age
            bands: [25, 35, 50, 65]
          - column: nationalite
            reference: FR
          - column: aah
            reference: "false"
          - column: parent_isole
            reference: "false"
          - column: qpv
            reference: "false"
          - column: tranche_niveau_de_vie
            reference: D6_D9
        min_cell_size: 10
        seed: 1
        """;

    /// <summary>A DuckDB file holding the Parquet file's rows as table <paramref name="table"/> (written by DuckDB itself).</summary>
    public static void DuckDbFromParquet(string parquet, string database, string table)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE {DatabaseSource.QuoteName(table)} AS SELECT * FROM read_parquet({DatabaseSource.Literal(parquet)})";
        command.ExecuteNonQuery();
    }

    /// <summary>Creates table <paramref name="name"/> in PostgreSQL and loads the rows by binary COPY (double precision, text, boolean).</summary>
    public static void LoadPostgres(string connectionString, string name, Table table)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var quoted = DatabaseSource.QuoteName(name);
        string TypeOf(Column c) => c switch { NumericColumn => "double precision", BooleanColumn => "boolean", _ => "text" };
        using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS {quoted}; CREATE TABLE {quoted} ({string.Join(", ", table.Columns.Select(c => $"{DatabaseSource.QuoteName(c.Name)} {TypeOf(c)}"))})", connection))
        {
            create.ExecuteNonQuery();
        }
        using var import = connection.BeginBinaryImport($"COPY {quoted} FROM STDIN (FORMAT BINARY)");
        var columns = table.Columns.ToArray();
        for (var row = 0; row < table.RowCount; row++)
        {
            import.StartRow();
            foreach (var column in columns)
            {
                switch (column)
                {
                    case NumericColumn n when double.IsNaN(n[row]):
                    case BooleanColumn b when b[row] is null:
                    case CategoricalColumn k when k[row] is null:
                        import.WriteNull();
                        break;
                    case NumericColumn n:
                        import.Write(n[row], NpgsqlDbType.Double);
                        break;
                    case BooleanColumn b:
                        import.Write(b[row]!.Value, NpgsqlDbType.Boolean);
                        break;
                    case CategoricalColumn k:
                        import.Write(k[row]!, NpgsqlDbType.Text);
                        break;
                    default:
                        throw new InvalidOperationException(column.GetType().Name);
                }
            }
        }
        import.Complete();
    }

    /// <summary>Runs a SQL statement on PostgreSQL outside Audit (test setup and checks).</summary>
    public static object? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is var value && value is DBNull ? null : value;
    }

    /// <summary>An audit context with the database readers registered, as the CLI has.</summary>
    public static AuditContext Context()
    {
        var context = new AuditContext();
        context.Databases.RegisterAll();
        return context;
    }

    /// <summary>Runs the plan as the CLI would (granting --root /) and returns report.json's fairness section, as written.</summary>
    public static string FairnessOf(string planPath, string reportFolder, bool allowQuery = false)
    {
        var context = Context();
        var plan = context.ReadPlan(planPath, null, InputLimits.Default with { AllowQuery = allowQuery }, "/");
        // As the audit command does: a table whose plan SQL can state is counted in its engine.
        var result = context.Run(Audit.Sql.EngineCounts.CountInEngine(plan));
        context.Report(result, reportFolder, plan: plan);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(reportFolder, "report.json")));
        return json.RootElement.GetProperty("fairness").GetRawText();
    }

    /// <summary>A table name of its own for one test, so that tests sharing the server never meet.</summary>
    public static string UniqueTable(string stem) => $"{stem}_{Guid.NewGuid():N}"[..(stem.Length + 13)];
}
