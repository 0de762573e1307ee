namespace Audit.Data;

/// <summary>
/// Bounds on a data file, checked while it is read, so that a file the auditor did not make (an agency's extract, a file
/// handed over in a dispute) ends in a clear error instead of exhausting memory. The defaults sit well above a national
/// extract (CAF: 13.8 million households, a few dozen columns, a few GB of CSV) and can be raised or lowered with the
/// plan's <c>limits</c> key (docs/audit-plan.md).
/// </summary>
public sealed record InputLimits
{
    public static InputLimits Default { get; } = new();

    /// <summary>Largest file read, in bytes (default 32 GiB).</summary>
    public long MaxFileBytes { get; init; } = 32L << 30;

    /// <summary>Most data rows (default 200 million, 14 times CAF's monthly caseload).</summary>
    public long MaxRows { get; init; } = 200_000_000;

    /// <summary>Most columns (default 10,000).</summary>
    public int MaxColumns { get; init; } = 10_000;

    /// <summary>
    /// Most distinct values of one text column (default 1 million). Columns the plan marks as ids are exempt (see
    /// <see cref="ExemptFromLevelLimit"/>): a national extract has millions of distinct ids.
    /// </summary>
    public int MaxLevels { get; init; } = 1_000_000;

    /// <summary>Longest text value, in characters (default 10,000).</summary>
    public int MaxTextLength { get; init; } = 10_000;

    /// <summary>Columns whose distinct values are not limited (the id column).</summary>
    public IReadOnlySet<string> ExemptFromLevelLimit { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    private const string Raise = "if the file is genuine, raise the plan's 'limits.{0}' (docs/audit-plan.md)";

    public void CheckFileSize(long bytes, string file)
    {
        if (bytes > MaxFileBytes)
        {
            throw new AuditInputException($"the file is larger than the {Format(MaxFileBytes)} allowed", file: file,
                found: Format(bytes), hint: string.Format(null, Raise, "max_file_bytes"));
        }
    }

    public void CheckColumns(int columns, string file)
    {
        if (columns > MaxColumns)
        {
            throw new AuditInputException($"the file has more than the {MaxColumns:N0} columns allowed", file: file,
                found: $"{columns:N0} columns", hint: string.Format(null, Raise, "max_columns"));
        }
    }

    public void CheckRows(long rows, string file, long? line = null)
    {
        if (rows > MaxRows)
        {
            throw new AuditInputException($"the file has more than the {MaxRows:N0} data rows allowed", file: file, line: line,
                hint: string.Format(null, Raise, "max_rows"));
        }
    }

    public void CheckText(int length, string file, long row, long? line, string column)
    {
        if (length > MaxTextLength)
        {
            throw new AuditInputException($"a text value is longer than the {MaxTextLength:N0} characters allowed", file: file, row: row,
                line: line, column: column, found: $"{length:N0} characters",
                hint: "check that the file's quoting is right (an unclosed quote swallows the rest of the file); " + string.Format(null, Raise, "max_text_length"));
        }
    }

    public void CheckLevels(int levels, string file, long row, long? line, string column)
    {
        if (levels > MaxLevels && !ExemptFromLevelLimit.Contains(column))
        {
            throw new AuditInputException($"the column has more than the {MaxLevels:N0} distinct values allowed", file: file, row: row,
                line: line, column: column,
                hint: "if it is an identifier, give it the id role in the plan ('roles.id'); " + string.Format(null, Raise, "max_levels"));
        }
    }

    private static string Format(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#} GiB" : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.#} MiB" : $"{bytes:N0} bytes";
}
