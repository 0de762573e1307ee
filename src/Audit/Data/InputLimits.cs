namespace Audit.Data;

/// <summary>
/// Bounds on a data file, checked while it is read, so that a file the auditor did not make (an agency's extract, a file
/// handed over in a dispute) ends in a clear error instead of exhausting memory. The defaults sit well above a national
/// extract (CAF: 13.8 million households, a few dozen columns, a few GB of CSV). A plan may lower them with its
/// <c>limits</c> key; only the command line raises them (<c>--limit KEY=N</c>), since a plan may come from someone else
/// (issue 16, class 3; docs/robustness.md). The shape limits (groups, intersections, cells) bound the work and the report
/// that a few lines of plan could otherwise make explode (<c>intersections: all</c> over 14 attributes took 24 GB).
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

    /// <summary>Most groups of one protected attribute, "(missing)" included (default 1,000: every country of the world, every French département).</summary>
    public int MaxGroups { get; init; } = 1_000;

    /// <summary>
    /// Most intersections (sets of crossed attributes) one audit reports (default 200: every pair of 20 attributes; the
    /// CAF showcase has 21; 'all' over 8 attributes, 247 sets, took 41 s and wrote a 375 MB report).
    /// </summary>
    public int MaxIntersections { get; init; } = 200;

    /// <summary>Most cells of one crossing of protected attributes, the product of their group counts (default 100,000).</summary>
    public long MaxCells { get; init; } = 100_000;

    /// <summary>
    /// Each limit once: its key (under the plan's <c>limits</c> and in <c>--limit KEY=N</c>), the largest value it may
    /// take at all (what its type and the machine allow), how to read it and how to set it. Adding a limit is one row.
    /// </summary>
    private static readonly (string Key, long Ceiling, Func<InputLimits, long> Get, Func<InputLimits, long, InputLimits> Set)[] ByKey =
    [
        ("max_file_bytes", long.MaxValue, l => l.MaxFileBytes, (l, v) => l with { MaxFileBytes = v }),
        ("max_rows", int.MaxValue, l => l.MaxRows, (l, v) => l with { MaxRows = v }),
        ("max_columns", 1_000_000, l => l.MaxColumns, (l, v) => l with { MaxColumns = (int)v }),
        ("max_levels", int.MaxValue, l => l.MaxLevels, (l, v) => l with { MaxLevels = (int)v }),
        ("max_text_length", 100_000_000, l => l.MaxTextLength, (l, v) => l with { MaxTextLength = (int)v }),
        ("max_groups", 1_000_000, l => l.MaxGroups, (l, v) => l with { MaxGroups = (int)v }),
        ("max_intersections", 100_000, l => l.MaxIntersections, (l, v) => l with { MaxIntersections = (int)v }),
        ("max_cells", 100_000_000, l => l.MaxCells, (l, v) => l with { MaxCells = v }),
    ];

    /// <summary>The plan keys under <c>limits</c>, which are also the keys of <c>--limit KEY=N</c>.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. ByKey.Select(t => t.Key)];

    private static int IndexOf(string key) =>
        Array.FindIndex(ByKey, t => t.Key == key) is var i and >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(key), key, "not a limit");

    /// <summary>The value of a limit by its key.</summary>
    public long Get(string key) => ByKey[IndexOf(key)].Get(this);

    /// <summary>The largest value a limit may take at all (what its type and the machine allow).</summary>
    public static long Ceiling(string key) => ByKey[IndexOf(key)].Ceiling;

    /// <summary>These limits with one changed by its key.</summary>
    public InputLimits With(string key, long value) => ByKey[IndexOf(key)].Set(this, value);

    /// <summary>
    /// The limits the command line grants: the defaults, with each <c>--limit KEY=N</c> applied (raising or lowering).
    /// </summary>
    public static InputLimits FromCommandLine(IEnumerable<string> settings)
    {
        var limits = Default;
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? setting : setting[..equals];
            if (!Keys.Contains(key))
            {
                throw new AuditInputException("unknown limit", keyPath: "--limit", expected: string.Join(", ", Keys), found: key,
                    hint: "write --limit KEY=N, for example --limit max_groups=5000");
            }
            if (equals < 0 || !long.TryParse(setting.AsSpan(equals + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || value < 1 || value > Ceiling(key))
            {
                throw new AuditInputException("not a valid limit value", keyPath: "--limit " + key, expected: $"a whole number from 1 to {Ceiling(key):N0}",
                    found: equals < 0 ? "(no value)" : setting[(equals + 1)..], hint: $"write --limit {key}=N");
            }
            limits = limits.With(key, value);
        }
        return limits;
    }

    /// <summary>Checks the number of groups of one protected attribute.</summary>
    public void CheckGroups(int groups, string column, string planFile, long line, string keyPath)
    {
        if (groups > MaxGroups)
        {
            throw new AuditInputException($"the protected attribute has {groups:N0} groups, more than the {MaxGroups:N0} allowed", file: planFile, line: line,
                keyPath: keyPath, column: column, expected: $"at most {MaxGroups:N0} groups",
                hint: "cut a numeric attribute into bands ('bands: [...]') or recode a text one into fewer groups; " + string.Format(null, Raise, "max_groups", MaxGroups));
        }
    }

    /// <summary>Checks the number of cells of one crossing (the product of its attributes' group counts).</summary>
    public void CheckCells(long cells, string crossing, string planFile, long line, string keyPath)
    {
        if (cells > MaxCells)
        {
            throw new AuditInputException($"the crossing {crossing} has {(cells == long.MaxValue ? "more than 9e18" : cells.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} cells, more than the {MaxCells:N0} allowed",
                file: planFile, line: line, keyPath: keyPath, expected: $"at most {MaxCells:N0} cells in one crossing",
                hint: "cross fewer attributes, or band or recode them into fewer groups; " + string.Format(null, Raise, "max_cells", MaxCells));
        }
    }

    /// <summary>Checks the number of intersections a plan asks for.</summary>
    public void CheckIntersections(int sets, string planFile, long line)
    {
        if (sets > MaxIntersections)
        {
            throw new AuditInputException($"the plan asks for {sets:N0} intersections, more than the {MaxIntersections:N0} allowed", file: planFile, line: line,
                keyPath: "intersections", expected: $"at most {MaxIntersections:N0} sets of crossed attributes",
                hint: "list the crossings that matter ('intersections: [[sexe, age], ...]') or use 'pairs'; " + string.Format(null, Raise, "max_intersections", MaxIntersections));
        }
    }

    /// <summary>
    /// Whether a plan's data may be a free query (<c>data.query</c>, docs/databases.md): granted by the command line alone
    /// (<c>audit run --allow-query</c>), never by a plan, since a plan may come from someone else and a query runs on the
    /// auditor's connection.
    /// </summary>
    public bool AllowQuery { get; init; }

    /// <summary>Columns whose distinct values are not limited (the id column).</summary>
    public IReadOnlySet<string> ExemptFromLevelLimit { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    private const string Raise = "if the input is genuine, raise the limit on the command line: --limit {0}=N (a plan may only lower it; docs/robustness.md)";

    public void CheckFileSize(long bytes, string file)
    {
        if (bytes > MaxFileBytes)
        {
            throw new AuditInputException($"the file is larger than the {Format(MaxFileBytes)} allowed", file: file,
                found: Format(bytes), hint: string.Format(null, Raise, "max_file_bytes", MaxFileBytes));
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
