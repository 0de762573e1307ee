using Audit.Fairness.Cells;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// The fairness section's headline findings, chosen from the analysed attributes (<see cref="FairnessAnalysis"/>), and
/// the numbers its conventions quote; their words are Reporting's.
/// </summary>
public static class FairnessFindings
{
    /// <summary>How many established disparities of an attribute with more levels than the display threshold are listed; the rest are counted.</summary>
    public const int TopOfManyLevels = 3;

    /// <summary>How many established disparities of intersections the headlines list (the most established across every intersection); the rest are counted.</summary>
    public const int TopOfIntersections = 3;

    /// <summary>The numbers the conventions quote: the tolerance band as printed (<see cref="ThresholdDigits.ToleranceBand"/>) and the entropy index's alpha.</summary>
    public static Conventions ConventionsFor(FairnessOptions options)
    {
        var (low, high) = ThresholdDigits.ToleranceBand(options.Tolerance);
        return new((double)low, (double)high, options.EntropyAlpha);
    }

    /// <summary>
    /// Headline findings (CONTRACTS.md, "Verdict"): established disparities only, of every verdict metric, never of a
    /// suppressed group (it has no verdict). First the single attributes' (against the group first, then in its favour,
    /// each ranked by how far the interval's nearer bound lies from 1 on a log scale, <see cref="Verdict.Distance"/>;
    /// an attribute with more than <paramref name="displayLevels"/> levels lists its top <see cref="TopOfManyLevels"/>
    /// and is warned about with a count of the rest), then the intersections' top <see cref="TopOfIntersections"/>
    /// ranked the same way, and a count of the others. When nothing is established, one finding says so with the
    /// largest flag-rate ratio and its interval.
    /// </summary>
    internal static List<Finding> Headlines(IReadOnlyList<AttributeResult> attributes, IReadOnlyList<AttributeResult> intersections, int displayLevels = FairnessOptions.DefaultDisplayLevels)
    {
        var warnings = new List<Finding>();
        var single = new List<Finding>();
        foreach (var a in attributes)
        {
            var established = Ranked(Established(a, intersection: false));
            if (a.Groups.Count > displayLevels)
            {
                warnings.Add(new Finding(a.Attribute, established.FirstOrDefault()?.Group ?? a.Reference ?? a.Groups[0].Group, Finding.ManyLevels, null)
                {
                    Levels = a.Groups.Count, DisplayLevels = displayLevels, Others = Math.Max(0, established.Count - TopOfManyLevels),
                });
                established = established.Take(TopOfManyLevels).ToList();
            }
            single.AddRange(established);
        }
        var crossed = Ranked(intersections.SelectMany(x => Established(x, intersection: true)));
        var findings = Ranked(single);
        findings.AddRange(crossed.Take(TopOfIntersections));
        if (crossed.Count > TopOfIntersections)
        {
            findings.Add(new Finding("", crossed[TopOfIntersections].Group, Finding.MoreIntersections, null) { Others = crossed.Count - TopOfIntersections });
        }
        if (single.Count == 0 && crossed.Count == 0 && LargestRatio(attributes) is { } largest)
        {
            findings.Add(largest);
        }
        findings.AddRange(warnings);
        return findings;
    }

    /// <summary>Against first, then in favour; within each, the larger <see cref="Verdict.Distance"/> first (a stable sort: plan order on ties).</summary>
    private static List<Finding> Ranked(IEnumerable<Finding> findings) =>
        findings.OrderBy(f => f.Verdict!.Direction == Verdict.Against ? 0 : 1).ThenByDescending(f => f.Verdict!.Distance).ToList();

    /// <summary>The established verdicts of one attribute or intersection, as findings, in group and metric order.</summary>
    private static IEnumerable<Finding> Established(AttributeResult a, bool intersection)
    {
        foreach (var g in a.Groups)
        {
            foreach (var rate in DisparityVerdict.Metrics)
            {
                if (g.Disparities.GetValueOrDefault(rate.Key)?.Verdict is { Established: true } verdict)
                {
                    yield return Of(a, g, rate, verdict) with { Intersection = intersection };
                }
            }
        }
    }

    /// <summary>The finding of one verdict, with the group's and the reference's values and, for the flag rate, its p-value and four-fifths ratio.</summary>
    private static Finding Of(AttributeResult a, GroupResult g, GroupRate rate, Verdict verdict)
    {
        var reference = a.Groups.FirstOrDefault(r => r.Group.Equals(a.Reference));
        var flag = rate == GroupRate.SelectionRate;
        var p = flag ? g.FlagRateDifference.PAdjusted ?? g.FlagRateDifference.P : null;
        var fourFifths = flag ? g.FourFifthsRatio.Value : null;
        return new Finding(a.Attribute, g.Group, Finding.Disparity, verdict.Ratio, a.Reference, g.Rates[rate.Key].Value, reference?.Rates[rate.Key].Value,
            p, flag && g.FlagRateDifference.PAdjusted is not null, p is null ? null : p < Significance.Level,
            fourFifths is { } ff ? ThresholdDigits.FourFifths(ff, g.AdverseImpact) : null)
        {
            Metric = rate.Key, Verdict = verdict, FourFifthsRatio = fourFifths,
        };
    }

    /// <summary>
    /// When nothing is established: the flag-rate verdict with the largest ratio over the single attributes (an infinite
    /// one first, else the largest |ln ratio|), to quote with its interval; null when no verdict exists.
    /// </summary>
    private static Finding? LargestRatio(IReadOnlyList<AttributeResult> attributes)
    {
        var candidates = attributes.SelectMany(a => a.Groups
            .Where(g => g.Disparities.GetValueOrDefault(GroupRate.SelectionRate.Key)?.Verdict is not null)
            .Select(g => (Attribute: a, Group: g, Verdict: g.Disparities[GroupRate.SelectionRate.Key].Verdict!)));
        var largest = candidates
            .OrderByDescending(c => c.Verdict.Infinite ? double.PositiveInfinity : c.Verdict.Ratio is { } r && r > 0 ? Math.Abs(Math.Log(r)) : -1)
            .FirstOrDefault();
        return largest.Verdict is null ? null : Of(largest.Attribute, largest.Group, GroupRate.SelectionRate, largest.Verdict) with { Kind = Finding.NoneEstablished };
    }
}
