using Audit.Fairness.Cells;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// The groups of one attribute or intersection as one object over which every metric is generic (Fairlearn's
/// <c>MetricFrame</c>; STYLE.md): for any <see cref="GroupRate"/> (a function of a cell's six count slots, one of
/// <see cref="GroupRate.All"/> or the caller's own), the value by group and overall, the difference and ratio to the
/// reference group and to the overall value, the odds ratio, the group minimum and maximum and the spread between
/// groups, the four-fifths ratio and its verdict (the verdict on the ratio to the reference is <see cref="DisparityVerdict"/>'s, on the frame's counts). The fairness section is a mapping from frames to
/// <c>Results</c> (<see cref="FairnessAnalysis"/>), and the bootstrap recomputes these same functions on each
/// replicate (<see cref="Replicate(GroupStatistics)"/>, <see cref="BootstrapIntervals"/>), so no derived number has its formula twice.
/// </summary>
/// <remarks>
/// Groups are the listed cells of the statistics (<see cref="GroupStatistics.ListedCells"/>), indexed 0 .. Count − 1
/// in cell order. Which groups are shown (the disclosure policy) and the reference group are fixed when the frame is
/// built; a replicate keeps them, so that an interval never moves to, or reveals, another group.
/// </remarks>
public sealed class GroupFrame
{
    private readonly ConfusionCounts[] counts;
    private readonly Layout layout;
    private ConfusionCounts? overall;

    // Caches, per metric: an array slot for each of GroupRate.All (no hashing: the bootstrap builds a frame per replicate
    // and asks each metric several times, issue 21), a dictionary for the caller's own metrics.
    private readonly RateValue[]?[] knownValues = new RateValue[]?[Known.Length];
    private readonly (int Min, int Max)?[] knownExtremes = new (int, int)?[Known.Length];
    private RateValue[]?[]? spareValues;
    private Dictionary<GroupRate, RateValue[]>? otherValues;
    private Dictionary<GroupRate, (int Min, int Max)>? otherExtremes;
    private int? comparator;

    /// <summary>The metrics of <see cref="GroupRate.All"/>, whose caches are array slots.</summary>
    private static readonly GroupRate[] Known = [.. GroupRate.All];

    /// <summary>The position of <paramref name="metric"/> in <see cref="GroupRate.All"/> (by reference), or −1.</summary>
    private static int KnownIndex(GroupRate metric)
    {
        var known = Known;
        for (var k = 0; k < known.Length; k++)
        {
            if (ReferenceEquals(known[k], metric))
            {
                return k;
            }
        }
        return -1;
    }

    /// <summary>What a frame and its replicates share: the groups listed, their keys, what is shown, the reference.</summary>
    private sealed class Layout
    {
        public required IReadOnlyList<string> Attributes { get; init; }
        public required int[] Cells { get; init; }
        public required GroupKey[] Keys { get; init; }
        public required bool[] Suppressed { get; init; }
        public required bool[] LabelsHidden { get; init; }
        public required DisclosurePolicy Disclosure { get; init; }
        public required int Reference { get; init; }
        public required string ReferenceRule { get; init; }

        /// <summary>The frame of the point estimate: whether a group's value is shown is decided on its counts.</summary>
        public GroupFrame? Point { get; set; }

        /// <summary>
        /// Whether each group's value of each metric of <see cref="GroupRate.All"/> is shown, once computed on the point
        /// estimate: a replicate asks it for every group of every spread. Filled lazily; two threads filling the same slot
        /// compute the same array, so a race only wastes work.
        /// </summary>
        public bool[]?[] Shown { get; } = new bool[]?[Known.Length];
    }

    private GroupFrame(Layout layout, ConfusionCounts[] counts, ConfusionCounts? overall)
    {
        this.layout = layout;
        this.counts = counts;
        this.overall = overall;
    }

