using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The audited outcome when the plan says it (<see cref="OutcomeSection"/>): which column, which codes are favourable,
/// whether the audit is label-only (and so has no error rates), then each group's favourable rate and AIF360's
/// disparate impact against its reference group.
/// </summary>
public sealed class OutcomeSectionView : IHtmlSection
{
    public string Id => "outcome";

    public string TitleKey => "partA.section.outcome";

    public bool AppliesTo(AuditResult result) => result.Outcome is not null;

    public void Render(HtmlReportContext c)
    {
        var o = c.Result.Outcome!;
        foreach (var (key, values) in OutcomeText.Lead(o))
        {
            c.Paragraph(key, values);
        }
        foreach (var attribute in o.Attributes)
        {
            var rows = attribute.Groups.Select(g => (IReadOnlyList<string>)
            [
                HtmlText.Escape(g.Group.Label) + (g.Group.Equals(attribute.Reference) ? " \u2605" : ""),
                c.Percent(g.FavourableRate),
                c.Number(g.DisparateImpact, 3),
            ]);
            HtmlTableWriter.Write(c, c.T("partA.table.caption", ("attribute", attribute.Attribute), ("reference", attribute.Reference?.Label ?? "\u2013")),
                [new HtmlColumn(c.T("partA.table.group")), new HtmlColumn(c.T("partA.table.favourableRate"), true), new HtmlColumn(c.T("partA.table.disparateImpact"), true)],
                rows, c.NewId("outcome-" + attribute.Attribute));
        }
        c.Paragraph("partA.disparateImpact.definition");
    }
}
