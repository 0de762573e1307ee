using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Method: the data, the model and its inputs, the decision policy, where the rows come from, and how intervals and tests were computed.</summary>
public sealed class MethodSection : IHtmlSection
{
    public string Id => "method";

    public string TitleKey => "section.method";

    public bool AppliesTo(AuditResult result) => true;

    public void Render(HtmlReportContext c)
    {
        var r = c.Result;
        var l = c.Language;
        var d = r.Data;
        c.Raw("<h3>").Raw(c.T("method.data")).Raw("</h3>\n<p>");
        c.Raw(c.T("method.dataText", ("source", d.Source), ("format", d.Format), ("rows", l.Count(d.Rows))));
        c.Raw(" ").Raw(d.Label is { } label ? c.T("method.label", ("label", label)) : c.T("method.noLabel"));
        c.Raw(" ").Raw(d.Weights is { } weights ? c.T("method.weights", ("kind", weights), ("total", d.TotalWeight is { } total ? l.Number(total, 2) : "\u2013")) : c.T("method.unweighted"));
        c.Raw("</p>\n<p>").Raw(r.Population is null ? c.T("method.populationAsGiven") : c.T("method.populationSynthetic")).Raw("</p>\n");
        c.Raw("<div class=\"table-wrap\"><table>\n<caption>").Raw(c.T("method.columns")).Raw("</caption>\n<thead><tr><th>")
            .Raw(c.T("col.column")).Raw("</th><th>").Raw(c.T("col.type")).Raw("</th><th>").Raw(c.T("col.roles")).Raw("</th><th class=\"num\">").Raw(c.T("col.missing")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var column in d.Columns)
        {
            c.Raw("<tr><td>").Text(column.Name).Raw("</td><td>").Text(RecordedText.Say(column.Type, l)).Raw("</td><td>").Text(string.Join(", ", column.Roles.Select(role => RecordedText.Say(role, l))))
                .Raw("</td><td class=\"num\">").Raw(l.Count(column.Missing)).Raw("</td></tr>\n");
        }
        c.Raw("</tbody></table></div>\n");

        var m = r.Model;
        c.Raw("<h3>").Raw(c.T("method.model")).Raw("</h3>\n<p>");
        c.Raw(c.T("method.modelText", ("name", UserText.ModelName(m, c.Language)), ("kind", m.Kind)));
        c.Raw(" ").Raw(c.T(m.Adverse == "high" ? "method.adverseHigh" : "method.adverseLow"));
        if (m.ExplanationSpace is { } space)
        {
            c.Raw(" ").Raw(c.T("method.space", ("space", space)));
        }
        c.Raw("</p>\n");
        if (UserText.ModelDescription(m, c.Language) is { } description)
        {
            c.Raw("<p>").Text(description).Raw("</p>\n");
        }
        if (m.Source is { } source)
        {
            c.Raw("<p>").Raw(c.T("method.source")).Raw(" ").Text(source).Raw("</p>\n");
        }
        if (m.Grades is { } grades)
        {
            c.Raw("<p>").Raw(c.T("method.grades", ("grades", string.Join(" < ", grades.FavourableToAdverse)), ("bands", PolicyText.Bands(grades, l)))).Raw("</p>\n");
        }
        if (m.Features.Count > 0)
        {
            c.Raw("<div class=\"table-wrap\"><table>\n<caption>").Raw(c.T("method.features")).Raw("</caption>\n<thead><tr><th>")
                .Raw(c.T("col.input")).Raw("</th><th>").Raw(c.T("col.type")).Raw("</th><th>").Raw(c.T("col.description")).Raw("</th></tr></thead>\n<tbody>\n");
            foreach (var feature in m.Features)
            {
                c.Raw("<tr><td>").Text(feature.Name).Raw("</td><td>").Text(feature.Type).Raw("</td><td>").Text(feature.Description).Raw("</td></tr>\n");
            }
            c.Raw("</tbody></table></div>\n");
        }

        var p = r.Policy;
        c.Raw("<h3>").Raw(c.T("method.policy")).Raw("</h3>\n<p>");
        c.Raw(c.T("method.policyText", ("description", PolicyText.Rule(p, m.Grades, l)), ("kind", p.Kind), ("flagged", l.Count(p.Flagged)), ("rate", c.PercentOrDash(p.FlagRate.Value))));
        if (p.Cutoff is { } cutoff)
        {
            c.Raw(" ").Raw(c.T("method.cutoff", ("cutoff", l.Score(cutoff))));
        }
        c.Raw("</p>\n");

        var f = r.Fairness;
        var i = f.Inference;
        c.Raw("<h3>").Raw(c.T("method.statistics")).Raw("</h3>\n<ul>\n");
        c.Raw("<li>").Raw(c.T("method.def.flagRateRatio")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("method.def.fourFifths")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("method.def.reference")).Raw("</li>\n");
        var (bandLow, bandHigh) = ThresholdDigits.ToleranceBand(f.Tolerance);
        c.Raw("<li>").Raw(c.T("method.def.tolerance", ("lo", l.Number((double)bandLow, ThresholdDigits.BandDecimals)), ("hi", l.Number((double)bandHigh, ThresholdDigits.BandDecimals)))).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("method.def.suppression", ("minCell", l.Count(f.MinCellSize)))).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T(i.Correction == "none" ? "method.def.inferenceUnadjusted" : "method.def.inference", ("confidence", l.Percent(i.Confidence, 0)), ("correction", CorrectionName(c, i.Correction)),
            ("bootstrap", l.Count(i.BootstrapReplicates)))).Raw("</li>\n");
        c.Raw("</ul>\n<p class=\"note\">").Raw(c.T("method.def.source")).Raw(" ").Text(MethodText.Intervals(i, l)).Raw(" ").Text(MethodText.Tests(l)).Raw("</p>\n");
    }

    internal static string CorrectionName(HtmlReportContext c, string correction) => correction switch
    {
        "holm" => c.T("correction.holm"),
        "bh" => c.T("correction.bh"),
        _ => c.T("correction.none"),
    };
}