    /// <summary>The frame of these statistics.</summary>
    /// <param name="overall">The population's counts, when they are not the sum of the cells in cell order (the whole
    /// population's statistics summed once); null: the sum of the cells.</param>
    /// <param name="references">The plan's reference level of each crossed attribute (null where none is named):
    /// the reference rule is <see cref="ReferenceGroup"/>'s.</param>
    /// <param name="disclosure">Which groups are shown; null: every group with rows (a minimum cell of 1).</param>
    public static GroupFrame Of(GroupStatistics stats, ConfusionCounts? overall = null, IReadOnlyList<string?>? references = null, DisclosurePolicy? disclosure = null)
    {
        disclosure ??= DisclosurePolicy.Primary(1);
        var cells = stats.ListedCells().ToArray();
        var keys = cells.Select(c => GroupKey.Of(stats.Attributes, stats.CellLabels(c))).ToArray();
        var counts = Enumerable.Range(0, stats.CellCount).Select(stats.Cell).ToArray();
        // Hidden: too few rows, or hidden by complementary suppression so that no small group can be found by subtraction.
        var suppressed = cells.Select((c, i) => disclosure.IsBelowMinimum(counts[c].Count(), counts[c].Weight()) || disclosure.IsSuppressed(keys[i])).ToArray();
        var labelsHidden = cells.Select((c, i) => disclosure.AreLabelCellsSmall(counts[c]) || disclosure.IsLabelHidden(keys[i])).ToArray();
        var (reference, rule) = ReferenceGroup.Among(
            cells.Select(c => (IReadOnlyList<string>)stats.CellLabels(c)).ToArray(),
            cells.Select(c => counts[c].Weight()).ToArray(),
            references ?? stats.Attributes.Select(_ => (string?)null).ToArray());
        var layout = new Layout
        {
            Attributes = stats.Attributes, Cells = cells, Keys = keys, Suppressed = suppressed, LabelsHidden = labelsHidden, Disclosure = disclosure,
            Reference = reference, ReferenceRule = rule,
        };
        var frame = new GroupFrame(layout, counts, overall);
        layout.Point = frame;
        return frame;
    }

    /// <summary>
    /// The same frame over a replicate's counts per cell (indexed like <see cref="GroupStatistics.Cell"/>): the same
    /// groups shown and the same reference, every function recomputed on the replicate. The counts are not copied:
    /// use the replicate before they change.
    /// </summary>
    public GroupFrame Replicate(ReadOnlySpan<ConfusionCounts> cells) => new(layout, cells.ToArray(), null);

    /// <summary>
    /// As <see cref="Replicate(ReadOnlySpan{ConfusionCounts})"/>, reusing <paramref name="previous"/> (a replicate of
    /// this frame no longer needed) when there is one: its counts are overwritten and its caches emptied, so every
    /// function gives what it gives on a new replicate, without allocating a frame per replicate (issue 21).
    /// </summary>
    internal GroupFrame ReplicateInto(GroupFrame? previous, ReadOnlySpan<ConfusionCounts> cells)
    {
        if (previous is null || previous.layout != layout || previous.counts.Length != cells.Length || ReferenceEquals(previous, layout.Point))
        {
            return Replicate(cells);
        }
        cells.CopyTo(previous.counts);
        previous.ClearCaches();
        return previous;
    }

    /// <summary>Forgets every computed value (the counts changed); the arrays that held them are kept for reuse.</summary>
    private void ClearCaches()
    {
        overall = null;
        comparator = null;
        for (var k = 0; k < knownValues.Length; k++)
        {
            if (knownValues[k] is { } used)
            {
                (spareValues ??= new RateValue[]?[Known.Length])[k] = used;
                knownValues[k] = null;
            }
        }
        Array.Clear(knownExtremes);
        otherValues = null;
        otherExtremes = null;
    }

    /// <summary>The same frame over a replicate's statistics (same attributes and levels).</summary>
    public GroupFrame Replicate(GroupStatistics replicate) =>
        new(layout, Enumerable.Range(0, replicate.CellCount).Select(replicate.Cell).ToArray(), null);

    /// <summary>The attributes crossed (one for a single attribute).</summary>
    public IReadOnlyList<string> Attributes => layout.Attributes;

    /// <summary>The number of groups (listed cells).</summary>
    public int Count => layout.Cells.Length;

    /// <summary>Each group's key, by group index.</summary>
    public IReadOnlyList<GroupKey> Keys => layout.Keys;

    /// <summary>The cell number of group <paramref name="group"/> in the statistics.</summary>
    public int CellOf(int group) => layout.Cells[group];

    /// <summary>The counts of group <paramref name="group"/>.</summary>
    public ConfusionCounts Counts(int group) => counts[layout.Cells[group]];

    /// <summary>The counts of the whole population.</summary>
    public ConfusionCounts OverallCounts => overall ??= SumOfCells();

