using System.Globalization;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>One protected attribute to analyse: its groups and how to pick its reference group.</summary>
/// <param name="Reference">The reference group's label, or null for the largest group by weighted count.</param>
public sealed record AttributeInput(GroupAssignment Groups, IReadOnlyList<double>? Bands, string? Reference);

/// <summary>
/// Computes the fairness section from decisions, labels and weights: group statistics per attribute, every
/// rate of <see cref="GroupRate.All"/>, the flag-rate ratio and difference against the reference group, and
/// the four-fifths ratio against the most favoured group, with disclosure control (CONTRACTS.md).
/// </summary>
public static class FairnessAnalysis
{
    /// <summary>29 CFR 1607.4(D): a selection rate below four-fifths of the most favoured group's is evidence of adverse impact.</summary>
    public const double FourFifthsThreshold = 0.8;

    public static readonly Conventions Conventions = new(
        FlagRateRatio: "flag_rate(group) / flag_rate(reference group): how many times as often the group is flagged",
        FlagRateDifference: "flag_rate(group) - flag_rate(reference group), in proportion points",
        FourFifths: "(1 - flag_rate(group)) / (1 - flag_rate(g*)) on the favourable outcome (not being flagged), g* = the unsuppressed group with the lowest flag rate; adverse impact when below 0.8 (29 CFR 1607.4(D))",
        ReferenceGroup: "per attribute, the group named in the plan, or else the group with the largest weighted count",
        Suppression: "a group, or a rate's denominator, with fewer rows than the minimum cell size is suppressed (null, suppressed: true)");

    /// <param name="decisions">1 = flagged, per row.</param>
    /// <param name="labels">0/1/255 per row, or empty without a label column.</param>
    /// <param name="weights">Per row, or empty when unweighted.</param>
    /// <param name="frequencyWeights">Frequency weights: suppression counts people (weight sums), not rows.</param>
    public static FairnessSection Analyze(IReadOnlyList<AttributeInput> attributes, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, int minCellSize, bool frequencyWeights = false)
    {
        var hasLabel = !labels.IsEmpty;
        var rates = GroupRate.All.Where(r => hasLabel || !r.NeedsLabel).ToArray();
        var results = new List<AttributeResult>();
        ConfusionCounts? overall = null;
        foreach (var attribute in attributes)
        {
            var stats = GroupStatistics.Accumulate([attribute.Groups], decisions, labels, weights);
            overall ??= stats.Overall();
            results.Add(AnalyzeAttribute(stats, attribute, rates, minCellSize, frequencyWeights));
        }
        overall ??= GroupStatistics.Accumulate([new GroupAssignment("all", new int[decisions.Length], ["all"])], decisions, labels, weights).Overall();
        var overallRates = rates.ToDictionary(r => r.Key, r => ToMetric(r.Compute(overall.Value), 1, false));
        var overallCounts = new OverallRates(Metric.Of(overall.Value.Count()), Metric.Of(overall.Value.Weight()), overallRates);
        return new FairnessSection(minCellSize, Conventions, overallCounts, results, Findings(results));
    }

    /// <summary>The result for one attribute (or intersection) from its statistics.</summary>
    public static AttributeResult AnalyzeAttribute(GroupStatistics stats, AttributeInput input, IReadOnlyList<GroupRate> rates, int minCellSize, bool frequencyWeights)
    {
        var cells = Enumerable.Range(0, stats.CellCount)
            .Select(c => (Key: GroupKey.Of(stats.Attributes, stats.CellLabels(c)), Counts: stats.Cell(c)))
            .Where(c => c.Counts.Count() > 0)
            .ToList();
        bool Small(long rows, double weight) => (frequencyWeights ? weight : rows) < minCellSize;
        var suppressed = cells.Select(c => Small(c.Counts.Count(), c.Counts.Weight())).ToArray();
        var flagRates = cells.Select(c => GroupRate.SelectionRate.Compute(c.Counts).Value).ToArray();

        // Reference group: explicit, or the largest by weighted count (first in output order on a tie).
        int referenceIndex;
        string referenceRule;
        if (input.Reference is { } named)
        {
            referenceIndex = cells.FindIndex(c => c.Key.Parts[0].Value == named);
            if (referenceIndex < 0)
            {
                throw new AuditInputException($"the reference group '{named}' does not occur in the data", column: input.Groups.Attribute,
                    expected: "one of " + string.Join(", ", cells.Select(c => c.Key.Label)), found: named,
                    hint: "fix 'reference' for this attribute in the plan, or write 'reference: largest'");
            }
            referenceRule = "explicit";
        }
        else
        {
            referenceIndex = 0;
            for (var i = 1; i < cells.Count; i++)
            {
                if (cells[i].Counts.Weight() > cells[referenceIndex].Counts.Weight())
                {
                    referenceIndex = i;
                }
            }
            referenceRule = "largest";
        }
        var referenceSuppressed = suppressed[referenceIndex];
        var referenceRate = flagRates[referenceIndex];

        // Four-fifths comparator g*: the unsuppressed group with the lowest flag rate (first on a tie).
        var comparator = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            if (!suppressed[i] && flagRates[i] is { } r && (comparator < 0 || r < flagRates[comparator]!.Value))
            {
                comparator = i;
            }
        }

