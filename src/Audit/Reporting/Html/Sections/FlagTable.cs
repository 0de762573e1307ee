using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>The tables of who is flagged and of outcomes and errors, for an attribute or an intersection (shared by two sections).</summary>
internal static class FlagTable
{
    /// <summary>The flag-rate plot, then the table of its numbers (the plot's text alternative).</summary>
    public static void PlotAndTable(HtmlReportContext c, AttributeResult a)
    {
        var tableId = c.NewId("table-" + a.Attribute);
        c.Figure(FlagRatePlot.Draw(a, c.Language, c.NewId("plot-flag-" + a.Attribute)), tableId);
        Render(c, a, tableId);
    }

    public static void Render(HtmlReportContext c, AttributeResult a, string tableId)
    {
        c.Raw($"<div class=\"table-wrap\"><table id=\"{tableId}\" class=\"flags\">\n<caption>").Raw(c.T("flags.caption", ("attribute", a.Attribute))).Raw("</caption>\n<thead><tr>");
        c.Raw("<th>").Raw(c.T("col.group")).Raw("</th>");
        foreach (var key in new[] { "col.n", "col.shareOfPopulation", "col.shareOfFlagged", "col.flagRate", "col.ratio", "col.difference", c.Result.Fairness.Inference.Correction == "none" ? "col.pUnadjusted" : "col.p", "verdict.column", "col.fourFifths", "col.shortfall", "col.detectable" })
        {
            c.Raw("<th class=\"num\">").Raw(c.T(key)).Raw("</th>");
        }
        c.Raw("</tr></thead>\n<tbody>\n");
        foreach (var g in a.Groups)
        {
            var classes = new List<string>();
            if (g.Group.Equals(a.Reference))
            {
                classes.Add("reference");
            }
            // The row's colour follows the flag-rate verdict (never the four-fifths figure, never the reference).
            var verdict = g.Disparities.GetValueOrDefault(MetricKeys.SelectionRate)?.Verdict;
            if (verdict?.Direction == Verdict.Against && !g.Group.Equals(a.Reference))
            {
                classes.Add("adverse");
            }
            else if (verdict?.Direction == Verdict.InFavour)
            {
                classes.Add("favour");
            }
            c.Raw(classes.Count > 0 ? $"<tr class=\"{string.Join(' ', classes)}\">" : "<tr>");
            c.Raw("<td>").Text(g.Group.Label).Raw("</td>");
            Cell(c, c.Count(g.Count));
            Cell(c, c.Percent(g.ShareOfPopulation));
            Cell(c, c.Percent(g.ShareOfFlagged));
            Cell(c, c.PercentWithInterval(g.Rates[MetricKeys.SelectionRate]));
            Cell(c, c.NumberWithInterval(g.FlagRateRatio));
            Cell(c, c.Points(g.FlagRateDifference));
            Cell(c, c.PValue(g.FlagRateDifference));
            VerdictCell(c, verdict);
            // ⚠ means below 0.8: the ratio is printed with the digits that show it (ThresholdDigits).
            Cell(c, c.NumberWithInterval(g.FourFifthsRatio, g.FourFifthsRatio.Value is { } ff ? ThresholdDigits.FourFifths(ff, g.AdverseImpact) : ThresholdDigits.Usual)
                + (g.AdverseImpact == true ? " ⚠" : ""));
            Cell(c, c.Count(g.FlagShortfall));
            Cell(c, g.MinimumDetectableDifference.Value is { } mdd ? c.Language.Number(mdd * 100, 1) + "\u00A0" + c.T("unit.points") : c.Points(g.MinimumDetectableDifference));
            c.Raw("</tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
        c.Raw("<p class=\"note\">").Raw(c.T("flags.reference", ("reference", a.Reference?.Label ?? "–"), ("rule", c.T("reference." + a.ReferenceRule)),
            ("comparator", a.FourFifthsComparator?.Label ?? "–"))).Raw(" ");
        if (a.BetweenGroups.TryGetValue(MetricKeys.SelectionRate, out var spread))
        {
            c.Raw(c.TMarkup("flags.range", ("min", c.Percent(spread.Min)), ("max", c.Percent(spread.Max)), ("ratio", c.NumberWithInterval(spread.Ratio)))).Raw(" ");
        }
        if (a.FlagRateTest is { } chi)
        {
            c.Raw(c.T("flags.chiSquare", ("statistic", c.Language.Number(chi.Statistic, 2)), ("df", c.Language.Count(chi.DegreesOfFreedom)), ("p", c.Language.PStatement(chi.P))));
        }
        c.Raw("</p>\n");
    }

    /// <summary>Outcome and error rates by group, when there is a label.</summary>
    public static void Outcomes(HtmlReportContext c, AttributeResult a)
    {
        var keys = c.Result.Fairness.Overall.Rates.Keys.Where(k => k != MetricKeys.SelectionRate).ToArray();
        if (keys.Length == 0)
        {
            return;
        }
        c.Raw("<div class=\"table-wrap\"><table class=\"outcomes\">\n<caption>").Raw(c.T("outcomes.caption", ("attribute", a.Attribute))).Raw("</caption>\n<thead><tr><th>").Raw(c.T("col.group")).Raw("</th>");
        foreach (var key in keys)
        {
            c.Raw("<th class=\"num\">").Raw(c.Language.Text.Contains("rate." + key) ? c.T("rate." + key) : HtmlText.Escape(key)).Raw("</th>");
        }
        c.Raw("</tr></thead>\n<tbody>\n");
        foreach (var g in a.Groups)
        {
            c.Raw(g.Group.Equals(a.Reference) ? "<tr class=\"reference\">" : "<tr>").Raw("<td>").Text(g.Group.Label).Raw("</td>");
            foreach (var key in keys)
            {
                Cell(c, g.Rates.TryGetValue(key, out var m) ? c.PercentWithInterval(m) : "");
            }
            c.Raw("</tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
        // The established verdicts on the error rates (the flag rate's are in the table above), the most established first.
        var established = a.Groups
            .SelectMany(g => g.Disparities.Where(d => d.Key != MetricKeys.SelectionRate && d.Value.Verdict is { Established: true }).Select(d => (g, d.Key, Verdict: d.Value.Verdict!)))
            .OrderBy(x => x.Verdict.Direction == Verdict.Against ? 0 : 1).ThenByDescending(x => x.Verdict.Distance)
            .ToArray();
        var (lo, hi) = ThresholdDigits.ToleranceBand(c.Result.Fairness.Tolerance);
        var l = c.Language;
        c.Raw("<p class=\"note\">").Raw(c.T("verdict.outcomes", ("lo", l.Number((double)lo, ThresholdDigits.BandDecimals)), ("hi", l.Number((double)hi, ThresholdDigits.BandDecimals)))).Raw(" ");
        c.Raw(established.Length == 0 ? c.T("verdict.outcomes.none") : string.Join(l.T("verdict.separator"), established.Select(x => c.T("verdict.outcomes.item",
            ("group", x.g.Group.Label), ("metric", l.Text.Contains("rate." + x.Key) ? l.T("rate." + x.Key) : x.Key),
            ("ratio", x.Verdict.Infinite ? "∞" : x.Verdict.Ratio is { } r ? l.Number(r, ThresholdDigits.OutsideBand(r, c.Result.Fairness.Tolerance)) : "–"),
            ("interval", FindingText.Interval(x.Verdict, l)), ("direction", l.T("verdict.cell." + x.Verdict.Direction))))) + ".");
        c.Raw("</p>\n");
    }

    /// <summary>The flag-rate verdict of a group: against, in favour or not established, coloured by its direction (grey when not established; none for the reference).</summary>
    private static void VerdictCell(HtmlReportContext c, Verdict? verdict)
    {
        if (verdict is null)
        {
            c.Raw("<td>–</td>");
            return;
        }
        var css = verdict.Direction switch
        {
            Verdict.Against => "verdict against",
            Verdict.InFavour => "verdict favour",
            _ => "verdict unknown",
        };
        c.Raw($"<td class=\"{css}\">").Raw(c.T("verdict.cell." + verdict.Direction)).Raw("</td>");
    }

    private static void Cell(HtmlReportContext c, string markup) => c.Raw("<td class=\"num\">").Raw(markup).Raw("</td>");
}
