using System.Text;

namespace Audit;

/// <summary>
/// Bad input from the user (a data file, a plan, a model spec, a command line): the audit cannot go on,
/// and the message says where the problem is, what was expected, what was found and how to fix it.
/// The CLI prints <see cref="Exception.Message"/> (one line) and <see cref="Hint"/> (one line) and exits with code 2.
/// </summary>
public sealed class AuditInputException : Exception
{
    public AuditInputException(
        string problem,
        string? file = null,
        long? row = null,
        long? line = null,
        string? column = null,
        string? keyPath = null,
        string? expected = null,
        string? found = null,
        string? hint = null,
        Exception? inner = null)
        : base(Compose(Clip(problem, MaxSentenceLength)!, file, row, line, Clip(column), Clip(keyPath), Clip(expected, MaxSentenceLength), Clip(found)), inner)
    {
        Problem = Clip(problem, MaxSentenceLength)!;
        File = file;
        Row = row;
        Line = line;
        Column = Clip(column);
        KeyPath = Clip(keyPath);
        Expected = Clip(expected, MaxSentenceLength);
        Found = Clip(found);
        Hint = Clip(hint, MaxSentenceLength);
    }

    /// <summary>Longest "found" text an error quotes: a hostile or broken file can hold a field of megabytes.</summary>
    public const int MaxQuotedLength = 200;

    /// <summary>
    /// Longest problem, expectation or hint: they are written by Audit, but some name values of the data (a column name
    /// in a "did you mean", the columns of the file), and a header of 40 names of 9,000 characters made a hint of 270 KB
    /// (issue 16, class 5). The column and the key path are quoted text, held to <see cref="MaxQuotedLength"/>.
    /// </summary>
    public const int MaxSentenceLength = 1_000;

    private static string? Clip(string? found, int max = MaxQuotedLength)
    {
        if (found is null || found.Length <= max)
        {
            return found;
        }
        var tail = $"… ({found.Length:N0} characters)";
        return string.Concat(found.AsSpan(0, max - tail.Length), tail);
    }

    /// <summary>
    /// Names of the data listed for a hint ("columns in the data: ..."), at most <see cref="MaxQuotedLength"/> characters
    /// in all: each name cut to 40 characters, and "and N more" for the names left out.
    /// </summary>
    public static string QuoteList(IReadOnlyList<string> names)
    {
        const int maxName = 40;
        var text = new StringBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Length <= maxName ? names[i] : string.Concat(names[i].AsSpan(0, maxName - 1), "…");
            var more = names.Count - i - 1;
            var tail = more > 0 ? $", and {more:N0} more" : "";
            var separator = i > 0 ? ", " : "";
            if (text.Length + separator.Length + name.Length + tail.Length > MaxQuotedLength)
            {
                return text.Append($"{(i > 0 ? ", and " : "")}{names.Count - i:N0} {(i > 0 ? "more" : "names")}").ToString();
            }
            text.Append(separator).Append(name);
        }
        return text.ToString();
    }

    /// <summary>What is wrong, in a few words ("not a number", "unknown key").</summary>
    public string Problem { get; }

    /// <summary>The file the problem is in, as the user named it.</summary>
    public string? File { get; }

    /// <summary>1-based data row (the header is not a data row).</summary>
    public long? Row { get; }

    /// <summary>1-based line of the file (for CSV: the line where the row starts; for YAML: the key's line).</summary>
    public long? Line { get; }

    /// <summary>The data column concerned.</summary>
    public string? Column { get; }

    /// <summary>The plan or spec key path concerned, e.g. <c>protected_attributes[1].reference</c>.</summary>
    public string? KeyPath { get; }

    public string? Expected { get; }

    public string? Found { get; }

    /// <summary>How to fix it, in one line.</summary>
    public string? Hint { get; }

    /// <summary>This error with the file filled in when it was not known where the error was raised (a model scoring a table, say).</summary>
    public AuditInputException WithFile(string file) =>
        File is not null ? this : new AuditInputException(Problem, file, Row, Line, Column, KeyPath, Expected, Found, Hint, InnerException);

    /// <summary>This error with its data row replaced (a row of a filtered table renamed to the file's row), the line cleared.</summary>
    internal AuditInputException WithRow(long row) =>
        new(Problem, File, row, null, Column, KeyPath, Expected, Found, Hint, InnerException);

    /// <summary>This error with the file line filled in (for a data row whose line the table knows).</summary>
    public AuditInputException WithLine(long line) =>
        new(Problem, File, Row, line, Column, KeyPath, Expected, Found, Hint, InnerException);

    private static string Compose(string problem, string? file, long? row, long? line, string? column, string? keyPath, string? expected, string? found)
    {
        var where = new StringBuilder();
        if (file is not null)
        {
            where.Append(file);
        }
        if (row is not null)
        {
            Append(where, $"row {row}");
            if (line is not null && line != row)
            {
                where.Append($" (line {line})");
            }
        }
        else if (line is not null)
        {
            Append(where, $"line {line}");
        }
        if (column is not null)
        {
            Append(where, $"column '{column}'");
        }
        if (keyPath is not null)
        {
            Append(where, $"key '{keyPath}'");
        }

        var text = new StringBuilder();
        if (where.Length > 0)
        {
            text.Append(where).Append(": ");
        }
        text.Append(problem);
        if (expected is not null)
        {
            text.Append($"; expected {expected}");
        }
        if (found is not null)
        {
            text.Append($", found '{Shorten(found)}'");
        }
        return text.ToString();
    }

    private static void Append(StringBuilder where, string part)
    {
        if (where.Length > 0)
        {
            where.Append(", ");
        }
        where.Append(part);
    }

    /// <summary>Keeps a found value to one short line: control characters escaped, long values cut.</summary>
    private static string Shorten(string found)
    {
        var visible = found.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
        return visible.Length <= 60 ? visible : string.Concat(visible.AsSpan(0, 57), "...");
    }
}
