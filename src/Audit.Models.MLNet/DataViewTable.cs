using Audit.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Audit.Models.MLNet;

/// <summary>
/// An ML.NET <see cref="IDataView"/> as an Audit <see cref="Table"/>, so that a team whose data already flows through
/// ML.NET (STYLE.md: "IDataView as the lingua franca") audits it without writing a file. It lives here, not in the
/// core library, because the core does not reference ML.NET (ARCHITECTURE.md). Columns are converted as the CSV reader
/// stores them: every scalar number type to <see cref="NumericColumn"/> (missing: NaN), text to a dictionary-encoded
/// <see cref="CategoricalColumn"/> (an empty text is missing, as an empty CSV field is), booleans to
/// <see cref="BooleanColumn"/>. Hidden columns (replaced by a later transform) are left out; a vector or key column
/// is refused, naming it.
/// </summary>
public static class DataViewTable
{
    /// <param name="columns">The columns to keep, by name; null for every visible column.</param>
    public static Table FromDataView(IDataView view, IReadOnlyCollection<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var chosen = view.Schema.Where(c => !c.IsHidden && (columns is null || columns.Contains(c.Name))).ToArray();
        if (columns?.FirstOrDefault(name => chosen.All(c => c.Name != name)) is { } absent)
        {
            throw new AuditInputException($"the IDataView has no column '{absent}'", column: absent,
                hint: "columns in the IDataView: " + AuditInputException.QuoteList([.. view.Schema.Where(c => !c.IsHidden).Select(c => c.Name)]));
        }
        var readers = chosen.Select(ReaderOf).ToArray();
        using (var cursor = view.GetRowCursor(chosen))
        {
            var getters = readers.Select(r => r.Bind(cursor)).ToArray();
            while (cursor.MoveNext())
            {
                foreach (var read in getters)
                {
                    read();
                }
            }
        }
        return new Table(readers.Select(r => r.Build()));
    }

    private static ColumnReader ReaderOf(DataViewSchema.Column column) => column.Type switch
    {
        TextDataViewType => new TextReader(column),
        BooleanDataViewType => new BooleanReader(column),
        NumberDataViewType number => NumberReader.For(column, number),
        _ => throw new AuditInputException($"the IDataView column '{column.Name}' is of type {column.Type}, which an audit table cannot hold", column: column.Name,
            expected: "a number, a text or a boolean per row", hint: "leave the column out (columns:), or convert it to a scalar first"),
    };

    /// <summary>Reads one column, row by row, into the storage of an Audit column.</summary>
    private abstract class ColumnReader(DataViewSchema.Column column)
    {
        protected DataViewSchema.Column Column { get; } = column;

        /// <summary>The action that appends the cursor's current row.</summary>
        public abstract Action Bind(DataViewRowCursor cursor);

        public abstract Audit.Data.Column Build();
    }

    private sealed class TextReader(DataViewSchema.Column column) : ColumnReader(column)
    {
        private readonly CategoricalColumnBuilder builder = new(column.Name);

        public override Action Bind(DataViewRowCursor cursor)
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(Column);
            ReadOnlyMemory<char> value = default;
            return () =>
            {
                get(ref value);
                if (value.IsEmpty)
                {
                    builder.AddMissing();
                }
                else
                {
                    builder.Add(value.Span);
                }
            };
        }

        public override Audit.Data.Column Build() => builder.Build();
    }

    private sealed class BooleanReader(DataViewSchema.Column column) : ColumnReader(column)
    {
        private readonly List<byte> values = [];

        public override Action Bind(DataViewRowCursor cursor)
        {
            var get = cursor.GetGetter<bool>(Column);
            var value = false;
            return () =>
            {
                get(ref value);
                values.Add(value ? (byte)1 : (byte)0);
            };
        }

        public override Audit.Data.Column Build() => new BooleanColumn(Column.Name, [.. values]);
    }

    /// <summary>Any ML.NET number type, widened to <see cref="double"/> (a float's NaN stays missing).</summary>
    private sealed class NumberReader<T>(DataViewSchema.Column column, Func<T, double> widen) : ColumnReader(column)
    {
        private readonly List<double> values = [];

        public override Action Bind(DataViewRowCursor cursor)
        {
            var get = cursor.GetGetter<T>(Column);
            T value = default!;
            return () =>
            {
                get(ref value);
                values.Add(widen(value));
            };
        }

        public override Audit.Data.Column Build() => new NumericColumn(Column.Name, [.. values]);
    }

    private static class NumberReader
    {
        public static ColumnReader For(DataViewSchema.Column column, NumberDataViewType type) => type.RawType switch
        {
            var t when t == typeof(float) => new NumberReader<float>(column, v => v),
            var t when t == typeof(double) => new NumberReader<double>(column, v => v),
            var t when t == typeof(int) => new NumberReader<int>(column, v => v),
            var t when t == typeof(long) => new NumberReader<long>(column, v => v),
            var t when t == typeof(short) => new NumberReader<short>(column, v => v),
            var t when t == typeof(sbyte) => new NumberReader<sbyte>(column, v => v),
            var t when t == typeof(uint) => new NumberReader<uint>(column, v => v),
            var t when t == typeof(ulong) => new NumberReader<ulong>(column, v => v),
            var t when t == typeof(ushort) => new NumberReader<ushort>(column, v => v),
            var t when t == typeof(byte) => new NumberReader<byte>(column, v => v),
            _ => throw new AuditInputException($"the IDataView column '{column.Name}' has numbers of type {type.RawType.Name}", column: column.Name,
                expected: "a number type ML.NET defines"),
        };
    }
}
