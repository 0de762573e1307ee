using Audit.Data;
using Audit.Fairness;
using Audit.Results;
using MathNet.Numerics.Random;

namespace Audit.Designs;

/// <summary>
/// Flag rates of a protected group that is not recorded but can be inferred from a proxy (a nationality group from the
/// country of birth, a neighbourhood from the address): each row carries the probability of each group given its proxy
/// value, pᵢg (from a census table, a BISG-style model...).
/// <list type="bullet">
/// <item><b>Estimate</b>: the probability-weighted flag rate Σ wᵢ pᵢg yᵢ / Σ wᵢ pᵢg (the "weighted estimator" of Chen,
/// Kallus, Mao, Svacha and Udell 2019, "Fairness under unawareness", FAccT). It is unbiased only when being flagged
/// is independent of the true group given the proxy; otherwise it pulls group rates towards each other.</item>
/// <item><b>Interval</b>: percentile interval over bootstrap replicates in which the rows are resampled (Poisson
/// weights) and each row's group is drawn from its probabilities, so that the proxy's uncertainty is propagated
/// with the sampling uncertainty.</item>
/// <item><b>Bounds</b> (partial identification): within each proxy value z, only P(g | z) and P(flagged | z) are known,
/// not how they combine; Fréchet's bounds max(0, P(y|z) + P(g|z) − 1) ≤ P(y, g | z) ≤ min(P(y|z), P(g|z)), summed
/// over z, bound the group's flag rate whatever the dependence (Kallus, Mao and Zhou 2022 give sharper bounds with
/// more data). The ratio to the reference group is bounded by [low_g / high_ref, high_g / low_ref]. Wide bounds say
/// the proxy is too weak to conclude.</item>
/// </list>
/// </summary>
public static class ProxyEstimation
{
    public const int DefaultReplicates = 200;

    public static ProxyResult Run(DesignInput input, ProxyPlan plan)
    {
        var table = input.Table;
        var probabilities = plan.Probabilities.Select(p => table[p.Column.Name] is NumericColumn c
            ? c.Values.ToArray()
            : throw new AuditInputException("a group probability column is not numeric", file: input.PlanFile, line: p.Column.Line, keyPath: p.Column.KeyPath, column: p.Column.Name, expected: "probabilities from 0 to 1")).ToArray();
        for (var i = 0; i < table.RowCount; i++)
        {
            var sum = 0.0;
            for (var g = 0; g < probabilities.Length; g++)
            {
                var p = probabilities[g][i];
                if (!(p >= 0 && p <= 1))
                {
                    throw new AuditInputException("a group probability is missing or outside [0, 1]", row: i + 1, column: plan.Probabilities[g].Column.Name, expected: "a probability from 0 to 1", found: table[plan.Probabilities[g].Column.Name].FormatValue(i) ?? "");
                }
                sum += p;
            }
            if (Math.Abs(sum - 1) > 1e-6)
            {
                throw new AuditInputException("a row's group probabilities do not add up to 1", row: i + 1, column: plan.Probabilities[0].Column.Name,
                    expected: "probabilities of every group that add up to 1", found: sum.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    hint: "list every group of the proxy under 'probabilities', including the reference group");
            }
        }
        var cells = Fairness.Cells.GroupAssignment.FromColumn(table[plan.ProxyColumn.Name], null);
        return Estimate(plan.Name, plan.ProxyColumn.Name, plan.Probabilities.Select(p => p.Group).ToArray(), probabilities, cells.Codes, cells.Levels.Length,
            input.Outcome.Flags, input.Weights, plan.Reference, plan.Replicates, input.Options.Seed, input.Options);
    }

    /// <param name="groups">Group names, one per probability column.</param>
    /// <param name="probabilities">probabilities[g][i] = P(row i is in group g | its proxy value).</param>
    /// <param name="cells">The proxy value of each row (for the bounds).</param>
    public static ProxyResult Estimate(string name, string proxyColumn, string[] groups, double[][] probabilities, int[] cells, int cellCount, byte[] flags,
        ReadOnlySpan<double> weights, string? reference, int replicates, long seed, FairnessOptions options)
    {
        var k = groups.Length;
        var (rate, share, total) = PointEstimates(probabilities, flags, weights);
        var refIndex = reference is not null && Array.IndexOf(groups, reference) is var r and >= 0 ? r : Array.IndexOf(share, share.Max());
        var (rateDraws, ratioDraws) = BootstrapDraws(probabilities, flags, weights, refIndex, replicates, seed);
        var (low, high) = FrechetBounds(probabilities, cells, cellCount, flags, weights, share);
        var estimates = new List<ProxyGroupEstimate>();
        var confidence = options.Confidence;
        for (var g = 0; g < k; g++)
        {
            var rows = (long)Math.Round(share[g]);
            var rateCi = Percentiles(rateDraws[g], confidence);
            var flagRate = Metric.Of(rate[g], rows) with { Ci = rateCi };
            var ratio = g == refIndex ? Metric.Of(1.0, rows) : rate[refIndex] > 0 ? Metric.Of(rate[g] / rate[refIndex], rows) with { Ci = Percentiles(ratioDraws[g], confidence) } : Metric.UndefinedBecause("the reference group's estimated flag rate is 0", rows);
            double[] ratioBounds = g == refIndex ? [1, 1] : [high[refIndex] > 0 ? low[g] / high[refIndex] : double.NaN, low[refIndex] > 0 ? high[g] / low[refIndex] : double.PositiveInfinity];
            estimates.Add(new ProxyGroupEstimate(groups[g], g == refIndex, Metric.Of(share[g] / total), flagRate, ratio, Finite(low[g], high[g]), Finite(ratioBounds)));
        }
        return new ProxyResult(name, proxyColumn, groups[refIndex], replicates, estimates);
    }

