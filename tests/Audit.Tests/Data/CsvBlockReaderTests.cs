using System.Globalization;
using System.Text;
using Audit.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Data;

/// <summary>
/// The parallel block reader (issue 21) against two oracles: the row-by-row reader it replaced (parallelism 0), and a
/// plain parse written here, character by character, with double.TryParse for numbers. Random files mix quotes,
/// delimiters and line breaks inside quotes, missing tokens, decimal commas, CRLF, a BOM, accents; every file is read
/// with several degrees of parallelism and block sizes down to one character, so that blocks are cut everywhere.
/// Broken files must give the very error (message, row, line, column, found) the row-by-row reader gives.
/// </summary>
public sealed class CsvBlockReaderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly (int Parallelism, int BlockChars)[] Settings = [(1, 1), (2, 7), (4, 64), (2, 4096), (3, CsvTableReader.DefaultBlockChars)];

    private static readonly string[] Words = ["F", "M", "Île-de-France", "a,b", "a;b", "tab\there", "say \"hi\"", "two\nlines", "crlf\r\ninside", " padded ", "x", "NAN", "na", "é"];

    /// <summary>A random CSV file: the text and how to read it.</summary>
    private sealed record RandomCsv(string Text, char Delimiter, bool DecimalComma, bool Bom, string NewLine);

    private static string Quote(string field, char delimiter) =>
        field.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 || (field.Length > 0 && field[0] == ' ' && field.Contains('"'))
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    private static RandomCsv Generate(int seed)
    {
        var random = new Random(seed);
        var delimiter = random.Next(3) switch { 0 => ',', 1 => ';', _ => '\t' };
        var decimalComma = delimiter != ',' && random.Next(2) == 0;
        var newLine = random.Next(2) == 0 ? "\n" : "\r\n";
        var columns = random.Next(1, 6);
        var rows = random.Next(1, random.Next(2) == 0 ? 30 : 400);
        var kinds = Enumerable.Range(0, columns).Select(_ => random.Next(4)).ToArray();
        var text = new StringBuilder();
        text.Append(string.Join(delimiter, Enumerable.Range(0, columns).Select(c => c == 1 && random.Next(3) == 0 ? "\"col, 1\"" : $"c{c}")));
        text.Append(newLine);
        for (var r = 0; r < rows; r++)
        {
            var fields = new string[columns];
            for (var c = 0; c < columns; c++)
            {
                var missing = random.Next(12) == 0;
                fields[c] = missing
                    ? random.Next(3) switch { 0 => "", 1 => "NA", _ => " NA " }
                    : kinds[c] switch
                    {
                        0 => Number(random, decimalComma),
                        1 => random.Next(4) switch { 0 => "true", 1 => "No", 2 => "YES", _ => "false" },
                        2 => random.Next(2).ToString(CultureInfo.InvariantCulture),
                        _ => Words[random.Next(Words.Length)] + (random.Next(3) == 0 ? random.Next(50).ToString(CultureInfo.InvariantCulture) : ""),
                    };
                fields[c] = Quote(fields[c], delimiter);
                if (random.Next(15) == 0 && !fields[c].Contains('"', StringComparison.Ordinal) && fields[c].IndexOfAny(['\n', '\r']) < 0)
                {
                    fields[c] = "\"" + fields[c] + "\""; // quoted though it need not be
                }
            }
            text.Append(string.Join(delimiter, fields));
            if (r < rows - 1 || random.Next(4) != 0)
            {
                text.Append(newLine);
            }
        }
        return new RandomCsv(text.ToString(), delimiter, decimalComma, random.Next(4) == 0, newLine);
    }

    private static string Number(Random random, bool decimalComma)
    {
        var value = random.Next(6) switch
        {
            0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
            1 => (random.NextDouble() * 1000).ToString("F" + random.Next(0, 8), CultureInfo.InvariantCulture),
            2 => (random.NextDouble() - 0.5).ToString("R", CultureInfo.InvariantCulture),
            3 => (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("E" + random.Next(0, 17), CultureInfo.InvariantCulture),
            4 => random.Next(3) switch { 0 => "-0", 1 => "+3.25", _ => "-0.000" },
            _ => new string('9', random.Next(1, 22)) + "." + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        };
        if (random.Next(8) == 0)
        {
            value = " " + value + " ";
        }
        return decimalComma ? value.Replace('.', ',') : value;
    }

    private string WriteFile(RandomCsv csv, string name)
    {
        var path = dir.File(name);
        var bytes = Encoding.UTF8.GetBytes(csv.Text);
        File.WriteAllBytes(path, csv.Bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        return path;
    }

    private static CsvReadOptions OptionsFor(RandomCsv csv) => new() { Delimiter = csv.Delimiter, DecimalComma = csv.DecimalComma };

    [Property(MaxTest = 150)]
    public Property Parallel_read_equals_the_row_by_row_read_and_a_plain_parse(PositiveInt seed)
    {
        var csv = Generate(seed.Get);
        var path = WriteFile(csv, $"r{seed.Get}.csv");
        var options = OptionsFor(csv);
        var reference = CsvTableReader.Read(path, options, parallelism: 0, CsvTableReader.DefaultBlockChars);
        AssertMatchesPlainParse(reference, csv);
        foreach (var (parallelism, blockChars) in Settings)
        {
            // The block reader itself, not the row-by-row reader it leaves a file to when in doubt.
            var blocks = CsvTableReader.TryReadInBlocks(path, options, parallelism, blockChars);
            Assert.NotNull(blocks);
            AssertSameTable(reference, blocks);
            AssertSameTable(reference, CsvTableReader.Read(path, options, parallelism, blockChars));
        }
        return true.ToProperty();
    }

    /// <summary>The same file with one defect at a random row: both readers refuse it with the same error.</summary>
    [Property(MaxTest = 120)]
    public Property A_broken_file_gets_the_row_by_row_readers_error(PositiveInt seed, byte defect)
    {
        var csv = Generate(seed.Get);
        var random = new Random(seed.Get ^ 0x5eed);
        var lines = csv.Text.Split(csv.NewLine);
        // A line that is a whole row (no quoted line break in it) after the header.
        var candidates = Enumerable.Range(1, lines.Length - 1).Where(i => lines[i].Length > 0 && lines[i].Count(ch => ch == '"') % 2 == 0).ToArray();
        if (candidates.Length == 0)
        {
            return true.ToProperty();
        }
        var at = candidates[random.Next(candidates.Length)];
        lines[at] = (defect % 5) switch
        {
            0 => lines[at] + csv.Delimiter + "extra",
            1 => lines[at].Insert(random.Next(lines[at].Length + 1), "\0"),
            2 => "\"" + lines[at],
            3 => "abc" + csv.Delimiter + lines[at], // a word where a number or a boolean may be expected, and one field too many
            _ => "",
        };
        var broken = csv with { Text = string.Join(csv.NewLine, lines) };
        var path = WriteFile(broken, $"b{seed.Get}-{defect}.csv");
        var options = OptionsFor(broken);
        AssertSameOutcome(path, options);
        return true.ToProperty();
    }

    /// <summary>Limits on rows, levels and text length: the error of the row-by-row reader, at the same row.</summary>
    [Theory]
    [InlineData("max_rows", 3)]
    [InlineData("max_levels", 2)]
    [InlineData("max_text_length", 4)]
    public void Limits_give_the_row_by_row_readers_error(string key, long value)
    {
        var path = dir.Write("limits.csv", "a,b\n1,x\n2,yy\n3,zzz\n4,wwwww\n5,x\n");
        var options = new CsvReadOptions { Limits = InputLimits.Default.With(key, value) };
        var error = AssertSameOutcome(path, options);
        Assert.NotNull(error);
    }

    /// <summary>
    /// A UTF-8 byte order mark makes .NET's StreamReader decode with replacement (U+FFFD) instead of refusing invalid bytes;
    /// without the mark the file is refused. The block reader must do what the row-by-row reader does in both cases.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Invalid_utf8_is_read_as_the_row_by_row_reader_reads_it(bool bom)
    {
        var path = dir.File("invalid.csv");
        byte[] body = [.. "a,b\n1,x\n"u8, 0xC3, 0x28, .. ",2\n3,y\n"u8];
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. body] : body);
        var error = AssertSameOutcome(path, new CsvReadOptions());
        Assert.Equal(bom, error is null);
    }

    [Fact]
    public void Utf16_latin1_and_header_only_files_read_as_before()
    {
        var utf16 = dir.File("utf16.csv");
        File.WriteAllText(utf16, "a,b\n1,é\n2,x\n", Encoding.Unicode);
        AssertSameOutcome(utf16, new CsvReadOptions());
        var latin1 = dir.File("latin1.csv");
        File.WriteAllBytes(latin1, Encoding.Latin1.GetBytes("a;b\n1,5;é\n2;x\n"));
        Assert.Null(AssertSameOutcome(latin1, new CsvReadOptions { Encoding = Encoding.Latin1, DecimalComma = true }));
        Assert.NotNull(AssertSameOutcome(dir.Write("header.csv", "a,b\n"), new CsvReadOptions()));
    }

    /// <summary>Reads with every setting; returns the error when the file is refused (the same by every reader).</summary>
    private static AuditInputException? AssertSameOutcome(string path, CsvReadOptions options)
    {
        Table? expected = null;
        AuditInputException? error = null;
        try
        {
            expected = CsvTableReader.Read(path, options, parallelism: 0, CsvTableReader.DefaultBlockChars);
        }
        catch (AuditInputException e)
        {
            error = e;
        }
        foreach (var (parallelism, blockChars) in Settings)
        {
            if (error is null)
            {
                AssertSameTable(expected!, CsvTableReader.Read(path, options, parallelism, blockChars));
            }
            else
            {
                var actual = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path, options, parallelism, blockChars));
                Assert.Equal(
                    (error.Message, error.Problem, error.File, error.Row, error.Line, error.Column, error.Expected, error.Found, error.Hint),
                    (actual.Message, actual.Problem, actual.File, actual.Row, actual.Line, actual.Column, actual.Expected, actual.Found, actual.Hint));
            }
        }
        return error;
    }

    private static void AssertSameTable(Table expected, Table actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Type)), actual.Columns.Select(c => (c.Name, c.Type)));
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            switch (expected.Columns[c])
            {
                case NumericColumn numbers:
                    Assert.Equal(numbers.Values.ToArray().Select(BitConverter.DoubleToInt64Bits), ((NumericColumn)actual.Columns[c]).Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
                    break;
                case BooleanColumn flags:
                    Assert.Equal(flags.Values.ToArray(), ((BooleanColumn)actual.Columns[c]).Values.ToArray());
                    break;
                case CategoricalColumn categories:
                    var other = (CategoricalColumn)actual.Columns[c];
                    Assert.Equal(categories.Levels, other.Levels);
                    Assert.Equal(categories.Codes.ToArray(), other.Codes.ToArray());
                    break;
            }
        }
        for (var row = 1; row <= expected.RowCount; row++)
        {
            Assert.Equal(expected.Lines!.LineOf(row), actual.Lines!.LineOf(row));
        }
    }

    /// <summary>The plain parse: quotes toggle, a doubled quote inside quotes is one quote, rows end at a line feed outside quotes.</summary>
    private static (List<string[]> Rows, List<long> Lines) PlainParse(string text, char delimiter)
    {
        var rows = new List<string[]>();
        var lines = new List<long>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        long line = 1;
        var rowLine = 1L;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                inQuotes = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // the CR of a CRLF
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                lines.Add(rowLine);
                fields.Clear();
                rowLine = ++line;
            }
            else
            {
                field.Append(ch);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
            lines.Add(rowLine);
        }
        return (rows, lines);
    }

    private static void AssertMatchesPlainParse(Table table, RandomCsv csv)
    {
        var (rows, lines) = PlainParse(csv.Text, csv.Delimiter);
        Assert.Equal(rows[0].Select(n => n.Trim()), table.Columns.Select(c => c.Name));
        Assert.Equal(rows.Count - 1, table.RowCount);
        var comma = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0", NegativeSign = "-", PositiveSign = "+" };
        for (var r = 1; r < rows.Count; r++)
        {
            Assert.Equal(lines[r], table.Lines!.LineOf(r));
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var text = rows[r][c].Trim();
                var missing = text.Length == 0 || text == "NA";
                switch (table.Columns[c])
                {
                    case NumericColumn numbers:
                        var expected = missing ? double.NaN : double.Parse(text, NumberStyles.Float, csv.DecimalComma ? comma : CultureInfo.InvariantCulture);
                        Assert.Equal(BitConverter.DoubleToInt64Bits(expected == 0 ? 0.0 : expected), BitConverter.DoubleToInt64Bits(numbers[r - 1]));
                        break;
                    case BooleanColumn flags:
                        Assert.Equal(missing ? null : text.ToLowerInvariant() is "true" or "yes" or "1", flags[r - 1]);
                        break;
                    case CategoricalColumn categories:
                        Assert.Equal(missing ? null : text, categories[r - 1]);
                        break;
                }
            }
        }
    }

    /// <summary>The short-decimal fast path gives double.TryParse's bits, or leaves the text to it.</summary>
    [Property(MaxTest = 3000)]
    public Property Short_decimals_parse_to_the_bits_of_double_Parse(PositiveInt seed, bool decimalComma)
    {
        var random = new Random(seed.Get);
        const string alphabet = "0123456789.,-+ eE";
        var length = random.Next(1, 20);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(3) == 0 ? alphabet[random.Next(alphabet.Length)] : (char)('0' + random.Next(10));
        }
        var text = new string(chars);
        var viaParser = ValueParsing.TryParseNumber(text, decimalComma, out var value);
        var comma = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0", NegativeSign = "-", PositiveSign = "+" };
        var trimmed = text.Trim();
        var refused = (decimalComma && trimmed.Contains('.', StringComparison.Ordinal)) || trimmed.Contains('\0', StringComparison.Ordinal);
        var ok = !refused & double.TryParse(trimmed, NumberStyles.Float, decimalComma ? comma : CultureInfo.InvariantCulture, out var expected) && double.IsFinite(expected);
        Assert.Equal(ok, viaParser);
        if (ok)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected == 0 ? 0.0 : expected), BitConverter.DoubleToInt64Bits(value));
        }
        if (ValueParsing.TryParseShortDecimal(trimmed, decimalComma ? ',' : '.', out var fast))
        {
            Assert.True(ok);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected == 0 ? 0.0 : expected), BitConverter.DoubleToInt64Bits(fast));
        }
        return true.ToProperty();
    }

    /// <summary>Random doubles written with 1 to 15 significant digits: the fast path takes them all, with double.Parse's bits.</summary>
    [Property(MaxTest = 3000)]
    public Property Written_doubles_take_the_fast_path_with_the_same_bits(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var digits = random.Next(1, 16);
        var scale = random.Next(0, digits);
        var mantissa = (long)(random.NextDouble() * Math.Pow(10, digits));
        var text = (random.Next(2) == 0 ? "-" : "") + (mantissa / (decimal)Math.Pow(10, scale)).ToString("F" + scale, CultureInfo.InvariantCulture);
        if (text.Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).Length > 15)
        {
            return true.ToProperty();
        }
        Assert.True(ValueParsing.TryParseShortDecimal(text, '.', out var fast), text);
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected == 0 ? 0.0 : expected), BitConverter.DoubleToInt64Bits(fast));
        return true.ToProperty();
    }
}
