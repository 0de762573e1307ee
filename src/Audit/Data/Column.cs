namespace Audit.Data;

/// <summary>One column of a <see cref="Table"/>: a name, a type and one value per row, stored contiguously.</summary>
public abstract class Column
{
    protected Column(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    public abstract ColumnType Type { get; }

    public abstract int Length { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The value of a row as text, as it would be written to CSV (invariant culture); null when missing.</summary>
    public abstract string? FormatValue(int row);

    /// <summary>Number of missing values.</summary>
    public int MissingCount()
    {
        var missing = 0;
        for (var i = 0; i < Length; i++)
        {
            if (IsMissing(i))
            {
                missing++;
            }
        }
        return missing;
    }

    /// <summary>A copy of this column under another name.</summary>
    public abstract Column Rename(string name);
}