    /// <summary>The point estimates Σ w p y / Σ w p per group, each group's weight Σ w p, and the total weight.</summary>
    private static (double[] Rate, double[] Share, double Total) PointEstimates(double[][] probabilities, byte[] flags, ReadOnlySpan<double> weights)
    {
        var n = flags.Length;
        var k = probabilities.Length;
        var share = new double[k];
        var rate = new double[k];
        var total = 0.0;
        for (var g = 0; g < k; g++)
        {
            double num = 0, den = 0;
            for (var i = 0; i < n; i++)
            {
                var w = weights.Length == 0 ? 1.0 : weights[i];
                num += w * probabilities[g][i] * flags[i];
                den += w * probabilities[g][i];
            }
            rate[g] = den > 0 ? num / den : double.NaN;
            share[g] = den;
        }
        for (var i = 0; i < n; i++)
        {
            total += weights.Length == 0 ? 1.0 : weights[i];
        }
        return (rate, share, total);
    }

    /// <summary>
    /// Bootstrap replicates with the groups drawn: Poisson(1) row weights, one categorical draw per row; per group the
    /// flag rate of each replicate and its ratio to the reference group's.
    /// </summary>
    private static (double[][] Rates, double[][] Ratios) BootstrapDraws(double[][] probabilities, byte[] flags, ReadOnlySpan<double> weights,
        int refIndex, int replicates, long seed)
    {
        var n = flags.Length;
        var k = probabilities.Length;
        var random = new Xoshiro256StarStar(unchecked((int)seed), threadSafe: false);
        var rateDraws = new double[k][];
        var ratioDraws = new double[k][];
        for (var g = 0; g < k; g++)
        {
            rateDraws[g] = new double[replicates];
            ratioDraws[g] = new double[replicates];
        }
        var flaggedW = new double[k];
        var allW = new double[k];
        for (var b = 0; b < replicates; b++)
        {
            Array.Clear(flaggedW);
            Array.Clear(allW);
            for (var i = 0; i < n; i++)
            {
                var poisson = Poisson1(random);
                if (poisson == 0)
                {
                    continue;
                }
                var w = poisson * (weights.Length == 0 ? 1.0 : weights[i]);
                var u = random.NextDouble();
                var g = 0;
                while (g < k - 1 && (u -= probabilities[g][i]) >= 0)
                {
                    g++;
                }
                allW[g] += w;
                flaggedW[g] += w * flags[i];
            }
            for (var g = 0; g < k; g++)
            {
                rateDraws[g][b] = allW[g] > 0 ? flaggedW[g] / allW[g] : double.NaN;
            }
            for (var g = 0; g < k; g++)
            {
                ratioDraws[g][b] = rateDraws[refIndex][b] > 0 ? rateDraws[g][b] / rateDraws[refIndex][b] : double.NaN;
            }
        }
        return (rateDraws, ratioDraws);
    }

    /// <summary>Fréchet bounds on each group's flag rate, summed over the proxy cells (see the class comment).</summary>
    private static (double[] Low, double[] High) FrechetBounds(double[][] probabilities, int[] cells, int cellCount, byte[] flags,
        ReadOnlySpan<double> weights, double[] share)
    {
        var n = flags.Length;
        var k = probabilities.Length;
        var cellW = new double[cellCount];
        var cellFlagged = new double[cellCount];
        var cellGroup = new double[k, cellCount];
        for (var i = 0; i < n; i++)
        {
            var w = weights.Length == 0 ? 1.0 : weights[i];
            cellW[cells[i]] += w;
            cellFlagged[cells[i]] += w * flags[i];
            for (var g = 0; g < k; g++)
            {
                cellGroup[g, cells[i]] += w * probabilities[g][i];
            }
        }
        var low = new double[k];
        var high = new double[k];
        for (var g = 0; g < k; g++)
        {
            double lo = 0, hi = 0;
            for (var z = 0; z < cellCount; z++)
            {
                if (cellW[z] == 0)
                {
                    continue;
                }
                var py = cellFlagged[z] / cellW[z];
                var pg = cellGroup[g, z] / cellW[z];
                lo += cellW[z] * Math.Max(0, py + pg - 1);
                hi += cellW[z] * Math.Min(py, pg);
            }
            low[g] = share[g] > 0 ? lo / share[g] : double.NaN;
            high[g] = share[g] > 0 ? hi / share[g] : double.NaN;
        }
        return (low, high);
    }

    /// <summary>Bounds for JSON: a non-finite end (no bound) is null.</summary>
    private static double?[] Finite(params double[] values) => values.Select(x => double.IsFinite(x) ? x : (double?)null).ToArray();

    /// <summary>A Poisson(1) draw by inversion (Knuth): the bootstrap weight of a row.</summary>
    private static int Poisson1(Random random)
    {
        var limit = Math.Exp(-1);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }
        return count;
    }

    private static double[]? Percentiles(double[] draws, double confidence)
    {
        var finite = draws.Where(double.IsFinite).Order().ToArray();
        if (finite.Length < 2)
        {
            return null;
        }
        double At(double q)
        {
            var position = q * (finite.Length - 1);
            var lo = (int)Math.Floor(position);
            var hi = Math.Min(lo + 1, finite.Length - 1);
            return finite[lo] + (finite[hi] - finite[lo]) * (position - lo);
        }
        return [At((1 - confidence) / 2), At((1 + confidence) / 2)];
    }
}
