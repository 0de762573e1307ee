namespace Audit.Designs;

/// <summary>
/// A subset scan for the subgroup flagged most above the baseline, described by a set of levels per feature (MDSS:
/// Zhang and Neill 2016, "Identifying significant predictive bias in classifiers", the method behind AIF360's
/// <c>MDSSClassificationMetric</c>). The score of a subgroup S with N rows of which C flagged, against the baseline
/// rate p̄, is the Bernoulli log-likelihood ratio of "S is flagged at its own rate r = C/N" against "at p̄":
/// <code>
/// F(S) = C ln(r / p̄) + (N − C) ln((1 − r) / (1 − p̄))   when r &gt; p̄, else 0
/// </code>
/// (the expectation-based scan statistic with a constant baseline). It is maximised by coordinate ascent over the
/// features: with the other features' level sets fixed, the best set of one feature's levels is among the "top k"
/// levels ranked by their flag rate (the linear-time subset scanning property; Neill 2012), so each step tries every
/// k. For a number cut into bins, the subgroup takes a range instead (every interval of consecutive bins is tried),
/// so that it reads "age from 18 to 29", not a scatter of bins picked by noise. Ascent restarts from the unconstrained subgroup and from random level sets (seeded); subgroups smaller than the
/// minimum size are not considered. As in AIF360's implementation, the score is penalised for complexity, λ per level
/// allowed in a constrained categorical feature and λ per constrained range (a feature with every level allowed costs
/// nothing), so that noise does not buy a long description; λ = 1 by default.
/// </summary>
public static class SubsetScan
{
    /// <summary>The best subgroup found: per feature the levels allowed (all true = no constraint), and its score.</summary>
    public sealed record Found(bool[][] Allowed, double Score, long Rows, long Flagged);

    public const int DefaultRestarts = 8;
    public const double DefaultPenalty = 1;
    private const int MaxPasses = 20;