        var groups = new List<GroupResult>();
        for (var i = 0; i < cells.Count; i++)
        {
            var counts = cells[i].Counts;
            if (suppressed[i])
            {
                var hidden = rates.ToDictionary(r => r.Key, _ => Metric.SuppressedCell());
                groups.Add(new GroupResult(cells[i].Key, Metric.SuppressedCell(), Metric.SuppressedCell(), hidden,
                    Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), null));
                continue;
            }
            var groupRates = rates.ToDictionary(r => r.Key, r => ToMetric(r.Compute(counts), minCellSize, frequencyWeights));
            if (flagRates[i] is not { } rate)
            {
                // Rows whose weights sum to 0: the group has no weighted flag rate, so nothing compares it.
                var none = Metric.UndefinedBecause("the group's weights sum to 0");
                groups.Add(new GroupResult(cells[i].Key, Metric.Of(counts.Count()), Metric.Of(counts.Weight()), groupRates, none, none, none, null));
                continue;
            }
            Metric ratio, difference;
            if (referenceRate is null)
            {
                ratio = difference = Metric.UndefinedBecause("the reference group's weights sum to 0");
            }
            else if (referenceSuppressed)
            {
                ratio = difference = Metric.UndefinedBecause("the reference group is suppressed (too few rows)");
            }
            else
            {
                difference = Metric.Of(rate - referenceRate.Value);
                ratio = referenceRate.Value > 0
                    ? Metric.Of(rate / referenceRate.Value)
                    : Metric.UndefinedBecause("nobody in the reference group is flagged");
            }
            Metric fourFifths;
            bool? adverse = null;
            if (comparator < 0)
            {
                fourFifths = Metric.UndefinedBecause("every group is suppressed");
            }
            else if (flagRates[comparator]!.Value >= 1)
            {
                fourFifths = Metric.UndefinedBecause("everybody in the most favoured group is flagged");
            }
            else
            {
                var value = (1 - rate) / (1 - flagRates[comparator]!.Value);
                fourFifths = Metric.Of(value);
                adverse = value < FourFifthsThreshold;
            }
            groups.Add(new GroupResult(cells[i].Key, Metric.Of(counts.Count()), Metric.Of(counts.Weight()), groupRates, ratio, difference, fourFifths, adverse));
        }
        return new AttributeResult(
            string.Join(" × ", stats.Attributes),
            stats.Attributes,
            input.Bands,
            cells[referenceIndex].Key,
            referenceRule,
            comparator < 0 ? null : cells[comparator].Key,
            groups);
    }

    private static Metric ToMetric(RateValue rate, int minCellSize, bool frequencyWeights)
    {
        var size = frequencyWeights ? rate.Denominator : rate.DenominatorRows;
        if (rate.DenominatorRows > 0 && size < minCellSize)
        {
            return Metric.SuppressedCell();
        }
        return rate.Value is { } v ? Metric.Of(v, rate.DenominatorRows) : Metric.UndefinedBecause(rate.UndefinedReason, rate.DenominatorRows);
    }

    /// <summary>
    /// Headline findings: for each attribute, the group with the highest flag-rate ratio against the reference
    /// (when above 1), and every group whose four-fifths ratio shows adverse impact.
    /// </summary>
    private static List<Finding> Findings(IReadOnlyList<AttributeResult> attributes)
    {
        var findings = new List<Finding>();
        foreach (var a in attributes)
        {
            var highest = a.Groups
                .Where(g => g.FlagRateRatio.Value is > 1)
                .OrderByDescending(g => g.FlagRateRatio.Value)
                .FirstOrDefault();
            if (highest is not null && a.Reference is not null)
            {
                var ratio = highest.FlagRateRatio.Value!.Value;
                findings.Add(new Finding(a.Attribute, highest.Group, "flagRateRatio",
                    $"{a.Attribute} = {highest.Group.Label} is flagged {Format(ratio)} times as often as the reference group {a.Reference.Label} " +
                    $"({Percent(highest.Rates["selectionRate"].Value)} vs {Percent(a.Groups.First(g => g.Group.Equals(a.Reference)).Rates["selectionRate"].Value)}).",
                    ratio));
            }
            foreach (var g in a.Groups.Where(g => g.AdverseImpact == true))
            {
                findings.Add(new Finding(a.Attribute, g.Group, "fourFifths",
                    $"{a.Attribute} = {g.Group.Label}: adverse impact under the four-fifths rule (ratio {Format(g.FourFifthsRatio.Value!.Value)} < 0.8 against {a.FourFifthsComparator!.Label}).",
                    g.FourFifthsRatio.Value));
            }
        }
        return findings;
    }

    internal static string Format(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string Percent(double? x) => x is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
}
