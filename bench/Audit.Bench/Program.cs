using BenchmarkDotNet.Running;

namespace Audit.Bench;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks of this assembly. From the repository root:
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --filter '*' --job short</c>
/// (docs/benchmarks.md has the measured figures and the machine).
/// <c>-- --calibrate-caf [rows] [seed]</c> fits the reconstructed CAF model's single-parent weight (<see cref="CafCalibration"/>).
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
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
