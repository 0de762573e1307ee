namespace Audit.Data;

/// <summary>The kind of values a column holds.</summary>
public enum ColumnType
{
    /// <summary>Real numbers stored as <see cref="double"/>; missing is NaN.</summary>
    Numeric,

    /// <summary>Text labels, dictionary-encoded: an <see cref="int"/> code per row into a list of levels; missing is -1.</summary>
    Categorical,

    /// <summary>True/false, one byte per row; missing is <see cref="BooleanColumn.Missing"/>.</summary>
    Boolean,
}
