namespace Audit.Data;

/// <summary>How to read a CSV file. Defaults suit most exports; French exports often need <see cref="DecimalComma"/> and ';'.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field delimiter (',', ';' or tab), or null to detect it from the header line.</summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// The text encoding: null for UTF-8 (with or without BOM), read strictly so that a file in another encoding
    /// fails with the line of the first invalid byte instead of silently turning accents into '�'.
    /// Use <see cref="TextEncodings"/> for Latin-1 or Windows-1252 exports.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>Numbers are written with a decimal comma ("1234,5"), as in French exports. Then '.' is not accepted.</summary>
    public bool DecimalComma { get; init; }

    /// <summary>Field values read as missing (compared case-sensitively after trimming spaces). The empty field is always missing.</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = ["NA"];

    /// <summary>Declared column types (from the plan or the model); they override inference.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>How many data rows the type inference looks at for columns without a declared type.</summary>
    public int InferenceRows { get; init; } = 10_000;

    /// <summary>Called now and then with (bytes read, file size) while reading.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>The text the user knows the file by (defaults to the path), used in error messages.</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// How the caller lets a user name the file's encoding, quoted in the hint of a "not valid UTF-8" error: a plan's
    /// key by default; <c>audit data inspect</c> says its option instead, since each command takes only its own.
    /// </summary>
    public string EncodingAdvice { get; init; } = "give its encoding in the plan: 'data.encoding: windows-1252' (or latin1)";

    /// <summary>Bounds on the file (size, rows, columns, distinct values, text length); see <see cref="InputLimits"/>.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;
}
