using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using nietras.SeparatedValues;

namespace Audit.Data;

/// <summary>
/// The parallel path of <see cref="CsvTableReader"/> (issue 21). One thread decodes the file and cuts the text into
/// blocks of whole rows: it cuts only after a line feed outside quotes, counting quotes as Sep does (a '"' anywhere
/// toggles the quoted state), so each block starts where a row starts. Workers parse the blocks with Sep and convert
/// their fields into typed arrays, dictionary-encoding text per block; the blocks are then joined in file order, the
/// levels of a text column numbered by first appearance across blocks (the order a row-by-row read gives).
/// <para>
/// The block reader never reports an error itself. Whatever the row-by-row reader would refuse or treat specially (a
/// field count that differs from the header's, a NUL, a value that does not parse as its column's type, a text or a
/// level count over the limits, too many rows, no data row, bytes that are not valid UTF-8, a UTF-16 or UTF-32 byte
/// order mark, an encoding with a preamble, a row longer than Sep holds) makes it return null, and the row-by-row reader
/// reads the file again and reports the first problem with its file, row, line and column exactly as before.
/// </para>
/// </summary>
internal static class CsvBlockReader
{
    public static Table? TryRead(string path, char delimiter, string[] names, ColumnType[] types, CsvReadOptions options, long size,
        int parallelism, int blockChars)
    {
        using var splitter = BlockSplitter.Open(path, options.Encoding, blockChars);
        if (splitter is null)
        {
            return null;
        }
        var results = new List<BlockResult>();
        var failed = 0;
        try
        {
            Parallel.ForEach(Partitioner.Create(splitter.Blocks(options.Progress, size), EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                (block, state) =>
                {
                    var result = Volatile.Read(ref failed) == 0 ? ParseBlock(block, delimiter, names, types, options) : null;
                    ArrayPool<char>.Shared.Return(block.Chars);
                    if (result is null)
                    {
                        Volatile.Write(ref failed, 1);
                        state.Stop();
                        return;
                    }
                    lock (results)
                    {
                        results.Add(result);
                    }
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // An exception of the progress callback or of the file system, as the row-by-row reader would let it through.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        if (failed != 0 || splitter.Failed)
        {
            return null;
        }
        results.Sort((a, b) => a.Index.CompareTo(b.Index));
        var table = Join(results, names, types, options.Limits);
        if (table is not null)
        {
            options.Progress?.Invoke(size, size);
        }
        return table;
    }

    /// <summary>A trimmed, non-empty field is one of the missing tokens (as <see cref="CsvTableReader.IsMissing"/>).</summary>
    private static bool IsMissingToken(ReadOnlySpan<char> trimmed, string[] tokens)
    {
        for (var t = 0; t < tokens.Length; t++)
        {
            if (trimmed.SequenceEqual(tokens[t]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// One block's rows parsed into typed arrays, or null when a row needs the row-by-row reader. Compiled optimised at
    /// once: the CLI reads one file per process, and tier-0 code would run most of the read before tiering replaced it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static BlockResult? ParseBlock(Block block, char delimiter, string[] names, ColumnType[] types, CsvReadOptions options)
    {
        try
        {
            using var reader = CsvTableReader.SepOptions(delimiter).From(new CharsReader(block.Chars, block.Length));
            var result = new BlockResult(block.Index, block.Lines, types, block.Length / (3 * names.Length) + 16);
            var header = block.Index == 0;
            var limits = options.Limits;
            var tokens = options.MissingTokens.ToArray();
            var rows = 0;
            var offset = long.MinValue;
            var first = true;
            while (reader.MoveNext())
            {
                var row = reader.Current;
                // Sep numbers the first row of a text with the line after it (a row on line 1 of a block reads [2, 2));
                // the rows after it are numbered right. A block starts with a row, on its line 1.
                var line = first ? 1 : row.LineNumberFrom;
                first = false;
                if (header)
                {
                    header = false;
                    continue;
                }
                if (row.ColCount != names.Length)
                {
                    return null;
                }
                if (line - rows != offset)
                {
                    offset = line - rows;
                    result.LineStarts.Add((rows, line));
                }
                result.EnsureCapacity(rows + 1);
                for (var c = 0; c < types.Length; c++)
                {
                    var span = row[c].Span.Trim();
                    var missing = span.IsEmpty || IsMissingToken(span, tokens);
                    switch (types[c])
                    {
                        case ColumnType.Numeric:
                            if (missing)
                            {
                                result.Numbers[c]![rows] = double.NaN;
                            }
                            else if (ValueParsing.TryParseNumber(span, options.DecimalComma, out var number))
                            {
                                result.Numbers[c]![rows] = number;
                            }
                            else
                            {
                                return null;
                            }
                            break;
                        case ColumnType.Boolean:
                            if (missing)
                            {
                                result.Flags[c]![rows] = BooleanColumn.Missing;
                            }
                            else if (ValueParsing.TryParseBoolean(span, out var flag))
                            {
                                result.Flags[c]![rows] = flag ? (byte)1 : (byte)0;
                            }
                            else
                            {
                                return null;
                            }
                            break;
                        default:
                            if (missing)
                            {
                                result.Codes[c]![rows] = CategoricalColumn.Missing;
                                break;
                            }
                            var text = span;
                            if (text.Length > limits.MaxTextLength)
                            {
                                return null;
                            }
                            var levels = result.Levels[c]!;
                            if (!levels.TryFind(text, out var code))
                            {
                                code = levels.List.Count;
                                var level = text.ToString();
                                levels.Index.Add(level, code);
                                levels.List.Add(level);
                                if (levels.List.Count > limits.MaxLevels && !limits.ExemptFromLevelLimit.Contains(names[c]))
                                {
                                    return null;
                                }
                            }
                            result.Codes[c]![rows] = code;
                            break;
                    }
                }
                rows++;
            }
            result.Rows = rows;
            return result;
        }
#pragma warning disable CA1031 // any surprise (Sep's too-long row included) leaves the file to the row-by-row reader, which reports it
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>The blocks joined in file order into one table, or null when the row-by-row reader must say why not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Table? Join(List<BlockResult> blocks, string[] names, ColumnType[] types, InputLimits limits)
    {
        long total = 0;
        foreach (var block in blocks)
        {
            total += block.Rows;
        }
        if (total == 0 || total > limits.MaxRows || total > Array.MaxLength)
        {
            return null;
        }
        var n = (int)total;
        var columns = new Column[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            switch (types[c])
            {
                case ColumnType.Numeric:
                {
                    var values = new double[n];
                    var at = 0;
                    foreach (var block in blocks)
                    {
                        Array.Copy(block.Numbers[c]!, 0, values, at, block.Rows);
                        at += block.Rows;
                    }
                    columns[c] = new NumericColumn(names[c], values);
                    break;
                }
                case ColumnType.Boolean:
                {
                    var values = new byte[n];
                    var at = 0;
                    foreach (var block in blocks)
                    {
                        Array.Copy(block.Flags[c]!, 0, values, at, block.Rows);
                        at += block.Rows;
                    }
                    columns[c] = new BooleanColumn(names[c], values);
                    break;
                }
                default:
                {
                    if (JoinLevels(blocks, c, n, names[c], limits) is not { } categorical)
                    {
                        return null;
                    }
                    columns[c] = categorical;
                    break;
                }
            }
        }
        var lines = new FileLines.Builder();
        long rowBase = 0;
        long lineBase = 1;
        foreach (var block in blocks)
        {
            foreach (var (row, line) in block.LineStarts)
            {
                lines.Add(rowBase + row + 1, lineBase + line - 1);
            }
            rowBase += block.Rows;
            lineBase += block.Lines;
        }
        return new Table(columns) { Lines = lines.Build() };
    }

    /// <summary>
    /// One text column of every block joined: each block's levels renumbered in the order they first appear in the file
    /// (block by block, as the row-by-row reader numbers them); null past the level limit (the row reader then reads again).
    /// </summary>
    private static CategoricalColumn? JoinLevels(List<BlockResult> blocks, int c, int n, string name, InputLimits limits)
    {
        var codes = new int[n];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new List<string>();
        var at = 0;
        foreach (var block in blocks)
        {
            var local = block.Levels[c]!.List;
            var map = new int[local.Count];
            for (var l = 0; l < local.Count; l++)
            {
                if (!index.TryGetValue(local[l], out map[l]))
                {
                    map[l] = levels.Count;
                    index.Add(local[l], levels.Count);
                    levels.Add(local[l]);
                }
            }
            var blockCodes = block.Codes[c]!;
            for (var r = 0; r < block.Rows; r++)
            {
                var code = blockCodes[r];
                codes[at + r] = code == CategoricalColumn.Missing ? CategoricalColumn.Missing : map[code];
            }
            at += block.Rows;
        }
        if (levels.Count > limits.MaxLevels && !limits.ExemptFromLevelLimit.Contains(name))
        {
            return null;
        }
        return new CategoricalColumn(name, codes, [.. levels]);
    }

    /// <summary>A block of whole rows: its characters (pooled; the first <paramref name="Length"/>) and the lines it spans.</summary>
    private sealed record Block(int Index, char[] Chars, int Length, long Lines);

    private sealed class Levels
    {
        public Levels()
        {
            Lookup = Index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        /// <summary>The code of a level: among a few levels by comparing them in turn (cheaper than hashing), else by the index.</summary>
        public bool TryFind(ReadOnlySpan<char> text, out int code)
        {
            if (List.Count > 8)
            {
                return Lookup.TryGetValue(text, out code);
            }
            for (code = 0; code < List.Count; code++)
            {
                if (text.SequenceEqual(List[code]))
                {
                    return true;
                }
            }
            return false;
        }
        public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
        public List<string> List { get; } = [];
    }

    private sealed class BlockResult
    {
        private readonly ColumnType[] types;
        private int capacity;

        public BlockResult(int index, long lines, ColumnType[] types, int capacity)
        {
            (Index, Lines, this.types, this.capacity) = (index, lines, types, capacity);
            Numbers = new double[]?[types.Length];
            Flags = new byte[]?[types.Length];
            Codes = new int[]?[types.Length];
            Levels = new Levels?[types.Length];
            for (var c = 0; c < types.Length; c++)
            {
                switch (types[c])
                {
                    case ColumnType.Numeric: Numbers[c] = new double[capacity]; break;
                    case ColumnType.Boolean: Flags[c] = new byte[capacity]; break;
                    default: Codes[c] = new int[capacity]; Levels[c] = new Levels(); break;
                }
            }
        }

        public int Index { get; }
        public int Rows { get; set; }

        /// <summary>The line ends in the block, as Sep counts them: CRLF, CR or LF, inside quotes too.</summary>
        public long Lines { get; }

        /// <summary>The data rows (0-based in the block) where the offset from row to line changes, with their lines.</summary>
        public List<(int Row, int Line)> LineStarts { get; } = [];

        public double[]?[] Numbers { get; }
        public byte[]?[] Flags { get; }
        public int[]?[] Codes { get; }
        public Levels?[] Levels { get; }

        public void EnsureCapacity(int rows)
        {
            if (rows <= capacity)
            {
                return;
            }
            capacity = Math.Max(rows, capacity * 2);
            for (var c = 0; c < types.Length; c++)
            {
                if (Numbers[c] is { } numbers)
                {
                    Array.Resize(ref numbers, capacity);
                    Numbers[c] = numbers;
                }
                if (Flags[c] is { } flags)
                {
                    Array.Resize(ref flags, capacity);
                    Flags[c] = flags;
                }
                if (Codes[c] is { } codes)
                {
                    Array.Resize(ref codes, capacity);
                    Codes[c] = codes;
                }
            }
        }
    }

    /// <summary>A block's characters as the text reader Sep reads from.</summary>
    private sealed class CharsReader(char[] chars, int length) : TextReader
    {
        private int position;

        public override int Peek() => position < length ? chars[position] : -1;

        public override int Read() => position < length ? chars[position++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(buffer.Length, length - position);
            chars.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }
    }

    /// <summary>Decodes the file and cuts its text into blocks of whole rows (see <see cref="CsvBlockReader"/>).</summary>
    private sealed class BlockSplitter : IDisposable
    {
        private readonly FileStream stream;
        private readonly Decoder decoder;
        private readonly int blockChars;
        private readonly byte[] bytes;
        private char[] chars;
        private int length;
        private int scanned;
        private int rowsEnd;
        private bool inQuotes;
        private bool end;

        private BlockSplitter(FileStream stream, Decoder decoder, int blockChars)
        {
            (this.stream, this.decoder, this.blockChars) = (stream, decoder, blockChars);
            bytes = new byte[Math.Clamp(blockChars, 1, 1 << 20)];
            chars = ArrayPool<char>.Shared.Rent(2 * blockChars + bytes.Length + 16);
        }

        /// <summary>True when the text could not be cut (not valid UTF-8, a NUL, or a row longer than Sep holds).</summary>
        public bool Failed { get; private set; }

        /// <summary>
        /// The splitter for a file, decoding as the row-by-row reader's StreamReader does, or null for the encodings left
        /// to it: a byte order mark of UTF-16 or UTF-32 (StreamReader switches to that encoding), a declared encoding with
        /// a preamble. A UTF-8 byte order mark makes StreamReader decode with <see cref="Encoding.UTF8"/>, which replaces
        /// invalid bytes instead of refusing them; so does the splitter.
        /// </summary>
        public static BlockSplitter? Open(string path, Encoding? encoding, int blockChars)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            Span<byte> head = stackalloc byte[4];
            var n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            Decoder? decoder;
            var skip = 0;
            if (encoding is not null)
            {
                decoder = encoding.Preamble.Length == 0 ? encoding.GetDecoder() : null;
            }
            else if ((n >= 2 && ((head[0] == 0xFE && head[1] == 0xFF) || (head[0] == 0xFF && head[1] == 0xFE)))
                     || (n >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF))
            {
                decoder = null;
            }
            else if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
            {
                decoder = Encoding.UTF8.GetDecoder();
                skip = 3;
            }
            else
            {
                decoder = TextEncodings.StrictUtf8.GetDecoder();
            }
            if (decoder is null)
            {
                stream.Dispose();
                return null;
            }
            stream.Position = skip;
            return new BlockSplitter(stream, decoder, blockChars);
        }

        public IEnumerable<Block> Blocks(Action<long, long>? progress, long size)
        {
            var index = 0;
            while (Next(index) is { } block)
            {
                index++;
                progress?.Invoke(stream.Position, size);
                yield return block;
            }
        }

        private Block? Next(int index)
        {
            try
            {
                while (true)
                {
                    if (rowsEnd >= blockChars || (end && length > 0))
                    {
                        return Cut(index, end ? length : rowsEnd);
                    }
                    if (end)
                    {
                        return null;
                    }
                    if (length - rowsEnd > CsvTableReader.MaxRowCharacters)
                    {
                        Failed = true; // a row longer than Sep holds: the row-by-row reader says where it starts
                        return null;
                    }
                    ReadMore();
                    if (Failed)
                    {
                        return null;
                    }
                }
            }
            catch (DecoderFallbackException)
            {
                Failed = true; // not valid UTF-8: the row-by-row reader reports it, or an earlier problem first
                return null;
            }
        }

        private Block Cut(int index, int cut)
        {
            var text = chars.AsSpan(0, cut);
            long lines = text.Count('\n');
            if (text.Contains('\r'))
            {
                lines += text.Count('\r') - text.Count("\r\n");
            }
            var block = new Block(index, chars, cut, lines);
            var rest = length - cut;
            chars = ArrayPool<char>.Shared.Rent(Math.Max(2 * blockChars, rest) + bytes.Length + 16);
            block.Chars.AsSpan(cut, rest).CopyTo(chars);
            (length, scanned, rowsEnd) = (rest, scanned - cut, 0);
            return block;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ReadMore()
        {
            var read = stream.Read(bytes, 0, bytes.Length);
            end = read == 0;
            var room = decoder.GetCharCount(bytes, 0, read, flush: end);
            if (length + room > chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(2 * chars.Length, length + room));
                chars.AsSpan(0, length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(chars);
                chars = larger;
            }
            var decoded = decoder.GetChars(bytes.AsSpan(0, read), chars.AsSpan(length), flush: end);
            if (chars.AsSpan(length, decoded).Contains('\0'))
            {
                Failed = true; // a NUL anywhere: the row-by-row reader says in which field
                return;
            }
            length += decoded;
            var span = chars.AsSpan(0, length);
            var i = scanned;
            while (i < span.Length)
            {
                var next = inQuotes ? span[i..].IndexOf('"') : span[i..].IndexOfAny('"', '\n');
                if (next < 0)
                {
                    break;
                }
                i += next;
                if (span[i] == '"')
                {
                    inQuotes = !inQuotes;
                }
                else
                {
                    rowsEnd = i + 1;
                }
                i++;
            }
            scanned = length;
        }

        public void Dispose()
        {
            stream.Dispose();
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
