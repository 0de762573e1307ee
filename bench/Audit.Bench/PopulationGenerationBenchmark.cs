using Audit.Data;
using Audit.Synthetic;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// Generating <see cref="Rows"/> CAF claimant households (datasets/populations/caf-france.yaml, 23 variables) into a
/// <see cref="Table"/>, on one core and on every core. The full-scale figure (13.8 M households, time and peak
/// memory, to Parquet and in memory) is measured with the commands in docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class PopulationGenerationBenchmark
{
    public const int Rows = 1_000_000;

    private PopulationSpec spec = null!;

    /// <summary>Chunks generated at once: 1, or 0 for one per core.</summary>
    [Params(1, 0)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "datasets", "populations", "caf-france.yaml");
            if (File.Exists(path))
            {
                spec = PopulationSpecLoader.Load(path, "caf-france.yaml");
                return;
            }
        }
        throw new InvalidOperationException("datasets/populations/caf-france.yaml not found above the benchmark binaries.");
    }

    [Benchmark]
    public Table Generate() => PopulationGenerator.GenerateTable(spec, Rows, seed: 1, parallelism: Parallelism == 0 ? null : Parallelism);
}
