using Audit.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Audit.Models.MLNet;

/// <summary>
/// Which data column fills each slot of a predictor's feature vector. A tree or a weight indexes a slot; Audit's
/// capabilities index data columns, so the structure is claimed only when every slot is a plain copy of one numeric
/// column. That holds when the transformers before the predictor only concatenate, copy or convert columns, and it is
/// checked rather than assumed: three probe rows (distinct values per column, other distinct values, all missing) go
/// through those transformers, and each slot must equal one column's values on all three, NaN included.
/// </summary>
internal static class FeatureSlotProbe
{
    private const int ProbeRows = 3;

    /// <summary>The data column of each slot, or null when a slot is not a plain copy of one numeric column.</summary>
    public static string[]? Map(IReadOnlyList<ITransformer> before, string featureColumn, IReadOnlyList<MlNetInput> inputs)
    {
        if (!before.All(t => t is ColumnConcatenatingTransformer or ColumnCopyingTransformer or TypeConvertingTransformer))
        {
            return null;
        }
        var numeric = new List<string>();
        var other = new Dictionary<string, MlNetInputKind>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            foreach (var column in input.Columns)
            {
                if (input.Kind is MlNetInputKind.Single or MlNetInputKind.Double or MlNetInputKind.SingleVector)
                {
                    if (!numeric.Contains(column))
                    {
                        numeric.Add(column);
                    }
                }
                else
                {
                    other[column] = input.Kind;
                }
            }
        }
        if (numeric.Any(other.ContainsKey))
        {
            return null;
        }
        var table = ProbeTable(numeric, other);
        var slots = Transform(before, featureColumn, inputs, table);
        if (slots is null)
        {
            return null;
        }
        var map = new string[slots[0].Length];
        for (var s = 0; s < map.Length; s++)
        {
            for (var k = 0; k < numeric.Count && map[s] is null; k++)
            {
                if (Same(ProbeValue(0, k), slots[0][s]) && Same(ProbeValue(1, k), slots[1][s]) && float.IsNaN(slots[2][s]))
                {
                    map[s] = numeric[k];
                }
            }
            if (map[s] is null)
            {
                return null;
            }
        }
        return map;
    }

    /// <summary>Probe values, exact in single precision and distinct across columns and rows; row 2 is missing.</summary>
    private static double ProbeValue(int row, int column) => row switch
    {
        0 => 1000 + 7.25 * column,
        1 => -0.5 - 3.125 * column,
        _ => double.NaN,
    };

    private static bool Same(double expected, float actual) => (float)expected == actual;

    private static Table ProbeTable(List<string> numeric, Dictionary<string, MlNetInputKind> other)
    {
        var columns = new List<Column>();
        for (var k = 0; k < numeric.Count; k++)
        {
            var values = new double[ProbeRows];
            for (var r = 0; r < ProbeRows; r++)
            {
                values[r] = ProbeValue(r, k);
            }
            columns.Add(new NumericColumn(numeric[k], values));
        }
        foreach (var (name, kind) in other)
        {
            columns.Add(kind == MlNetInputKind.Boolean
                ? new BooleanColumn(name, new byte[ProbeRows])
                : new CategoricalColumn(name, [CategoricalColumn.Missing, CategoricalColumn.Missing, CategoricalColumn.Missing], []));
        }
        return new Table(columns);
    }

    /// <summary>The feature vector of each probe row after the transformers, or null when it is not a vector of Single.</summary>
    private static float[][]? Transform(IReadOnlyList<ITransformer> before, string featureColumn, IReadOnlyList<MlNetInput> inputs, Table table)
    {
        var view = new ChunkDataView(inputs, ProbeRows);
        view.Fill(TableBinding.Bind(table, inputs, "probe"), 0, ProbeRows);
        IDataView data = view;
        foreach (var transformer in before)
        {
            data = transformer.Transform(data);
        }
        if (data.Schema.GetColumnOrNull(featureColumn) is not { } column
            || column.Type is not VectorDataViewType { Size: > 0 } vector
            || vector.ItemType != NumberDataViewType.Single)
        {
            return null;
        }
        var rows = new float[ProbeRows][];
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        for (var r = 0; r < ProbeRows && cursor.MoveNext(); r++)
        {
            getter(ref buffer);
            rows[r] = buffer.DenseValues().ToArray();
        }
        return rows;
    }
}
