using System.Globalization;
using Audit.Data;
using Audit.Models;

namespace Audit.Recourse;

/// <summary>
/// A model's inputs as numbers, so that recourse can compare, change and re-score them: a numeric value as is, a
/// boolean as 0/1, a category as its level code in the population's column; NaN is missing. Builds tables of
/// changed rows with the population's own column types, so that the model's own scorer re-scores them.
/// </summary>
public sealed class FeatureCodec
{
    private readonly Column[] columns;

    public FeatureCodec(Table population, IReadOnlyList<FeatureSpec> features)
    {
        Features = features;
        columns = features.Select(f => population.Find(f.Name)
            ?? throw new AuditInputException($"the model reads the column '{f.Name}', which the data does not have", column: f.Name)).ToArray();
    }

    public IReadOnlyList<FeatureSpec> Features { get; }

    public int Count => columns.Length;

    /// <summary>The semantic type (a boolean stored as 0/1 numbers is a boolean).</summary>
    public ColumnType TypeOf(int feature) => Features[feature].Type == ColumnType.Boolean ? ColumnType.Boolean : columns[feature].Type;

    /// <summary>The levels of a categorical feature as the population codes them.</summary>
    public IReadOnlyList<string> LevelsOf(int feature) => columns[feature] is CategoricalColumn c ? c.Levels : [];

    /// <summary>One row's inputs.</summary>
    public void Read(int row, Span<double> values)
    {
        for (var f = 0; f < columns.Length; f++)
        {
            values[f] = ValueOf(columns[f], row);
        }
    }

    /// <summary>The whole column of one feature as numbers.</summary>
    public double[] ReadColumn(int feature)
    {
        var column = columns[feature];
        var values = new double[column.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ValueOf(column, i);
        }
        return values;
    }

    private static double ValueOf(Column column, int row) => column switch
    {
        NumericColumn n => n[row],
        BooleanColumn b => b.Values[row] == BooleanColumn.Missing ? double.NaN : b.Values[row],
        CategoricalColumn c => c.Code(row) == CategoricalColumn.Missing ? double.NaN : c.Code(row),
        _ => double.NaN,
    };

    /// <summary>A table of the given rows of inputs, with the population's column types and levels.</summary>
    public Table Build(IReadOnlyList<double[]> rows)
    {
        var built = new Column[columns.Length];
        for (var f = 0; f < columns.Length; f++)
        {
            var source = columns[f];
            switch (source)
            {
                case CategoricalColumn c:
                    var codes = new int[rows.Count];
                    for (var r = 0; r < codes.Length; r++)
                    {
                        codes[r] = double.IsNaN(rows[r][f]) ? CategoricalColumn.Missing : (int)rows[r][f];
                    }
                    built[f] = new CategoricalColumn(source.Name, codes, [.. c.Levels]);
                    break;
                case BooleanColumn:
                    var bytes = new byte[rows.Count];
                    for (var r = 0; r < bytes.Length; r++)
                    {
                        bytes[r] = double.IsNaN(rows[r][f]) ? BooleanColumn.Missing : (byte)rows[r][f];
                    }
                    built[f] = new BooleanColumn(source.Name, bytes);
                    break;
                default:
                    var values = new double[rows.Count];
                    for (var r = 0; r < values.Length; r++)
                    {
                        values[r] = rows[r][f];
                    }
                    built[f] = new NumericColumn(source.Name, values);
                    break;
            }
        }
        return new Table(built);
    }

    /// <summary>A value as a person reads it: the number, true/false, or the level.</summary>
    public string Format(int feature, double value) =>
        double.IsNaN(value) ? "(missing)"
        : TypeOf(feature) switch
        {
            ColumnType.Categorical => LevelsOf(feature)[(int)value],
            ColumnType.Boolean => value == 1 ? "true" : "false",
            _ => value.ToString("G6", CultureInfo.InvariantCulture),
        };
}
