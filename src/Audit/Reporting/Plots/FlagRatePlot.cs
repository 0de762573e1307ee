using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Plots;

/// <summary>
/// Flag rate by group with its confidence interval, and the four-fifths band: the flag rates at which a group's
/// four-fifths ratio (1 − f) / (1 − f_min) falls below 0.8, that is f above 1 − 0.8 (1 − f_min) (29 CFR 1607.4(D);
/// CONTRACTS.md; <see cref="FourFifthsRule"/>). Bars of groups with adverse impact are marked from the result's verdict.
/// Suppressed groups are not drawn. Reads only the result.
/// </summary>
public static class FlagRatePlot
{
    /// <summary>The flag rate above which a group shows adverse impact against the least-flagged group, or null without one.</summary>
    public static double? AdverseImpactThreshold(AttributeResult attribute)
    {
        var comparator = attribute.Groups.FirstOrDefault(g => g.Group.Equals(attribute.FourFifthsComparator));
        return comparator?.Rates[MetricKeys.SelectionRate].Value is { } lowest ? FourFifthsRule.AdverseFlagRateFrom(lowest) : null;
    }

    public static SvgFigure? Draw(AttributeResult attribute, ReportLanguage language, string id)
    {
        var shown = attribute.Groups.Where(g => g.Rates[MetricKeys.SelectionRate].Value is not null).ToArray();
        var items = shown.Select(g =>
        {
            var rate = g.Rates[MetricKeys.SelectionRate];
            var isReference = g.Group.Equals(attribute.Reference);
            return new BarItem(g.Group.Label + (isReference ? " \u2605" : ""), rate.Value!.Value * 100,
                rate.Ci is [var lo, _] ? lo * 100 : null, rate.Ci is [_, var hi] ? hi * 100 : null,
                g.AdverseImpact == true ? BarEmphasis.Adverse : isReference ? BarEmphasis.Reference : BarEmphasis.Normal);
        }).ToArray();
        var threshold = AdverseImpactThreshold(attribute);
        // The axis ends just above the data: a four-fifths band beyond it is said in words, not drawn.
        var bandShown = threshold is { } from && from * 100 < HorizontalBars.AxisEnd(items, 100);
        var description = language.T("plot.flagRate.desc", ("attribute", attribute.Attribute), ("groups", shown.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            + (threshold is { } th ? " " + language.T(bandShown ? "plot.flagRate.descBand" : "chart.flagRate.bandBeyond", ("threshold", language.Percent(th))) : "")
            + " " + string.Join("; ", shown.Select(g => $"{g.Group.Label}: {language.Percent(g.Rates[MetricKeys.SelectionRate].Value!.Value)}")) + ".";
        return HorizontalBars.Draw(id, language.T("plot.flagRate.title", ("attribute", attribute.Attribute)), language.T("plot.flagRate.x"), items, description, language,
            threshold is { } t ? new BarBand(t * 100, 100, language.T("plot.flagRate.band")) : null, axisMax: 100);
    }
}
