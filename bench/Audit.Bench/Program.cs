using BenchmarkDotNet.Running;

namespace Audit.Bench;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks of this assembly. From the repository root:
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --filter '*' --job short</c>
/// (docs/benchmarks.md has the measured figures and the machine).
/// <c>-- --recourse [rows]</c> times recourse for every flagged household (<see cref="RecourseMeasurement"/>).
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
        if (args is ["--recourse", ..])
        {
            RecourseMeasurement.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
