using System.Data.Common;
using System.Globalization;
using System.Numerics;

namespace Audit.Data;

/// <summary>
/// Streams an engine's result (<see cref="DbDataReader"/>) into a <see cref="Table"/>, one row at a time, with the
/// <see cref="InputLimits"/> checked as rows arrive (rows, columns, text length, distinct values): a result larger than
/// the limits stops at the first row past them, never after it is all in memory. Engine types map to Audit's as the
/// Parquet reader's do: integers, floating point and decimals are numeric (NULL and NaN are missing), text is
/// categorical (NULL is missing), booleans are boolean (NULL is missing); dates, times, binary, UUIDs and nested types
/// are refused, naming the column. A declared type converts as in Parquet (a number or boolean declared categorical
/// becomes its invariant text; text declared numeric or boolean is parsed; a number declared boolean is 0 or 1).
/// </summary>
/// <remarks>The columns themselves are held in memory (the audit of rows needs them all); the engine's result is not.</remarks>
public static class DataReaderTable
{
    /// <summary>Rows between two progress reports.</summary>
    public const int ChunkRows = 65_536;

    /// <summary>Reads every row of <paramref name="reader"/> into a table.</summary>
    public static Table Read(DbDataReader reader, DatabaseReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= DatabaseReadOptions.Default;
        var file = options.DisplayName;
        var limits = options.Limits;
        limits.CheckColumns(reader.FieldCount, file);
        var sinks = new Sink[reader.FieldCount];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sinks.Length; i++)
        {
            var name = reader.GetName(i);
            if (string.IsNullOrEmpty(name) || !names.Add(name))
            {
                throw new AuditInputException(string.IsNullOrEmpty(name) ? "a column of the result has no name" : "two columns of the result have the same name",
                    file: file, column: name, expected: "distinct column names", hint: "name every column of the query with AS");
            }
            ColumnType? declared = options.ColumnTypes is { } types && types.TryGetValue(name, out var t) ? t : null;
            sinks[i] = SinkFor(name, reader.GetFieldType(i), reader.GetDataTypeName(i), declared, file, limits);
        }
        long row = 0;
        while (reader.Read())
        {
            row++;
            if (row > limits.MaxRows)
            {
                limits.CheckRows(row, file);
            }
            if (row > Array.MaxLength)
            {
                throw new AuditInputException("too many rows for one table", file: file, expected: $"at most {Array.MaxLength:N0} rows",
                    hint: "let the engine count (docs/databases.md) or audit the rows in parts");
            }
            for (var i = 0; i < sinks.Length; i++)
            {
                sinks[i].Add(reader, i, row);
            }
            if (row % ChunkRows == 0)
            {
                options.Progress?.Invoke(row, 0);
            }
        }
        options.Progress?.Invoke(row, row);
        return new Table(sinks.Select(s => s.Build()));
    }

    private static Sink SinkFor(string name, Type clr, string engineType, ColumnType? declared, string file, InputLimits limits)
    {
        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        if (type == typeof(string))
        {
            return declared switch
            {
                ColumnType.Numeric => new TextToNumeric(name, file),
                ColumnType.Boolean => new TextToBoolean(name, file),
                _ => new TextToCategorical(name, file, limits),
            };
        }
        if (type == typeof(bool))
        {
            return declared switch
            {
                ColumnType.Numeric => new BooleanToNumeric(name),
                ColumnType.Categorical => new BooleanToCategorical(name),
                _ => new BooleanToBoolean(name),
            };
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(long) || type == typeof(int)
            || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint)
            || type == typeof(ulong) || type == typeof(BigInteger) || type == typeof(Int128) || type == typeof(UInt128))
        {
            return declared switch
            {
                ColumnType.Categorical => new NumberToCategorical(name),
                ColumnType.Boolean => new NumberToBoolean(name, file),
                _ => new NumberToNumeric(name, file),
            };
        }
        var isDate = type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan);
        throw new AuditInputException("column type not supported", file: file, column: name, expected: "a number, text or boolean column",
            found: $"a column of type {engineType}",
            hint: isDate
                ? "convert dates to a number (age in years, days since an event) or to text in the query (docs/databases.md: a free query needs --allow-query), or in a view"
                : "convert it to a number, text or boolean column in a view or query before the audit");
    }

    private abstract class Sink(string name)
    {
        protected string Name { get; } = name;

        public abstract void Add(DbDataReader reader, int ordinal, long row);

        public abstract Column Build();
    }

    /// <summary>A growing array (doubling), kept as one array so that the column is built without a copy per chunk.</summary>
    private struct Growing<T>
    {
        private T[] items;

        public int Count { get; private set; }

        public void Add(T item)
        {
            items ??= new T[1024];
            if (Count == items.Length)
            {
                Array.Resize(ref items, (int)Math.Min((long)items.Length * 2, Array.MaxLength));
            }
            items[Count++] = item;
        }

        public readonly T[] ToArray() => items is null ? [] : items.Length == Count ? items : items[..Count];
    }

    /// <summary>The value of a numeric engine column as a double (NULL → NaN), whatever its integer or decimal width.</summary>
    private static double Number(DbDataReader reader, int ordinal, string name, string file, long row)
    {
        if (reader.IsDBNull(ordinal))
        {
            return double.NaN;
        }
        try
        {
            return Type.GetTypeCode(Nullable.GetUnderlyingType(reader.GetFieldType(ordinal)) ?? reader.GetFieldType(ordinal)) switch
            {
                TypeCode.Double => reader.GetDouble(ordinal),
                TypeCode.Single => reader.GetFloat(ordinal),
                TypeCode.Int64 => reader.GetInt64(ordinal),
                TypeCode.Int32 => reader.GetInt32(ordinal),
                TypeCode.Int16 => reader.GetInt16(ordinal),
                TypeCode.Decimal => (double)reader.GetDecimal(ordinal),
                _ => Convert.ToDouble(reader.GetValue(ordinal) is BigInteger big ? (double)big : reader.GetValue(ordinal), CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            throw new AuditInputException("a number does not fit", file: file, row: row, column: name, expected: "a number within ±1.8e308",
                found: e.Message, hint: "round or cast the column to double precision in a view", inner: e);
        }
    }

    /// <summary>A number as the invariant text the Parquet reader gives the same value (an integer without a decimal point).</summary>
    private static string NumberText(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        double d => d.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    private sealed class NumberToNumeric(string name, string file) : Sink(name)
    {
        private Growing<double> values;

        public override void Add(DbDataReader reader, int ordinal, long row) => values.Add(Number(reader, ordinal, Name, file, row));

        public override Column Build() => new NumericColumn(Name, values.ToArray());
    }

    private sealed class NumberToCategorical(string name) : Sink(name)
    {
        private readonly CategoricalColumnBuilder builder = new(name);

        public override void Add(DbDataReader reader, int ordinal, long row)
        {
            if (reader.IsDBNull(ordinal))
            {
                builder.AddMissing();
            }
            else
            {
                builder.Add(NumberText(reader, ordinal));
            }
        }

        public override Column Build() => builder.Build();
    }

    private sealed class NumberToBoolean(string name, string file) : Sink(name)
    {
        private Growing<byte> values;

        public override void Add(DbDataReader reader, int ordinal, long row)
        {
            var value = Number(reader, ordinal, Name, file, row);
            values.Add(double.IsNaN(value) ? BooleanColumn.Missing : value switch
            {
                0 => (byte)0,
                1 => (byte)1,
                _ => throw new AuditInputException("not a boolean", file: file, row: row, column: Name, expected: "0 or 1",
                    found: value.ToString(CultureInfo.InvariantCulture), hint: "the column is declared boolean; fix the value, or declare the column numeric"),
            });
        }

        public override Column Build() => new BooleanColumn(Name, values.ToArray());
    }

    private sealed class TextToCategorical(string name, string file, InputLimits limits) : Sink(name)
    {
        private readonly CategoricalColumnBuilder builder = new(name);

        public override void Add(DbDataReader reader, int ordinal, long row)
        {
            if (reader.IsDBNull(ordinal))
            {
                builder.AddMissing();
                return;
            }
            var text = reader.GetString(ordinal);
            if (text.Length > limits.MaxTextLength)
            {
                limits.CheckText(text.Length, file, row, line: null, Name);
            }
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new AuditInputException("a value holds a NUL character (\\0)", file: file, row: row, column: Name,
                    expected: "text without NUL characters", found: text.Replace("\0", "\\0", StringComparison.Ordinal),
                    hint: "remove the NUL characters in the source");
            }
            builder.Add(text);
            if (builder.LevelCount > limits.MaxLevels)
            {
                limits.CheckLevels(builder.LevelCount, file, row, line: null, Name);
            }
        }

        public override Column Build() => builder.Build();
    }

    private sealed class TextToNumeric(string name, string file) : Sink(name)
    {
        private Growing<double> values;

        public override void Add(DbDataReader reader, int ordinal, long row)
        {
            var text = reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal).Trim();
            if (text.Length == 0)
            {
                values.Add(double.NaN);
            }
            else if (ValueParsing.TryParseNumber(text, decimalComma: false, out var value))
            {
                values.Add(value);
            }
            else
            {
                throw new AuditInputException("not a number", file: file, row: row, column: Name, expected: "a number", found: text,
                    hint: "the column is declared numeric; write numbers with a '.' decimal point and no thousands separator, or declare the column categorical");
            }
        }

        public override Column Build() => new NumericColumn(Name, values.ToArray());
    }

    private sealed class TextToBoolean(string name, string file) : Sink(name)
    {
        private Growing<byte> values;

        public override void Add(DbDataReader reader, int ordinal, long row)
        {
            var text = reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal).Trim();
            if (text.Length == 0)
            {
                values.Add(BooleanColumn.Missing);
            }
            else if (ValueParsing.TryParseBoolean(text, out var flag))
            {
                values.Add(flag ? (byte)1 : (byte)0);
            }
            else
            {
                throw new AuditInputException("not a boolean", file: file, row: row, column: Name, expected: "true/false, yes/no or 1/0", found: text,
                    hint: "the column is declared boolean; fix the value, or declare the column categorical");
            }
        }

        public override Column Build() => new BooleanColumn(Name, values.ToArray());
    }

    private sealed class BooleanToBoolean(string name) : Sink(name)
    {
        private Growing<byte> values;

        public override void Add(DbDataReader reader, int ordinal, long row) =>
            values.Add(reader.IsDBNull(ordinal) ? BooleanColumn.Missing : reader.GetBoolean(ordinal) ? (byte)1 : (byte)0);

        public override Column Build() => new BooleanColumn(Name, values.ToArray());
    }

    private sealed class BooleanToNumeric(string name) : Sink(name)
    {
        private Growing<double> values;

        public override void Add(DbDataReader reader, int ordinal, long row) =>
            values.Add(reader.IsDBNull(ordinal) ? double.NaN : reader.GetBoolean(ordinal) ? 1.0 : 0.0);

        public override Column Build() => new NumericColumn(Name, values.ToArray());
    }

    private sealed class BooleanToCategorical(string name) : Sink(name)
    {
        private readonly CategoricalColumnBuilder builder = new(name);

        public override void Add(DbDataReader reader, int ordinal, long row)
        {
            if (reader.IsDBNull(ordinal))
            {
                builder.AddMissing();
            }
            else
            {
                builder.Add(reader.GetBoolean(ordinal) ? "true" : "false");
            }
        }

        public override Column Build() => builder.Build();
    }
}
