namespace Audit.Data;

/// <summary>
/// A <see cref="Table"/> from arrays, column by column, for callers who hold their people in memory (the C# API,
/// docs/api.md). Columns are stored as the CSV reader stores them: numbers as <see cref="double"/> (missing: NaN),
/// text dictionary-encoded with levels numbered in order of first appearance (missing: null), booleans as one byte
/// (missing: null). Column order is the order of the calls.
/// </summary>
public sealed class TableBuilder
{
    private readonly List<Column> columns = [];

    /// <summary>A numeric column; NaN is a missing value.</summary>
    public TableBuilder Numbers(string name, IReadOnlyList<double> values) =>
        Add(new NumericColumn(name, [.. values]));

    /// <summary>A numeric column from integers (counts, ages, amounts in cents).</summary>
    public TableBuilder Numbers(string name, IReadOnlyList<int> values) =>
        Add(new NumericColumn(name, values.Select(v => (double)v).ToArray()));

    /// <summary>A categorical column (text labels); null is a missing value.</summary>
    public TableBuilder Categories(string name, IReadOnlyList<string?> values) =>
        Add(CategoricalColumn.FromValues(name, values));

    /// <summary>A boolean column; null is a missing value.</summary>
    public TableBuilder Booleans(string name, IReadOnlyList<bool?> values) =>
        Add(new BooleanColumn(name, values.Select(v => v switch { true => (byte)1, false => (byte)0, null => BooleanColumn.Missing }).ToArray()));

    /// <summary>A boolean column without missing values.</summary>
    public TableBuilder Booleans(string name, IReadOnlyList<bool> values) =>
        Add(new BooleanColumn(name, values.Select(v => v ? (byte)1 : (byte)0).ToArray()));

    /// <summary>Any column already built (for example one read from another table).</summary>
    public TableBuilder Add(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (columns.Any(c => c.Name == column.Name))
        {
            throw new AuditInputException($"the table already has a column '{column.Name}'", column: column.Name,
                expected: "each column named once", hint: "give the column another name");
        }
        if (columns.Count > 0 && columns[0].Length != column.Length)
        {
            throw new AuditInputException($"the column '{column.Name}' has {column.Length} values and '{columns[0].Name}' has {columns[0].Length}",
                column: column.Name, expected: "one value per person in every column", found: column.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        columns.Add(column);
        return this;
    }

    /// <summary>The table (roles are given later, by the audit's plan).</summary>
    public Table Build() => columns.Count > 0
        ? new Table(columns)
        : throw new AuditInputException("the table has no column", expected: "at least one column", hint: "add columns with Numbers, Categories or Booleans");
}
