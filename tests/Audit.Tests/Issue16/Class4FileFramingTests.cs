using System.Text;
using Audit.Data;
using Audit.Plan;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 4: files whose framing ended in a library's exception (exit 1): a CSV row over 16 MiB (an unclosed
/// quote swallowing the file) on every path that reads a CSV file, a Parquet footer length of 0x7fffffff, an infinity in
/// a Parquet double, a zero-row Parquet file, and a NUL in a path of the plan. Each is now an input error naming the file and where.
/// </summary>
public sealed class Issue16Class4FileFramingTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// A CSV file whose row <paramref name="badRow"/> (1-based data row, 0 for the header) opens a quote that is never
    /// closed, followed by more than 16 MiB of text; every row before it spans two lines (a quoted line break), so the
    /// row's file line is not its row number plus one.
    /// </summary>
    private string UnclosedQuote(int badRow)
    {
        var path = dir.File($"unclosed-{badRow}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(badRow == 0 ? "id,\"note\n" : "id,note\n");
        for (var r = 1; r < badRow; r++)
        {
            writer.Write($"{r},\"two\nlines\"\n");
        }
        if (badRow > 0)
        {
            writer.Write($"{badRow},\"never closed\n");
        }
        var filler = new string('x', 4095) + "\n";
        for (var i = 0; i < 4200; i++)
        {
            writer.Write(filler);
        }
        return path;
    }

    /// <summary>The header, a row at the start (read by type inference and by the reader), and a row past the inference rows.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(10_003)]
    public void ARowLongerThanTheReaderHoldsIsAnInputErrorNamingItsRowAndLine(int badRow)
    {
        var path = UnclosedQuote(badRow);
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Equal(path, error.File);
        Assert.Equal(badRow == 0 ? null : badRow, error.Row);
        Assert.Equal(badRow == 0 ? 1 : 2 * (badRow - 1) + 2, error.Line);
        Assert.Contains("16 Mi characters", error.Problem);
        Assert.Contains("quote", error.Hint);
    }

    [Fact]
    public void AFirstLineWithoutALineBreakIsReadUnderTheSameBound()
    {
        var path = dir.File("one-line.csv");
        File.WriteAllText(path, new string('a', CsvTableReader.MaxRowCharacters + 10));
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Equal(1, error.Line);
        Assert.Contains("header line", error.Problem);
    }

    /// <summary>
    /// The first byte that is not UTF-8 is found by reading the file in blocks (it was read whole, which a data file larger
    /// than the memory does not allow): its line is known by construction, across block ends cutting characters.
    /// </summary>
    [Fact]
    public void TheFirstInvalidByteIsFoundWithItsLineReadingInBlocks()
    {
        var random = new Random(16_42);
        string[] pieces = ["a", "é", "€", "🙂", "\n", ",", "1"];
        for (var n = 0; n < 20; n++)
        {
            var before = new StringBuilder();
            var length = random.Next(0, 200_000);
            while (before.Length < length)
            {
                before.Append(pieces[random.Next(pieces.Length)]);
            }
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(before.ToString()));
            var valid = n % 5 == 0;
            if (!valid)
            {
                bytes.Add(0xE9);
            }
            bytes.AddRange(Encoding.UTF8.GetBytes("tail\n€"));
            var path = dir.File("bytes.csv");
            File.WriteAllBytes(path, [.. bytes]);
            var found = TextEncodings.FirstInvalidUtf8(path);
            if (valid)
            {
                Assert.Null(found);
            }
            else
            {
                Assert.Equal((before.ToString().Count(c => c == '\n') + 1L, (byte)0xE9), found);
            }
        }
    }

    private string Parquet(double[] values, string name = "people.parquet")
    {
        var path = dir.File(name);
        ParquetTableWriter.Write(new Table([
            new NumericColumn("x", values),
            CategoricalColumn.FromValues("g", [.. values.Select((_, i) => i % 2 == 0 ? "a" : "b")]),
        ]), path);
        return path;
    }

    [Fact]
    public void AnyFooterLengthThatDoesNotFitTheFileIsAnInputError()
    {
        var good = File.ReadAllBytes(Parquet([1, 2, 3, 4]));
        var random = new Random(16_41);
        var lengths = new List<int> { 0x7fffffff, 0, -1, int.MinValue, good.Length, good.Length - 11 };
        lengths.AddRange(Enumerable.Range(0, 20).Select(_ => random.Next(good.Length - 11, int.MaxValue)));
        foreach (var length in lengths)
        {
            var bytes = (byte[])good.Clone();
            BitConverter.GetBytes(length).CopyTo(bytes, bytes.Length - 8);
            var path = dir.File("footer.parquet");
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path));
            Assert.Equal(path, error.File);
            Assert.Contains("footer length", error.Found);
        }
    }

    /// <summary>
    /// The reader keeps a Parquet double exactly (an infinity round-trips, tests/Data/ParquetTableTests), but the audit
    /// computes only with numbers within ±1e15: an infinity in a model input is an input error with its row and column.
    /// </summary>
    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e300)]
    public void AnInfinityInAParquetModelInputIsAnInputErrorWithItsRow(double value)
    {
        Parquet([1, 2, value, 4, 5, 6]);
        var plan = dir.Write("plan.yaml", """
            data: { path: people.parquet }
            model: { score_column: x, adverse: high }
            policy: { top_fraction: 0.5 }
            protected_attributes: [{ column: g }]
            """);
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(plan), "test"));
        Assert.Equal("people.parquet", error.File);
        Assert.Equal(3, error.Row);
        Assert.Equal("x", error.Column);
    }

    [Fact]
    public void AZeroRowParquetFileIsAnInputErrorAsAZeroRowCsvFileIs()
    {
        var path = Parquet([]);
        Assert.Equal(0, ParquetTableReader.Read(path).RowCount); // the reader reads it; the audit and inspect refuse it
        var inspect = CliRunner.Run("data", "inspect", path);
        Assert.Equal(2, inspect.ExitCode);
        Assert.Contains("no data rows", inspect.Error);
        var plan = dir.Write("plan.yaml", """
            data: { path: people.parquet }
            model: { score_column: x, adverse: high }
            policy: { top_fraction: 0.5 }
            protected_attributes: [{ column: g }]
            """);
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(plan), "test"));
        Assert.Equal("people.parquet", error.File);
        Assert.Contains("no data rows", error.Problem);
    }

    [Fact]
    public void MinusZeroInAParquetDoubleGroupsWithZeroUnderTheName0()
    {
        var table = ParquetTableReader.Read(Parquet([-0.0, 0.0, 1]));
        var groups = Audit.Fairness.Cells.GroupAssignment.FromColumn(table["x"], bands: null);
        Assert.Equal(["0", "1"], groups.Levels);
        Assert.Equal([0, 0, 1], groups.Codes);
    }

    [Theory]
    [InlineData("data: { path: \"peo\\0ple.csv\" }", "data.path")]
    [InlineData("data: { path: people.csv }\noutput: \"o\\0ut\"", "output")]
    [InlineData("data: { population: \"p\\0.yaml\", rows: 5 }", "data.population")]
    public void ANulInAPathOfThePlanIsAnInputErrorAtItsKey(string data, string key)
    {
        File.WriteAllText(dir.File("people.csv"), "id,sex,s\n1,F,0.5\n2,M,0.2\n");
        var plan = dir.Write("plan.yaml", data + """

            model: { score_column: s, adverse: high }
            policy: { top_fraction: 0.5 }
            protected_attributes: [{ column: sex }]
            """);
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan));
        Assert.Equal(key, error.KeyPath);
        Assert.Contains("NUL", error.Problem);
    }
}
