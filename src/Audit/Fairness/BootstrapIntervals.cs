using Audit.Fairness.Bootstrap;
using Audit.Fairness.Cells;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// Bootstrap percentile intervals for the numbers without a standard analytical interval: the four-fifths ratio of
/// every shown group and the spread of every metric between groups (difference and ratio), the values of metrics that
/// are not proportions; with sampling weights, also every metric and its ratio and difference to the reference group,
/// which then have no analytical interval. Every number is a function of the <see cref="GroupFrame"/>, recomputed on
/// each replicate of the statistics (<see cref="GroupFrame.Replicate(ReadOnlySpan{ConfusionCounts})"/>), so none has
/// its formula written here. Replicates come from <see cref="StatisticsBootstrap"/> (multinomial over cells: unweighted
/// rows and frequency weights) or from <see cref="PoissonBootstrap"/> (sampling weights), so every interval is seeded
/// and reproducible.
/// </summary>
public static class BootstrapIntervals
{
    /// <summary>Evaluates functions of the frame on each replicate and returns one percentile interval per function.</summary>
    public delegate BootstrapInterval[] IntervalSource(GroupFrame frame, IReadOnlyList<Func<GroupFrame, double?>> functions);

    /// <summary>Intervals from the multinomial bootstrap of one set's statistics (unweighted rows, or frequency weights).</summary>
    public static IntervalSource Multinomial(GroupStatistics stats, FairnessOptions options, int seed) =>
        Multinomial(stats, options.BootstrapReplicates, seed, options.Confidence, options.FrequencyWeights);

    /// <inheritdoc cref="Multinomial(GroupStatistics, FairnessOptions, int)"/>
    public static IntervalSource Multinomial(GroupStatistics stats, int replicates, int seed, double confidence, bool frequencyWeights = false) => (frame, functions) =>
    {
        // The replicate's frame is built once, by a first function whose own interval is dropped (it is never defined),
        // and read by the others: StatisticsBootstrap evaluates the functions of a replicate in order.
        GroupFrame? replicate = null;
        var metrics = new List<Func<ReadOnlySpan<ConfusionCounts>, double?>>(functions.Count + 1)
        {
            cells =>
            {
                replicate = frame.ReplicateInto(replicate, cells);
                return null;
            },
        };
        metrics.AddRange(functions.Select(f => (Func<ReadOnlySpan<ConfusionCounts>, double?>)(_ => f(replicate!))));
        return StatisticsBootstrap.PercentileIntervals(stats, metrics, replicates, seed, confidence, frequencyWeights)[1..];
    };

    /// <summary>Intervals over given replicate statistics (the Poisson bootstrap's, marginalised to the set).</summary>
    public static IntervalSource Over(IReadOnlyList<GroupStatistics> replicates, double confidence) => (frame, functions) =>
    {
        var values = functions.Select(_ => new List<double>(replicates.Count)).ToArray();
        foreach (var statistics in replicates)
        {
            var replicate = frame.Replicate(statistics);
            for (var m = 0; m < functions.Count; m++)
            {
                if (functions[m](replicate) is { } v && double.IsFinite(v))
                {
                    values[m].Add(v);
                }
            }
        }
        return values.Select(v => BootstrapInterval.FromValues(v.ToArray(), v.Count, confidence)).ToArray();
    };

    /// <summary>The result with bootstrap intervals filled in.</summary>
    /// <param name="frame">The frame the result was mapped from.</param>
    /// <param name="rates">The metrics the result holds.</param>
    /// <param name="sampling">Sampling weights: every metric's value and its comparisons with the reference group
    /// get bootstrap intervals, since none has an analytical one then.</param>
    public static AttributeResult Apply(AttributeResult result, GroupFrame frame, IReadOnlyList<GroupRate> rates, IntervalSource intervals, bool sampling)
    {
        var shown = Enumerable.Range(0, frame.Count).Where(i => !frame.IsSuppressed(i)).ToArray();
        if (shown.Length == 0)
        {
            return result;
        }
        var functions = Functions(result, frame, rates, shown, sampling);
        var found = intervals(frame, functions.Select(f => f.Function).ToArray());
        var slots = new Dictionary<(int Group, string Key, Figure What), int>();
        for (var k = 0; k < functions.Count; k++)
        {
            slots[(functions[k].Group, functions[k].Key, functions[k].What)] = k;
        }
        Metric With(Metric target, int group, string key, Figure what) =>
            target.Value is not null && target.Suppressed != true && slots.TryGetValue((group, key, what), out var k) && found[k].IsDefined
                ? target with { Ci = [found[k].Lower, found[k].Upper] }
                : target;
        return WithIntervals(result, frame, With);
    }

