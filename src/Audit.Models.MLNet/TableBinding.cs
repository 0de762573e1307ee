using Audit.Data;

namespace Audit.Models.MLNet;

/// <summary>
/// A table's columns bound to a model's inputs, checked once before scoring: every column exists and has a type the
/// input can take, and every boolean input has a true/false (or 0/1) value on every row.
/// </summary>
internal sealed class TableBinding
{
    private TableBinding(Column[][] columns, ReadOnlyMemory<char>[]?[] levels)
    {
        Columns = columns;
        Levels = levels;
    }

    /// <summary>Per input, its data columns in order.</summary>
    public Column[][] Columns { get; }

    /// <summary>Per text input, the labels of its categorical column by code; null for other inputs.</summary>
    public ReadOnlyMemory<char>[]?[] Levels { get; }

    /// <param name="modelFile">The model file as the plan names it, for errors about the binding.</param>
    public static TableBinding Bind(Table table, IReadOnlyList<MlNetInput> inputs, string modelFile)
    {
        var columns = new Column[inputs.Count][];
        var levels = new ReadOnlyMemory<char>[]?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            columns[i] = new Column[input.Columns.Count];
            for (var e = 0; e < input.Columns.Count; e++)
            {
                var name = input.Columns[e];
                var column = table.Find(name)
                    ?? throw new AuditInputException($"the data has no column '{name}', which the model reads as its input '{input.Name}'",
                        file: modelFile, column: name,
                        hint: input.Kind == MlNetInputKind.SingleVector
                            ? "list the data columns of the model's vector input in 'model.features', in the model's order"
                            : $"rename the column in the data, or map the model's input to a data column with the plan's 'model.inputs': 'inputs: {{ {input.Name}: column }}'");
                CheckType(input, column, modelFile);
                columns[i][e] = column;
            }
            if (input.Kind == MlNetInputKind.Boolean)
            {
                CheckBooleans(columns[i][0]);
            }
            if (input.Kind == MlNetInputKind.Text)
            {
                levels[i] = ((CategoricalColumn)columns[i][0]).Levels.Select(l => l.AsMemory()).ToArray();
            }
        }
        return new TableBinding(columns, levels);
    }

    private static void CheckType(MlNetInput input, Column column, string modelFile)
    {
        var fits = input.Kind switch
        {
            MlNetInputKind.Text => column is CategoricalColumn,
            _ => column is NumericColumn or BooleanColumn,
        };
        if (fits)
        {
            return;
        }
        var (expected, hint) = input.Kind switch
        {
            MlNetInputKind.Text => ("text (a categorical column)", $"declare the column categorical in the plan: 'columns: {{ {column.Name}: categorical }}'"),
            MlNetInputKind.Boolean => ("true/false or 0/1", "fix the column, or give the model a numeric input"),
            _ => ("numbers", "fix the column's values, or give the model an input of another type"),
        };
        throw new AuditInputException($"the model's input '{input.Name}' is {input.TypeName}, but column '{column.Name}' holds {Describe(column)}",
            file: modelFile, column: column.Name, expected: expected, found: column.Length == 0 ? "" : column.FormatValue(FirstPresent(column)) ?? "", hint: hint);
    }

    /// <summary>ML.NET has no missing boolean: a missing value (or a number other than 0 and 1) is an error naming the row.</summary>
    private static void CheckBooleans(Column column)
    {
        for (var r = 0; r < column.Length; r++)
        {
            var valid = column switch
            {
                BooleanColumn b => b.Values[r] != BooleanColumn.Missing,
                NumericColumn n => n[r] is 0 or 1,
                _ => true,
            };
            if (!valid)
            {
                throw new AuditInputException(column.IsMissing(r) ? "missing value for a boolean model input" : "not a boolean value",
                    row: r + 1, column: column.Name, expected: "true/false or 0/1 on every row (ML.NET has no missing boolean)",
                    found: column.FormatValue(r) ?? "",
                    hint: "fill the value, or remove the row before the audit and say why in the report");
            }
        }
    }

    private static string Describe(Column column) => column.Type switch
    {
        ColumnType.Categorical => "text",
        ColumnType.Boolean => "true/false values",
        _ => "numbers",
    };

    private static int FirstPresent(Column column)
    {
        for (var r = 0; r < column.Length; r++)
        {
            if (!column.IsMissing(r))
            {
                return r;
            }
        }
        return 0;
    }
}
