namespace Audit.Data;

/// <summary>A column of true/false values, one byte per row: 0 false, 1 true, <see cref="Missing"/> missing.</summary>
public sealed class BooleanColumn : Column
{
    /// <summary>The byte that marks a missing value.</summary>
    public const byte Missing = 255;

    private readonly byte[] values;

    public BooleanColumn(string name, byte[] values)
        : base(name)
    {
        this.values = values ?? throw new ArgumentNullException(nameof(values));
    }

    public override ColumnType Type => ColumnType.Boolean;

    public override int Length => values.Length;

    public ReadOnlySpan<byte> Values => values;

    /// <summary>The value of a row, or null when missing.</summary>
    public bool? this[int row] => values[row] switch
    {
        0 => false,
        1 => true,
        _ => null,
    };

    public override bool IsMissing(int row) => values[row] == Missing;

    public override string? FormatValue(int row) => this[row] switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    public override Column Rename(string name) => new BooleanColumn(name, values);
}
