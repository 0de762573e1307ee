using System.Diagnostics;
using System.Globalization;
using Audit.Data;
using Audit.Synthetic;
using DuckDB.NET.Data;

namespace Audit.Bench;

/// <summary>
/// <c>--engine-counts-national [rows] [audit binary]</c> (issue 20): the reconstructed CAF audit of a national population
/// that stays in its engine. Set-up (not timed): the plan's households are generated and written to a DuckDB file
/// (table <c>households</c>, by DuckDB from a Parquet file). Then, three times, the <c>audit</c> command runs a plan
/// whose data is that table (<c>data: { duckdb: FILE, table: households }</c>): the counts query of <c>audit sql</c>
/// runs in DuckDB, inside the audit process, and only the cells come back. Each run's wall time and peak resident set
/// (<c>/usr/bin/time -f "%e %M"</c>, which counts DuckDB's own memory) are printed, with the run.log stages.
/// </summary>
public static class EngineCountsMeasurement
{
    public static void Run(int rows, string? audit)
    {
        audit ??= ParquetNationalMeasurement.Find("src", "Audit.Cli", "bin", "Release", "net10.0", "Audit.Cli");
        var folder = Path.Combine(Path.GetTempPath(), $"audit-engine-{rows}");
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "caf.duckdb");
        var clock = Stopwatch.StartNew();
        if (!File.Exists(database))
        {
            var spec = PopulationSpecLoader.Load(ParquetNationalMeasurement.Find("datasets", "populations", "caf-france.yaml"), "caf-france.yaml");
            var parquet = Path.Combine(folder, "households.parquet");
            ParquetTableWriter.Write(PopulationGenerator.GenerateTable(spec, rows, seed: 1), parquet);
            using (var connection = new DuckDBConnection($"Data Source={database}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"CREATE TABLE households AS SELECT * FROM read_parquet('{parquet}')";
                command.ExecuteNonQuery();
            }
            File.Delete(parquet);
            GC.Collect();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} households in {database} ({new FileInfo(database).Length / 1048576.0:0} MiB), set up in {clock.Elapsed.TotalSeconds:0.0} s"));

        var plan = Path.Combine(folder, "engine.yaml");
        File.WriteAllText(plan, $"""
            name: caf-engine
            root: /
            data: {"{"} duckdb: caf.duckdb, table: households, subjects: synthetic {"}"}
            roles:
              id: foyer_id
              label: indu_synthetique
            model:
              spec: {ParquetNationalMeasurement.Find("models", "caf-reconstructed.yaml")}
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

            """);
        for (var r = 0; r < 3; r++)
        {
            var output = Path.Combine(folder, "out");
            var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", audit, "run", plan, "--root", "/", "--out", output, "--quiet"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"audit run failed ({process.ExitCode}): {error}");
            }
            var figures = error.Split('\n')[^1].Split(' ');
            var stages = File.ReadAllLines(Path.Combine(output, "run.log")).Where(l => l.EndsWith(" s", StringComparison.Ordinal) && !l.StartsWith(' ')).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {r + 1}: wall {figures[0]} s, peak resident set {double.Parse(figures[1], CultureInfo.InvariantCulture) / 1024:0} MiB; run.log: {string.Join(", ", stages)}"));
        }
    }
}
