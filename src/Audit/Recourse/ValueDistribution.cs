namespace Audit.Recourse;

/// <summary>
/// The known (not missing) values of one input over the population, in ascending order, held as its distinct values
/// with how many values lie at or below each: the same order statistics, ranks and empirical distribution function as
/// the sorted column, in the room of its distinct values. A national population repeats few values (incomes in whole
/// euros, rent burdens to a tenth of a point, booleans, level codes), so the distinct values are counted in one pass
/// instead of sorting 13.8 M numbers per input (issue 21: sorting was a quarter of the recourse stage).
/// </summary>
/// <remarks>
/// Counting is used when every value is a whole number of 1/10^d (d = 0 to <see cref="MaxDecimals"/>) that division
/// gives back bit for bit, over a span of at most <see cref="MaxCountedSpan"/> steps; otherwise the values are sorted
/// (Array.Sort, as before) and runs of bit-identical values merged. Either way <see cref="this[int]"/> returns the
/// value the sorted column holds at that index.
/// </remarks>
internal sealed class ValueDistribution
{
    /// <summary>Decimals tried for counting: whole numbers, tenths, … up to ten-thousandths.</summary>
    public const int MaxDecimals = 4;

    /// <summary>At most this many steps between the smallest and largest value for counting (16 MiB of counts).</summary>
    public const int MaxCountedSpan = 1 << 22;

    private static readonly ValueDistribution Empty = new([], []);

    private readonly double[] distinct;
    private readonly int[] atOrBelow;

    private ValueDistribution(double[] distinct, int[] atOrBelow)
    {
        this.distinct = distinct;
        this.atOrBelow = atOrBelow;
        Count = atOrBelow.Length == 0 ? 0 : atOrBelow[^1];
    }

    /// <summary>How many values are known (the sorted column's length).</summary>
    public int Count { get; }

    /// <summary>The distinct values, ascending.</summary>
    public ReadOnlySpan<double> Distinct => distinct;

    /// <summary>How many values equal the <paramref name="j"/>-th distinct value.</summary>
    public int Multiplicity(int j) => atOrBelow[j] - (j == 0 ? 0 : atOrBelow[j - 1]);

