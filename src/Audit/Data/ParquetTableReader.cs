using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Audit.Data;

/// <summary>
/// Reads a Parquet file into a <see cref="Table"/>, all row groups concatenated.
/// Integer, floating-point and decimal columns become <see cref="NumericColumn"/> (null → NaN),
/// UTF-8 string columns become <see cref="CategoricalColumn"/> (null → missing),
/// boolean columns become <see cref="BooleanColumn"/>. Nested columns (list, struct, map), binary columns that are
/// not text, and dates and times are refused with an <see cref="AuditInputException"/>: the audit never guesses.
/// </summary>
/// <remarks>
/// Columns are read with Parquet.Net's raw reader: the non-null values of a row group land in one pooled array and
/// the definition levels say which rows are null. Text arrives as slices of Parquet.Net's buffers
/// (<see cref="ReadOnlyMemory{T}"/> of <see cref="char"/>), so a string is allocated once per distinct level, not once per row.
/// </remarks>
public static class ParquetTableReader
{
    /// <summary>The 4 bytes that begin and end every Parquet file (parquet-format, "File format").</summary>
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>The magic of a Parquet file with an encrypted footer (parquet-format, "Parquet Modular Encryption").</summary>
    private static ReadOnlySpan<byte> EncryptedMagic => "PARE"u8;

    /// <summary>Head magic, 4-byte footer length, tail magic: no Parquet file is shorter.</summary>
    private const int MinimumFileLength = 12;

    private const string ExpectedParquet = "a Parquet file (it begins and ends with the bytes 'PAR1')";

    private const string NestedHint =
        "flatten it before the audit: one number, text or boolean column per value the audit needs";

    private const string DateHint =
        "convert dates to a numeric column (e.g. age in years, days since an event) or a text column (e.g. the month as 2024-03) before the audit";

    private const string BinaryHint =
        "if the column holds text, write it as a UTF-8 string column (STRING annotation); otherwise leave it out of the file";

    /// <summary>
    /// An input error for a file with columns but no rows, as the CSV reader gives (issue 16, class 4: a zero-row Parquet
    /// file ended in an internal error of the audit, where a zero-row CSV file was an input error). The reader itself
    /// reads such a file (an empty table round-trips); the audit and <c>audit data inspect</c> refuse it with this.
    /// </summary>
    public static AuditInputException NoRows(string path) =>
        new("the file has columns but no data rows", file: path, expected: "at least one row after the schema",
            hint: "check that the export is complete");

    /// <summary>Reads every row group of the file at <paramref name="path"/> into one table.</summary>
    /// <exception cref="AuditInputException">
    /// The path is empty or missing, the file is not a readable Parquet file, a column has a type the audit does not read,
    /// or a value does not fit its declared column type.
    /// </exception>
    public static Table Read(string path, ParquetReadOptions? options = null)
    {
        options ??= ParquetReadOptions.Default;
        using var stream = Open(path);
        options.Limits.CheckFileSize(stream.Length, path);
        CheckFraming(stream, path);
        // Parquet.Net is asynchronous only; nothing here captures a synchronisation context (ConfigureAwait(false)).
        return ReadAsync(stream, path, options).GetAwaiter().GetResult();
    }

