using Audit.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Audit.Models.MLNet;

/// <summary>
/// An <see cref="IDataView"/> over one chunk of a table's rows, copied column by column into buffers that are reused
/// for the next chunk: ML.NET reads the model's inputs from it without an object per row. Numeric columns become
/// Single (NaN where missing) or Double, booleans become Boolean, categorical labels become text (a missing label is
/// the empty text), and a vector input gathers its columns row by row. Not thread-safe: one view per worker.
/// </summary>
internal sealed class ChunkDataView : IDataView
{
    private readonly MlNetInput[] inputs;
    private readonly float[]?[] singles;
    private readonly double[]?[] doubles;
    private readonly bool[]?[] booleans;
    private readonly int[]?[] codes;
    private readonly ReadOnlyMemory<char>[]?[] levels;

    public ChunkDataView(IReadOnlyList<MlNetInput> inputs, int capacity)
    {
        this.inputs = [.. inputs];
        var n = this.inputs.Length;
        singles = new float[n][];
        doubles = new double[n][];
        booleans = new bool[n][];
        codes = new int[n][];
        levels = new ReadOnlyMemory<char>[n][];
        var schema = new DataViewSchema.Builder();
        for (var i = 0; i < n; i++)
        {
            var input = this.inputs[i];
            schema.AddColumn(input.Name, input.Type);
            switch (input.Kind)
            {
                case MlNetInputKind.Single or MlNetInputKind.SingleVector:
                    singles[i] = new float[capacity * input.Width];
                    break;
                case MlNetInputKind.Double:
                    doubles[i] = new double[capacity];
                    break;
                case MlNetInputKind.Boolean:
                    booleans[i] = new bool[capacity];
                    break;
                case MlNetInputKind.Text:
                    codes[i] = new int[capacity];
                    break;
            }
        }
        Schema = schema.ToSchema();
        Capacity = capacity;
    }

    public DataViewSchema Schema { get; }

    public int Capacity { get; }

    /// <summary>Rows in the current chunk.</summary>
    public int Count { get; private set; }

    public bool CanShuffle => false;

    public long? GetRowCount() => Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [new Cursor(this, columnsNeeded)];

    /// <summary>
    /// Copies rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 of the bound
    /// columns into the buffers. Values were checked when the columns were bound (<see cref="TableBinding"/>).
    /// </summary>
    public void Fill(TableBinding table, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            var columns = table.Columns[i];
            switch (input.Kind)
            {
                case MlNetInputKind.Single:
                    CopyAsSingle(columns[0], start, count, singles[i]!, 0, 1);
                    break;
                case MlNetInputKind.SingleVector:
                    for (var e = 0; e < columns.Length; e++)
                    {
                        CopyAsSingle(columns[e], start, count, singles[i]!, e, columns.Length);
                    }
                    break;
                case MlNetInputKind.Double:
                    CopyAsDouble(columns[0], start, count, doubles[i]!);
                    break;
                case MlNetInputKind.Boolean:
                    CopyAsBoolean(columns[0], start, count, booleans[i]!);
                    break;
                case MlNetInputKind.Text:
                    ((CategoricalColumn)columns[0]).Codes.Slice(start, count).CopyTo(codes[i]);
                    levels[i] = table.Levels[i];
                    break;
            }
        }
        Count = count;
    }

    private static void CopyAsSingle(Column column, int start, int count, float[] destination, int offset, int stride)
    {
        if (column is NumericColumn numeric)
        {
            var values = numeric.Values.Slice(start, count);
            if (stride == 1)
            {
                for (var r = 0; r < values.Length; r++)
                {
                    destination[r] = (float)values[r];
                }
                return;
            }
            for (var r = 0; r < values.Length; r++)
            {
                destination[r * stride + offset] = (float)values[r];
            }
            return;
        }
        var bytes = ((BooleanColumn)column).Values.Slice(start, count);
        for (var r = 0; r < bytes.Length; r++)
        {
            destination[r * stride + offset] = bytes[r] == BooleanColumn.Missing ? float.NaN : bytes[r];
        }
    }

    private static void CopyAsDouble(Column column, int start, int count, double[] destination)
    {
        if (column is NumericColumn numeric)
        {
            numeric.Values.Slice(start, count).CopyTo(destination);
            return;
        }
        var bytes = ((BooleanColumn)column).Values.Slice(start, count);
        for (var r = 0; r < bytes.Length; r++)
        {
            destination[r] = bytes[r] == BooleanColumn.Missing ? double.NaN : bytes[r];
        }
    }

    private static void CopyAsBoolean(Column column, int start, int count, bool[] destination)
    {
        if (column is BooleanColumn boolean)
        {
            var bytes = boolean.Values.Slice(start, count);
            for (var r = 0; r < bytes.Length; r++)
            {
                destination[r] = bytes[r] == 1;
            }
            return;
        }
        var values = ((NumericColumn)column).Values.Slice(start, count);
        for (var r = 0; r < values.Length; r++)
        {
            destination[r] = values[r] == 1;
        }
    }

    /// <summary>A cursor over the current chunk; its getters read the buffers at the cursor's row.</summary>
    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ChunkDataView view;
        private readonly bool[] active;
        private int row = -1;

        public Cursor(ChunkDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            this.view = view;
            active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded)
            {
                active[column.Index] = true;
            }
        }

        public override DataViewSchema Schema => view.Schema;

        public override long Position => row;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (row + 1 < view.Count)
            {
                row++;
                return true;
            }
            row = view.Count;
            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)row, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var i = column.Index;
            Delegate getter = view.inputs[i].Kind switch
            {
                MlNetInputKind.Single => SingleGetter(view.singles[i]!),
                MlNetInputKind.SingleVector => VectorGetter(view.singles[i]!, view.inputs[i].Width),
                MlNetInputKind.Double => DoubleGetter(view.doubles[i]!),
                MlNetInputKind.Boolean => BooleanGetter(view.booleans[i]!),
                _ => TextGetter(view.codes[i]!, i),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }

        private ValueGetter<float> SingleGetter(float[] values) => (ref float value) => value = values[row];

        private ValueGetter<double> DoubleGetter(double[] values) => (ref double value) => value = values[row];

        private ValueGetter<bool> BooleanGetter(bool[] values) => (ref bool value) => value = values[row];

        private ValueGetter<ReadOnlyMemory<char>> TextGetter(int[] rowCodes, int input) => (ref ReadOnlyMemory<char> value) =>
        {
            var code = rowCodes[row];
            value = code == CategoricalColumn.Missing ? ReadOnlyMemory<char>.Empty : view.levels[input]![code];
        };

        private ValueGetter<VBuffer<float>> VectorGetter(float[] values, int width) => (ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, width);
            values.AsSpan(row * width, width).CopyTo(editor.Values);
            value = editor.Commit();
        };
    }
}
