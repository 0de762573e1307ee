using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Disparate impact per protected attribute: flag rates with intervals, ratios, tests, four-fifths; outcomes and errors when labelled.</summary>
public sealed class DisparateImpactSection : IHtmlSection
{
    public string Id => "disparate-impact";

    public string TitleKey => "section.disparateImpact";

    public bool AppliesTo(AuditResult result) => result.Fairness.Attributes.Count > 0 && !NoModelText.Applies(result);

    public void Render(HtmlReportContext c)
    {
        var correction = c.Result.Fairness.Inference.Correction;
        var pNote = correction == "none" ? c.T("disparate.pUnadjusted") : c.T("disparate.pAdjusted", ("correction", MethodSection.CorrectionName(c, correction)));
        c.Raw("<p>").Raw(c.TMarkup("disparate.intro", ("confidence", HtmlText.Escape(c.Language.Percent(c.Result.Fairness.Inference.Confidence, 0))), ("pNote", pNote))).Raw("</p>\n");
        foreach (var a in c.Result.Fairness.Attributes)
        {
            c.Raw("<h3 id=\"").Raw(c.NewId("attribute-" + a.Attribute)).Raw("\">").Text(a.Attribute).Raw("</h3>\n");
            if (a.Bands is { } bands)
            {
                c.Raw("<p class=\"note\">").Raw(c.T("disparate.bands", ("bands", string.Join(", ", bands.Select(b => c.Language.Score(b)))))).Raw("</p>\n");
            }
            DisparityCharts.Forest(c, a);
            FlagTable.PlotAndTable(c, a);
            FlagTable.Outcomes(c, a);
        }
    }
}
