using System.Diagnostics;
using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Models;
using Audit.Policy;
using Audit.Synthetic;
using DuckDB.NET.Data;

namespace Audit.Bench;

/// <summary>
/// <c>--parquet-national [rows]</c>: group statistics from a national-scale Parquet file, Audit against DuckDB's own
/// GROUP BY over the same file (docs/benchmarks.md, "National scale"). The file (not timed) holds the reconstructed
/// CAF audit's columns that group statistics need: four protected attributes (sexe, nationalite, aah, parent_isole),
/// the synthetic label and the decision of the plan's top-fraction policy over the model's scores. Audit reads the
/// file with its own reader (<see cref="ParquetTableReader"/>, no DuckDB), groups and accumulates; DuckDB (threads =
/// 2) runs <see cref="Query"/> on <c>read_parquet</c> and the full result is read. Then DuckDB's rows, turned into
/// statistics by <see cref="GroupByCounts.FromGroupBy"/>, are checked equal to Audit's, slot by slot.
/// </summary>
public static class ParquetNationalMeasurement
{
    private static readonly string[] Attributes = ["sexe", "nationalite", "aah", "parent_isole"];

    /// <summary>The GROUP BY an engine runs where the data lives (booleans cast to text as Audit names their groups).</summary>
    public const string Query =
        "SELECT sexe, nationalite, CAST(aah AS VARCHAR), CAST(parent_isole AS VARCHAR), CAST(indu_synthetique AS INTEGER), CAST(decision AS INTEGER), count(*) " +
        "FROM read_parquet('{0}') GROUP BY ALL";

    public static void Run(int rows, int repeats = 3)
    {
        var path = Path.Combine(Path.GetTempPath(), $"audit-national-{rows}.parquet");
        var clock = Stopwatch.StartNew();
        var spec = PopulationSpecLoader.Load(Find("datasets", "populations", "caf-france.yaml"), "caf-france.yaml");
        var table = PopulationGenerator.GenerateTable(spec, rows, seed: 1);
        var model = LinearModelSpec.Load(Find("models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        var outcome = new TopFractionPolicy(0.0120289855).Decide(model.Score(table), model.Adverse);
        var decision = new BooleanColumn("decision", outcome.Flags);
        ParquetTableWriter.Write(new Table([.. Attributes.Select(a => table[a]), table["indu_synthetique"], decision]), path);
        table = null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {rows:N0} rows to {path} ({new FileInfo(path).Length / 1048576.0:0.0} MiB) in {clock.Elapsed.TotalSeconds:0.0} s; {outcome.Flagged:N0} flagged"));

        GroupStatistics? ours = null;
        for (var r = 0; r < repeats; r++)
        {
            clock.Restart();
            var read = ParquetTableReader.Read(path);
            var readSeconds = clock.Elapsed.TotalSeconds;
            var groups = Attributes.Select(a => GroupAssignment.FromColumn(read[a], null)).ToArray();
            var labels = BinaryColumn.Read(read, "indu_synthetique", "label", "");
            var decisions = BinaryColumn.Read(read, "decision", "decision", "");
            ours = GroupStatistics.AccumulateChunked(groups, decisions, labels, ReadOnlyMemory<double>.Empty);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"audit  run {r + 1}: {clock.Elapsed.TotalSeconds:0.000} s (read {readSeconds:0.000} s, group and accumulate {clock.Elapsed.TotalSeconds - readSeconds:0.000} s)"));
        }

        using var duckDb = new DuckDBConnection("Data Source=:memory:");
        duckDb.Open();
        using (var set = duckDb.CreateCommand())
        {
            set.CommandText = "SET threads = 2";
            set.ExecuteNonQuery();
        }
        var sql = string.Format(CultureInfo.InvariantCulture, Query, path.Replace("'", "''", StringComparison.Ordinal));
        List<GroupByRow> result = [];
        for (var r = 0; r < repeats; r++)
        {
            clock.Restart();
            result = [];
            using var command = duckDb.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new GroupByRow(
                    [.. Enumerable.Range(0, 4).Select(c => reader.IsDBNull(c) ? null : reader.GetString(c))],
                    reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    reader.GetInt32(5),
                    Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture)));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb run {r + 1}: {clock.Elapsed.TotalSeconds:0.000} s ({result.Count} rows returned)"));
        }
        var theirs = GroupByCounts.FromGroupBy(ours!.Attributes, ours.Levels, result);
        var equal = ours.RawCounts.SequenceEqual(theirs.RawCounts);
        Console.WriteLine($"DuckDB's GROUP BY and Audit's statistics are {(equal ? "identical" : "DIFFERENT")} ({ours.CellCount} cells x 6 slots)");
        File.Delete(path);
        if (!equal)
        {
            throw new InvalidOperationException("DuckDB and Audit disagree.");
        }
    }

    /// <summary>A repository file, found from the benchmark's folder upwards (also used by <see cref="EngineCountsMeasurement"/>).</summary>
    internal static string Find(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException(Path.Combine(parts) + " not found.");
    }
}
