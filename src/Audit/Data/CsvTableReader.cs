using System.Text;
using nietras.SeparatedValues;

namespace Audit.Data;

/// <summary>
/// Reads a CSV file into a <see cref="Table"/>. Parsing of the separated-values syntax (quotes, escaped quotes,
/// line breaks inside quotes, BOM) is done by the Sep library; this class adds what an audit needs on top:
/// delimiter detection among ',', ';' and tab, typed columns (declared or inferred), decimal comma,
/// missing tokens, and errors that name the file, the 1-based data row, the file line and the column.
/// </summary>
public static class CsvTableReader
{
    private static readonly char[] CandidateDelimiters = [',', ';', '\t'];

    public static Table Read(string path, CsvReadOptions? options = null) => Read(path, options, Environment.ProcessorCount, DefaultBlockChars);

    /// <summary>
    /// Reads with <paramref name="parallelism"/> workers on blocks of about <paramref name="blockChars"/> characters
    /// (see <see cref="CsvBlockReader"/>); 0 reads row by row on this thread, as the reader did before issue 21 and still
    /// does for any file the block reader leaves to it. The tests compare the two on random files.
    /// </summary>
    internal static Table Read(string path, CsvReadOptions? options, int parallelism, int blockChars)
    {
        options ??= new CsvReadOptions();
        var display = options.DisplayName ?? path;
        if (!File.Exists(path))
        {
            throw new AuditInputException("file not found", file: display, hint: "check the path, or pass the data file with --data");
        }
        var size = new FileInfo(path).Length;
        options.Limits.CheckFileSize(size, display);
        try
        {
            return ReadText(path, options, display, size, parallelism, blockChars);
        }
        catch (DecoderFallbackException)
        {
            var invalid = TextEncodings.FirstInvalidUtf8(path);
            throw new AuditInputException("the file is not valid UTF-8 text", file: display, line: invalid?.Line,
                expected: "UTF-8", found: invalid is { } i ? $"byte 0x{i.Value:X2}" : null,
                hint: "re-export the file as UTF-8, or " + options.EncodingAdvice);
        }
    }

    /// <summary>The characters a block of the parallel reader holds before it is cut at the next row's end.</summary>
    internal const int DefaultBlockChars = 1 << 18;

    private static Table ReadText(string path, CsvReadOptions options, string display, long size, int parallelism, int blockChars)
    {
        var (delimiter, names, types) = ReadLayout(path, options, display, size);
        if (parallelism > 0 && CsvBlockReader.TryRead(path, delimiter, names, types, options, size, parallelism, blockChars) is { } table)
        {
            return table;
        }
        return ReadColumns(path, delimiter, names, types, options, display, size);
    }

    /// <summary>The block reader alone: its table, or null where it leaves the file to the row-by-row reader (for the tests).</summary>
    internal static Table? TryReadInBlocks(string path, CsvReadOptions options, int parallelism, int blockChars)
    {
        var size = new FileInfo(path).Length;
        var (delimiter, names, types) = ReadLayout(path, options, options.DisplayName ?? path, size);
        return CsvBlockReader.TryRead(path, delimiter, names, types, options, size, parallelism, blockChars);
    }

    /// <summary>The delimiter, the column names and the column types (declared or inferred).</summary>
    private static (char Delimiter, string[] Names, ColumnType[] Types) ReadLayout(string path, CsvReadOptions options, string display, long size)
    {
        var headerLine = ReadFirstLine(path, options.Encoding, display);
        if (size == 0 || headerLine is null || headerLine.Trim().Length == 0)
        {
            throw new AuditInputException("the file is empty", file: display, line: 1,
                expected: "a header row naming the columns, then one row per person",
                hint: "export the data again with a header row");
        }
        var delimiter = options.Delimiter ?? DetectDelimiter(headerLine);
        var names = ReadHeader(path, delimiter, options.Encoding, display);
        options.Limits.CheckColumns(names.Length, display);
        return (delimiter, names, InferTypes(path, delimiter, names, options, display));
    }

