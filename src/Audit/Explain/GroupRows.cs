using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Audit.Explain;

/// <summary>
/// One group's people for <see cref="DisparityDecomposition"/>: one dense row per person, in the group's order,
/// <c>w·φ_1 … w·φ_F, w·output, w</c>, padded with zeros to a whole number of 256-bit vectors, so that the bootstrap's
/// random picks read one contiguous row each and add it with vector instructions.
/// </summary>
/// <remarks>
/// The sums are bit-for-bit those of adding the rows column by column in the order of the picks: a vector addition
/// adds each lane on its own, with the same IEEE rounding as a scalar addition, and every column is still summed
/// from 0 in pick order. Only the padding lanes are extra, and they are never read back.
/// </remarks>
internal sealed class GroupRows
{
    /// <summary>Columns summed per pass over the picks: four vectors, kept in registers.</summary>
    private const int PassColumns = 4 * 4;

    private readonly double[] dense;
    private readonly int stride;
    private readonly int width;

    /// <param name="set">The attributions (row i of the set is table row <c>rows[i]</c>).</param>
    /// <param name="rows">The table rows explained.</param>
    /// <param name="people">The group's people, as indices into the set.</param>
    /// <param name="weights">Row weights of the table, or empty.</param>
    public GroupRows(AttributionSet set, IReadOnlyList<int> rows, IReadOnlyList<int> people, ReadOnlySpan<double> weights)
    {
        var f = set.Features.Count;
        width = f + 1;
        stride = (width + 1 + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
        Count = people.Count;
        dense = new double[Count * stride];
        for (var k = 0; k < Count; k++)
        {
            var i = people[k];
            var w = weights.IsEmpty ? 1 : weights[rows[i]];
            var o = k * stride;
            for (var j = 0; j < f; j++)
            {
                dense[o + j] = w * set.Contribution(i, j);
            }
            dense[o + f] = w * set.Value(i);
            dense[o + width] = w;
        }
    }

    /// <summary>People in the group.</summary>
    public int Count { get; }

    /// <summary>
    /// Weighted means of the attributions and output (<c>F + 1</c> numbers) over the group, or over a resample of it
    /// with replacement when <paramref name="random"/> is given: <c>Count</c> picks of <c>random.Next(Count)</c>, in
    /// order, written to <paramref name="picks"/> (at least <c>Count</c> long) before the rows are added.
    /// </summary>
    public double[] Means(CompatibleRandom? random, int[]? picks)
    {
        Span<int> chosen = default;
        if (random is not null)
        {
            chosen = picks.AsSpan(0, Count);
            random.Fill(chosen, Count);
        }
        var sums = new double[stride];
        for (var first = 0; first < stride; first += PassColumns)
        {
            SumColumns(random is null ? default : chosen, first, Math.Min(PassColumns, stride - first), sums);
        }
        var means = new double[width];
        for (var j = 0; j < width; j++)
        {
            means[j] = sums[j] / sums[width];
        }
        return means;
    }

    /// <summary>Sums columns [first, first + columns) of the chosen rows (every row, in order, when none are chosen), in order.</summary>
    private void SumColumns(ReadOnlySpan<int> chosen, int first, int columns, Span<double> sums)
    {
        ref var origin = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dense), first);
        var all = chosen.IsEmpty;
        var n = all ? Count : chosen.Length;
        Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
        var vectors = columns / Vector256<double>.Count;
        for (var k = 0; k < n; k++)
        {
            var row = all ? k : chosen[k];
            if ((uint)row >= (uint)Count)
            {
                throw new InvalidOperationException("A pick lies outside the group.");
            }
            ref var at = ref Unsafe.Add(ref origin, (nint)row * stride);
            a0 += Vector256.LoadUnsafe(ref at);
            if (vectors > 1)
            {
                a1 += Vector256.LoadUnsafe(ref at, 4);
                if (vectors > 2)
                {
                    a2 += Vector256.LoadUnsafe(ref at, 8);
                    if (vectors > 3)
                    {
                        a3 += Vector256.LoadUnsafe(ref at, 12);
                    }
                }
            }
        }
        a0.CopyTo(sums[first..]);
        if (vectors > 1)
        {
            a1.CopyTo(sums[(first + 4)..]);
        }
        if (vectors > 2)
        {
            a2.CopyTo(sums[(first + 8)..]);
        }
        if (vectors > 3)
        {
            a3.CopyTo(sums[(first + 12)..]);
        }
    }
}
