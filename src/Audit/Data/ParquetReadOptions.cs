namespace Audit.Data;

/// <summary>How <see cref="ParquetTableReader"/> reads a file.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>The default: every column gets the type its Parquet type maps to, no progress reports.</summary>
    public static ParquetReadOptions Default { get; } = new();

    /// <summary>
    /// Declared column types (by exact column name) that override the mapping from Parquet types,
    /// e.g. a text column of numbers declared <see cref="ColumnType.Numeric"/>, or an integer id declared
    /// <see cref="ColumnType.Categorical"/> so that it stays exact. Every name must be a column of the file.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnType>? ColumnTypes { get; init; }

    /// <summary>Called after each row group with (rows read so far, total rows in the file).</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Bounds on the file (size, rows, columns, distinct values, text length); see <see cref="InputLimits"/>.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;
}
