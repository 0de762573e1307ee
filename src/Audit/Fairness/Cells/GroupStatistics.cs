namespace Audit.Fairness.Cells;

/// <summary>
/// Counts and weight sums per (group cell × label × decision), for one protected attribute or the
/// intersection of several: the one source every fairness number is computed from (ARCHITECTURE.md, "Fairness").
/// Additive: statistics of two chunks of rows <see cref="Merge"/> into the statistics of both.
/// </summary>
public sealed class GroupStatistics
{
    private const int Slots = 6; // label (0, 1, unknown) × decision (0, 1)

    private readonly long[] counts;
    private readonly double[] weights;
    private readonly CellLayout layout;

    private GroupStatistics(IReadOnlyList<string> attributes, IReadOnlyList<string[]> levels, long[] counts, double[] weights)
    {
        layout = new CellLayout(attributes, levels);
        this.counts = counts;
        this.weights = weights;
    }

    /// <summary>The attributes crossed (one for a single attribute).</summary>
    public IReadOnlyList<string> Attributes => layout.Attributes;

    /// <summary>The group labels of each attribute, in output order.</summary>
    public IReadOnlyList<string[]> Levels => layout.Levels;

    /// <summary>Number of cells: the product of the attributes' level counts.</summary>
    public int CellCount => layout.CellCount;

    /// <summary>How the cells are numbered.</summary>
    public CellLayout Layout => layout;

    /// <summary>
    /// One pass over the rows. <paramref name="labels"/> holds 0, 1 or 255 (unknown) per row, or is empty when
    /// there is no label column; <paramref name="weights"/> is empty when rows are unweighted (weight 1).
    /// </summary>
    public static GroupStatistics Accumulate(IReadOnlyList<GroupAssignment> groups, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights) =>
        AccumulateRows(groups, 0, decisions, labels, weights);

    /// <summary>As <see cref="Accumulate"/> for rows starting at <paramref name="firstRow"/> of the groups' codes (the spans hold that chunk's rows).</summary>
    /// <remarks>
    /// Rows go in blocks: first every row's cell, attribute by attribute over contiguous codes (vectorised), then one
    /// scatter of the counts. Weight sums are added row by row in row order, as before; without weights each sum is its
    /// count (n additions of 1.0 are exactly n), so only the counts are scattered.
    /// </remarks>
    private static GroupStatistics AccumulateRows(IReadOnlyList<GroupAssignment> groups, int firstRow, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(groups.Count);
        var levels = groups.Select(g => g.Levels).ToArray();
        var cells = levels.Aggregate(1, (a, l) => checked(a * l.Length));
        var counts = new long[cells * Slots];
        var sums = new double[cells * Slots];
        var codes = groups.Select(g => g.Codes).ToArray();
        var n = decisions.Length;
        Span<int> block = stackalloc int[BlockRows];
        for (var start = 0; start < n; start += BlockRows)
        {
            var length = Math.Min(BlockRows, n - start);
            var cell = block[..length];
            CellsOf(codes, levels, firstRow + start, cell);
            var decision = decisions.Slice(start, length);
            if (labels.IsEmpty && weights.IsEmpty)
            {
                for (var i = 0; i < cell.Length; i++)
                {
                    counts[cell[i] * Slots + UnknownLabelOffset + decision[i]]++;
                }
            }
            else if (weights.IsEmpty)
            {
                var label = labels.Slice(start, length);
                for (var i = 0; i < cell.Length; i++)
                {
                    counts[cell[i] * Slots + LabelOffset[label[i]] + decision[i]]++;
                }
            }
            else
            {
                var label = labels.IsEmpty ? default : labels.Slice(start, length);
                var weight = weights.Slice(start, length);
                for (var i = 0; i < cell.Length; i++)
                {
                    var slot = cell[i] * Slots + (label.IsEmpty ? UnknownLabelOffset : LabelOffset[label[i]]) + decision[i];
                    counts[slot]++;
                    sums[slot] += weight[i];
                }
            }
        }
        if (weights.IsEmpty)
        {
            for (var s = 0; s < sums.Length; s++)
            {
                sums[s] = counts[s];
            }
        }
        return new GroupStatistics(groups.Select(g => g.Attribute).ToArray(), levels, counts, sums);
    }

    /// <summary>Rows whose cells <see cref="AccumulateRows"/> computes together: 8 KiB of cell indices, which stay in the L1 cache.</summary>
    private const int BlockRows = 2048;

    /// <summary>Offset of the label within a cell's slots, per label byte: 0 and 1 as they are, anything above 1 unknown.</summary>
    private static readonly byte[] LabelOffset = [.. Enumerable.Range(0, 256).Select(v => (byte)((v > 1 ? ConfusionCounts.UnknownLabel : v) * 2))];

