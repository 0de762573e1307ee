using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Executive summary: key figures and, per protected attribute, the verdicts in plain words.</summary>
public sealed class SummarySection : IHtmlSection
{
    public string Id => "summary";

    public string TitleKey => "section.summary";

    public bool AppliesTo(AuditResult result) => true;

    public void Render(HtmlReportContext c)
    {
        var r = c.Result;
        var l = c.Language;
        c.Raw("<div class=\"keyfigures\">\n");
        KeyFigure(c, "summary.rows", l.Count(r.Data.Rows));
        KeyFigure(c, "summary.flagged", l.Count(r.Policy.Flagged));
        KeyFigure(c, "summary.flagRate", c.PercentWithInterval(r.Policy.FlagRate));
        KeyFigure(c, "summary.attributes", l.Count(r.Fairness.Attributes.Count));
        c.Raw("</div>\n");
        c.Paragraph("summary.policy", ("model", r.Model.Name), ("policy", PolicyText.Rule(r.Policy, r.Model.Grades, l)));
        c.Raw("<h3>").Raw(c.T("summary.verdicts")).Raw("</h3>\n<ul class=\"verdicts\">\n");
        foreach (var attribute in r.Fairness.Attributes)
        {
            Verdict(c, attribute);
        }
        c.Raw("</ul>\n");
        if (r.Fairness.Findings.Count > 0)
        {
            c.Raw("<h3>").Raw(c.T("summary.findings")).Raw("</h3>\n<ul>\n");
            foreach (var finding in r.Fairness.Findings)
            {
                c.Raw("<li>").Text(FindingText.Page(finding, l)).Raw("</li>\n");
            }
            c.Raw("</ul>\n");
        }
        c.Paragraph("summary.reading", ("minCell", l.Count(r.Fairness.MinCellSize)));
    }

    private static void KeyFigure(HtmlReportContext c, string key, string valueMarkup) =>
        c.Raw("<div><span>").Raw(c.T(key)).Raw("</span><b>").Raw(valueMarkup).Raw("</b></div>\n");

    /// <summary>
    /// One attribute's verdict: adverse impact under the four-fifths rule or not; the most flagged group against the
    /// reference, with its ratio, interval and (adjusted) p-value; whether the differences could be chance.
    /// </summary>
    private static void Verdict(HtmlReportContext c, AttributeResult a)
    {
        var l = c.Language;
        var adverse = a.Groups.Where(g => g.AdverseImpact == true).ToArray();
        var worst = a.Groups.FirstOrDefault(g => g.Group.Equals(a.WorstOff));
        var reference = a.Groups.FirstOrDefault(g => g.Group.Equals(a.Reference));
        c.Raw(adverse.Length > 0 ? "<li class=\"adverse\">" : a.FourFifthsComparator is null ? "<li class=\"unknown\">" : "<li class=\"clear\">");
        c.Raw("<b>").Text(a.Attribute).Raw("</b>: ");
        if (a.FourFifthsComparator is null)
        {
            // No unsuppressed group to compare with: the rule cannot be applied, which is not "no adverse impact".
            c.Raw(c.T("verdict.noComparator"));
        }
        else if (adverse.Length > 0)
        {
            c.Raw(c.T("verdict.adverse", ("groups", string.Join(", ", adverse.Select(g => $"{g.Group.Label} ({l.Number(g.FourFifthsRatio.Value!.Value, ThresholdDigits.FourFifths(g.FourFifthsRatio.Value!.Value, g.AdverseImpact))})"))),
                ("comparator", a.FourFifthsComparator?.Label ?? "")));
        }
        else
        {
            c.Raw(c.T("verdict.noAdverse"));
        }
        if (worst is not null && reference is not null && !worst.Group.Equals(reference.Group) && worst.FlagRateRatio.Value is { } ratio)
        {
            c.Raw(" ").Raw(c.T("verdict.worst", ("group", worst.Group.Label), ("ratio", l.Number(ratio, 2)), ("reference", reference.Group.Label),
                ("rate", c.PercentOrDash(worst.Rates[MetricKeys.SelectionRate].Value)), ("referenceRate", c.PercentOrDash(reference.Rates[MetricKeys.SelectionRate].Value))));
            if (worst.FlagRateRatio.Ci is [var lo, var hi])
            {
                c.Raw(" ").Raw(c.T("verdict.interval", ("lo", l.Number(lo, 2)), ("hi", l.Number(hi, 2))));
            }
            var p = worst.FlagRateDifference.PAdjusted ?? worst.FlagRateDifference.P;
            if (p is { } pv)
            {
                // "adjusted" only when a correction was applied (inference.correction: none leaves PAdjusted null).
                var pName = l.T(worst.FlagRateDifference.PAdjusted is null ? "p.unadjusted" : "p.adjusted");
                c.Raw(" ").Raw(c.T(pv < Significance.Level ? "verdict.significant" : "verdict.notSignificant", ("pName", pName), ("p", l.PStatement(pv))));
            }
        }
        else if (worst is not null && reference is not null && worst.Group.Equals(reference.Group))
        {
            c.Raw(" ").Raw(c.T("verdict.referenceWorst", ("reference", reference.Group.Label)));
        }
        c.Raw("</li>\n");
    }
}
