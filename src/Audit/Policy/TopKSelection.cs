namespace Audit.Policy;

/// <summary>
/// The k most adverse rows without sorting every row: an exact O(n) selection of the k-th key by radix refinement,
/// then the rows below it, and the rows equal to it in row order until k are taken. The result is the first k rows
/// of the stable order (key, row), as a full sort would give (docs/national-scale.md, "Top-k and budget cut-off").
/// </summary>
/// <remarks>
/// Each oriented key (the score, negated when high scores are adverse) is mapped to an unsigned integer with the
/// same order (IEEE 754 bits, sign flipped; −0 read as +0 since the two compare equal). A histogram of the top 16
/// bits over all rows finds the bucket that holds the k-th key; only that bucket's keys are copied, and refined by
/// the next 16 bits, and so on, until one key value remains or few enough keys to sort. Two passes over the rows
/// (histogram, copy of one bucket) and two more to flag: about 4 n steps, against n log n comparisons and a
/// 12-byte-per-row copy for a sort.
/// </remarks>
internal static class TopKSelection
{
    private const int Bits = 16;
    private const int Buckets = 1 << Bits;

    /// <summary>Few enough candidate keys to sort directly.</summary>
    private const int SortBelow = 4096;

    /// <summary>The flags of the k rows with the smallest oriented keys, ties by row order, and the last row flagged (the one at the cut-off); null when a score is NaN (the caller sorts instead).</summary>
    public static (byte[] Flags, int LastRow)? Select(ReadOnlySpan<double> scores, bool negate, int k)
    {
        if (k <= 0 || k > scores.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }
        return KthSmallestKey(scores, negate, k) is { } threshold ? FlagUpTo(scores, negate, k, threshold) : null;
    }

    /// <summary>The k-th smallest ordered key, or null when a score is NaN: a radix select on the keys' top 16 bits.</summary>
    private static ulong? KthSmallestKey(ReadOnlySpan<double> scores, bool negate, int k)
    {
        var n = scores.Length;
        var counts = new int[Buckets];
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                return null;
            }
            counts[Ordered(scores[i], negate) >> (64 - Bits)]++;
        }
        var (bucket, need) = Locate(counts, k);
        var candidates = new ulong[counts[bucket]];
        var c = 0;
        for (var i = 0; i < n; i++)
        {
            var u = Ordered(scores[i], negate);
            if (u >> (64 - Bits) == (ulong)bucket)
            {
                candidates[c++] = u;
            }
        }
        return KthOfCandidates(candidates, counts, need);
    }

    /// <summary>
    /// The <paramref name="need"/>-th smallest of the keys left in the bucket: refine by the next 16 bits until the
    /// bucket holds one key value (shift 0) or few keys, and sort those few.
    /// </summary>
    private static ulong KthOfCandidates(ulong[] candidates, int[] counts, int need)
    {
        for (var shift = 64 - 2 * Bits; shift >= 0; shift -= Bits)
        {
            if (candidates.Length <= SortBelow)
            {
                break;
            }
            Array.Clear(counts);
            foreach (var u in candidates)
            {
                counts[(int)((u >> shift) & (Buckets - 1))]++;
            }
            int bucket;
            (bucket, need) = Locate(counts, need);
            var next = new ulong[counts[bucket]];
            var c = 0;
            foreach (var u in candidates)
            {
                if ((int)((u >> shift) & (Buckets - 1)) == bucket)
                {
                    next[c++] = u;
                }
            }
            candidates = next;
            if (shift == 0)
            {
                return candidates[0];
            }
        }
        Array.Sort(candidates);
        return candidates[need - 1];
    }

    /// <summary>Flags every key below the threshold, then the first rows (in data order) at the threshold until k are flagged.</summary>
    private static (byte[] Flags, int LastRow) FlagUpTo(ReadOnlySpan<double> scores, bool negate, int k, ulong threshold)
    {
        var n = scores.Length;
        var flags = new byte[n];
        var below = 0;
        for (var i = 0; i < n; i++)
        {
            if (Ordered(scores[i], negate) < threshold)
            {
                flags[i] = 1;
                below++;
            }
        }
        var remaining = k - below;
        var last = -1;
        for (var i = 0; i < n && remaining > 0; i++)
        {
            if (Ordered(scores[i], negate) == threshold)
            {
                flags[i] = 1;
                remaining--;
                last = i;
            }
        }
        return (flags, last);
    }

    /// <summary>The bucket holding the <paramref name="rank"/>-th smallest key (1-based), and its rank inside the bucket.</summary>
    private static (int Bucket, int Rank) Locate(int[] counts, int rank)
    {
        var below = 0;
        for (var b = 0; b < counts.Length; b++)
        {
            if (below + counts[b] >= rank)
            {
                return (b, rank - below);
            }
            below += counts[b];
        }
        throw new InvalidOperationException("The rank exceeds the number of keys.");
    }

    /// <summary>An unsigned integer with the order of the oriented key (−0 as +0).</summary>
    internal static ulong Ordered(double score, bool negate)
    {
        var key = negate ? -score : score;
        if (key == 0)
        {
            key = 0;
        }
        var bits = (ulong)BitConverter.DoubleToInt64Bits(key);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }
}
