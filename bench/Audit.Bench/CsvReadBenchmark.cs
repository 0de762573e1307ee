using Audit.Data;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="CsvTableReader.Read"/> of a 1,000,000-row CSV file with 8 columns: 5 numeric (2 with 5 % missing),
/// 2 categorical (12 levels with 5 % missing, 100 levels), 1 boolean. Types are not declared, so each read also
/// infers them from the first 10,000 rows, as an audit without a 'columns' key does.
/// </summary>
[MemoryDiagnoser]
public class CsvReadBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20261124;

    private string path = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var income = new double[Rows];
        var rent = new double[Rows];
        var age = new double[Rows];
        var children = new double[Rows];
        var months = new double[Rows];
        var region = new int[Rows];
        var nationality = new int[Rows];
        var singleParent = new byte[Rows];
        for (var i = 0; i < Rows; i++)
        {
            income[i] = Math.Round(random.NextDouble() * 4000, 2);
            rent[i] = random.NextDouble() < 0.05 ? double.NaN : Math.Round(200 + random.NextDouble() * 1200, 2);
            age[i] = 18 + random.Next(70);
            children[i] = random.Next(6);
            months[i] = random.NextDouble() < 0.05 ? double.NaN : random.Next(240);
            region[i] = random.NextDouble() < 0.05 ? CategoricalColumn.Missing : random.Next(12);
            nationality[i] = random.Next(100);
            singleParent[i] = (byte)random.Next(2);
        }
        var table = new Table([
            new NumericColumn("income", income),
            new NumericColumn("rent", rent),
            new NumericColumn("age", age),
            new NumericColumn("children", children),
            new NumericColumn("months_on_benefit", months),
            new CategoricalColumn("region", region, Enumerable.Range(0, 12).Select(r => $"region-{r}").ToArray()),
            new CategoricalColumn("nationality", nationality, Enumerable.Range(0, 100).Select(r => $"nationality-{r}").ToArray()),
            new BooleanColumn("single_parent", singleParent),
        ]);
        path = Path.Combine(Path.GetTempPath(), $"audit-bench-{Environment.ProcessId}.csv");
        CsvTableWriter.Write(table, path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    [Benchmark]
    public Table Read() => CsvTableReader.Read(path);
}