    /// <summary>The value at index <paramref name="index"/> of the sorted column (0: the smallest).</summary>
    public double this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            // The first distinct value with more than `index` values at or below it.
            int lo = 0, hi = atOrBelow.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (atOrBelow[mid] > index)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }
            return distinct[lo];
        }
    }

    /// <summary>The number of values at or below <paramref name="value"/> (0 for NaN, as a binary search of the sorted column gives).</summary>
    public int CountAtOrBelow(double value)
    {
        int lo = 0, hi = distinct.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (distinct[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : atOrBelow[lo - 1];
    }

    /// <summary>The number of values below <paramref name="value"/> (0 for NaN).</summary>
    public int CountBelow(double value)
    {
        int lo = 0, hi = distinct.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (distinct[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo == 0 ? 0 : atOrBelow[lo - 1];
    }

    /// <summary>The distribution of the values that are not NaN; <paramref name="values"/> may be reordered (it is the caller's copy).</summary>
    public static ValueDistribution Of(double[] values) => Counted(values) ?? Sorted(values);

    /// <summary>The distribution by counting, when the values are whole numbers of tenths, hundredths … (see the remarks); null otherwise.</summary>
    public static ValueDistribution? Counted(ReadOnlySpan<double> values)
    {
        for (var decimals = 0; decimals <= MaxDecimals; decimals++)
        {
            var scale = Math.Pow(10, decimals);
            if (Counted(values, scale) is { } counted)
            {
                return counted;
            }
        }
        return null;
    }

    private static ValueDistribution? Counted(ReadOnlySpan<double> values, double scale)
    {
        if (scale == 1)
        {
            return CountedWhole(values);
        }
        // Pass 1: every value is k / scale exactly (k whole), and the span of k is small enough to count.
        long min = long.MaxValue, max = long.MinValue;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            var k = Math.Round(v * scale);
            if (!(Math.Abs(k) < 1e15))
            {
                return null;
            }
            // Bit for bit, as the distinct value will be rebuilt: −0 (equal to 0 but another value) is not counted as 0.
            var whole = (long)k;
            if (BitConverter.DoubleToInt64Bits(whole / scale) != BitConverter.DoubleToInt64Bits(v))
            {
                return null;
            }
            min = Math.Min(min, whole);
            max = Math.Max(max, whole);
            if (max - min >= MaxCountedSpan)
            {
                return null;
            }
        }
        if (min > max)
        {
            return Empty;
        }
        // Pass 2: count; the distinct values are k / scale for every k counted, ascending in k.
        var counts = new int[max - min + 1];
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                counts[(long)Math.Round(v * scale) - min]++;
            }
        }
        return FromCounts(counts, min, scale);
    }

    /// <summary>
    /// <see cref="Counted(ReadOnlySpan{double}, double)"/> for whole numbers, without the multiplication and division:
    /// k / 1 is k, so the test is that a value is whole, finite within ±10^15 and not −0.
    /// </summary>
    private static ValueDistribution? CountedWhole(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            if (v != Math.Floor(v) || !(Math.Abs(v) < 1e15) || (v == 0 && double.IsNegative(v)))
            {
                return null;
            }
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            if (max - min >= MaxCountedSpan)
            {
                return null;
            }
        }
        if (min > max)
        {
            return Empty;
        }
        var counts = new int[(long)max - (long)min + 1];
        var origin = (long)min;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                counts[(long)v - origin]++;
            }
        }
        return FromCounts(counts, origin, 1);
    }

    /// <summary>The distribution of a boolean column's bytes (0, 1; <see cref="Data.BooleanColumn.Missing"/> is missing), as its values read as numbers.</summary>
    public static ValueDistribution OfBytes(ReadOnlySpan<byte> values, byte missing)
    {
        var counts = new int[256];
        foreach (var b in values)
        {
            counts[b]++;
        }
        counts[missing] = 0;
        return FromCounts(counts, 0, 1);
    }

    /// <summary>The distribution of level codes (<paramref name="missing"/> is missing), as the codes read as numbers.</summary>
    public static ValueDistribution OfCodes(ReadOnlySpan<int> codes, int missing)
    {
        var (min, max) = (int.MaxValue, int.MinValue);
        foreach (var c in codes)
        {
            if (c != missing)
            {
                (min, max) = (Math.Min(min, c), Math.Max(max, c));
            }
        }
        if (min > max)
        {
            return Empty;
        }
        var counts = new int[(long)max - min + 1];
        foreach (var c in codes)
        {
            if (c != missing)
            {
                counts[c - min]++;
            }
        }
        return FromCounts(counts, min, 1);
    }

    /// <summary>The distinct values (origin + k) / scale for every k counted, ascending.</summary>
    private static ValueDistribution FromCounts(int[] counts, long origin, double scale)
    {
        var occurring = 0;
        foreach (var c in counts)
        {
            occurring += c > 0 ? 1 : 0;
        }
        var distinct = new double[occurring];
        var atOrBelow = new int[occurring];
        var (j, total) = (0, 0);
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] > 0)
            {
                total += counts[k];
                distinct[j] = (origin + k) / scale;
                atOrBelow[j++] = total;
            }
        }
        return new ValueDistribution(distinct, atOrBelow);
    }

    /// <summary>The most common value, ties to the smallest; NaN when there is none.</summary>
    public double Mode()
    {
        var mode = double.NaN;
        var modeCount = 0;
        for (var j = 0; j < distinct.Length; j++)
        {
            // Ascending, so a tie keeps the smaller value.
            if (Multiplicity(j) > modeCount)
            {
                (mode, modeCount) = (distinct[j], Multiplicity(j));
            }
        }
        return mode;
    }

    /// <summary>The distribution by sorting (any values): runs of bit-identical values in the sorted column become one distinct value.</summary>
    public static ValueDistribution Sorted(double[] values)
    {
        var sorted = ActionabilityModel.SortedWithoutMissing(values);
        var distinct = new List<double>();
        var atOrBelow = new List<int>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || BitConverter.DoubleToInt64Bits(sorted[i]) != BitConverter.DoubleToInt64Bits(sorted[i - 1]))
            {
                distinct.Add(sorted[i]);
                atOrBelow.Add(0);
            }
            atOrBelow[^1] = i + 1;
        }
        return new ValueDistribution([.. distinct], [.. atOrBelow]);
    }
}
