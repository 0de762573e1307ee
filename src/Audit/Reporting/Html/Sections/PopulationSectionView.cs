using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The synthetic population the rows come from (<see cref="PopulationSection"/>; docs/population-spec.md): a warning
/// that the data (and, when so, the label) are synthetic, then the spec, its hash, rows, seed, method and columns.
/// </summary>
public sealed class PopulationSectionView : IHtmlSection
{
    public string Id => "population";

    public string TitleKey => "section.population";

    public bool AppliesTo(AuditResult result) => result.Population is not null;

    public void Render(HtmlReportContext c)
    {
        var p = c.Result.Population!;
        var l = c.Language;
        c.Raw("<div class=\"warning\" role=\"note\">\n<p><b>").Raw(c.T("pop.syntheticData")).Raw("</b> ").Raw(c.T("pop.syntheticDataText", ("rows", l.Count(p.Rows)))).Raw("</p>\n");
        if (p.LabelIsSynthetic)
        {
            c.Raw("<p><b>").Raw(c.T("pop.syntheticLabel")).Raw("</b> ").Raw(c.T("pop.syntheticLabelText", ("label", p.SyntheticLabel ?? c.Result.Data.Label ?? ""))).Raw("</p>\n");
        }
        c.Raw("</div>\n<dl class=\"facts\">\n");
        Fact(c, "pop.spec", HtmlText.Escape(p.Spec.Path));
        Fact(c, "pop.hash", "<code>" + HtmlText.Escape(p.Spec.Sha256) + "</code>");
        Fact(c, "pop.name", HtmlText.Escape(p.Name));
        Fact(c, "pop.unit", HtmlText.Escape(p.Unit));
        Fact(c, "pop.rows", l.Count(p.Rows));
        Fact(c, "pop.seed", HtmlText.Escape(p.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Fact(c, "pop.method", HtmlText.Escape(RecordedText.Say(p.Method, l)));
        Fact(c, "pop.columns", HtmlText.Escape(string.Join(", ", p.SyntheticColumns)));
        if (p.SyntheticLabel is { } label)
        {
            Fact(c, "pop.label", HtmlText.Escape(label) + " " + c.T(p.LabelIsSynthetic ? "pop.labelUsed" : "pop.labelNotUsed"));
        }
        if (p.Household is { } h)
        {
            Fact(c, "pop.household", c.T("pop.householdText", ("adults", h.Adults), ("children", h.Children)));
        }
        c.Raw("</dl>\n");
        c.Paragraph("pop.reproduce");
    }

    private static void Fact(HtmlReportContext c, string key, string valueMarkup) =>
        c.Raw("<dt>").Raw(c.T(key)).Raw("</dt><dd>").Raw(valueMarkup).Raw("</dd>\n");
}
