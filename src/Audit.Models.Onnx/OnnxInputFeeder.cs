using Audit.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Audit.Models.Onnx;

/// <summary>
/// Fills a model's inputs from a table one chunk of rows at a time, reusing one buffer per input for every chunk
/// (the tensors point into the buffers; ONNX Runtime does not copy them). String inputs are written into a native
/// string tensor per chunk. Values: a numeric column as is (a missing value is NaN for float and double inputs),
/// a boolean column as 0/1, a categorical column as its level text for a string input.
/// </summary>
internal sealed class OnnxInputFeeder
{
    private readonly OnnxInputLayout layout;
    private readonly string file;
    private readonly Column[][] columns;
    private readonly Array?[] buffers;

    public OnnxInputFeeder(OnnxInputLayout layout, Table table, int chunkRows, string file)
    {
        this.layout = layout;
        this.file = file;
        columns = new Column[layout.Slots.Count][];
        buffers = new Array?[layout.Slots.Count];
        for (var s = 0; s < layout.Slots.Count; s++)
        {
            var slot = layout.Slots[s];
            columns[s] = slot.Columns.Select(name => Resolve(table, slot, name)).ToArray();
            var size = chunkRows * slot.Columns.Length;
            buffers[s] = slot.Type switch
            {
                TensorElementType.Float => new float[size],
                TensorElementType.Double => new double[size],
                TensorElementType.Int64 => new long[size],
                _ => null,
            };
        }
    }

    /// <summary>The input values for rows [start, start + count); the caller disposes them after the run.</summary>
    public OrtValue[] Fill(int start, int count)
    {
        var values = new OrtValue[layout.Slots.Count];
        try
        {
            for (var s = 0; s < layout.Slots.Count; s++)
            {
                var slot = layout.Slots[s];
                var width = slot.Columns.Length;
                long[] shape = slot.Rank1 ? [count] : [count, width];
                switch (buffers[s])
                {
                    case float[] floats:
                        for (var j = 0; j < width; j++)
                        {
                            FillFloat(columns[s][j], start, count, floats, j, width);
                        }
                        values[s] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, floats.AsMemory(0, count * width), shape);
                        break;
                    case double[] doubles:
                        for (var j = 0; j < width; j++)
                        {
                            FillDouble(columns[s][j], start, count, doubles, j, width);
                        }
                        values[s] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, doubles.AsMemory(0, count * width), shape);
                        break;
                    case long[] longs:
                        FillInt64(columns[s][0], start, count, longs);
                        values[s] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, longs.AsMemory(0, count), shape);
                        break;
                    default:
                        values[s] = FillStrings((CategoricalColumn)columns[s][0], start, count, shape);
                        break;
                }
            }
            return values;
        }
        catch
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
            throw;
        }
    }

    private Column Resolve(Table table, OnnxInputSlot slot, string name)
    {
        var column = table.Find(name)
            ?? throw new AuditInputException($"the model reads the column '{name}', which the data does not have", file: file, column: name,
                expected: layout.SingleTensor ? $"the columns of 'model.features' in the data" : $"a data column for the model input '{slot.InputName}'",
                hint: layout.SingleTensor ? "fix 'model.features', or rename the column in the data"
                    : "rename the column in the data, or map the input to a column with 'model.inputs: { input: column }'");
        var fits = slot.Type == TensorElementType.String ? column is CategoricalColumn : column is NumericColumn or BooleanColumn;
        if (!fits)
        {
            throw new AuditInputException($"the model input '{slot.InputName}' is {OnnxInputLayout.TypeName(slot.Type)} and the column '{name}' is {column.Type.ToString().ToLowerInvariant()}",
                file: file, column: name, expected: slot.Type == TensorElementType.String ? "a categorical (text) column" : "a numeric or boolean column",
                found: column.Type.ToString().ToLowerInvariant(),
                hint: slot.Type == TensorElementType.String
                    ? "declare the column categorical in the plan's 'columns' key"
                    : "encode the column as numbers the way the model was trained, or export the model with a string input for it");
        }
        return column;
    }

    private static void FillFloat(Column column, int start, int count, float[] buffer, int offset, int stride)
    {
        if (column is NumericColumn numeric)
        {
            var values = numeric.Values.Slice(start, count);
            for (int r = 0, k = offset; r < values.Length; r++, k += stride)
            {
                buffer[k] = (float)values[r];
            }
        }
        else
        {
            var values = ((BooleanColumn)column).Values.Slice(start, count);
            for (int r = 0, k = offset; r < values.Length; r++, k += stride)
            {
                buffer[k] = values[r] == BooleanColumn.Missing ? float.NaN : values[r];
            }
        }
    }

    private static void FillDouble(Column column, int start, int count, double[] buffer, int offset, int stride)
    {
        if (column is NumericColumn numeric)
        {
            var values = numeric.Values.Slice(start, count);
            for (int r = 0, k = offset; r < values.Length; r++, k += stride)
            {
                buffer[k] = values[r];
            }
        }
        else
        {
            var values = ((BooleanColumn)column).Values.Slice(start, count);
            for (int r = 0, k = offset; r < values.Length; r++, k += stride)
            {
                buffer[k] = values[r] == BooleanColumn.Missing ? double.NaN : values[r];
            }
        }
    }

    private void FillInt64(Column column, int start, int count, long[] buffer)
    {
        for (var r = 0; r < count; r++)
        {
            var row = start + r;
            double x = column is NumericColumn numeric ? numeric[row]
                : ((BooleanColumn)column).Values[row] is var b && b != BooleanColumn.Missing ? b : double.NaN;
            // 2^63 is the first double above the int64 range.
            if (double.IsNaN(x) || x != Math.Floor(x) || x < long.MinValue || x >= 9.2233720368547758E18)
            {
                throw new AuditInputException(double.IsNaN(x) ? "missing value in an int64 model input" : "not a whole number, and the model input is int64",
                    file: file, row: row + 1, column: column.Name, expected: "a whole number", found: column.FormatValue(row),
                    hint: double.IsNaN(x) ? "complete the data: an int64 input has no missing value" : "round the column, or export the model with a float input");
            }
            buffer[r] = (long)x;
        }
    }

    private OrtValue FillStrings(CategoricalColumn column, int start, int count, long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        try
        {
            var codes = column.Codes.Slice(start, count);
            for (var r = 0; r < codes.Length; r++)
            {
                if (codes[r] == CategoricalColumn.Missing)
                {
                    throw new AuditInputException("missing value in a string model input", file: file, row: start + r + 1, column: column.Name,
                        expected: "a category", hint: "fill the missing values with a category the model knows");
                }
                value.StringTensorSetElementAt(column.Levels[codes[r]].AsSpan(), r);
            }
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}
