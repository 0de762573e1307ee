namespace Audit.Synthetic;

/// <summary>
/// The values of a population while it is generated: one array per variable (codes for categorical, 0/1 bytes for
/// boolean, doubles for numeric), indexed by row. Formulas read earlier variables from here.
/// </summary>
public sealed class PopulationColumns
{
    private readonly int[]?[] codes;
    private readonly byte[]?[] booleans;
    private readonly double[]?[] numbers;

    public PopulationColumns(IReadOnlyList<VariableSpec> variables, int rows)
    {
        Rows = rows;
        codes = new int[]?[variables.Count];
        booleans = new byte[]?[variables.Count];
        numbers = new double[]?[variables.Count];
        foreach (var v in variables)
        {
            switch (v.Type)
            {
                case VariableType.Categorical:
                    codes[v.Index] = new int[rows];
                    break;
                case VariableType.Boolean:
                    booleans[v.Index] = new byte[rows];
                    break;
                default:
                    numbers[v.Index] = new double[rows];
                    break;
            }
        }
    }

    /// <summary>No variables and no rows: the context of constant formulas.</summary>
    public static PopulationColumns Empty { get; } = new([], 0);

    public int Rows { get; }

    public int[] Codes(int variable) => codes[variable]!;

    public byte[] Boolean(int variable) => booleans[variable]!;

    public double[] Numeric(int variable) => numbers[variable]!;

    /// <summary>The index of the row of <paramref name="variable"/>'s table that applies to a generated row (mixed radix of the parents' codes).</summary>
    public int TableRowOf(VariableSpec variable, int row)
    {
        // An index loop: a foreach over the IReadOnlyList would allocate an enumerator per row.
        var given = variable.Given;
        var cell = 0;
        for (var p = 0; p < given.Count; p++)
        {
            cell = cell * given[p].Levels.Count + LevelCode(given[p], row);
        }
        return variable.CellToRow[cell];
    }

    /// <summary>
    /// <see cref="TableRowOf"/> for rows <paramref name="start"/> to <paramref name="start"/> + <c>output.Length</c> − 1:
    /// the same mixed radix, a parent at a time over the block.
    /// </summary>
    internal void TableRowsOf(VariableSpec variable, int start, Span<int> output)
    {
        output.Clear();
        var given = variable.Given;
        for (var p = 0; p < given.Count; p++)
        {
            var parent = given[p];
            var radix = parent.Levels.Count;
            if (parent.Type == VariableType.Categorical)
            {
                var parentCodes = codes[parent.Index]!.AsSpan(start, output.Length);
                for (var k = 0; k < output.Length; k++)
                {
                    output[k] = output[k] * radix + parentCodes[k];
                }
            }
            else
            {
                var parentValues = booleans[parent.Index]!.AsSpan(start, output.Length);
                for (var k = 0; k < output.Length; k++)
                {
                    output[k] = output[k] * radix + parentValues[k];
                }
            }
        }
        var cellToRow = variable.CellToRow;
        for (var k = 0; k < output.Length; k++)
        {
            output[k] = cellToRow[output[k]];
        }
    }

    /// <summary>The code of a categorical or boolean variable's value (the level index), for table look-ups.</summary>
    public int LevelCode(VariableSpec variable, int row) =>
        variable.Type == VariableType.Categorical ? codes[variable.Index]![row] : booleans[variable.Index]![row];
}
