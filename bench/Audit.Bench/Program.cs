using BenchmarkDotNet.Running;

namespace Audit.Bench;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks of this assembly. From the repository root:
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --filter '*' --job short</c>
/// (docs/benchmarks.md has the measured figures and the machine).
/// <c>-- --generate-caf [rows]</c> times the CAF population's generation into memory (docs/benchmarks.md).
/// <c>-- --calibrate-caf [rows] [seed]</c> fits the reconstructed CAF model's single-parent weight (<see cref="CafCalibration"/>).
/// <c>-- --explain-flagged [rows]</c> times exact attributions for every flagged person of a national-scale audit.
/// <c>-- --explanations-stage [rows] [repeats]</c> times each step of the explanations stage, wall and CPU (<see cref="ExplanationsStageBenchmark"/>).
/// <c>-- --recourse [rows]</c> times recourse for every flagged household (<see cref="RecourseMeasurement"/>).
/// <c>-- --engine-counts-national [rows] [audit]</c> times the CAF audit of a DuckDB table counted in the engine, wall and peak (<see cref="EngineCountsMeasurement"/>).
/// <c>-- --parquet-national [rows]</c> times group statistics from a Parquet file, Audit against DuckDB (<see cref="ParquetNationalMeasurement"/>).
/// <c>-- --exact-ties [rows]</c> times settling ties at the cut-off exactly against comparing doubles (<see cref="ExactTiesMeasurement"/>).
/// <c>-- --validate</c> instead checks Audit's national-scale group statistics against DuckDB's counts and exits.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--validate"])
        {
            var cells = NationalScaleStatisticsBenchmark.Validate(out var duckDbVersion);
            Console.WriteLine($"validated {cells} cells against DuckDB {duckDbVersion} ({NationalScaleStatisticsBenchmark.Rows:N0} rows; every attribute and intersection too)");
            return;
        }
        if (args is ["--calibrate-caf", ..])
        {
            CafCalibration.Run(args);
            return;
        }
        if (args is ["--generate-caf", ..])
        {
            GenerateInMemory(args);
            return;
        }
        if (args is ["--explain-flagged", ..])
        {
            ExplainFlaggedBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ExplainFlaggedBenchmark.Rows);
            return;
        }
        if (args is ["--engine-counts-national", ..])
        {
            EngineCountsMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 13_800_000, args.Length > 2 ? args[2] : null);
            return;
        }
        if (args is ["--parquet-national", ..])
        {
            ParquetNationalMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 13_800_000);
            return;
        }
        if (args is ["--exact-ties", ..])
        {
            ExactTiesMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
            return;
        }
        if (args is ["--explanations-stage", ..])
        {
            ExplanationsStageBenchmark.Measure(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ExplanationsStageBenchmark.Rows,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }
        if (args is ["--recourse", ..])
        {
            RecourseMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary><c>--generate-caf [rows]</c>: the CAF population generated into an in-memory table, timed (peak memory: run under /usr/bin/time -v).</summary>
    private static void GenerateInMemory(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 13_800_000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var table = Audit.Synthetic.PopulationGenerator.GenerateTable(
            Audit.Synthetic.PopulationSpecLoader.Load(FindSpec(), "caf-france.yaml"), rows, seed: 1);
        Console.WriteLine($"generated {table.RowCount:N0} rows x {table.Columns.Count} columns in memory in {clock.Elapsed.TotalSeconds:0.00} s on {Environment.ProcessorCount} cores");
    }

    private static string FindSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "datasets", "populations", "caf-france.yaml");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException("datasets/populations/caf-france.yaml not found.");
    }
}
