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
    /// <param name="rates">The metrics the result holds.</param>
    /// <param name="sampling">Sampling weights: every metric's value and its comparisons with the reference group
    /// get bootstrap intervals, since none has an analytical one then.</param>
    public static AttributeResult Apply(AttributeResult result, GroupStatistics stats, IReadOnlyList<GroupRate> rates, IntervalSource intervals, bool sampling)
    {
        // Cells by their structured group (attribute → value), never by a joined label: values may hold the separator,
        // and {a: x, b: "y × z"} and {a: "x × y", b: z} are two groups with one label "x × y × z".
        var cellOf = new Dictionary<GroupKey, int>();
        for (var c = 0; c < stats.CellCount; c++)
        {
            cellOf.Add(GroupKey.Of(stats.Attributes, stats.CellLabels(c)), c);
        }
        var shown = result.Groups.Where(g => g.Count.Suppressed != true).Select(g => cellOf[g.Group]).ToArray();
        if (shown.Length == 0)
        {
            return result;
        }
        var reference = result.Reference is { } r ? cellOf[r] : -1;

        // Each replicate's metric values are computed once, by the first metric (both interval sources evaluate the
        // metrics of a replicate in order), into a table the other metrics read: every metric, every shown cell and
        // the reference, and each metric's lowest and highest value over the shown cells.
        var tracked = shown.Contains(reference) || reference < 0 ? shown : [.. shown, reference];
        var column = new Dictionary<int, int>();
        for (var t = 0; t < tracked.Length; t++)
        {
            column[tracked[t]] = t;
        }
        var table = new double?[rates.Count, tracked.Length];
        var lowest = new double?[rates.Count];
        var highest = new double?[rates.Count];
        // A metric's spread runs over the groups whose value of that metric is shown (not suppressed, defined), as the
        // point value does: a group whose rate is hidden must not move, or be revealed by, the interval.
        var spreadOver = new bool[rates.Count, tracked.Length];
        for (var m = 0; m < rates.Count; m++)
        {
            for (var t = 0; t < shown.Length; t++)
            {
                var group = result.Groups.First(g => cellOf[g.Group] == tracked[t]);
                spreadOver[m, t] = group.Rates.TryGetValue(rates[m].Key, out var value) && value.Value is not null;
            }
        }
        var metrics = new List<Func<ReadOnlySpan<ConfusionCounts>, double?>>
        {
            cells =>
            {
                for (var m = 0; m < rates.Count; m++)
                {
                    double? lo = null, hi = null;
                    for (var t = 0; t < tracked.Length; t++)
                    {
                        var v = rates[m].Compute(cells[tracked[t]]).Value;
                        table[m, t] = v;
                        if (v is { } x && t < shown.Length && spreadOver[m, t])
                        {
                            lo = lo is null || x < lo ? x : lo;
                            hi = hi is null || x > hi ? x : hi;
                        }
                    }
                    lowest[m] = lo;
                    highest[m] = hi;
                }
                return null;
            },
        };
        var slots = new Dictionary<(int Cell, string Key, string What), int>();
        void Add(int cell, string key, string what, Func<ReadOnlySpan<ConfusionCounts>, double?> metric)
        {
            slots[(cell, key, what)] = metrics.Count;
            metrics.Add(metric);
        }
        var selection = rates.ToList().IndexOf(GroupRate.SelectionRate);
        foreach (var c in shown)
        {
            var t = column[c];
            Add(c, GroupRate.SelectionRate.Key, "fourFifths", _ =>
                table[selection, t] is { } v && lowest[selection] is { } low ? FourFifthsRule.Ratio(v, low) : null);
            var group = result.Groups.First(g => cellOf[g.Group] == c);
            for (var m = 0; m < rates.Count; m++)
            {
                // Proportions of unweighted (or frequency-weighted) rows have analytical intervals already.
                if (!sampling && rates[m].IsProportion)
                {
                    continue;
                }
                var metric = m;
                Add(c, rates[m].Key, "value", _ => table[metric, t]);
                if (reference >= 0 && c != reference && group.Disparities.ContainsKey(rates[m].Key))
                {
                    var tr = column[reference];
                    Add(c, rates[m].Key, "ratio", _ => table[metric, t] is { } v && table[metric, tr] is { } w && w > 0 ? v / w : null);
                    Add(c, rates[m].Key, "difference", _ => table[metric, t] is { } v && table[metric, tr] is { } w ? v - w : null);
                }
            }
        }
        for (var m = 0; m < rates.Count; m++)
        {
            if (!result.BetweenGroups.ContainsKey(rates[m].Key))
            {
                continue;
            }
            var metric = m;
            Add(-1, rates[m].Key, "spreadDifference", _ => highest[metric] is { } hi && lowest[metric] is { } lo ? hi - lo : null);
            Add(-1, rates[m].Key, "spreadRatio", _ => highest[metric] is { } hi && hi > 0 && lowest[metric] is { } lo ? lo / hi : null);
        }

        var found = intervals(metrics);
        Metric With(Metric target, int cell, string key, string what) =>
            target.Value is not null && target.Suppressed != true && slots.TryGetValue((cell, key, what), out var k) && found[k].IsDefined
                ? target with { Ci = [found[k].Lower, found[k].Upper] }
                : target;

        var flagKey = GroupRate.SelectionRate.Key;
        var groups = result.Groups.Select(g =>
        {
            if (g.Count.Suppressed == true)
            {
                return g;
            }
            var cell = cellOf[g.Group];
            var values = g.Rates.ToDictionary(p => p.Key, p => With(p.Value, cell, p.Key, "value"));
            var disparities = g.Disparities.ToDictionary(p => p.Key, p => p.Value with
            {
                RatioToReference = With(p.Value.RatioToReference, cell, p.Key, "ratio"),
                DifferenceToReference = With(p.Value.DifferenceToReference, cell, p.Key, "difference"),
            });
            var flag = disparities[flagKey];
            return g with
            {
                Rates = values,
                Disparities = disparities,
                FlagRateRatio = flag.RatioToReference,
                FlagRateDifference = flag.DifferenceToReference,
                FourFifthsRatio = With(g.FourFifthsRatio, cell, flagKey, "fourFifths"),
            };
        }).ToArray();
        var between = result.BetweenGroups.ToDictionary(p => p.Key, p => p.Value with
        {
            Difference = With(p.Value.Difference, -1, p.Key, "spreadDifference"),
            Ratio = With(p.Value.Ratio, -1, p.Key, "spreadRatio"),
        });
        return result with { Groups = groups, BetweenGroups = between };
    }
}