    /// <summary>Which number of a group (or, for spreads, of the set) an interval belongs to.</summary>
    private enum Figure { FourFifths, Value, Ratio, Difference, SpreadDifference, SpreadRatio }

    /// <summary>A frame function to bootstrap, and the number it gives an interval to (group −1: the set's spread).</summary>
    private sealed record Bootstrapped(int Group, string Key, Figure What, Func<GroupFrame, double?> Function);

    /// <summary>The frame functions whose intervals the result shows, in a fixed order.</summary>
    private static List<Bootstrapped> Functions(AttributeResult result, GroupFrame frame, IReadOnlyList<GroupRate> rates, int[] shown, bool sampling)
    {
        var functions = new List<Bootstrapped>();
        var reference = frame.Reference;
        foreach (var i in shown)
        {
            functions.Add(new(i, GroupRate.SelectionRate.Key, Figure.FourFifths, f => f.FourFifthsRatio(i)));
            var group = result.Groups[i];
            foreach (var rate in rates)
            {
                // Proportions of unweighted (or frequency-weighted) rows have analytical intervals already.
                if (!sampling && rate.IsProportion)
                {
                    continue;
                }
                functions.Add(new(i, rate.Key, Figure.Value, f => f.Value(rate, i).Value));
                if (i != reference && group.Disparities.ContainsKey(rate.Key))
                {
                    functions.Add(new(i, rate.Key, Figure.Ratio, f => f.RatioToReference(rate, i)));
                    functions.Add(new(i, rate.Key, Figure.Difference, f => f.DifferenceToReference(rate, i)));
                }
            }
        }
        foreach (var rate in rates.Where(r => result.BetweenGroups.ContainsKey(r.Key)))
        {
            functions.Add(new(-1, rate.Key, Figure.SpreadDifference, f => f.SpreadDifference(rate)));
            functions.Add(new(-1, rate.Key, Figure.SpreadRatio, f => f.SpreadRatio(rate)));
        }
        return functions;
    }

    /// <summary>The result's metrics with the intervals <paramref name="with"/> gives them.</summary>
    private static AttributeResult WithIntervals(AttributeResult result, GroupFrame frame, Func<Metric, int, string, Figure, Metric> with)
    {
        var flagKey = GroupRate.SelectionRate.Key;
        var groups = result.Groups.Select((g, i) =>
        {
            if (frame.IsSuppressed(i))
            {
                return g;
            }
            var values = g.Rates.ToDictionary(p => p.Key, p => with(p.Value, i, p.Key, Figure.Value));
            var disparities = g.Disparities.ToDictionary(p => p.Key, p => p.Value with
            {
                RatioToReference = with(p.Value.RatioToReference, i, p.Key, Figure.Ratio),
                DifferenceToReference = with(p.Value.DifferenceToReference, i, p.Key, Figure.Difference),
            });
            var flag = disparities[flagKey];
            return g with
            {
                Rates = values,
                Disparities = disparities,
                FlagRateRatio = flag.RatioToReference,
                FlagRateDifference = flag.DifferenceToReference,
                FourFifthsRatio = with(g.FourFifthsRatio, i, flagKey, Figure.FourFifths),
            };
        }).ToArray();
        var between = result.BetweenGroups.ToDictionary(p => p.Key, p => p.Value with
        {
            Difference = with(p.Value.Difference, -1, p.Key, Figure.SpreadDifference),
            Ratio = with(p.Value.Ratio, -1, p.Key, Figure.SpreadRatio),
        });
        return result with { Groups = groups, BetweenGroups = between };
    }
}
