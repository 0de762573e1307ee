using Audit.Fairness;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>A headline finding in the report's language, from the numbers it rests on; a kind this does not know keeps the result's own sentence.</summary>
internal static class FindingText
{
    public static string Of(Finding finding, FairnessSection fairness, ReportLanguage l)
    {
        var attribute = fairness.Attributes.Concat(fairness.Intersections).FirstOrDefault(a => a.Attribute == finding.Attribute);
        var group = attribute?.Groups.FirstOrDefault(g => g.Group.Equals(finding.Group));
        if (attribute is null || group is null)
        {
            return finding.Statement;
        }
        var rate = group.Rates[GroupRate.SelectionRate.Key].Value;
        var reference = attribute.Groups.FirstOrDefault(g => g.Group.Equals(attribute.Reference));
        var referenceRate = reference?.Rates[GroupRate.SelectionRate.Key].Value;
        var p = group.FlagRateDifference.PAdjusted ?? group.FlagRateDifference.P;
        return finding.Kind switch
        {
            "flagRateRatio" when rate is { } r && referenceRate is { } rr && finding.Value is { } ratio => l.T("finding.flagRateRatio",
                ("attribute", finding.Attribute), ("group", finding.Group.Label), ("ratio", l.Number(ratio, 2)), ("reference", attribute.Reference!.Label),
                ("rate", l.Percent(r)), ("referenceRate", l.Percent(rr))) + (p is { } pv ? " " + l.T(group.FlagRateDifference.PAdjusted is null ? "finding.pUnadjusted" : "finding.p", ("p", l.PStatement(pv))) : ""),
            // Printed below 0.8, as the sentence says, however close to it (ThresholdDigits).
            "fourFifths" when finding.Value is { } ratio => l.T("finding.fourFifths",
                ("attribute", finding.Attribute), ("group", finding.Group.Label), ("ratio", l.Number(ratio, ThresholdDigits.FourFifths(ratio, group.AdverseImpact))), ("comparator", attribute.FourFifthsComparator?.Label ?? "")),
            "worstOffSubgroup" when rate is { } r && finding.Value is { } ratio => l.T("finding.worstOffSubgroup",
                ("attribute", finding.Attribute), ("group", finding.Group.Label), ("ratio", l.Number(ratio, 2)), ("reference", attribute.Reference?.Label ?? ""), ("rate", l.Percent(r))),
            _ => finding.Statement,
        };
    }
}
