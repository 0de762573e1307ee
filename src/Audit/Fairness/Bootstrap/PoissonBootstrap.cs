using Audit.Fairness.Cells;

namespace Audit.Fairness.Bootstrap;

/// <summary>
/// The row-level Poisson bootstrap, for sampling (survey) weights, which slot counts cannot resample: in replicate b
/// every row enters m ~ Poisson(1) times, so the replicate's statistics add the row's weight × m and its count × m.
/// Poisson(1) multipliers approximate the multinomial row bootstrap (each row's multiplicity there is
/// Binomial(N, 1/N) → Poisson(1)) and need no knowledge of N, so the replicates stream and merge like the statistics
/// themselves (Hanley and MacGibbon 2006, "Creating non-parametric bootstrap samples using Poisson frequencies",
/// Computer Methods and Programs in Biomedicine 83(1); Chamandy, Muralidharan, Najmi and Naidu 2012, "Estimating
/// uncertainty for massive data streams", Google technical report).
/// </summary>
/// <remarks>
/// The multiplier of row i in replicate b is a function of (seed, i, b) only: the SplitMix64 stream (Steele, Lea and
/// Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA) seeded with a hash of (seed, i) gives, as its
/// (b + 1)-th output, a 53-bit uniform that is inverted through the Poisson(1) distribution function. So chunks of
/// rows processed in any order, on any thread or machine, give the same replicates once merged (<see cref="Merge"/>):
/// counts exactly, weight sums exactly when the weights are whole numbers and otherwise up to the rounding of adding
/// in another order, as for <see cref="GroupStatistics.Merge"/>. It does not resample sampling strata or clusters: a
/// design-based bootstrap (e.g. Rao and Wu 1988) would need the design, which the plan does not carry yet.
/// Cost: O(rows × replicates) for the multipliers, the price of weights that travel with rows.
/// </remarks>
public static class PoissonBootstrap
{
    private const int SlotsPerCell = 6;

    /// <summary>SplitMix64's increment, 2^64 / φ.</summary>
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>2^-53: maps the top 53 bits of a 64-bit word to a double in [0, 1).</summary>
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>
    /// P(M ≤ k) for M ~ Poisson(1), k = 0, 1, …, 17: the table ends where 1 − P(M ≤ k) falls to the resolution 2^-53
    /// of the uniforms (P(M ≥ 18) ≈ 6e-17), with a last entry of 1.
    /// </summary>
    private static readonly double[] PoissonOneCdf = BuildPoissonOneCdf();

    /// <summary>
    /// Replicates of the statistics of these rows: one <see cref="GroupStatistics"/> per replicate, over the same
    /// groups as <see cref="GroupStatistics.Accumulate"/> (same arguments: labels 0, 1 or 255 = unknown, or empty;
    /// weights empty when rows are unweighted).
    /// </summary>
    /// <param name="firstRowIndex">The index, in the whole data, of the first row given here: chunks must pass their
    /// offset so that a row gets the same multipliers whichever chunk holds it.</param>
    public static GroupStatistics[] Accumulate(IReadOnlyList<GroupAssignment> groups, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, int replicates, int seed, long firstRowIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfZero(groups.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRowIndex);
        var n = decisions.Length;
        if (!labels.IsEmpty && labels.Length != n || !weights.IsEmpty && weights.Length != n || groups.Any(g => g.Codes.Length != n))
        {
            throw new ArgumentException("Decisions, labels, weights and group codes must have one entry per row (labels and weights may be empty).");
        }
        var levels = groups.Select(g => g.Levels).ToArray();
        var cells = levels.Aggregate(1, (a, l) => checked(a * l.Length));
        var slots = cells * SlotsPerCell;

        // Slot-major accumulators: a row adds to `replicates` adjacent entries, one per replicate.
        var counts = new long[checked(slots * replicates)];
        var sums = new double[counts.Length];
        var seedKey = Mix((ulong)(uint)seed);
        for (var i = 0; i < n; i++)
        {
            var cell = 0;
            for (var a = 0; a < groups.Count; a++)
            {
                cell = cell * levels[a].Length + groups[a].Codes[i];
            }
            var label = labels.IsEmpty || labels[i] > 1 ? ConfusionCounts.UnknownLabel : labels[i];
            var offset = (cell * SlotsPerCell + label * 2 + decisions[i]) * replicates;
            var weight = weights.IsEmpty ? 1.0 : weights[i];
            var state = Mix(seedKey + (ulong)(firstRowIndex + i) * GoldenGamma);
            for (var b = 0; b < replicates; b++)
            {
                state += GoldenGamma;
                // No test for m = 0 (37 % of draws): an unpredictable branch costs more than adding 0.
                var m = PoissonOne(Mix(state));
                counts[offset + b] += m;
                sums[offset + b] += weight * m;
            }
        }

        var attributes = groups.Select(g => g.Attribute).ToArray();
        var result = new GroupStatistics[replicates];
        var replicateCounts = new long[slots];
        var replicateSums = new double[slots];
        for (var b = 0; b < replicates; b++)
        {
            for (var s = 0; s < slots; s++)
            {
                replicateCounts[s] = counts[s * replicates + b];
                replicateSums[s] = sums[s * replicates + b];
            }
            result[b] = GroupStatistics.FromCells(attributes, levels, replicateCounts, replicateSums);
        }
        return result;
    }

    /// <summary>Replicate b of the merged rows is the merge of replicate b of each part (same replicate count, seed and groups).</summary>
    public static GroupStatistics[] Merge(IReadOnlyList<GroupStatistics> first, IReadOnlyList<GroupStatistics> second)
    {
        if (first.Count != second.Count)
        {
            throw new ArgumentException($"Replicates merge one to one: {first.Count} and {second.Count} replicates.", nameof(second));
        }
        var merged = new GroupStatistics[first.Count];
        for (var b = 0; b < merged.Length; b++)
        {
            merged[b] = first[b].Merge(second[b]);
        }
        return merged;
    }

    /// <summary>SplitMix64's output function (Stafford's Mix13 variant of MurmurHash3's finaliser), as in Java's SplittableRandom.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A Poisson(1) variate from 64 random bits, by inversion: the smallest k with u &lt; P(M ≤ k). The first four
    /// comparisons are added up without branching (98 % of draws are below 4); the rest is a loop.
    /// </summary>
    private static int PoissonOne(ulong bits)
    {
        var u = (bits >> 11) * UnitScale;
        var cdf = PoissonOneCdf;
        var k = (u >= cdf[0] ? 1 : 0) + (u >= cdf[1] ? 1 : 0) + (u >= cdf[2] ? 1 : 0) + (u >= cdf[3] ? 1 : 0);
        if (k == 4)
        {
            while (k < cdf.Length - 1 && u >= cdf[k])
            {
                k++;
            }
        }
        return k;
    }

    private static double[] BuildPoissonOneCdf()
    {
        var cdf = new List<double>();
        var term = Math.Exp(-1);
        var sum = 0.0;
        for (var k = 0; ; k++)
        {
            sum += term;
            if (1 - sum <= UnitScale)
            {
                cdf.Add(1); // closes the distribution, so every uniform in [0, 1) finds a k
                return cdf.ToArray();
            }
            cdf.Add(sum);
            term /= k + 1;
        }
    }
}