    /// <param name="codes">Codes[f][i]: the level of feature f for row i.</param>
    /// <param name="levelCounts">Levels of each feature.</param>
    /// <param name="rows">The rows to scan (indices).</param>
    /// <param name="ordered">Ordered[f]: feature f's levels are bins of a number, the last being "(missing)"; null: none.</param>
    public static Found Scan(int[][] codes, int[] levelCounts, byte[] flags, int[] rows, int minSize, Random random, int restarts = DefaultRestarts, double penalty = DefaultPenalty, bool[]? ordered = null)
    {
        long flagged = 0;
        foreach (var i in rows)
        {
            flagged += flags[i];
        }
        var baseline = (double)flagged / rows.Length;
        Found? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var allowed = levelCounts.Select(m => Enumerable.Repeat(r == 0, m).ToArray()).ToArray();
            if (r > 0)
            {
                foreach (var set in allowed)
                {
                    for (var v = 0; v < set.Length; v++)
                    {
                        set[v] = random.NextDouble() < 0.5;
                    }
                    set[random.Next(set.Length)] = true;
                }
            }
            var found = Ascend(codes, levelCounts, flags, rows, minSize, baseline, allowed, random, penalty, ordered ?? new bool[codes.Length]);
            if (best is null || found.Score > best.Score)
            {
                best = found;
            }
        }
        return best!;
    }

    private static Found Ascend(int[][] codes, int[] levelCounts, byte[] flags, int[] rows, int minSize, double baseline, bool[][] allowed, Random random, double penalty, bool[] ordered)
    {
        var features = codes.Length;
        var current = Evaluate(codes, allowed, flags, rows, baseline, minSize, penalty, ordered);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var improved = false;
            var order = Enumerable.Range(0, features).OrderBy(_ => random.Next()).ToArray();
            foreach (var f in order)
            {
                var (n, c) = CountsGivenOthers(codes, allowed, flags, rows, f, levelCounts[f]);
                var otherPenalty = 0.0;
                for (var g = 0; g < features; g++)
                {
                    otherPenalty += g == f ? 0 : Complexity(allowed[g], penalty, ordered[g]);
                }
                if (ordered[f])
                {
                    var range = BestRange(n, c, baseline, minSize, penalty, otherPenalty);
                    if (range is { } r0 && r0.Score > current.Score + 1e-9)
                    {
                        allowed[f] = r0.Allowed;
                        current = Evaluate(codes, allowed, flags, rows, baseline, minSize, penalty, ordered);
                        improved = true;
                    }
                    continue;
                }
                if (BestLevels(n, c, baseline, minSize, penalty, otherPenalty, current.Score) is not { } set)
                {
                    continue;
                }
                allowed[f] = set;
                current = Evaluate(codes, allowed, flags, rows, baseline, minSize, penalty, ordered);
                improved = true;
            }
            if (!improved)
            {
                break;
            }
        }
        return current;
    }

    /// <summary>Counts (rows, flagged) per level of feature f among the rows meeting every other feature's constraint.</summary>
    private static (long[] N, long[] C) CountsGivenOthers(int[][] codes, bool[][] allowed, byte[] flags, int[] rows, int f, int levels)
    {
        var features = codes.Length;
        var n = new long[levels];
        var c = new long[levels];
        foreach (var i in rows)
        {
            var inside = true;
            for (var g = 0; g < features && inside; g++)
            {
                inside = g == f || allowed[g][codes[g][i]];
            }
            if (inside)
            {
                n[codes[f][i]]++;
                c[codes[f][i]] += flags[i];
            }
        }
        return (n, c);
    }

    /// <summary>
    /// For an unordered feature: the levels to allow, the top k by flag rate for the best k, when that beats
    /// <paramref name="currentScore"/>; null otherwise.
    /// </summary>
    private static bool[]? BestLevels(long[] n, long[] c, double baseline, int minSize, double penalty, double otherPenalty, double currentScore)
    {
        var ranked = Enumerable.Range(0, n.Length).Where(v => n[v] > 0)
            .OrderByDescending(v => (double)c[v] / n[v]).ThenByDescending(v => n[v]).ThenBy(v => v).ToArray();
        long sumN = 0, sumC = 0;
        var bestK = -1;
        var bestScore = double.NegativeInfinity;
        for (var k = 0; k < ranked.Length; k++)
        {
            sumN += n[ranked[k]];
            sumC += c[ranked[k]];
            if (sumN < minSize)
            {
                continue;
            }
            var s = Score(sumN, sumC, baseline) - otherPenalty - (k == ranked.Length - 1 ? 0 : penalty * (k + 1));
            if (s > bestScore + 1e-12)
            {
                bestScore = s;
                bestK = k;
            }
        }
        if (bestK < 0 || bestScore <= currentScore + 1e-9)
        {
            return null;
        }
        var set = new bool[n.Length];
        for (var k = 0; k <= bestK; k++)
        {
            set[ranked[k]] = true;
        }
        // A level with no row here keeps the constraint loose only if every present level is allowed.
        if (bestK == ranked.Length - 1)
        {
            Array.Fill(set, true);
        }
        return set;
    }

    /// <summary>λ per allowed level of a constrained categorical feature, λ for a constrained range; 0 when every level is allowed.</summary>
    private static double Complexity(bool[] allowed, double penalty, bool ordered) =>
        allowed.All(a => a) ? 0 : ordered ? penalty : penalty * allowed.Count(a => a);

    /// <summary>The best range of consecutive bins (the last level, "(missing)", left out), or every level; null when none is large enough.</summary>
    private static (bool[] Allowed, double Score)? BestRange(long[] n, long[] c, double baseline, int minSize, double penalty, double otherPenalty)
    {
        var m = n.Length;
        (bool[] Allowed, double Score)? best = null;
        long allN = n.Sum(), allC = c.Sum();
        if (allN >= minSize)
        {
            best = (Enumerable.Repeat(true, m).ToArray(), Score(allN, allC, baseline) - otherPenalty);
        }
        for (var lo = 0; lo < m - 1; lo++)
        {
            long sumN = 0, sumC = 0;
            for (var hi = lo; hi < m - 1; hi++)
            {
                sumN += n[hi];
                sumC += c[hi];
                if (sumN < minSize)
                {
                    continue;
                }
                var s = Score(sumN, sumC, baseline) - otherPenalty - penalty;
                if (best is null || s > best.Value.Score + 1e-12)
                {
                    var set = new bool[m];
                    for (var v = lo; v <= hi; v++)
                    {
                        set[v] = true;
                    }
                    best = (set, s);
                }
            }
        }
        return best;
    }

    private static Found Evaluate(int[][] codes, bool[][] allowed, byte[] flags, int[] rows, double baseline, int minSize, double penalty, bool[] ordered)
    {
        long n = 0, c = 0;
        foreach (var i in rows)
        {
            if (Member(codes, allowed, i))
            {
                n++;
                c += flags[i];
            }
        }
        var copy = allowed.Select(a => (bool[])a.Clone()).ToArray();
        var complexity = 0.0;
        for (var f = 0; f < allowed.Length; f++)
        {
            complexity += Complexity(allowed[f], penalty, ordered[f]);
        }
        var score = n >= minSize ? Score(n, c, baseline) - complexity : double.NegativeInfinity;
        return new Found(copy, score, n, c);
    }

    public static bool Member(int[][] codes, bool[][] allowed, int row)
    {
        for (var f = 0; f < codes.Length; f++)
        {
            if (!allowed[f][codes[f][row]])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The Bernoulli log-likelihood ratio F of the class summary; 0 when the subgroup is not flagged above the baseline.</summary>
    public static double Score(long n, long c, double baseline)
    {
        if (n == 0 || baseline <= 0 || baseline >= 1)
        {
            return 0;
        }
        var r = (double)c / n;
        if (r <= baseline)
        {
            return 0;
        }
        // r > baseline > 0, so c > 0; when every row is flagged the second term is 0.
        var inside = c * Math.Log(r / baseline);
        var outside = c == n ? 0 : (n - c) * Math.Log((1 - r) / (1 - baseline));
        return inside + outside;
    }
}
