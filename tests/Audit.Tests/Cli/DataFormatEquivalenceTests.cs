using System.Text.Json;
using Audit.Data;
using Audit.Reporting;
using Audit.Synthetic;

namespace Audit.Tests.Cli;

public sealed class DataFormatEquivalenceTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ParquetAndCsvOfTheSameDataGiveTheSameFindings()
    {
        var plan = DemoPopulation.WriteFiles(Path.Combine(dir.Path, "demo"), 1500, 3);
        var csv = Path.Combine(dir.Path, "demo", DemoPopulation.DataFile);
        var parquet = Path.Combine(dir.Path, "households.parquet");
        ParquetTableWriter.Write(CsvTableReader.Read(csv), parquet);

        Assert.Equal(0, CliRunner.Run("run", plan, "--out", Path.Combine(dir.Path, "csv")).ExitCode);
        var outcome = CliRunner.Run("run", plan, "--data", parquet, "--out", Path.Combine(dir.Path, "parquet"));
        Assert.True(outcome.ExitCode == 0, outcome.Error);

        JsonElement Fairness(string folder) =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, folder, ReportWriter.JsonFile))).RootElement.GetProperty("fairness");
        Assert.Equal(Fairness("csv").GetRawText(), Fairness("parquet").GetRawText());
        var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "parquet", ReportWriter.JsonFile))).RootElement.GetProperty("data");
        Assert.Equal("parquet", data.GetProperty("format").GetString());
    }
}
