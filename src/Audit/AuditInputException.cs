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
        : base(Compose(problem, file, row, line, column, keyPath, expected, Clip(found)), inner)
    {
        Problem = problem;
        File = file;
        Row = row;
        Line = line;
        Column = column;
        KeyPath = keyPath;
        Expected = expected;
        Found = Clip(found);
        Hint = hint;
    }

    /// <summary>Longest "found" text an error quotes: a hostile or broken file can hold a field of megabytes.</summary>
    public const int MaxQuotedLength = 200;

    private static string? Clip(string? found) =>
        found is null || found.Length <= MaxQuotedLength
            ? found
            : string.Concat(found.AsSpan(0, MaxQuotedLength - 1), $"… ({found.Length:N0} characters)");

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
