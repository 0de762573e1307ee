using System.Globalization;
using Audit.Data;

namespace Audit.Synthetic;

/// <summary>
/// Adds the plan's derived columns to a table (<c>derive:</c>, docs/audit-plan.md), in order, each computed from its
/// formula over the row with the parser of population specs (<see cref="FormulaParser"/>), so that a formula reads
/// the data's columns and the columns derived above it. A row on which a column the formula reads is missing gets a
/// missing value; a formula that gives no finite number on a row, or a level position outside the levels, is an error
/// naming the row and the column.
/// </summary>
public static class DerivedColumns
{
    /// <param name="planFile">The plan, for errors about the formula (an unknown column, a syntax error).</param>
    /// <param name="dataName">The data file, for errors about a row.</param>
    public static Table Add(Table table, IReadOnlyList<DerivedColumn> derived, string planFile, string dataName)
    {
        foreach (var column in derived)
        {
            if (table.Find(column.Name) is not null)
            {
                throw new AuditInputException($"the column '{column.Name}' exists already", file: planFile, line: column.Line, keyPath: column.KeyPath + ".name",
                    found: column.Name, hint: "give the derived column a name the data does not use");
            }
            table = table.WithColumn(Compute(table, column, planFile, dataName));
        }
        return table;
    }

    private static Column Compute(Table table, DerivedColumn derived, string planFile, string dataName)
    {
        var read = new List<(VariableSpec Variable, Column Column)>();
        VariableSpec? Lookup(string name)
        {
            if (read.FirstOrDefault(r => r.Variable.Name == name) is { Variable: { } known })
            {
                return known;
            }
            if (table.Find(name) is not { } column)
            {
                return null;
            }
            var variable = new VariableSpec
            {
                Name = name,
                Index = read.Count,
                Type = column switch { NumericColumn => VariableType.Numeric, BooleanColumn => VariableType.Boolean, _ => VariableType.Categorical },
                Levels = column is CategoricalColumn c ? c.Levels : ["false", "true"],
                Line = derived.Line,
                KeyPath = derived.KeyPath + ".formula",
            };
            read.Add((variable, column));
            return variable;
        }
        var names = table.Columns.Select(c => c.Name).ToArray();
        var formula = FormulaParser.Parse(derived.Formula, Lookup, names, planFile, derived.Line, derived.KeyPath + ".formula", $"derived column '{derived.Name}'");
        var values = Values(table.RowCount, read);
        var result = new double[table.RowCount];
        for (var row = 0; row < result.Length; row++)
        {
            result[row] = read.Any(r => r.Column.IsMissing(row)) ? double.NaN : Checked(formula.Evaluate(values, row), derived, row, table, dataName);
        }
        return derived.Type switch
        {
            ColumnType.Boolean => new BooleanColumn(derived.Name, [.. result.Select(x => double.IsNaN(x) ? BooleanColumn.Missing : (byte)(x != 0 ? 1 : 0))]),
            ColumnType.Categorical => new CategoricalColumn(derived.Name, [.. result.Select(x => double.IsNaN(x) ? CategoricalColumn.Missing : (int)x)], [.. derived.Levels!]),
            _ => new NumericColumn(derived.Name, result),
        };
    }

    /// <summary>The columns a formula reads, copied into the arrays formulas evaluate over.</summary>
    private static PopulationColumns Values(int rows, List<(VariableSpec Variable, Column Column)> read)
    {
        var values = new PopulationColumns([.. read.Select(r => r.Variable)], rows);
        foreach (var (variable, column) in read)
        {
            for (var i = 0; i < rows; i++)
            {
                switch (column)
                {
                    case NumericColumn n:
                        values.Numeric(variable.Index)[i] = n[i];
                        break;
                    case BooleanColumn b:
                        values.Boolean(variable.Index)[i] = b.Values[i] == BooleanColumn.Missing ? (byte)0 : b.Values[i];
                        break;
                    case CategoricalColumn c:
                        values.Codes(variable.Index)[i] = c.Code(i);
                        break;
                }
            }
        }
        return values;
    }

    /// <summary>The value, refused when it is not finite, or for a category when it is not the position of a level.</summary>
    private static double Checked(double value, DerivedColumn derived, int row, Table table, string dataName)
    {
        var isLevel = derived.Levels is not { } levels || (value == Math.Floor(value) && value >= 0 && value < levels.Count);
        if (double.IsFinite(value) && isLevel)
        {
            return value;
        }
        var problem = double.IsFinite(value)
            ? $"the formula of the derived column '{derived.Name}' gives {value.ToString("R", CultureInfo.InvariantCulture)}, not the position of one of its {derived.Levels!.Count} levels"
            : $"the formula of the derived column '{derived.Name}' gives no finite number";
        throw table.Locate(new AuditInputException(problem, row: row + 1, column: derived.Name, keyPath: derived.KeyPath + ".formula",
            expected: derived.Levels is null ? "a finite number on every row" : $"a whole number from 0 to {derived.Levels.Count - 1}",
            found: value.ToString("R", CultureInfo.InvariantCulture), hint: "guard the formula with if, min, max or clamp: derive runs before the filter, on every row of the data"), dataName);
    }
}
