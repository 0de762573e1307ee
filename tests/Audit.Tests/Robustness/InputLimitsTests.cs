using System.Text;
using Audit.Data;

namespace Audit.Tests.Robustness;

/// <summary>Every bound of <see cref="InputLimits"/> ends reading with an error that names the file, the place and the key to raise.</summary>
public sealed class InputLimitsTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Csv(int rows, Func<int, string> category, int columns = 2)
    {
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, columns).Select(c => c == 0 ? "group" : $"x{c}"))).Append('\n');
        for (var r = 0; r < rows; r++)
        {
            text.Append(category(r));
            for (var c = 1; c < columns; c++)
            {
                text.Append(',').Append(r);
            }
            text.Append('\n');
        }
        return dir.Write("data.csv", text.ToString());
    }

    private static AuditInputException Fails(string path, InputLimits limits) =>
        Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path, new CsvReadOptions { Limits = limits }));

    [Fact]
    public void FileLargerThanTheLimitIsRefusedBeforeReading()
    {
        var path = Csv(100, r => "a");
        var error = Fails(path, new InputLimits { MaxFileBytes = 100 });
        Assert.Contains("larger than", error.Problem);
        Assert.Contains("--limit max_file_bytes=N", error.Hint); // only the command line raises a limit (issue 16, class 3)
    }

    [Fact]
    public void TooManyRowsNamesTheRowWhereTheLimitWasPassed()
    {
        var error = Fails(Csv(50, r => "a"), new InputLimits { MaxRows = 20 });
        Assert.Contains("more than the 20 data rows", error.Problem);
        Assert.Equal(22, error.Line); // header + 21 rows
    }

    [Fact]
    public void TooManyColumns()
    {
        var error = Fails(Csv(3, r => "a", columns: 12), new InputLimits { MaxColumns = 10 });
        Assert.Contains("columns", error.Problem);
    }

    [Fact]
    public void TooManyDistinctValuesNamesColumnAndRow()
    {
        var error = Fails(Csv(50, r => "g" + r), new InputLimits { MaxLevels = 10 });
        Assert.Equal("group", error.Column);
        Assert.Equal(11, error.Row);
        Assert.Contains("roles.id", error.Hint);
    }

    [Fact]
    public void TheIdColumnIsExemptFromTheLevelLimit()
    {
        var table = CsvTableReader.Read(Csv(50, r => "g" + r), new CsvReadOptions
        {
            Limits = new InputLimits { MaxLevels = 10, ExemptFromLevelLimit = new HashSet<string> { "group" } },
        });
        Assert.Equal(50, table.RowCount);
    }

    [Fact]
    public void OverlongTextIsRefusedAndTheMessageDoesNotQuoteIt()
    {
        var huge = new string('x', 50_000);
        var error = Fails(Csv(3, r => r == 1 ? huge : "a"), InputLimits.Default with { MaxTextLength = 1_000 });
        Assert.Equal(2, error.Row);
        Assert.Contains("50,000 characters", error.Found);
        Assert.True(error.Message.Length < 1_000, "the error message must not repeat the value");
    }

    [Fact]
    public void ErrorsQuoteAtMostAShortPrefixOfWhatWasFound()
    {
        var error = new AuditInputException("not a number", found: new string('9', 1_000_000) + "x");
        Assert.True(error.Found!.Length <= AuditInputException.MaxQuotedLength + 30);
        Assert.Contains("1,000,001 characters", error.Found);
    }

    [Fact]
    public void ParquetHonoursTheSameLimits()
    {
        var table = new Table([new CategoricalColumn("group", [.. Enumerable.Range(0, 40)], [.. Enumerable.Range(0, 40).Select(i => "g" + i)])]);
        var path = dir.File("data.parquet");
        ParquetTableWriter.Write(table, path);
        var levels = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path, new ParquetReadOptions { Limits = new InputLimits { MaxLevels = 10 } }));
        Assert.Equal("group", levels.Column);
        Assert.Equal(11, levels.Row);
        var rows = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path, new ParquetReadOptions { Limits = new InputLimits { MaxRows = 39 } }));
        Assert.Contains("data rows", rows.Problem);
        var size = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path, new ParquetReadOptions { Limits = new InputLimits { MaxFileBytes = 10 } }));
        Assert.Contains("larger than", size.Problem);
    }
}
