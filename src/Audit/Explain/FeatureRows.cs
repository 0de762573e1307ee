using Audit.Data;

namespace Audit.Explain;

/// <summary>
/// A model's input columns of one table, read as numbers (a numeric value; a boolean as 0 or 1; a categorical
/// column's level code; missing as NaN), so that explainers can compare rows, deduplicate them and build the hybrid
/// rows <c>(x_S, z_~S)</c> of the interventional game without knowing column types.
/// </summary>
public sealed class FeatureRows
{
    private readonly Column[] columns;

    /// <param name="table">The table holding the rows.</param>
    /// <param name="features">The model's inputs, in the model's order; each must be a column of the table.</param>
    public FeatureRows(Table table, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        Names = [.. features];
        columns = features.Select(name => table.Find(name)
            ?? throw new AuditInputException($"the model reads the column '{name}', which the data does not have", column: name)).ToArray();
    }

    public Table Table { get; }

    public IReadOnlyList<string> Names { get; }

    public int Count => columns.Length;

    /// <summary>Feature f of a row as a number: the value, 0/1 for a boolean, the level code for a categorical; NaN when missing.</summary>
    public double Value(int feature, int row) => columns[feature] switch
    {
        NumericColumn n => n[row],
        BooleanColumn b => b.Values[row] == BooleanColumn.Missing ? double.NaN : b.Values[row],
        CategoricalColumn c => c.Code(row) == CategoricalColumn.Missing ? double.NaN : c.Code(row),
        _ => throw new InvalidOperationException("Unknown column type."),
    };

    /// <summary>Feature f at each of the rows, as <see cref="Value"/> reads it (the column's type asked once, not per row).</summary>
    internal double[] Values(int feature, IReadOnlyList<int> rows)
    {
        var values = new double[rows.Count];
        switch (columns[feature])
        {
            case NumericColumn numeric:
                {
                    var from = numeric.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = from[rows[i]];
                    }
                    break;
                }
            case BooleanColumn boolean:
                {
                    var from = boolean.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var b = from[rows[i]];
                        values[i] = b == BooleanColumn.Missing ? double.NaN : b;
                    }
                    break;
                }
            case CategoricalColumn categorical:
                {
                    var from = categorical.Codes;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var c = from[rows[i]];
                        values[i] = c == CategoricalColumn.Missing ? double.NaN : c;
                    }
                    break;
                }
            default:
                throw new InvalidOperationException("Unknown column type.");
        }
        return values;
    }

    /// <summary>The row's feature values, as <see cref="Value"/> reads them.</summary>
    public double[] Row(int row)
    {
        var values = new double[columns.Length];
        for (var f = 0; f < values.Length; f++)
        {
            values[f] = Value(f, row);
        }
        return values;
    }

    /// <summary>
    /// The distinct rows among <paramref name="rows"/> (by their feature values; two missing values are equal), and for
    /// each of <paramref name="rows"/> the index of its distinct row: people with identical inputs share one explanation.
    /// </summary>
    public (int[] Distinct, int[] IndexOf) Deduplicate(IReadOnlyList<int> rows)
    {
        var seen = new Dictionary<RowKey, int>();
        var distinct = new List<int>();
        var index = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var key = new RowKey(Row(rows[i]));
            if (!seen.TryGetValue(key, out var k))
            {
                k = seen[key] = distinct.Count;
                distinct.Add(rows[i]);
            }
            index[i] = k;
        }
        return ([.. distinct], index);
    }

    /// <summary>The model's input columns at the given rows, as a new table (categorical levels kept).</summary>
    public Table Select(IReadOnlyList<int> rows) => new(columns.Select(column => Pick(column, rows.Count, i => rows[i])));

    /// <summary>
    /// The hybrid rows of the interventional game for row <paramref name="row"/>: for each coalition (in order) and
    /// each background row z (in order), a row whose feature f is the explained row's when <c>coalition[f]</c> is
    /// true, z's otherwise. Row <c>c·N + k</c> is coalition c against background row k.
    /// </summary>
    public Table Hybrid(int row, IReadOnlyList<int> background, IReadOnlyList<bool[]> coalitions)
    {
        var n = background.Count;
        return new Table(columns.Select((column, f) => Pick(column, coalitions.Count * n, i => coalitions[i / n][f] ? row : background[i % n])));
    }

    /// <summary>A column of <paramref name="length"/> rows whose row i is row <c>source(i)</c> of <paramref name="column"/>.</summary>
    private static Column Pick(Column column, int length, Func<int, int> source)
    {
        switch (column)
        {
            case NumericColumn numeric:
                {
                    var values = new double[length];
                    for (var i = 0; i < length; i++)
                    {
                        values[i] = numeric[source(i)];
                    }
                    return new NumericColumn(column.Name, values);
                }
            case BooleanColumn boolean:
                {
                    var values = new byte[length];
                    var from = boolean.Values;
                    for (var i = 0; i < length; i++)
                    {
                        values[i] = from[source(i)];
                    }
                    return new BooleanColumn(column.Name, values);
                }
            case CategoricalColumn categorical:
                {
                    var codes = new int[length];
                    for (var i = 0; i < length; i++)
                    {
                        codes[i] = categorical.Code(source(i));
                    }
                    return new CategoricalColumn(column.Name, codes, [.. categorical.Levels]);
                }
            default:
                throw new InvalidOperationException("Unknown column type.");
        }
    }

    /// <summary>A row's feature values compared bit for bit (so NaN equals NaN).</summary>
    private readonly struct RowKey(double[] values) : IEquatable<RowKey>
    {
        private readonly double[] values = values;

        public bool Equals(RowKey other)
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (BitConverter.DoubleToInt64Bits(values[i]) != BitConverter.DoubleToInt64Bits(other.values[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var v in values)
            {
                hash.Add(BitConverter.DoubleToInt64Bits(v));
            }
            return hash.ToHashCode();
        }
    }
}
