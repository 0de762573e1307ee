using System.Globalization;

namespace Audit.Data;

/// <summary>A column of real numbers; a missing value is NaN.</summary>
public sealed class NumericColumn : Column
{
    private readonly double[] values;

    public NumericColumn(string name, double[] values)
        : base(name)
    {
        this.values = values ?? throw new ArgumentNullException(nameof(values));
    }

    public override ColumnType Type => ColumnType.Numeric;

    public override int Length => values.Length;

    /// <summary>The values, NaN where missing.</summary>
    public ReadOnlySpan<double> Values => values;

    public double this[int row] => values[row];

    public override bool IsMissing(int row) => double.IsNaN(values[row]);

    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : values[row].ToString("R", CultureInfo.InvariantCulture);

    public override Column Rename(string name) => new NumericColumn(name, values);
}
