// Times ParquetTableWriter.Write and ParquetTableReader.Read on a synthetic table of 1,000,000 rows:
// 6 numeric columns (2 with 5% missing), 3 categorical (2, 12 and 100 levels, one with 5% missing), 1 boolean.
// Run from the repository root:  dotnet run -c Release bench/parquet-read-timing.cs
// Prints the file size, the write time and the read time (best and median of 5 reads after one warm-up read).
#:project ../src/Audit/Audit.csproj
using System.Diagnostics;
using Audit.Data;

const int Rows = 1_000_000;
var random = new Random(20240501);
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
var table = new Table(columns);

var path = Path.Combine(Path.GetTempPath(), $"parquet-read-timing-{Environment.ProcessId}.parquet");
try
{
    var watch = Stopwatch.StartNew();
    ParquetTableWriter.Write(table, path);
    var write = watch.Elapsed.TotalMilliseconds;

    ParquetTableReader.Read(path); // warm-up: JIT and buffer pools
    var reads = new List<double>();
    for (var run = 0; run < 5; run++)
    {
        watch.Restart();
        var read = ParquetTableReader.Read(path);
        reads.Add(watch.Elapsed.TotalMilliseconds);
        if (read.RowCount != Rows)
        {
            throw new InvalidOperationException("row count differs");
        }
    }
    reads.Sort();
    Console.WriteLine($"rows {Rows:N0}, columns {table.Columns.Count}, file {new FileInfo(path).Length / 1e6:F1} MB");
    Console.WriteLine($"write {write:F0} ms; read best {reads[0]:F0} ms, median {reads[2]:F0} ms");
}
finally
{
    File.Delete(path);
}