    private const int UnknownLabelOffset = ConfusionCounts.UnknownLabel * 2;

    /// <summary>The cell of rows <paramref name="firstRow"/>.. : cell = ((code0 × levels1 + code1) × levels2 + code2) …, one attribute at a time.</summary>
    private static void CellsOf(int[][] codes, string[][] levels, int firstRow, Span<int> cell)
    {
        codes[0].AsSpan(firstRow, cell.Length).CopyTo(cell);
        for (var a = 1; a < codes.Length; a++)
        {
            var radix = levels[a].Length;
            ReadOnlySpan<int> code = codes[a].AsSpan(firstRow, cell.Length);
            var i = 0;
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                var width = System.Numerics.Vector<int>.Count;
                for (; i <= cell.Length - width; i += width)
                {
                    (new System.Numerics.Vector<int>(cell[i..]) * radix + new System.Numerics.Vector<int>(code[i..])).CopyTo(cell[i..]);
                }
            }
            for (; i < cell.Length; i++)
            {
                cell[i] = cell[i] * radix + code[i];
            }
        }
    }

    /// <summary>Rows per chunk of <see cref="AccumulateChunked"/>: fixed, so that results do not depend on the number of threads.</summary>
    public const int ChunkRows = 1 << 20;

    /// <summary>Rows per chunk of <see cref="AccumulateChunked"/> for unweighted rows, whose sums are counts.</summary>
    private const int UnweightedChunkRows = 1 << 17;

    /// <summary>
    /// Accumulate over fixed-size chunks of rows in parallel, merged in chunk order. Chunk boundaries
    /// depend only on the row count, and the merge order is fixed, so the weight sums are bit-identical whatever
    /// the number of threads.
    /// </summary>
    public static GroupStatistics AccumulateChunked(IReadOnlyList<GroupAssignment> groups, ReadOnlyMemory<byte> decisions, ReadOnlyMemory<byte> labels, ReadOnlyMemory<double> weights, int chunkRows = ChunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var n = decisions.Length;
        var threads = Environment.ProcessorCount;
        if (weights.IsEmpty && chunkRows == ChunkRows && n < (long)ChunkRows * threads)
        {
            // Unweighted, every sum is its count (whole numbers, added exactly in any grouping): one chunk per core
            // changes no bit and lets a million rows use every core (issue 21). Weighted sums keep the fixed chunks
            // they were added in.
            chunkRows = Math.Max(UnweightedChunkRows, (n + threads - 1) / threads);
        }
        var chunks = Math.Max(1, (n + chunkRows - 1) / chunkRows);
        if (chunks == 1)
        {
            return Accumulate(groups, decisions.Span, labels.Span, weights.Span);
        }
        var parts = new GroupStatistics[chunks];
        Parallel.For(0, chunks, c =>
        {
            var start = c * chunkRows;
            var length = Math.Min(chunkRows, n - start);
            parts[c] = AccumulateRows(groups, start, decisions.Span.Slice(start, length),
                labels.IsEmpty ? [] : labels.Span.Slice(start, length),
                weights.IsEmpty ? [] : weights.Span.Slice(start, length));
        });
        var total = parts[0];
        for (var c = 1; c < chunks; c++)
        {
            total = total.Merge(parts[c]);
        }
        return total;
    }

    /// <summary>
    /// The statistics of a subset of the attributes (given by position, in increasing order), summing over the
    /// others: the statistics of one attribute, or of an intersection, from those of a finer crossing.
    /// Cells are visited in a fixed order, so the sums are deterministic.
    /// </summary>
    public GroupStatistics Marginal(IReadOnlyList<int> keep)
    {
        for (var i = 0; i < keep.Count; i++)
        {
            if (keep[i] < 0 || keep[i] >= Attributes.Count || (i > 0 && keep[i] <= keep[i - 1]))
            {
                throw new ArgumentException("Attribute positions must be valid and increasing.", nameof(keep));
            }
        }
        var levels = keep.Select(a => Levels[a]).ToArray();
        var cells = levels.Aggregate(1, (a, l) => a * l.Length);
        var c = new long[cells * Slots];
        var w = new double[cells * Slots];
        var digits = new int[Attributes.Count];
        for (var cell = 0; cell < CellCount; cell++)
        {
            layout.Digits(cell, digits);
            var target = 0;
            foreach (var a in keep)
            {
                target = target * layout.Radix(a) + digits[a];
            }
            for (var s = 0; s < Slots; s++)
            {
                c[target * Slots + s] += counts[cell * Slots + s];
                w[target * Slots + s] += weights[cell * Slots + s];
            }
        }
        return new GroupStatistics(keep.Select(a => Attributes[a]).ToArray(), levels, c, w);
    }

    /// <summary>
    /// Statistics from raw cell arrays laid out as <see cref="RawCounts"/> describes (the arrays are copied). For
    /// statistics built elsewhere: bootstrap replicates, or aggregates computed by a database.
    /// </summary>
    /// <exception cref="ArgumentException">No attribute, attributes and levels of different lengths, an attribute
    /// without levels, arrays whose length is not 6 × the number of cells, or a negative count.</exception>
    public static GroupStatistics FromCells(IReadOnlyList<string> attributes, IReadOnlyList<string[]> levels, long[] counts, double[] weights)
    {
        if (attributes.Count == 0 || attributes.Count != levels.Count)
        {
            throw new ArgumentException($"Need one list of levels per attribute and at least one attribute; got {attributes.Count} attributes and {levels.Count} lists of levels.", nameof(levels));
        }
        if (levels.Any(l => l.Length == 0))
        {
            throw new ArgumentException("Every attribute needs at least one level.", nameof(levels));
        }
        var cells = levels.Aggregate(1, (a, l) => checked(a * l.Length));
        if (counts.Length != cells * Slots || weights.Length != cells * Slots)
        {
            throw new ArgumentException($"{cells} cells need {cells * Slots} counts and weights (cell × 6 + label × 2 + decision); got {counts.Length} counts and {weights.Length} weights.", nameof(counts));
        }
        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException("Counts cannot be negative.", nameof(counts));
        }
        return new GroupStatistics(attributes.ToArray(), levels.ToArray(), (long[])counts.Clone(), (double[])weights.Clone());
    }

    /// <summary>
    /// Row counts per slot: slot <c>cell × 6 + label × 2 + decision</c>, with label 0, 1 or 2 (=
    /// <see cref="ConfusionCounts.UnknownLabel"/>) and decision 0 (not flagged) or 1 (flagged); cells are numbered
    /// with the last attribute varying fastest (see <see cref="CellLabels"/>). Length 6 × <see cref="CellCount"/>.
    /// </summary>
    public ReadOnlySpan<long> RawCounts => counts;

    /// <summary>Weight sums per slot, in the layout of <see cref="RawCounts"/> (equal to the counts when rows are unweighted).</summary>
    public ReadOnlySpan<double> RawWeights => weights;

    /// <summary>The statistics of the rows of both (same attributes and levels). Merging in a fixed order gives identical sums.</summary>
    public GroupStatistics Merge(GroupStatistics other)
    {
        if (!layout.SameAs(other.layout))
        {
            throw new ArgumentException("Group statistics over different groups cannot be merged.", nameof(other));
        }
        var c = new long[counts.Length];
        var w = new double[weights.Length];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = counts[i] + other.counts[i];
            w[i] = weights[i] + other.weights[i];
        }
        return new GroupStatistics(Attributes, Levels, c, w);
    }

    /// <summary>The counts of one cell.</summary>
    public ConfusionCounts Cell(int cell) =>
        new(counts.AsSpan(cell * Slots, Slots).ToArray(), weights.AsSpan(cell * Slots, Slots).ToArray());

    /// <summary>The counts of all rows together.</summary>
    public ConfusionCounts Overall()
    {
        var c = new long[Slots];
        var w = new double[Slots];
        for (var cell = 0; cell < CellCount; cell++)
        {
            for (var s = 0; s < Slots; s++)
            {
                c[s] += counts[cell * Slots + s];
                w[s] += weights[cell * Slots + s];
            }
        }
        return new ConfusionCounts(c, w);
    }

    /// <summary>The group label of each attribute for a cell.</summary>
    public string[] CellLabels(int cell) => layout.CellLabels(cell);

    /// <summary>
    /// The cells a report lists, in cell order: every cell with rows, and every empty crossing of levels that occur (a
    /// level occurs when some cell holding it has rows). Listing small cells (suppressed) but not empty ones told a
    /// reader what every member of a hidden group shares: a 3-person group's only listed age band is theirs (issue 16,
    /// class 2). Listed empty cells are hidden and protected exactly like small ones.
    /// </summary>
    public IEnumerable<int> ListedCells()
    {
        var occurring = new HashSet<(int Attribute, string Level)>();
        for (var c = 0; c < CellCount; c++)
        {
            if (Cell(c).Count() > 0)
            {
                var labels = CellLabels(c);
                for (var a = 0; a < labels.Length; a++)
                {
                    occurring.Add((a, labels[a]));
                }
            }
        }
        for (var c = 0; c < CellCount; c++)
        {
            if (Cell(c).Count() > 0 || CellLabels(c).Select((level, a) => (a, level)).All(occurring.Contains))
            {
                yield return c;
            }
        }
    }
}
