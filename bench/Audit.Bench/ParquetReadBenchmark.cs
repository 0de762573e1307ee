using Audit.Data;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="ParquetTableReader.Read"/> of a 1,000,000-row Parquet file (one row group) with 10 columns:
/// 6 numeric (2 with 5 % missing), 3 categorical (2, 12 and 100 levels, the 12-level one with 5 % missing), 1 boolean.
/// The table is the one the earlier timing script (bench/parquet-read-timing.cs, same seed) used, so figures compare
/// with those quoted in docs/data-formats.md before this benchmark replaced it.
/// </summary>
[MemoryDiagnoser]
public class ParquetReadBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20240501;

    private string path = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var columns = new List<Column>();
        for (var c = 0; c < 6; c++)
        {
            var values = new double[Rows];
            for (var i = 0; i < Rows; i++)
            {
                values[i] = c < 2 && random.NextDouble() < 0.05 ? double.NaN : Math.Round(random.NextDouble() * 5000, 2);
            }
            columns.Add(new NumericColumn($"x{c}", values));
        }
        foreach (var (name, levels, missing) in new[] { ("sex", 2, 0.0), ("region", 12, 0.05), ("nationality", 100, 0.0) })
        {
            var labels = Enumerable.Range(0, levels).Select(l => $"{name}-{l}").ToArray();
            var codes = new int[Rows];
            for (var i = 0; i < Rows; i++)
            {
                codes[i] = random.NextDouble() < missing ? CategoricalColumn.Missing : random.Next(levels);
            }
            columns.Add(new CategoricalColumn(name, codes, labels));
        }
        var flags = new byte[Rows];
        for (var i = 0; i < Rows; i++)
        {
            flags[i] = (byte)random.Next(2);
        }
        columns.Add(new BooleanColumn("flagged", flags));
        path = Path.Combine(Path.GetTempPath(), $"audit-bench-{Environment.ProcessId}.parquet");
        ParquetTableWriter.Write(new Table(columns), path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    [Benchmark]
    public Table Read() => ParquetTableReader.Read(path);
}
