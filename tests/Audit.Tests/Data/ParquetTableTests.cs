using Audit.Data;
using Parquet;
using Parquet.Schema;

namespace Audit.Tests.Data;

public sealed class ParquetTableTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "audit-parquet-tests-" + Guid.NewGuid().ToString("N"));

    public ParquetTableTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string PathOf(string name) => Path.Combine(directory, name);

    [Fact]
    public void RoundTripKeepsValuesAndMissing()
    {
        double[] numbers = [1.5, double.NaN, -0.0, 1e-300, double.PositiveInfinity, 0.1 + 0.2];
        string?[] labels = ["rent", null, "own", "rent", "", "social"];
        byte[] flags = [1, BooleanColumn.Missing, 0, 0, 1, BooleanColumn.Missing];
        var table = new Table([
            new NumericColumn("income", numbers),
            CategoricalColumn.FromValues("housing", labels),
            new BooleanColumn("flagged", flags),
        ]);
        var path = PathOf("round-trip.parquet");

        ParquetTableWriter.Write(table, path);
        var read = ParquetTableReader.Read(path);

        Assert.Equal(["income", "housing", "flagged"], read.Columns.Select(c => c.Name));
        var income = Assert.IsType<NumericColumn>(read["income"]);
        Assert.Equal(
            numbers.Select(BitConverter.DoubleToInt64Bits),
            income.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
        var housing = Assert.IsType<CategoricalColumn>(read["housing"]);
        Assert.Equal(labels, Enumerable.Range(0, housing.Length).Select(i => housing[i]));
        var flagged = Assert.IsType<BooleanColumn>(read["flagged"]);
        Assert.Equal(flags, flagged.Values.ToArray());
    }

    [Fact]
    public async Task RoundTripAcrossSeveralRowGroupsKeepsRowOrderAndReportsProgress()
    {
        const int rows = 2_500;
        var numbers = Enumerable.Range(0, rows).Select(i => i % 7 == 0 ? double.NaN : i * 0.25).ToArray();
        var labels = Enumerable.Range(0, rows).Select(i => i % 11 == 0 ? null : $"group {i % 13}").ToArray();
        var flags = Enumerable.Range(0, rows).Select(i => (byte)(i % 5 == 0 ? BooleanColumn.Missing : i % 2)).ToArray();
        var table = new Table([
            new NumericColumn("x", numbers),
            CategoricalColumn.FromValues("g", labels),
            new BooleanColumn("b", flags),
        ]);
        var path = PathOf("groups.parquet");
        var progress = new List<(long Done, long Total)>();

        ParquetTableWriter.Write(table, path, rowsPerGroup: 1_000);
        var read = ParquetTableReader.Read(path, new ParquetReadOptions { Progress = (done, total) => progress.Add((done, total)) });

        await using (var reader = await ParquetReader.CreateAsync(path, cancellationToken: Ct))
        {
            Assert.Equal(3, reader.RowGroupCount);
        }
        Assert.Equal([(1_000L, 2_500L), (2_000L, 2_500L), (2_500L, 2_500L)], progress);
        Assert.Equal(numbers, ((NumericColumn)read["x"]).Values.ToArray());
        var g = (CategoricalColumn)read["g"];
        Assert.Equal(labels, Enumerable.Range(0, rows).Select(i => g[i]));
        Assert.Equal(flags, ((BooleanColumn)read["b"]).Values.ToArray());
    }

    [Fact]
    public void EmptyTableRoundTripsWithItsColumns()
    {
        var table = new Table([new NumericColumn("x", []), CategoricalColumn.FromValues("g", [])]);
        var path = PathOf("empty.parquet");

        ParquetTableWriter.Write(table, path);
        var read = ParquetTableReader.Read(path);

        Assert.Equal(0, read.RowCount);
        Assert.Equal([ColumnType.Numeric, ColumnType.Categorical], read.Columns.Select(c => c.Type));
    }

    [Fact]
    public async Task IntegerFloatAndDecimalColumnsReadAsNumeric()
    {
        var path = PathOf("numbers.parquet");
        await WriteFileAsync(path, new ParquetSchema(
                new DataField<int>("age"),
                new DataField<float?>("score"),
                new DataField<long?>("income"),
                new DataField<sbyte>("children"),
                new DataField<ulong>("id"),
                new DecimalDataField("benefit", precision: 10, scale: 2, isNullable: true)),
            async (group, fields) =>
            {
                await group.WriteAsync<int>(fields[0], new[] { 34, 61, 19 }, cancellationToken: Ct);
                await group.WriteAsync<float>(fields[1], new float?[] { 0.25f, null, 1.5f }, cancellationToken: Ct);
                await group.WriteAsync<long>(fields[2], new long?[] { null, 25_000, -3 }, cancellationToken: Ct);
                await group.WriteAsync<sbyte>(fields[3], new sbyte[] { 0, 2, -1 }, cancellationToken: Ct);
                await group.WriteAsync<ulong>(fields[4], new ulong[] { 1, 2, ulong.MaxValue }, cancellationToken: Ct);
                await group.WriteAsync<decimal>(fields[5], new decimal?[] { 12.34m, null, -0.5m }, cancellationToken: Ct);
            });

        var read = ParquetTableReader.Read(path);

        Assert.All(read.Columns, c => Assert.Equal(ColumnType.Numeric, c.Type));
        Assert.Equal([34.0, 61.0, 19.0], ((NumericColumn)read["age"]).Values.ToArray());
        Assert.Equal([0.25, double.NaN, 1.5], ((NumericColumn)read["score"]).Values.ToArray());
        Assert.Equal([double.NaN, 25_000.0, -3.0], ((NumericColumn)read["income"]).Values.ToArray());
        Assert.Equal([0.0, 2.0, -1.0], ((NumericColumn)read["children"]).Values.ToArray());
        Assert.Equal([1.0, 2.0, ulong.MaxValue], ((NumericColumn)read["id"]).Values.ToArray());
        Assert.Equal([12.34, double.NaN, -0.5], ((NumericColumn)read["benefit"]).Values.ToArray());
    }

    [Fact]
    public async Task IntegerColumnDeclaredCategoricalKeepsExactValues()
    {
        var path = PathOf("ids.parquet");
        await WriteFileAsync(path, new ParquetSchema(new DataField<long?>("person")),
            (group, fields) => group.WriteAsync<long>(fields[0], new long?[] { 9_007_199_254_740_993, null, 7 }, cancellationToken: Ct));

        var read = ParquetTableReader.Read(path, new ParquetReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["person"] = ColumnType.Categorical } });

        var person = Assert.IsType<CategoricalColumn>(read["person"]);
        Assert.Equal(["9007199254740993", null, "7"], Enumerable.Range(0, 3).Select(i => person[i]));
    }

    [Fact]
    public async Task TextColumnDeclaredNumericIsParsedWithInvariantCulture()
    {
        var path = PathOf("text-numbers.parquet");
        await WriteFileAsync(path, new ParquetSchema(new DataField<string>("income")),
            (group, fields) => group.WriteAsync(fields[0], new[] { "1.5", null, " -2e3 ", "" }!, null));

        var read = ParquetTableReader.Read(path, new ParquetReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["income"] = ColumnType.Numeric } });

        Assert.Equal([1.5, double.NaN, -2000.0, double.NaN], ((NumericColumn)read["income"]).Values.ToArray());
    }

    [Fact]
    public async Task TextColumnDeclaredNumericWithABadValueReportsRowAndColumn()
    {
        var path = PathOf("bad-number.parquet");
        // Two row groups, so the row number must count the rows of the first group too.
        await WriteFileAsync(path, new ParquetSchema(new DataField<string>("income")),
            (group, fields) => group.WriteAsync(fields[0], new[] { "10", "20" }, null),
            (group, fields) => group.WriteAsync(fields[0], new[] { "30", "1,200.50" }, null));

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(
            path, new ParquetReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["income"] = ColumnType.Numeric } }));

        Assert.Equal(path, error.File);
        Assert.Equal(4, error.Row);
        Assert.Equal("income", error.Column);
        Assert.Equal("a number", error.Expected);
        Assert.Equal("1,200.50", error.Found);
        Assert.Contains("row 4", error.Message);
        Assert.Contains("'income'", error.Message);
    }

    [Fact]
    public async Task TextColumnDeclaredBooleanTakesTheCsvWordsAndNamesABadValuesRow()
    {
        var path = PathOf("text-booleans.parquet");
        await WriteFileAsync(path, new ParquetSchema(new DataField<string>("flag")),
            (group, fields) => group.WriteAsync(fields[0], new[] { "Yes", null, " no ", "", "TRUE", "0" }!, null));
        var types = new ParquetReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["flag"] = ColumnType.Boolean } };

        var read = ParquetTableReader.Read(path, types);

        Assert.Equal([1, BooleanColumn.Missing, 0, BooleanColumn.Missing, 1, 0], ((BooleanColumn)read["flag"]).Values.ToArray());

        var bad = PathOf("bad-boolean.parquet");
        await WriteFileAsync(bad, new ParquetSchema(new DataField<string>("flag")),
            (group, fields) => group.WriteAsync(fields[0], new[] { "yes", "maybe" }, null));
        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(bad, types));
        Assert.Equal((2L, "flag", "true/false, yes/no or 1/0", "maybe"), (error.Row!.Value, error.Column, error.Expected, error.Found));
    }

    [Fact]
    public async Task DeclaredColumnThatIsNotInTheFileIsRefused()
    {
        var path = PathOf("declared.parquet");
        await WriteFileAsync(path, new ParquetSchema(new DataField<int>("age")),
            (group, fields) => group.WriteAsync<int>(fields[0], new[] { 1 }, cancellationToken: Ct));

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(
            path, new ParquetReadOptions { ColumnTypes = new Dictionary<string, ColumnType> { ["Age"] = ColumnType.Numeric } }));

        Assert.Equal("Age", error.Column);
        Assert.Equal("age", error.Found);
    }

    [Fact]
    public void FileThatIsNotParquetIsRefusedNamingTheFile()
    {
        var path = PathOf("people.csv");
        File.WriteAllText(path, "age,income\n34,1200\n61,800\n");

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path));

        Assert.Equal("not a readable Parquet file", error.Problem);
        Assert.Contains("people.csv", error.Message);
        Assert.Contains("\"age,\"", error.Found);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void TruncatedFileIsRefusedAsCutShort()
    {
        var whole = PathOf("whole.parquet");
        ParquetTableWriter.Write(new Table([new NumericColumn("x", [1, 2, 3])]), whole);
        var bytes = File.ReadAllBytes(whole);
        var path = PathOf("cut.parquet");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path));

        Assert.Equal("not a readable Parquet file", error.Problem);
        Assert.Contains("cut.parquet", error.Message);
        Assert.Contains("cut short", error.Found);
    }

    [Fact]
    public void EncryptedFileIsRefusedWithAHint()
    {
        var path = PathOf("encrypted.parquet");
        File.WriteAllBytes(path, [.. "PARE"u8, .. new byte[16], .. "PARE"u8]);

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path));

        Assert.Equal("not a readable Parquet file", error.Problem);
        Assert.Contains("encrypted", error.Found);
    }

    [Fact]
    public void DamagedFooterIsAnAuditInputErrorNotALibraryError()
    {
        var path = PathOf("damaged.parquet");
        ParquetTableWriter.Write(new Table([new NumericColumn("x", [1, 2, 3])]), path);
        var bytes = File.ReadAllBytes(path);
        // Scramble the footer's metadata but keep the magic bytes and the footer length.
        for (var i = bytes.Length - 40; i < bytes.Length - 8; i++)
        {
            bytes[i] ^= 0x5a;
        }
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path));

        Assert.Equal("not a readable Parquet file", error.Problem);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void MissingFileAndEmptyPathAreRefusedWithAHint()
    {
        var missing = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(PathOf("nobody.parquet")));
        var empty = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(""));

        Assert.Equal("file not found", missing.Problem);
        Assert.Contains("nobody.parquet", missing.Message);
        Assert.NotNull(missing.Hint);
        Assert.NotNull(empty.Hint);
    }

    [Fact]
    public async Task ListColumnIsRefusedNamingTheColumn()
    {
        var path = PathOf("list.parquet");
        await WriteFileAsync(path, new ParquetSchema(new DataField<int>("age"), new ListField("benefits", new DataField<int>("code"))),
            async (group, fields) =>
            {
                await group.WriteAsync<int>(fields[0], new[] { 34, 61 }, cancellationToken: Ct);
                // Rows [1, 2] and [3]: definition level 3 = element present, repetition level 1 = same list continues.
                await group.WriteAllPartsAsync<int>(fields[1], new[] { 1, 2, 3 }, new[] { 3, 3, 3 }, new[] { 0, 1, 0 }, Ct);
            });

        var error = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(path));

        Assert.Equal("benefits", error.Column);
        Assert.Equal("a list column", error.Found);
        Assert.Contains("'benefits'", error.Message);
        Assert.Contains("list.parquet", error.Message);
    }

    [Fact]
    public async Task StructAndDateColumnsAreRefusedWithAHint()
    {
        var structPath = PathOf("struct.parquet");
        await WriteFileAsync(structPath, new ParquetSchema(new StructField("address", new DataField<string>("city"))),
            (group, fields) => group.WriteAsync(fields[0], new[] { "Lyon" }, null));
        var datePath = PathOf("date.parquet");
        await WriteFileAsync(datePath, new ParquetSchema(new DataField<DateTime>("born")),
            (group, fields) => group.WriteAsync<DateTime>(fields[0], new[] { new DateTime(1990, 5, 1) }, cancellationToken: Ct));

        var structError = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(structPath));
        var dateError = Assert.Throws<AuditInputException>(() => ParquetTableReader.Read(datePath));

        Assert.Equal("address", structError.Column);
        Assert.Equal("a struct column", structError.Found);
        Assert.Equal("born", dateError.Column);
        Assert.StartsWith("a date or time column", dateError.Found);
        Assert.Contains("convert dates", dateError.Hint);
    }

    /// <summary>Writes a file with Parquet.Net directly, one delegate per row group, to make types the writer never makes.</summary>
    private static async Task WriteFileAsync(
        string path, ParquetSchema schema, params Func<ParquetRowGroupWriter, IReadOnlyList<DataField>, Task>[] groups)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: Ct);
        var fields = schema.GetDataFields();
        foreach (var writeGroup in groups)
        {
            using var group = writer.CreateRowGroup();
            await writeGroup(group, fields);
            group.CompleteValidate();
        }
    }
}
