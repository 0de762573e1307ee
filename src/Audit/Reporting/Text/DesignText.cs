using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The sentences of the audit designs, from the facts their results carry (catalogue keys <c>designs.*</c>): at which
/// cut-offs a group is disadvantaged, how a disparity evolves over periods, whether the human decision follows the
/// score. Numbers are written with invariant digits and the language's decimal mark.
/// </summary>
public static class DesignText
{
    /// <summary>At which of the <paramref name="cuts"/> cut-offs swept a group is flagged more often or shows adverse impact.</summary>
    public static string Capacity(CapacityFinding f, int cuts, ReportLanguage l)
    {
        string Where(IReadOnlyList<double> at) => at.Count == cuts ? l.T("designs.capacity.everyCut")
            : at.Count == 1 ? l.T("designs.capacity.oneCut", ("at", Share(l, at[0])), ("cuts", cuts))
            : l.T("designs.capacity.someCuts", ("count", at.Count), ("cuts", cuts), ("at", string.Join(", ", at.Select(a => Share(l, a)))));
        var parts = new List<string>();
        if (f.SignificantlyMoreAt.Count > 0)
        {
            parts.Add(l.T("designs.capacity.more", ("where", Where(f.SignificantlyMoreAt))));
        }
        if (f.AdverseImpactAt.Count > 0)
        {
            parts.Add(l.T("designs.capacity.adverse", ("where", Where(f.AdverseImpactAt))));
        }
        return l.T("designs.capacity.statement", ("attribute", f.Attribute), ("group", f.Group), ("parts", string.Join(l.T("designs.capacity.join"), parts)));
    }

    /// <summary>A group's disparity over the <paramref name="periods"/> periods: how often, how long, which trend.</summary>
    public static string Time(TimeSeriesGroup g, int periods, ReportLanguage l)
    {
        var text = l.T("designs.time.statement", ("attribute", g.Attribute), ("group", g.Group), ("more", g.PeriodsSignificantlyMore), ("periods", periods));
        text += g.PeriodsSignificantlyMore > 0 ? l.T("designs.time.longest", ("longest", g.LongestRun)) : "";
        text += g.PeriodsAdverse > 0 ? l.T("designs.time.adverse", ("adverse", g.PeriodsAdverse), ("periods", periods)) : "";
        if (g.LogRatioTrend.Value is { } slope && g.LogRatioTrend.Ci is { } ci)
        {
            // The slope is of ln(ratio) per period: exp(slope) − 1 is the ratio's relative change per period.
            var change = (Math.Exp(slope) - 1) * 100;
            var direction = l.T(ci[0] > 0 ? "designs.time.grows" : ci[1] < 0 ? "designs.time.shrinks" : "designs.time.noTrend");
            text += l.T("designs.time.trend", ("direction", direction), ("change", Plain(l, change, "+0.#;−0.#")));
        }
        var persistent = periods >= 3 && g.PeriodsSignificantlyMore == periods;
        return text + (persistent ? l.T("designs.time.persistent") : ".");
    }

    /// <summary>How often the final decision agrees with the score's, then each group whose disparity the human decision changes.</summary>
    public static IReadOnlyList<string> Following(DecisionFollowingResult d, ReportLanguage l)
    {
        var statements = new List<string>
        {
            l.T("designs.following.agreement", ("column", d.Column), ("agreement", Percent(l, d.Agreement.Value)), ("rows", Count(l, d.Rows)),
                ("kappa", Decimal2(l, d.Kappa.Value)), ("followed", Percent(l, d.FollowedWhenFlagged.Value)), ("added", Percent(l, d.AdverseWhenNotFlagged.Value))),
        };
        foreach (var g in d.Groups)
        {
            var effect = g.Effect switch
            {
                "reduces the disparity" => "designs.following.reduces",
                "adds to the disparity" => "designs.following.adds",
                _ => null,
            };
            if (effect is not null)
            {
                statements.Add(l.T("designs.following.group", ("attribute", g.Attribute), ("group", g.Group), ("effect", l.T(effect)),
                    ("scoreRatio", Decimal2(l, g.ScoreRatio.Value)), ("humanRatio", Decimal2(l, g.HumanRatio.Value))));
            }
        }
        return statements;
    }

    private static string Share(ReportLanguage l, double fraction) => Plain(l, fraction * 100, "0.###") + " %";

    private static string Percent(ReportLanguage l, double? proportion) => proportion is { } v ? Plain(l, v * 100, "0.0") + " %" : l.T("designs.notAvailable");

    private static string Decimal2(ReportLanguage l, double? value) => value is { } v ? Plain(l, v, "0.00") : l.T("designs.notAvailable");

    private static string Count(ReportLanguage l, long value) => l.Code == "fr" ? l.Count(value) : value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plain(ReportLanguage l, double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return l.Code == "fr" ? text.Replace('.', ',') : text;
    }
}