    private static FileStream Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new AuditInputException(
                "no data file given", expected: "the path of a Parquet file", hint: "give the path of the .parquet file to audit");
        }
        if (Directory.Exists(path))
        {
            throw new AuditInputException(
                "the path is a folder, not a file", file: path, expected: ExpectedParquet,
                hint: "give the path of one .parquet file (a folder of partitioned files is not read as one table)");
        }
        if (!File.Exists(path))
        {
            throw new AuditInputException(
                "file not found", file: path, expected: "an existing Parquet file",
                hint: $"check the path; a relative path starts from {Environment.CurrentDirectory}");
        }
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException(
                "cannot open the file", file: path, found: e.Message,
                hint: "check that you may read the file and that no other program holds it", inner: e);
        }
    }

    /// <summary>Checks the magic bytes at both ends, so that a wrong or cut-short file gets a precise message.</summary>
    private static void CheckFraming(FileStream stream, string path)
    {
        var length = stream.Length;
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[4];
        if (length >= 4)
        {
            stream.ReadExactly(head);
            stream.Seek(-4, SeekOrigin.End);
            stream.ReadExactly(tail);
            stream.Seek(0, SeekOrigin.Begin);
        }

        string? found = null;
        var hint = "give a .parquet file; a CSV file is read with the CSV reader";
        if (length >= 4 && head.SequenceEqual(EncryptedMagic))
        {
            found = "a Parquet file with an encrypted footer";
            hint = "export the file again without encryption";
        }
        else if (length >= 4 && !head.SequenceEqual(Magic))
        {
            found = $"a file that begins with {DescribeBytes(head)}";
        }
        else if (length < MinimumFileLength)
        {
            found = length == 0 ? "an empty file" : $"a file of only {length} bytes";
        }
        else if (!tail.SequenceEqual(Magic))
        {
            found = "a file that begins as Parquet but has no footer (it seems cut short)";
            hint = "copy or export the file again: an interrupted copy or download leaves a truncated file";
        }
        else if (FooterLength(stream) is var footer && (footer <= 0 || footer > length - MinimumFileLength))
        {
            // The library allocates the footer's declared length before reading it: 0x7fffffff ended in OutOfMemoryException,
            // an internal error (issue 16, class 4).
            found = $"a footer length of {footer:N0} bytes in a file of {length:N0} bytes";
            hint = "the file is damaged: copy or export it again";
        }

        if (found is not null)
        {
            throw new AuditInputException("not a readable Parquet file", file: path, expected: ExpectedParquet, found: found, hint: hint);
        }
    }

    /// <summary>The footer's length, the little-endian 32-bit integer just before the closing magic.</summary>
    private static int FooterLength(FileStream stream)
    {
        Span<byte> bytes = stackalloc byte[4];
        stream.Seek(-8, SeekOrigin.End);
        stream.ReadExactly(bytes);
        stream.Seek(0, SeekOrigin.Begin);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>
    /// Checks that every column chunk the footer declares lies inside the file, before the library allocates and reads
    /// it: a damaged or hostile footer can declare chunks of gigabytes.
    /// </summary>
    private static void CheckChunks(ParquetReader reader, long length, string path)
    {
        foreach (var group in reader.Metadata?.RowGroups ?? [])
        {
            foreach (var chunk in group.Columns)
            {
                if (chunk.MetaData is not { } meta)
                {
                    continue;
                }
                var start = meta.DictionaryPageOffset is { } dictionary && dictionary > 0 ? Math.Min(dictionary, meta.DataPageOffset) : meta.DataPageOffset;
                if (start < 0 || meta.TotalCompressedSize < 0 || start > length || meta.TotalCompressedSize > length - start)
                {
                    throw new AuditInputException(
                        "not a readable Parquet file", file: path, column: meta.PathInSchema is { Count: > 0 } names ? string.Join('.', names) : null,
                        expected: "column chunks inside the file",
                        found: $"a column chunk of {meta.TotalCompressedSize:N0} bytes at byte {start:N0} of a file of {length:N0} bytes",
                        hint: "the file is damaged: copy or export it again");
                }
            }
        }
    }

    private static string DescribeBytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7e)
            {
                return "the bytes " + Convert.ToHexString(bytes);
            }
        }
        return $"the text \"{System.Text.Encoding.ASCII.GetString(bytes)}\"";
    }

    private static async Task<Table> ReadAsync(FileStream stream, string path, ParquetReadOptions options)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, new ParquetOptions(), leaveStreamOpen: true).ConfigureAwait(false);
        }
        catch (Exception e) when (IsLibraryFailure(e))
        {
            throw Unreadable(path, column: null, e);
        }

        await using (reader.ConfigureAwait(false))
        {
            CheckChunks(reader, stream.Length, path);
            var groupRows = new long[reader.RowGroupCount];
            for (var g = 0; g < groupRows.Length; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                groupRows[g] = group.RowCount;
            }
            var total = groupRows.Sum();
            if (total > Array.MaxLength)
            {
                throw new AuditInputException(
                    "too many rows for one table", file: path, expected: $"at most {Array.MaxLength:N0} rows",
                    found: $"{total:N0} rows", hint: "split the file and audit it in parts");
            }

            options.Limits.CheckRows(total, path);
            options.Limits.CheckColumns(reader.Schema.Fields.Count, path);
            var sinks = PlanColumns(reader.Schema, path, options.ColumnTypes, (int)total, options.Limits);
            long done = 0;
            for (var g = 0; g < groupRows.Length; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var rows = (int)groupRows[g];
                foreach (var sink in sinks)
                {
                    await sink.ReadAsync(group, rows, done, path).ConfigureAwait(false);
                }
                done += rows;
                options.Progress?.Invoke(done, total);
            }
            return new Table(sinks.Select(s => s.Build()));
        }
    }

    /// <summary>Chooses, for each top-level field, how it is read; refuses what the audit cannot read.</summary>
    private static List<ColumnSink> PlanColumns(
        ParquetSchema schema, string path, IReadOnlyDictionary<string, ColumnType>? declared, int capacity, InputLimits limits)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sinks = new List<ColumnSink>(schema.Fields.Count);
        foreach (var field in schema.Fields)
        {
            if (string.IsNullOrEmpty(field.Name))
            {
                throw new AuditInputException(
                    "a column has no name", file: path, expected: "a name for every column",
                    hint: "name every column when writing the file");
            }
            if (field.Name.Contains('\0', StringComparison.Ordinal))
            {
                throw new AuditInputException(
                    "a column name holds a NUL character (\\0)", file: path, found: field.Name.Replace("\0", "\\0", StringComparison.Ordinal),
                    hint: "rename the column when writing the file");
            }
            if (!names.Add(field.Name))
            {
                throw new AuditInputException(
                    "two columns have the same name", file: path, column: field.Name,
                    expected: "distinct column names", hint: "rename one of the columns when writing the file");
            }
            if (field is not DataField data || data.IsArray || data.MaxRepetitionLevel > 0)
            {
                throw Unsupported(path, field);
            }
            ColumnType? type = declared is not null && declared.TryGetValue(field.Name, out var t) ? t : null;
            sinks.Add(CreateSink(data, type, capacity, path, limits));
        }

        if (declared is not null)
        {
            foreach (var name in declared.Keys)
            {
                if (!names.Contains(name))
                {
                    throw new AuditInputException(
                        "a declared column is not in the file", file: path, column: name,
                        expected: "one of the file's columns", found: AuditInputException.QuoteList([.. names]),
                        hint: "check the column name (names are case-sensitive)");
                }
            }
        }
        return sinks;
    }

    private static ColumnSink CreateSink(DataField field, ColumnType? declared, int capacity, string path, InputLimits limits)
    {
        var clr = field.ClrType;
        if (clr == typeof(double)) return ForNumber<double>(field, declared, capacity);
        if (clr == typeof(float)) return ForNumber<float>(field, declared, capacity);
        if (clr == typeof(decimal)) return ForNumber<decimal>(field, declared, capacity);
        if (clr == typeof(sbyte)) return ForNumber<sbyte>(field, declared, capacity);
        if (clr == typeof(byte)) return ForNumber<byte>(field, declared, capacity);
        if (clr == typeof(short)) return ForNumber<short>(field, declared, capacity);
        if (clr == typeof(ushort)) return ForNumber<ushort>(field, declared, capacity);
        if (clr == typeof(int)) return ForNumber<int>(field, declared, capacity);
        if (clr == typeof(uint)) return ForNumber<uint>(field, declared, capacity);
        if (clr == typeof(long)) return ForNumber<long>(field, declared, capacity);
        if (clr == typeof(ulong)) return ForNumber<ulong>(field, declared, capacity);
        if (clr == typeof(ReadOnlyMemory<char>))
        {
            return declared switch
            {
                ColumnType.Numeric => new TextToNumeric(field, capacity),
                ColumnType.Boolean => new TextToBoolean(field, capacity),
                _ => new TextToCategorical(field, capacity, limits, path),
            };
        }
        if (clr == typeof(bool))
        {
            return declared switch
            {
                ColumnType.Numeric => new BooleanToNumeric(field, capacity),
                ColumnType.Categorical => new BooleanToCategorical(field, capacity),
                _ => new BooleanToBoolean(field, capacity),
            };
        }
        throw Unsupported(path, field);
    }

    private static ColumnSink ForNumber<T>(DataField field, ColumnType? declared, int capacity)
        where T : struct, INumberBase<T> =>
        declared switch
        {
            ColumnType.Categorical => new NumberToCategorical<T>(field, capacity),
            ColumnType.Boolean => new NumberToBoolean<T>(field, capacity),
            _ => new NumberToNumeric<T>(field, capacity),
        };

    private static AuditInputException Unsupported(string path, Field field)
    {
        var (found, hint) = field switch
        {
            ListField => ("a list column", NestedHint),
            StructField => ("a struct column", NestedHint),
            MapField => ("a map column", NestedHint),
            DataField d when d.IsArray || d.MaxRepetitionLevel > 0 => ("a repeated column", NestedHint),
            DataField d when IsDateOrTime(d.ClrType) => ($"a date or time column ({PhysicalType(d)})", DateHint),
            DataField d when d.ClrType == typeof(ReadOnlyMemory<byte>) || d.ClrType == typeof(byte[]) =>
                ($"a binary column ({PhysicalType(d)} without a string annotation)", BinaryHint),
            DataField d when d.ClrType == typeof(Guid) => ("a UUID column", "convert it to a text column before the audit"),
            DataField d => ($"a column of {d.ClrType.Name} values ({PhysicalType(d)})", "convert it to a number, text or boolean column before the audit"),
            _ => ($"a {field.SchemaType.ToString().ToLowerInvariant()} column", NestedHint),
        };
        return new AuditInputException(
            "column type not supported", file: path, column: field.Name,
            expected: "a number, text or boolean column", found: found, hint: hint);
    }

    private static bool IsDateOrTime(Type clr) =>
        clr == typeof(DateTime) || clr == typeof(DateTimeOffset) || clr == typeof(DateOnly)
        || clr == typeof(TimeOnly) || clr == typeof(TimeSpan) || clr.FullName == "Parquet.Data.Interval";

    /// <summary>The physical type, and the converted type when there is one, e.g. "INT64 TIMESTAMP_MILLIS".</summary>
    private static string PhysicalType(DataField field)
    {
        var element = field.SchemaElement;
        if (element?.Type is null)
        {
            return field.ClrType.Name;
        }
        return element.ConvertedType is null ? $"{element.Type}" : $"{element.Type} {element.ConvertedType}";
    }

    private static AuditInputException Unreadable(string path, string? column, Exception e) =>
        e is OutOfMemoryException
            ? new(
                "reading the file needs more memory than this process may use", file: path, column: column, expected: "a valid Parquet file",
                found: "a size in the file larger than the memory available",
                hint: "a size field in the file may be damaged (export it again); if the file is genuine, run the audit on a machine with more memory or split the file",
                inner: e)
            : new(
                "not a readable Parquet file", file: path, column: column, expected: "a valid Parquet file", found: e.Message,
                hint: "the file seems damaged, or uses a feature this reader lacks; export it again and retry", inner: e);

    /// <summary>
    /// Corrupt input can surface from the library as almost any exception type; ours and cancellation pass through.
    /// An <see cref="OutOfMemoryException"/> inside the library is one allocation the file's declared sizes asked for
    /// (a page of 2 GiB, say) that failed: nothing else is left half-built, and it is an input error (issue 16, class 4).
    /// </summary>
    private static bool IsLibraryFailure(Exception e) =>
        e is not (AuditInputException or OperationCanceledException);

    /// <summary>Collects one column across row groups.</summary>
    private abstract class ColumnSink(DataField field)
    {
        protected DataField Field { get; } = field;

        protected string Name => Field.Name;

        public abstract Task ReadAsync(ParquetRowGroupReader group, int rows, long firstRow, string path);

        public abstract Column Build();
    }

    /// <summary>
    /// Reads a column chunk raw: the non-null values packed at the start of <c>values</c>, and, for a nullable column,
    /// one definition level per row (equal to the field's maximum when the row has a value).
    /// </summary>
    private abstract class ColumnSink<T>(DataField field) : ColumnSink(field)
        where T : struct
    {
        private readonly int present = field.MaxDefinitionLevel;

        public override async Task ReadAsync(ParquetRowGroupReader group, int rows, long firstRow, string path)
        {
            var values = ArrayPool<T>.Shared.Rent(rows);
            var levels = present > 0 ? ArrayPool<int>.Shared.Rent(rows) : null;
            try
            {
                try
                {
                    await group.ReadRawAsync<T>(Field, values.AsMemory(0, rows), levels?.AsMemory(0, rows), null, CancellationToken.None)
                        .ConfigureAwait(false);
                }
                catch (Exception e) when (IsLibraryFailure(e))
                {
                    throw Unreadable(path, Name, e);
                }
                Append(new Chunk(values.AsSpan(0, rows), levels is null ? default : levels.AsSpan(0, rows), rows, present, firstRow, path));
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
                if (levels is not null)
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }
        }

        protected abstract void Append(in Chunk chunk);

        /// <summary>One row group's values of the column.</summary>
        protected readonly ref struct Chunk(ReadOnlySpan<T> values, ReadOnlySpan<int> levels, int rows, int present, long firstRow, string path)
        {
            /// <summary>Rows in the row group.</summary>
            public int Rows { get; } = rows;

            /// <summary>Non-null values, in row order.</summary>
            public ReadOnlySpan<T> Values { get; } = values;

            /// <summary>Definition level per row; empty when the column is required (no nulls possible).</summary>
            public ReadOnlySpan<int> Levels { get; } = levels;

            /// <summary>The definition level of a row that has a value.</summary>
            public int Present { get; } = present;

            /// <summary>Rows of the file before this row group.</summary>
            public long FirstRow { get; } = firstRow;

            public string Path { get; } = path;

            /// <summary>The 1-based data row of the file for row <paramref name="i"/> of the chunk.</summary>
            public long FileRow(int i) => FirstRow + i + 1;
        }
    }

    private sealed class NumberToNumeric<T>(DataField field, int capacity) : ColumnSink<T>(field)
        where T : struct, INumberBase<T>
    {
        private readonly double[] values = new double[capacity];
        private int count;

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var target = values.AsSpan(count, rows);
            if (chunk.Levels.IsEmpty)
            {
                for (var i = 0; i < rows; i++)
                {
                    target[i] = double.CreateTruncating(chunk.Values[i]);
                }
            }
            else
            {
                var next = 0;
                for (var i = 0; i < rows; i++)
                {
                    target[i] = chunk.Levels[i] == chunk.Present ? double.CreateTruncating(chunk.Values[next++]) : double.NaN;
                }
            }
            count += rows;
        }

        public override Column Build() => new NumericColumn(Name, values);
    }

    /// <summary>Numbers as labels (e.g. an integer id declared categorical): the exact value, formatted invariantly.</summary>
    private sealed class NumberToCategorical<T>(DataField field, int capacity) : ColumnSink<T>(field)
        where T : struct, INumberBase<T>
    {
        private readonly CategoricalColumnBuilder builder = new(field.Name, capacity);

        protected override void Append(in Chunk chunk)
        {
            Span<char> text = stackalloc char[64];
            var rows = chunk.Rows;
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present)
                {
                    builder.AddMissing();
                    continue;
                }
                var value = chunk.Values[next++];
                if (value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture))
                {
                    builder.Add(text[..written]);
                }
                else
                {
                    builder.Add(value.ToString(null, CultureInfo.InvariantCulture));
                }
            }
        }

        public override Column Build() => builder.Build();
    }

    private sealed class NumberToBoolean<T>(DataField field, int capacity) : ColumnSink<T>(field)
        where T : struct, INumberBase<T>
    {
        private readonly byte[] values = new byte[capacity];
        private int count;

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var target = values.AsSpan(count, rows);
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present)
                {
                    target[i] = BooleanColumn.Missing;
                    continue;
                }
                var value = chunk.Values[next++];
                if (T.IsZero(value))
                {
                    target[i] = 0;
                }
                else if (value == T.One)
                {
                    target[i] = 1;
                }
                else
                {
                    throw new AuditInputException(
                        "not a boolean", file: chunk.Path, row: chunk.FileRow(i), column: Name,
                        expected: "0 or 1", found: value.ToString(null, CultureInfo.InvariantCulture),
                        hint: "the column is declared boolean; fix the value, or declare the column numeric");
                }
            }
            count += rows;
        }

        public override Column Build() => new BooleanColumn(Name, values);
    }

    private sealed class TextToCategorical(DataField field, int capacity, InputLimits limits, string path) : ColumnSink<ReadOnlyMemory<char>>(field)
    {
        private readonly CategoricalColumnBuilder builder = new(field.Name, capacity);

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present)
                {
                    builder.AddMissing();
                }
                else
                {
                    var text = chunk.Values[next++].Span;
                    if (text.Length > limits.MaxTextLength)
                    {
                        limits.CheckText(text.Length, path, chunk.FileRow(i), line: null, Name);
                    }
                    if (text.Contains('\0'))
                    {
                        // As in CSV: no text holds a NUL, and it was kept in group names (issue 16, class 5).
                        throw new AuditInputException(
                            "a value holds a NUL character (\\0)", file: path, row: chunk.FileRow(i), column: Name,
                            expected: "text without NUL characters", found: text.ToString().Replace("\0", "\\0", StringComparison.Ordinal),
                            hint: "remove the NUL characters when writing the file");
                    }
                    builder.Add(text);
                    if (builder.LevelCount > limits.MaxLevels)
                    {
                        limits.CheckLevels(builder.LevelCount, path, chunk.FileRow(i), line: null, Name);
                    }
                }
            }
        }

        public override Column Build() => builder.Build();
    }

    /// <summary>
    /// Text declared another type: each non-empty text parsed; a null or empty text is <paramref name="missing"/>;
    /// anything else is an error naming the file row, the column and what was expected.
    /// </summary>
    private abstract class TextToValues<TValue>(DataField field, int capacity, TValue missing) : ColumnSink<ReadOnlyMemory<char>>(field)
    {
        protected readonly TValue[] Values = new TValue[capacity];
        private int count;

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var target = Values.AsSpan(count, rows);
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present)
                {
                    target[i] = missing;
                    continue;
                }
                var text = chunk.Values[next++].Span.Trim();
                if (text.IsEmpty)
                {
                    target[i] = missing;
                }
                else if (!TryParse(text, out target[i]))
                {
                    throw NotParsed(chunk.Path, chunk.FileRow(i), text.ToString());
                }
            }
            count += rows;
        }

        protected abstract bool TryParse(ReadOnlySpan<char> text, out TValue value);

        protected abstract AuditInputException NotParsed(string path, long row, string found);
    }

    /// <summary>Text declared numeric: invariant-culture numbers; an empty text is missing; anything else is an error.</summary>
    private sealed class TextToNumeric(DataField field, int capacity) : TextToValues<double>(field, capacity, double.NaN)
    {
        protected override bool TryParse(ReadOnlySpan<char> text, out double value) => ValueParsing.TryParseNumber(text, decimalComma: false, out value);

        protected override AuditInputException NotParsed(string path, long row, string found) => new(
            "not a number", file: path, row: row, column: Name, expected: "a number", found: found,
            hint: "the column is declared numeric; write numbers with a '.' decimal point and no thousands separator, or declare the column categorical");

        public override Column Build() => new NumericColumn(Name, Values);
    }

    /// <summary>Text declared boolean: true/false, yes/no, 1/0 in any case (as in CSV); an empty text is missing; anything else is an error.</summary>
    private sealed class TextToBoolean(DataField field, int capacity) : TextToValues<byte>(field, capacity, BooleanColumn.Missing)
    {
        protected override bool TryParse(ReadOnlySpan<char> text, out byte value)
        {
            var parsed = ValueParsing.TryParseBoolean(text, out var flag);
            value = flag ? (byte)1 : (byte)0;
            return parsed;
        }

        protected override AuditInputException NotParsed(string path, long row, string found) => new(
            "not a boolean", file: path, row: row, column: Name, expected: "true/false, yes/no or 1/0", found: found,
            hint: "the column is declared boolean; fix the value, or declare the column categorical");

        public override Column Build() => new BooleanColumn(Name, Values);
    }

    private sealed class BooleanToBoolean(DataField field, int capacity) : ColumnSink<bool>(field)
    {
        private readonly byte[] values = new byte[capacity];
        private int count;

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var target = values.AsSpan(count, rows);
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                target[i] = !chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present
                    ? BooleanColumn.Missing
                    : chunk.Values[next++] ? (byte)1 : (byte)0;
            }
            count += rows;
        }

        public override Column Build() => new BooleanColumn(Name, values);
    }

    /// <summary>Booleans declared numeric: true → 1, false → 0.</summary>
    private sealed class BooleanToNumeric(DataField field, int capacity) : ColumnSink<bool>(field)
    {
        private readonly double[] values = new double[capacity];
        private int count;

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var target = values.AsSpan(count, rows);
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                target[i] = !chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present
                    ? double.NaN
                    : chunk.Values[next++] ? 1.0 : 0.0;
            }
            count += rows;
        }

        public override Column Build() => new NumericColumn(Name, values);
    }

    /// <summary>Booleans declared categorical: the labels "true" and "false".</summary>
    private sealed class BooleanToCategorical(DataField field, int capacity) : ColumnSink<bool>(field)
    {
        private readonly CategoricalColumnBuilder builder = new(field.Name, capacity);

        protected override void Append(in Chunk chunk)
        {
            var rows = chunk.Rows;
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!chunk.Levels.IsEmpty && chunk.Levels[i] != chunk.Present)
                {
                    builder.AddMissing();
                }
                else
                {
                    builder.Add(chunk.Values[next++] ? "true" : "false");
                }
            }
        }

        public override Column Build() => builder.Build();
    }
}
