using BenchmarkDotNet.Running;

namespace Audit.Bench;

/// <summary>
/// Runs the BenchmarkDotNet benchmarks of this assembly. From the repository root:
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --filter '*' --job short</c>
/// (docs/benchmarks.md has the measured figures and the machine).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
