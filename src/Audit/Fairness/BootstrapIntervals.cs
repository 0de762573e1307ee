using Audit.Fairness.Bootstrap;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// Bootstrap percentile intervals for the numbers without a standard analytical interval: the four-fifths ratio of
/// every shown group and the spread of flag rates between groups (difference and ratio); with sampling weights,
/// also the flag rate and its ratio and difference to the reference group, which then have no analytical interval.
/// Replicates come from <see cref="StatisticsBootstrap"/> (multinomial over cells: unweighted rows and frequency
/// weights) or from <see cref="PoissonBootstrap"/> (sampling weights), so every interval is seeded and reproducible.
/// </summary>
internal static class BootstrapIntervals
{
    /// <summary>Draws replicate values of several metrics (over a replicate's cells) and returns one interval per metric.</summary>
    public delegate BootstrapInterval[] IntervalSource(IReadOnlyList<Func<ReadOnlySpan<ConfusionCounts>, double?>> metrics);

    /// <summary>Intervals from the multinomial bootstrap of one set's statistics.</summary>
    public static IntervalSource Multinomial(GroupStatistics stats, FairnessOptions options, int seed) =>
        metrics => StatisticsBootstrap.PercentileIntervals(stats, metrics, options.BootstrapReplicates, seed, options.Confidence, options.FrequencyWeights);

    /// <summary>Intervals over given replicate statistics (the Poisson bootstrap's, marginalised to the set).</summary>
    public static IntervalSource Over(IReadOnlyList<GroupStatistics> replicates, double confidence) => metrics =>
    {
        var values = metrics.Select(_ => new List<double>(replicates.Count)).ToArray();
        foreach (var replicate in replicates)
        {
            var cells = Enumerable.Range(0, replicate.CellCount).Select(replicate.Cell).ToArray();
            for (var m = 0; m < metrics.Count; m++)
            {
                if (metrics[m](cells) is { } v && double.IsFinite(v))
                {
                    values[m].Add(v);
                }
            }
        }
        return values.Select(v => BootstrapInterval.FromValues(v.ToArray(), v.Count, confidence)).ToArray();
    };

    /// <summary>The result with bootstrap intervals filled in.</summary>
    /// <param name="sampling">Sampling weights: also the flag rate and its comparisons with the reference group.</param>
    public static AttributeResult Apply(AttributeResult result, GroupStatistics stats, IntervalSource intervals, bool sampling)
    {
        var cellOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < stats.CellCount; c++)
        {
            cellOf[string.Join(" × ", stats.CellLabels(c))] = c;
        }
        var shown = result.Groups.Where(g => g.Count.Suppressed != true).Select(g => cellOf[g.Group.Label]).ToArray();
        if (shown.Length == 0)
        {
            return result;
        }
        var reference = result.Reference is { } r ? cellOf[r.Label] : -1;
        static double? Rate(ReadOnlySpan<ConfusionCounts> cells, int c) => GroupRate.SelectionRate.Compute(cells[c]).Value;
        double? Lowest(ReadOnlySpan<ConfusionCounts> cells)
        {
            double? min = null;
            foreach (var c in shown)
            {
                if (Rate(cells, c) is { } v && (min is null || v < min))
                {
                    min = v;
                }
            }
            return min;
        }
        double? Highest(ReadOnlySpan<ConfusionCounts> cells)
        {
            double? max = null;
            foreach (var c in shown)
            {
                if (Rate(cells, c) is { } v && (max is null || v > max))
                {
                    max = v;
                }
            }
            return max;
        }

        var metrics = new List<Func<ReadOnlySpan<ConfusionCounts>, double?>>();
        var slots = new Dictionary<(int Cell, string What), int>();
        void Add(int cell, string what, Func<ReadOnlySpan<ConfusionCounts>, double?> metric)
        {
            slots[(cell, what)] = metrics.Count;
            metrics.Add(metric);
        }
        foreach (var c in shown)
        {
            var cell = c;
            Add(cell, "fourFifths", cells => Rate(cells, cell) is { } v && Lowest(cells) is { } low && low < 1 ? (1 - v) / (1 - low) : null);
            if (sampling)
            {
                Add(cell, "rate", cells => Rate(cells, cell));
                if (reference >= 0 && cell != reference)
                {
                    Add(cell, "ratio", cells => Rate(cells, cell) is { } v && Rate(cells, reference) is { } w && w > 0 ? v / w : null);
                    Add(cell, "difference", cells => Rate(cells, cell) is { } v && Rate(cells, reference) is { } w ? v - w : null);
                }
            }
        }
        Add(-1, "spreadDifference", cells => Highest(cells) is { } hi && Lowest(cells) is { } lo ? hi - lo : null);
        Add(-1, "spreadRatio", cells => Highest(cells) is { } hi && hi > 0 && Lowest(cells) is { } lo ? lo / hi : null);

        var found = intervals(metrics);
        double[]? Ci(int cell, string what, Metric target) =>
            target.Value is not null && slots.TryGetValue((cell, what), out var k) && found[k].IsDefined ? [found[k].Lower, found[k].Upper] : null;

        var groups = result.Groups.Select(g =>
        {
            if (g.Count.Suppressed == true)
            {
                return g;
            }
            var cell = cellOf[g.Group.Label];
            var updated = g with { FourFifthsRatio = g.FourFifthsRatio with { Ci = Ci(cell, "fourFifths", g.FourFifthsRatio) } };
            if (sampling)
            {
                var rate = g.Rates[GroupRate.SelectionRate.Key];
                var rates = new Dictionary<string, Metric>(g.Rates) { [GroupRate.SelectionRate.Key] = rate with { Ci = Ci(cell, "rate", rate) } };
                var ratio = g.FlagRateRatio with { Ci = Ci(cell, "ratio", g.FlagRateRatio) };
                var difference = g.FlagRateDifference with { Ci = Ci(cell, "difference", g.FlagRateDifference) };
                var disparities = new Dictionary<string, Disparity>(g.Disparities)
                {
                    [GroupRate.SelectionRate.Key] = g.Disparities[GroupRate.SelectionRate.Key] with { RatioToReference = ratio, DifferenceToReference = difference },
                };
                updated = updated with { Rates = rates, FlagRateRatio = ratio, FlagRateDifference = difference, Disparities = disparities };
            }
            return updated;
        }).ToArray();
        var spread = result.BetweenGroups[GroupRate.SelectionRate.Key];
        spread = spread with
        {
            Difference = spread.Difference with { Ci = Ci(-1, "spreadDifference", spread.Difference) },
            Ratio = spread.Ratio with { Ci = Ci(-1, "spreadRatio", spread.Ratio) },
        };
        var between = new Dictionary<string, BetweenGroups>(result.BetweenGroups) { [GroupRate.SelectionRate.Key] = spread };
        return result with { Groups = groups, BetweenGroups = between };
    }
}
