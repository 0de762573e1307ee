using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// The fairness section's headline findings, chosen from the analysed attributes (<see cref="FairnessAnalysis"/>), and
/// the numbers its conventions quote; their words are Reporting's.
/// </summary>
public static class FairnessFindings
{
    /// <summary>The numbers the conventions quote: the tolerance band as printed (<see cref="ThresholdDigits.ToleranceBand"/>) and the entropy index's alpha.</summary>
    public static Conventions ConventionsFor(FairnessOptions options)
    {
        var (low, high) = ThresholdDigits.ToleranceBand(options.Tolerance);
        return new((double)low, (double)high, options.EntropyAlpha);
    }

    /// <summary>
    /// Headline findings: for each attribute, the groups flagged significantly more often than the reference (up to
    /// three, by ratio), or else the one with the highest ratio and its p-value, and every group whose four-fifths
    /// ratio shows adverse impact; across all intersections,
    /// the one subgroup flagged most often relative to its intersection's reference cell.
    /// </summary>
    internal static List<Finding> Headlines(IReadOnlyList<AttributeResult> attributes, IReadOnlyList<AttributeResult> intersections)
    {
        var findings = new List<Finding>();
        foreach (var a in attributes)
        {
            // The groups flagged more often than the reference, most disproportionate first. Those whose difference is
            // significant after the correction lead (up to three); without a test (sampling weights) or without any
            // significant one, the highest ratio is reported with what its p-value says.
            var above = a.Groups.Where(g => g.FlagRateRatio.Value is > 1).OrderByDescending(g => g.FlagRateRatio.Value).ToList();
            var significant = above.Where(g => (g.FlagRateDifference.PAdjusted ?? g.FlagRateDifference.P) is < Significance.Level).Take(3).ToList();
            var reported = significant.Count > 0 ? significant : above.Take(1).ToList();
            if (a.Reference is not null)
            {
                var referenceRate = a.Groups.First(g => g.Group.Equals(a.Reference)).Rates[GroupRate.SelectionRate.Key].Value;
                foreach (var group in reported)
                {
                    var difference = group.FlagRateDifference;
                    var p = difference.PAdjusted ?? difference.P;
                    findings.Add(new Finding(a.Attribute, group.Group, Finding.FlagRateRatio, group.FlagRateRatio.Value!.Value, a.Reference,
                        group.Rates[GroupRate.SelectionRate.Key].Value, referenceRate, p, difference.PAdjusted is not null, Significant: p is null ? null : p < Significance.Level));
                }
            }
            foreach (var g in a.Groups.Where(g => g.AdverseImpact == true))
            {
                // The digits that print the ratio below 0.8, however close to it (ThresholdDigits).
                var ratio = g.FourFifthsRatio.Value!.Value;
                findings.Add(new Finding(a.Attribute, g.Group, Finding.FourFifths, ratio, a.FourFifthsComparator,
                    ValueDigits: ThresholdDigits.FourFifths(ratio, adverseImpact: true)));
            }
        }
        // Of the intersections, only the subgroup flagged most often relative to its reference cell makes the
        // headlines; every intersection's worst-off subgroup is in its own table.
        var extreme = intersections
            .Select(x => (Set: x, Worst: x.Groups.FirstOrDefault(g => g.Group.Equals(x.WorstOff))))
            .Where(p => p.Worst?.FlagRateRatio.Value is > 1)
            .OrderByDescending(p => p.Worst!.FlagRateRatio.Value)
            .FirstOrDefault();
        if (extreme.Worst is { } worst)
        {
            findings.Add(new Finding(extreme.Set.Attribute, worst.Group, Finding.WorstOffSubgroup, worst.FlagRateRatio.Value!.Value, extreme.Set.Reference,
                worst.Rates[GroupRate.SelectionRate.Key].Value));
        }
        return findings;
    }
}