    /// <summary>The delimiter that splits the header line into the most fields (ties: ',', then ';', then tab).</summary>
    internal static char DetectDelimiter(string headerLine)
    {
        var best = ',';
        var bestCount = 0;
        foreach (var candidate in CandidateDelimiters)
        {
            var count = CountOutsideQuotes(headerLine, candidate);
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char c)
    {
        var inQuotes = false;
        var count = 0;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (ch == c && !inQuotes)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// The longest row the CSV library holds in memory: 16 Mi characters (Sep's own bound, 16,777,216). A longer row is
    /// almost always a quote never closed, which swallows the rest of the file; it used to end in the library's
    /// NotSupportedException, an internal error (issue 16, class 4). The first line is read under the same bound.
    /// </summary>
    public const int MaxRowCharacters = 16 * 1024 * 1024;

    private static string? ReadFirstLine(string path, Encoding? encoding, string display)
    {
        using var reader = new StreamReader(path, encoding ?? TextEncodings.StrictUtf8, detectEncodingFromByteOrderMarks: encoding is null);
        var line = new StringBuilder();
        var buffer = new char[1 << 16];
        while (line.Length <= MaxRowCharacters)
        {
            var read = reader.Read(buffer, 0, buffer.Length);
            if (read == 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }
            var end = Array.IndexOf(buffer, '\n', 0, read);
            if (end >= 0)
            {
                return line.Append(buffer, 0, end).ToString().TrimEnd('\r');
            }
            line.Append(buffer, 0, read);
        }
        throw TooLong(display, row: null, line: 1);
    }

    private static AuditInputException TooLong(string display, long? row, long line) =>
        new(row is null ? "the header line is longer than the 16 Mi characters a row may hold" : "a row is longer than the 16 Mi characters a row may hold",
            file: display, row: row, line: line, expected: $"rows of at most {MaxRowCharacters:N0} characters",
            hint: "check the quoting near this line: a quote that is never closed swallows the rest of the file (a quote inside a quoted field is written twice, \"\"); " +
                  "also check that the file is CSV text with line breaks");

    /// <summary>
    /// Sep's options for every read: the header is read as an ordinary first row (HasHeader = false), so that repeated
    /// names can be numbered (ReadHeader) instead of Sep refusing the file.
    /// </summary>
    internal static SepReaderOptions SepOptions(char delimiter) => Sep.New(delimiter).Reader(o => o with
    {
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
    });

    private static SepReader OpenReader(string path, char delimiter, Encoding? encoding, string display, Stream? stream = null)
    {
        var options = SepOptions(delimiter);
        // A StreamReader of our own, so that UTF-8 is decoded strictly (Sep's own file reader replaces invalid bytes).
        var text = new StreamReader(stream ?? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
            encoding ?? TextEncodings.StrictUtf8, detectEncodingFromByteOrderMarks: encoding is null, bufferSize: 1 << 16, leaveOpen: false);
        try
        {
            return options.From(text);
        }
        catch (NotSupportedException)
        {
            // Sep reads the first row when it opens the file.
            text.Dispose();
            throw TooLong(display, row: null, line: 1);
        }
    }

    /// <summary>
    /// The column names: trimmed; an empty name is an error; a repeated name is numbered as pandas does
    /// ("decile_score", "decile_score.1"), since public files such as ProPublica's COMPAS data repeat names.
    /// </summary>
    private static string[] ReadHeader(string path, char delimiter, Encoding? encoding, string display)
    {
        string[] names;
        using (var reader = OpenReader(path, delimiter, encoding, display))
        {
            bool any;
            try
            {
                any = reader.MoveNext();
            }
            catch (NotSupportedException)
            {
                throw TooLong(display, row: null, line: 1);
            }
            if (!any)
            {
                throw new AuditInputException("the file is empty", file: display, line: 1, expected: "a header row naming the columns");
            }
            var header = reader.Current;
            names = new string[header.ColCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = header[i].Span.Trim().ToString();
                if (names[i].Contains('\0', StringComparison.Ordinal))
                {
                    throw Nul(display, row: null, line: 1, column: null, names[i]);
                }
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                throw new AuditInputException($"column {i + 1} of the header has no name", file: display, line: 1,
                    expected: "a name for every column", hint: "name the column in the header row");
            }
        }
        var taken = new HashSet<string>(names, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!seen.Add(names[i]))
            {
                var k = 1;
                while (taken.Contains($"{names[i]}.{k}"))
                {
                    k++;
                }
                names[i] = $"{names[i]}.{k}";
                taken.Add(names[i]);
                seen.Add(names[i]);
            }
        }
        return names;
    }

    private static ColumnType[] InferTypes(string path, char delimiter, string[] names, CsvReadOptions options, string display)
    {
        var types = new ColumnType?[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            if (options.ColumnTypes.TryGetValue(names[c], out var declared))
            {
                types[c] = declared;
            }
        }
        if (types.All(t => t is not null))
        {
            return types.Select(t => t!.Value).ToArray();
        }

        var numeric = new bool[names.Length];
        var boolean = new bool[names.Length];
        var seenValue = new bool[names.Length];
        Array.Fill(numeric, true);
        Array.Fill(boolean, true);
        using (var reader = OpenReader(path, delimiter, options.Encoding, display))
        {
            var dataRow = -1L;
            var nextLine = 1L;
            while (MoveNext(reader, display, dataRow, nextLine))
            {
                var row = reader.Current;
                nextLine = row.LineNumberToExcl;
                if (++dataRow == 0)
                {
                    continue; // the header
                }
                if (dataRow > options.InferenceRows)
                {
                    break;
                }
                CheckFieldCount(row, names.Length, dataRow, display);
                CheckNul(row, names, dataRow, display);
                for (var c = 0; c < names.Length; c++)
                {
                    if (types[c] is not null)
                    {
                        continue;
                    }
                    var span = row[c].Span;
                    if (IsMissing(span, options))
                    {
                        continue;
                    }
                    seenValue[c] = true;
                    if (numeric[c] && !ValueParsing.TryParseNumber(span, options.DecimalComma, out _))
                    {
                        numeric[c] = false;
                    }
                    if (boolean[c] && !ValueParsing.IsBooleanWord(span))
                    {
                        boolean[c] = false;
                    }
                }
            }
        }
        var result = new ColumnType[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            result[c] = types[c] ?? (!seenValue[c] ? ColumnType.Categorical
                : numeric[c] ? ColumnType.Numeric
                : boolean[c] ? ColumnType.Boolean
                : ColumnType.Categorical);
        }
        return result;
    }

    private static Table ReadColumns(string path, char delimiter, string[] names, ColumnType[] types, CsvReadOptions options, string display, long size)
    {
        var columns = new ColumnBuilders(names, types);
        var limits = options.Limits;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = OpenReader(path, delimiter, options.Encoding, display, stream);
        var dataRow = -1L;
        var nextLine = 1L;
        var lines = new FileLines.Builder();
        while (MoveNext(reader, display, dataRow, nextLine))
        {
            var row = reader.Current;
            nextLine = row.LineNumberToExcl;
            if (++dataRow == 0)
            {
                continue; // the header
            }
            CheckFieldCount(row, names.Length, dataRow, display);
            CheckNul(row, names, dataRow, display);
            lines.Add(dataRow, row.LineNumberFrom);
            if (dataRow > limits.MaxRows)
            {
                limits.CheckRows(dataRow, display, row.LineNumberFrom);
            }
            AddRow(row, columns, options, display, dataRow);
            if (options.Progress is not null && (dataRow & 0xFFFF) == 0)
            {
                options.Progress(stream.Position, size);
            }
        }
        options.Progress?.Invoke(size, size);
        if (dataRow <= 0)
        {
            throw new AuditInputException("the file has a header but no data rows", file: display, line: 2,
                expected: "at least one row after the header", hint: "check that the export is complete");
        }
        return new Table(columns.Build()) { Lines = lines.Build() };
    }

    /// <summary>One data row's fields, parsed by their column's type and appended to the columns.</summary>
    private static void AddRow(SepReader.Row row, ColumnBuilders columns, CsvReadOptions options, string display, long dataRow)
    {
        var (names, types, numbers, booleans, categories) = (columns.Names, columns.Types, columns.Numbers, columns.Booleans, columns.Categories);
        for (var c = 0; c < names.Length; c++)
        {
            var span = row[c].Span;
            var missing = IsMissing(span, options);
            switch (types[c])
            {
                case ColumnType.Numeric:
                    if (missing)
                    {
                        numbers[c]!.Add(double.NaN);
                    }
                    else if (ValueParsing.TryParseNumber(span, options.DecimalComma, out var number))
                    {
                        numbers[c]!.Add(number);
                    }
                    else
                    {
                        throw NotANumber(display, dataRow, row.LineNumberFrom, names[c], span.ToString(), options);
                    }
                    break;
                case ColumnType.Boolean:
                    if (missing)
                    {
                        booleans[c]!.Add(BooleanColumn.Missing);
                    }
                    else if (ValueParsing.TryParseBoolean(span, out var flag))
                    {
                        booleans[c]!.Add(flag ? (byte)1 : (byte)0);
                    }
                    else
                    {
                        throw NotABoolean(display, dataRow, row.LineNumberFrom, names[c], span.ToString(), options);
                    }
                    break;
                default:
                    if (missing)
                    {
                        categories[c]!.AddMissing();
                    }
                    else
                    {
                        AddCategory(categories[c]!, span.Trim(), options.Limits, display, dataRow, row.LineNumberFrom, names[c]);
                    }
                    break;
            }
        }
    }

    /// <summary>A category's text, within the limits on a value's length and on a column's number of levels.</summary>
    private static void AddCategory(CategoricalColumnBuilder builder, ReadOnlySpan<char> text, InputLimits limits, string display, long dataRow, int line,
        string column)
    {
        if (text.Length > limits.MaxTextLength)
        {
            limits.CheckText(text.Length, display, dataRow, line, column);
        }
        builder.Add(text);
        if (builder.LevelCount > limits.MaxLevels)
        {
            limits.CheckLevels(builder.LevelCount, display, dataRow, line, column);
        }
    }

    private static AuditInputException NotABoolean(string display, long dataRow, int line, string column, string found, CsvReadOptions options) =>
        new("not a true/false value", file: display, row: dataRow, line: line,
            column: column, expected: "true/false, yes/no or 1/0", found: found,
            hint: options.ColumnTypes.ContainsKey(column)
                ? "fix the value, or leave it empty (or NA) if it is missing"
                : $"the first {options.InferenceRows} rows looked boolean; declare the column's type in the plan's 'columns' key");

    /// <summary>The values read so far, one list per column, of the column's type (a numeric column has only its numbers list).</summary>
    private sealed class ColumnBuilders
    {
        public ColumnBuilders(string[] names, ColumnType[] types)
        {
            (Names, Types) = (names, types);
            Numbers = new List<double>?[names.Length];
            Booleans = new List<byte>?[names.Length];
            Categories = new CategoricalColumnBuilder?[names.Length];
            for (var c = 0; c < names.Length; c++)
            {
                switch (types[c])
                {
                    case ColumnType.Numeric: Numbers[c] = []; break;
                    case ColumnType.Boolean: Booleans[c] = []; break;
                    default: Categories[c] = new CategoricalColumnBuilder(names[c]); break;
                }
            }
        }

        public string[] Names { get; }
        public ColumnType[] Types { get; }
        public List<double>?[] Numbers { get; }
        public List<byte>?[] Booleans { get; }
        public CategoricalColumnBuilder?[] Categories { get; }

        public Column[] Build()
        {
            var columns = new Column[Names.Length];
            for (var c = 0; c < Names.Length; c++)
            {
                columns[c] = Types[c] switch
                {
                    ColumnType.Numeric => new NumericColumn(Names[c], Numbers[c]!.ToArray()),
                    ColumnType.Boolean => new BooleanColumn(Names[c], Booleans[c]!.ToArray()),
                    _ => Categories[c]!.Build(),
                };
            }
            return columns;
        }
    }

    private static AuditInputException NotANumber(string display, long dataRow, int line, string column, string found, CsvReadOptions options)
    {
        var expected = options.DecimalComma ? "a number with a decimal comma (e.g. 1234,5)" : "a number with a decimal point (e.g. 1234.5)";
        string hint;
        if (options.ColumnTypes.ContainsKey(column))
        {
            hint = found.Contains(',') && !options.DecimalComma
                ? "if the file uses decimal commas, set 'data.decimal_comma: true' in the plan; otherwise fix the value or leave it empty (or NA) if it is missing"
                : "fix the value, or leave it empty (or NA) if it is missing";
        }
        else
        {
            hint = $"the first {options.InferenceRows} rows looked numeric; fix the value, or declare the column categorical in the plan's 'columns' key";
        }
        return new AuditInputException("not a number", file: display, row: dataRow, line: line, column: column,
            expected: expected, found: found, hint: hint);
    }

    /// <summary>The next row, or false at the end; a row longer than Sep holds is an input error naming where it starts.</summary>
    /// <param name="dataRow">The data row read last (0 for the header, -1 before it).</param>
    /// <param name="nextLine">The file line where the next row starts.</param>
    private static bool MoveNext(SepReader reader, string display, long dataRow, long nextLine)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (NotSupportedException)
        {
            throw TooLong(display, dataRow < 0 ? null : dataRow + 1, nextLine);
        }
    }

