namespace Audit.Data;

/// <summary>
/// Where each data row starts in its text file, so that an error found after reading (a label that is not 0 or 1, a
/// missing score, a negative weight) names the same file line that a parse error would. Kept sparse: a row starts on
/// line <c>row + offset</c>, and the offset changes only where an earlier field spanned several lines (a quoted line
/// break), so a file without such fields costs one entry whatever its size.
/// </summary>
public sealed class FileLines
{
    private readonly long[] fromRow;
    private readonly long[] offset;

    private FileLines(long[] fromRow, long[] offset)
    {
        this.fromRow = fromRow;
        this.offset = offset;
    }

    /// <summary>The file line (1-based) on which the 1-based data row <paramref name="row"/> starts.</summary>
    public long LineOf(long row)
    {
        var i = Array.BinarySearch(fromRow, row);
        if (i < 0)
        {
            i = ~i - 1;
        }
        return row + (i < 0 ? 1 : offset[i]);
    }

    /// <summary>Collects row starts as a reader meets them, in row order.</summary>
    public sealed class Builder
    {
        private readonly List<long> fromRow = [];
        private readonly List<long> offset = [];
        private long current = long.MinValue;

        /// <summary>Data row <paramref name="row"/> (1-based) starts on file line <paramref name="line"/> (1-based).</summary>
        public void Add(long row, long line)
        {
            var o = line - row;
            if (o != current)
            {
                fromRow.Add(row);
                offset.Add(o);
                current = o;
            }
        }

        public FileLines Build() => new([.. fromRow], [.. offset]);
    }
}
