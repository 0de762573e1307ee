using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Audit.Data;

/// <summary>
/// Writes a <see cref="Table"/> to a Parquet file that <see cref="ParquetTableReader"/> reads back to the same values:
/// numeric columns as nullable DOUBLE (NaN → null), categorical columns as nullable UTF-8 strings (missing → null),
/// boolean columns as nullable BOOLEAN (missing → null). Roles are not written; the audit plan carries them.
/// </summary>
public static class ParquetTableWriter
{
    /// <summary>
    /// Rows per row group unless told otherwise. Large groups compress and read best (the Parquet documentation
    /// suggests 512 MB to 1 GB per group); a million rows is 8 MB per numeric column before compression.
    /// </summary>
    public const int DefaultRowsPerGroup = 1_000_000;

    /// <summary>Writes the table to <paramref name="path"/> (replaced if it exists) in groups of <see cref="DefaultRowsPerGroup"/> rows.</summary>
    public static void Write(Table table, string path) => Write(table, path, DefaultRowsPerGroup);

    /// <summary>Writes the table to <paramref name="path"/> (replaced if it exists) in groups of <paramref name="rowsPerGroup"/> rows.</summary>
    /// <remarks>The file is written under a temporary name next to <paramref name="path"/> and renamed when complete,
    /// so a failed write never leaves a truncated file under the requested name.</remarks>
    public static void Write(Table table, string path, int rowsPerGroup)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerGroup, 1);
        if (table.Columns.Count == 0)
        {
            throw new ArgumentException("A table without columns cannot be written: a Parquet schema needs at least one column.", nameof(table));
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
            {
                WriteAsync(table, stream, rowsPerGroup).GetAwaiter().GetResult();
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new AuditInputException(
                "cannot write the file", file: path, found: e.Message,
                hint: "check that the folder exists and that you may write to it", inner: e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one worth reporting.
        }
    }

    private static async Task WriteAsync(Table table, Stream stream, int rowsPerGroup)
    {
        var fields = table.Columns.Select(ToField).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, new ParquetOptions(), append: false)
            .ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            for (var start = 0; start < table.RowCount; start += rowsPerGroup)
            {
                var rows = Math.Min(rowsPerGroup, table.RowCount - start);
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < fields.Length; c++)
                {
                    await (table.Columns[c] switch
                    {
                        NumericColumn numeric => WriteNumericAsync(group, fields[c], numeric, start, rows),
                        CategoricalColumn categorical => WriteCategoricalAsync(group, fields[c], categorical, start, rows),
                        BooleanColumn boolean => WriteBooleanAsync(group, fields[c], boolean, start, rows),
                        var other => throw new NotSupportedException($"Column '{other.Name}' has type {other.GetType().Name}, which has no Parquet form."),
                    }).ConfigureAwait(false);
                }
                group.CompleteValidate();
            }
        }
    }

    private static DataField ToField(Column column) => column switch
    {
        NumericColumn => new DataField<double?>(column.Name),
        CategoricalColumn => new DataField<string>(column.Name, nullable: true),
        BooleanColumn => new DataField<bool?>(column.Name),
        _ => throw new NotSupportedException($"Column '{column.Name}' has type {column.GetType().Name}, which has no Parquet form."),
    };

    /// <summary>Writes the non-missing values packed, with a definition level per row (1 = value, 0 = null).</summary>
    private static async Task WriteNumericAsync(ParquetRowGroupWriter group, DataField field, NumericColumn column, int start, int rows)
    {
        var values = ArrayPool<double>.Shared.Rent(rows);
        var levels = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            var count = Pack(column.Values.Slice(start, rows), values, levels);
            await group.WriteAllPartsAsync<double>(field, values.AsMemory(0, count), levels.AsMemory(0, rows), null, CancellationToken.None)
                .ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static int Pack(ReadOnlySpan<double> source, Span<double> values, Span<int> levels)
    {
        var count = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (double.IsNaN(source[i]))
            {
                levels[i] = 0;
            }
            else
            {
                levels[i] = 1;
                values[count++] = source[i];
            }
        }
        return count;
    }

    private static async Task WriteBooleanAsync(ParquetRowGroupWriter group, DataField field, BooleanColumn column, int start, int rows)
    {
        var values = ArrayPool<bool>.Shared.Rent(rows);
        var levels = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            var source = column.Values.Slice(start, rows);
            var count = 0;
            for (var i = 0; i < rows; i++)
            {
                if (source[i] == BooleanColumn.Missing)
                {
                    levels[i] = 0;
                }
                else
                {
                    levels[i] = 1;
                    values[count++] = source[i] == 1;
                }
            }
            await group.WriteAllPartsAsync<bool>(field, values.AsMemory(0, count), levels.AsMemory(0, rows), null, CancellationToken.None)
                .ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>Each row refers to its level's string (no copy); Parquet.Net dictionary-encodes repeated strings.</summary>
    private static async Task WriteCategoricalAsync(ParquetRowGroupWriter group, DataField field, CategoricalColumn column, int start, int rows)
    {
        var labels = ArrayPool<string?>.Shared.Rent(rows);
        try
        {
            var codes = column.Codes.Slice(start, rows);
            var levels = column.Levels;
            for (var i = 0; i < rows; i++)
            {
                labels[i] = codes[i] == CategoricalColumn.Missing ? null : levels[codes[i]];
            }
            // Parquet.Net's string overload takes null entries as nulls of a nullable column.
            await group.WriteAsync(field, new ArraySegment<string?>(labels, 0, rows)!, null).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(labels, clearArray: true);
        }
    }
}
