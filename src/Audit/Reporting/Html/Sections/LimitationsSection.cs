using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Limitations and caveats: the result's own caveats in the report's language, then what any audit of this kind cannot show.</summary>
public sealed class LimitationsSection : IHtmlSection
{
    public string Id => "limitations";

    public string TitleKey => "section.limitations";

    public bool AppliesTo(AuditResult result) => true;

    public void Render(HtmlReportContext c)
    {
        var r = c.Result;
        c.Raw("<ul>\n");
        foreach (var caveat in r.Caveats)
        {
            c.Raw("<li>").Text(CaveatText(c, caveat)).Raw("</li>\n");
        }
        c.Raw("<li>").Raw(r.Population is null ? c.T("limitations.dataAsGiven") : c.T("limitations.synthetic")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("limitations.modelAsGiven")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("limitations.association")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("limitations.notEvidenced")).Raw("</li>\n");
        c.Raw("</ul>\n");
    }

    /// <summary>
    /// What suppression hid, from the result's disclosure control: how many groups are small, how many more were hidden
    /// to protect them, and a "review before publishing" warning when a hidden group is still exposed or the exact
    /// check could not run.
    /// </summary>
    internal static string SuppressionText(Audit.Reporting.Text.ReportLanguage l, AuditResult r, int suppressed)
    {
        if (r.Fairness.Disclosure is not { } d)
        {
            return l.T("caveat.suppressed-cells.legacy", ("suppressed", l.Count(suppressed)));
        }
        var text = l.T("caveat.suppressed-cells", ("suppressed", l.Count(suppressed)), ("primary", l.Count(d.Primary)),
            ("complementary", l.Count(d.Complementary)), ("minCell", l.Count(r.Fairness.MinCellSize)));
        if (d.ComplementaryLabelMetrics > 0)
        {
            text += " " + l.T("caveat.suppressed-cells.labelMetrics", ("labelMetrics", l.Count(d.ComplementaryLabelMetrics)));
        }
        if (d.Unprotected > 0)
        {
            text += " " + l.T("caveat.suppressed-cells.unprotected", ("unprotected", l.Count(d.Unprotected)));
        }
        if (!d.ExactCheck)
        {
            text += " " + l.T("caveat.suppressed-cells.notExact");
        }
        return text;
    }

    /// <summary>A caveat in the report's language when its code has a text (numbers taken again from the result); otherwise the result's sentence.</summary>
    internal static string CaveatText(HtmlReportContext c, Caveat caveat)
    {
        var l = c.Language;
        var r = c.Result;
        var key = "caveat." + caveat.Code;
        if (!l.Text.Contains(key))
        {
            return caveat.Message;
        }
        var suppressed = r.Fairness.Attributes.Concat(r.Fairness.Intersections).Sum(a => a.Groups.Count(g => g.Count.Suppressed == true));
        if (caveat.Code == "suppressed-cells")
        {
            return SuppressionText(l, r, suppressed);
        }
        if (caveat.Code == "multiple-comparisons" && r.Fairness.Inference.Correction == "none")
        {
            key = "caveat.multiple-comparisons.none";
        }
        return l.T(key,
            ("limitation", r.Fairness.Inference.Limitation ?? ""),
            ("correction", r.Fairness.Inference.Correction),
            ("label", r.Data.Label ?? ""),
            ("tied", l.Count(r.Policy.TiedAtCutoff)),
            ("tiedFlagged", l.Count(r.Policy.TiedAtCutoffFlagged)),
            ("suppressed", l.Count(suppressed)),
            ("minCell", l.Count(r.Fairness.MinCellSize)));
    }
}