    /// <summary>The disclosure policy the frame applies.</summary>
    public DisclosurePolicy Disclosure => layout.Disclosure;

    /// <summary>The reference group's index (<see cref="ReferenceGroup"/>).</summary>
    public int Reference => layout.Reference;

    /// <summary><see cref="ReferenceGroup.Explicit"/> or <see cref="ReferenceGroup.Largest"/>.</summary>
    public string ReferenceRule => layout.ReferenceRule;

    /// <summary>The group's count and every rate are withheld (disclosure policy).</summary>
    public bool IsSuppressed(int group) => layout.Suppressed[group];

    /// <summary>The group's label-based metrics are withheld (or the whole group).</summary>
    public bool AreLabelMetricsHidden(int group) => layout.LabelsHidden[group];

    /// <summary>
    /// Whether the group's value of <paramref name="metric"/> is shown, decided on the point estimate: the group is not
    /// suppressed, nor its label metrics when the metric needs labels, the metric's denominator is not small, and the
    /// value is defined.
    /// </summary>
    public bool IsShown(GroupRate metric, int group)
    {
        var k = KnownIndex(metric);
        if (k < 0)
        {
            return IsShownOnPoint(metric, group);
        }
        var shown = layout.Shown[k];
        if (shown is null)
        {
            shown = new bool[Count];
            for (var i = 0; i < shown.Length; i++)
            {
                shown[i] = IsShownOnPoint(metric, i);
            }
            layout.Shown[k] = shown;
        }
        return shown[group];
    }

    private bool IsShownOnPoint(GroupRate metric, int group)
    {
        var point = layout.Point!;
        var value = point.Value(metric, group);
        return !layout.Suppressed[group] && !(metric.NeedsLabel && layout.LabelsHidden[group])
            && !layout.Disclosure.IsSmall(value.DenominatorRows, value.Denominator) && value.Value is not null;
    }

    /// <summary>The metric's value for a group.</summary>
    public RateValue Value(GroupRate metric, int group) => ValuesOf(metric)[group];

    private RateValue[] ValuesOf(GroupRate metric)
    {
        var k = KnownIndex(metric);
        var byGroup = k >= 0 ? knownValues[k] : otherValues?.GetValueOrDefault(metric);
        if (byGroup is null)
        {
            byGroup = k >= 0 && spareValues?[k] is { } spare ? spare : new RateValue[Count];
            for (var i = 0; i < byGroup.Length; i++)
            {
                byGroup[i] = metric.Compute(Counts(i));
            }
            if (k >= 0)
            {
                knownValues[k] = byGroup;
            }
            else
            {
                (otherValues ??= new(ReferenceEqualityComparer.Instance)).Add(metric, byGroup);
            }
        }
        return byGroup;
    }

    /// <summary>The metric over the whole population.</summary>
    public RateValue Overall(GroupRate metric) => metric.Compute(OverallCounts);

    /// <summary>Group minus reference: <c>m(g) − m(ref)</c>; null when either is undefined.</summary>
    public double? DifferenceToReference(GroupRate metric, int group) =>
        Value(metric, group).Value is { } g && Value(metric, Reference).Value is { } r ? g - r : null;

    /// <summary>Group over reference: <c>m(g) / m(ref)</c>; null when either is undefined or the reference's is 0.</summary>
    public double? RatioToReference(GroupRate metric, int group) =>
        Value(metric, group).Value is { } g && Value(metric, Reference).Value is { } r && r > 0 ? g / r : null;

    /// <summary>The odds ratio to the reference, <c>(g / (1 − g)) / (r / (1 − r))</c>; null unless both lie strictly between 0 and 1.</summary>
    public double? OddsRatioToReference(GroupRate metric, int group) =>
        Value(metric, group).Value is { } g and > 0 and < 1 && Value(metric, Reference).Value is { } r and > 0 and < 1 ? g / (1 - g) / (r / (1 - r)) : null;

    /// <summary>Group minus overall: <c>m(g) − m(all)</c>.</summary>
    public double? DifferenceToOverall(GroupRate metric, int group) =>
        Value(metric, group).Value is { } g && Overall(metric).Value is { } o ? g - o : null;

    /// <summary>Group over overall: <c>m(g) / m(all)</c>; null when the overall value is 0.</summary>
    public double? RatioToOverall(GroupRate metric, int group) =>
        Value(metric, group).Value is { } g && Overall(metric).Value is { } o && o > 0 ? g / o : null;

