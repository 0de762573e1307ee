using Audit.Reporting.Plots;
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
        foreach (var key in new[] { "col.n", "col.shareOfPopulation", "col.shareOfFlagged", "col.flagRate", "col.ratio", "col.difference", c.Result.Fairness.Inference.Correction == "none" ? "col.pUnadjusted" : "col.p", "col.fourFifths", "col.shortfall", "col.detectable" })
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
            if (g.AdverseImpact == true)
            {
                classes.Add("adverse");
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
        var tolerance = c.Result.Fairness.Tolerance;
        var outside = a.Groups
            .SelectMany(g => g.Disparities.Where(d => d.Value.WithinTolerance == false).Select(d => (g, d.Key, d.Value)))
            .ToArray();
        // The band's bounds rounded towards its inside, and each ratio outside with the digits that print it outside.
        var (lo, hi) = ThresholdDigits.ToleranceBand(tolerance);
        c.Raw("<p class=\"note\">").Raw(c.T("outcomes.tolerance", ("lo", c.Language.Number((double)lo, ThresholdDigits.BandDecimals)), ("hi", c.Language.Number((double)hi, ThresholdDigits.BandDecimals)))).Raw(" ");
        c.Raw(outside.Length == 0 ? c.T("outcomes.noneOutside") : string.Join("; ", outside.Select(x =>
            $"{HtmlText.Escape(x.g.Group.Label)}: {(c.Language.Text.Contains("rate." + x.Key) ? c.T("rate." + x.Key) : HtmlText.Escape(x.Key))} ×{c.Number(x.Value.RatioToReference, x.Value.RatioToReference.Value is { } r ? ThresholdDigits.OutsideBand(r, tolerance) : ThresholdDigits.Usual)}")));
        c.Raw("</p>\n");
    }

    private static void Cell(HtmlReportContext c, string markup) => c.Raw("<td class=\"num\">").Raw(markup).Raw("</td>");
}