    /// <summary>
    /// Refuses a NUL character in a field (issue 16, class 5): no text holds one, it was kept in group names and skipped
    /// after a number ("12\0" read as 12); a file full of them is UTF-16 or binary, not UTF-8 CSV text.
    /// </summary>
    private static void CheckNul(SepReader.Row row, string[] names, long dataRow, string display)
    {
        if (!row.Span.Contains('\0'))
        {
            return;
        }
        for (var c = 0; c < names.Length; c++)
        {
            if (row[c].Span.Contains('\0'))
            {
                throw Nul(display, dataRow, row.LineNumberFrom, names[c], row[c].Span.ToString());
            }
        }
    }

    private static AuditInputException Nul(string display, long? row, long line, string? column, string found) =>
        new("a value holds a NUL character (\\0)", file: display, row: row, line: line, column: column,
            expected: "text without NUL characters", found: found.Replace("\0", "\\0", StringComparison.Ordinal),
            hint: "a file full of NUL characters is UTF-16 or binary: export it again as UTF-8 CSV text; otherwise remove the NUL characters");

    private static void CheckFieldCount(SepReader.Row row, int expected, long dataRow, string display)
    {
        if (row.ColCount != expected)
        {
            var rowText = row.Span.ToString();
            if (rowText.Count(c => c == '"') % 2 == 1)
            {
                throw new AuditInputException("a quoted field is never closed", file: display, row: dataRow, line: row.LineNumberFrom,
                    expected: "a closing '\"' for every opening one", found: Truncate(rowText),
                    hint: "close the quote; a quote inside a quoted field is written twice (\"\")");
            }
            var blank = row.ColCount == 1 && row[0].Span.Trim().Length == 0;
            throw new AuditInputException($"the row has {row.ColCount} field{(row.ColCount == 1 ? "" : "s")} where the header has {expected}",
                file: display, row: dataRow, line: row.LineNumberFrom,
                expected: $"{expected} fields", found: Truncate(row.Span.ToString()),
                hint: blank ? "remove the blank line" : "check the delimiter and quoting of this row (a field containing the delimiter must be quoted)");
        }
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..57] + "...";

    internal static bool IsMissing(ReadOnlySpan<char> span, CsvReadOptions options)
    {
        var trimmed = span.Trim();
        if (trimmed.IsEmpty)
        {
            return true;
        }
        // Indexed loop: a foreach over the IReadOnlyList would allocate an enumerator for every field.
        var tokens = options.MissingTokens;
        for (var t = 0; t < tokens.Count; t++)
        {
            if (trimmed.SequenceEqual(tokens[t]))
            {
                return true;
            }
        }
        return false;
    }
}
