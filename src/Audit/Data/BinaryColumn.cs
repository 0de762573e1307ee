namespace Audit.Data;

/// <summary>Reads a 0/1 column (a label, a decision) whether the file stored it as numbers or as true/false.</summary>
public static class BinaryColumn
{
    /// <summary>
    /// The column as bytes: 0, 1 or <see cref="BooleanColumn.Missing"/>. A numeric column must hold only 0 and 1;
    /// anything else is an error naming the row.
    /// </summary>
    public static byte[] Read(Table table, string name, string role, string hint)
    {
        var column = table.Find(name)
            ?? throw new AuditInputException($"the {role} column is not in the data", column: name,
                expected: $"a 0/1 column named '{name}'", hint: hint);
        switch (column)
        {
            case BooleanColumn boolean:
                return boolean.Values.ToArray();
            case NumericColumn numeric:
                {
                    var values = numeric.Values;
                    var result = new byte[values.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var x = values[i];
                        result[i] = double.IsNaN(x) ? BooleanColumn.Missing
                            : x == 0 ? (byte)0
                            : x == 1 ? (byte)1
                            : throw new AuditInputException($"not a valid {role}", row: i + 1, column: name,
                                expected: "0 or 1 (or empty when unknown)", found: numeric.FormatValue(i), hint: hint);
                    }
                    return result;
                }
            case CategoricalColumn { Levels.Count: 0 } empty:
                // Every value missing: read as text for want of a value, but it is a 0/1 column with nothing known.
                return Enumerable.Repeat(BooleanColumn.Missing, empty.Length).ToArray();
            default:
                throw new AuditInputException($"the {role} column is not 0/1", column: name,
                    expected: "0/1 or true/false values", found: "text values such as '" + ((CategoricalColumn)column).Levels.FirstOrDefault() + "'",
                    hint: hint);
        }
    }
}