    /// <summary>The group with the lowest shown value (the first on a tie), −1 when none is shown: Fairlearn's <c>group_min</c>.</summary>
    public int GroupMin(GroupRate metric) => Extremes(metric).Min;

    /// <summary>The group with the highest shown value (the first on a tie), −1 when none is shown: Fairlearn's <c>group_max</c>.</summary>
    public int GroupMax(GroupRate metric) => Extremes(metric).Max;

    /// <summary>Fairlearn's between-groups difference over the shown values: max − min.</summary>
    public double? SpreadDifference(GroupRate metric) =>
        GroupMax(metric) is var hi and >= 0 ? Value(metric, hi).Value!.Value - Value(metric, GroupMin(metric)).Value!.Value : null;

    /// <summary>Fairlearn's between-groups ratio over the shown values: min / max; null when the maximum is 0.</summary>
    public double? SpreadRatio(GroupRate metric) =>
        GroupMax(metric) is var hi and >= 0 && Value(metric, hi).Value!.Value is var max && max > 0 ? Value(metric, GroupMin(metric)).Value!.Value / max : null;

    /// <summary>The four-fifths comparator g*: the shown group with the lowest flag rate (<see cref="FourFifthsRule.Comparator"/>); −1 when none.</summary>
    public int FourFifthsComparator => comparator ??= ComparatorOfShown();

    private int ComparatorOfShown()
    {
        var rates = new double?[Count];
        var values = ValuesOf(GroupRate.SelectionRate);
        for (var i = 0; i < rates.Length; i++)
        {
            rates[i] = IsShown(GroupRate.SelectionRate, i) ? values[i].Value : null;
        }
        return FourFifthsRule.Comparator(rates);
    }

    /// <summary>The four-fifths ratio <c>(1 − f) / (1 − f*)</c> of a group (<see cref="FourFifthsRule.Ratio"/>); null when undefined.</summary>
    public double? FourFifthsRatio(int group) =>
        FourFifthsComparator is var c and >= 0 && Value(GroupRate.SelectionRate, group).Value is { } f
            ? FourFifthsRule.Ratio(f, Value(GroupRate.SelectionRate, c).Value!.Value)
            : null;

    /// <summary>The four-fifths verdict of a group (<see cref="FourFifthsRule.Verdict"/>); null when its ratio is undefined.</summary>
    public bool? AdverseImpact(int group) => FourFifthsRule.Verdict(FourFifthsRatio(group));

    /// <summary>
    /// The flagged weight above what the reference group's flag rate would give the group:
    /// <c>max(0, W(flagged) − f(ref) × W)</c>; null when the reference's flag rate is undefined.
    /// </summary>
    public double? FlagShortfall(int group) =>
        Value(GroupRate.SelectionRate, Reference).Value is { } referenceRate
            ? Math.Max(0, Counts(group).Weight(decision: 1) - referenceRate * Counts(group).Weight())
            : null;

    private (int Min, int Max) Extremes(GroupRate metric)
    {
        var k = KnownIndex(metric);
        if (k >= 0 && knownExtremes[k] is { } cached)
        {
            return cached;
        }
        if (k < 0 && otherExtremes is not null && otherExtremes.TryGetValue(metric, out var found))
        {
            return found;
        }
        var values = ValuesOf(metric);
        int min = -1, max = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (!IsShown(metric, i) || values[i].Value is not { } v)
            {
                continue;
            }
            if (min < 0 || v < values[min].Value!.Value)
            {
                min = i;
            }
            if (max < 0 || v > values[max].Value!.Value)
            {
                max = i;
            }
        }
        if (k >= 0)
        {
            knownExtremes[k] = (min, max);
        }
        else
        {
            (otherExtremes ??= new(ReferenceEqualityComparer.Instance)).Add(metric, (min, max));
        }
        return (min, max);
    }

    private ConfusionCounts SumOfCells()
    {
        var c = new long[6];
        var w = new double[6];
        foreach (var cell in counts)
        {
            for (var label = 0; label <= ConfusionCounts.UnknownLabel; label++)
            {
                for (var decision = 0; decision <= 1; decision++)
                {
                    c[label * 2 + decision] += cell.Count(label, decision);
                    w[label * 2 + decision] += cell.Weight(label, decision);
                }
            }
        }
        return new ConfusionCounts(c, w);
    }
}
