using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// Pre-filled templates: a fundamental-rights impact assessment (AI Act art. 27(1)(a)-(f)) and the fairness annex of
/// a data-protection impact assessment (GDPR art. 35(7)), each only where the plan's legal context calls for it
/// (<see cref="Regulatory.LegalTemplates"/>: the FRIA for French welfare, the DPIA in the EU contexts). What the audit
/// knows is filled in from the result; what only the deployer knows is marked to be completed.
/// </summary>
public sealed class TemplatesSection : IHtmlSection
{
    public string Id => "templates";

    public string TitleKey => "section.templates";

    public bool AppliesTo(AuditResult result) =>
        Regulatory.LegalTemplates.Fria(result.Provenance.Legal) || Regulatory.LegalTemplates.Dpia(result.Provenance.Legal);

    public void Render(HtmlReportContext c)
    {
        var r = c.Result;
        var l = c.Language;
        // Item (d) speaks of every group the audit compared: single attributes and intersections alike.
        var compared = r.Fairness.Attributes.Concat(r.Fairness.Intersections).ToArray();
        var adverse = compared.SelectMany(a => a.Groups.Where(g => g.AdverseImpact == true).Select(g => $"{a.Attribute} = {g.Group.Label}")).ToArray();
        var unassessed = compared.Where(a => a.FourFifthsComparator is null).Select(a => a.Attribute).ToArray();
        var worst = r.Fairness.Attributes
            .Select(a => (a, g: a.Groups.FirstOrDefault(g => g.Group.Equals(a.WorstOff))))
            .Where(x => x.g?.FlagRateRatio.Value is > 1)
            .Select(x => l.T("fria.worstItem", ("attribute", x.a.Attribute), ("group", x.g!.Group.Label), ("ratio", l.Number(x.g.FlagRateRatio.Value!.Value, 2)),
                ("reference", x.a.Reference?.Label ?? "")))
            .ToArray();
        var risks = (adverse.Length > 0 ? l.T("fria.adverse", ("groups", string.Join("; ", adverse)))
                : unassessed.Length < compared.Length ? l.T("fria.noAdverseAnywhere") : "")
            + (unassessed.Length > 0 ? " " + l.T("fria.noComparator", ("attributes", string.Join("; ", unassessed))) : "")
            + (worst.Length > 0 ? " " + l.T("fria.worst", ("items", string.Join("; ", worst))) : "")
            + " " + (r.Data.Label is not null ? l.T("fria.errors") : l.T("fria.noErrors"));

        risks = risks.Trim();
        if (Regulatory.LegalTemplates.Fria(r.Provenance.Legal))
        {
            Fria(c, risks);
        }
        if (Regulatory.LegalTemplates.Dpia(r.Provenance.Legal))
        {
            Dpia(c, risks);
        }
    }

    /// <summary>The FRIA, items (a) to (f) of AI Act art. 27(1).</summary>
    private static void Fria(HtmlReportContext c, string risks)
    {
        var (r, l) = (c.Result, c.Language);
        var groups = string.Join("; ", r.Fairness.Attributes.Select(a => $"{a.Attribute}: {string.Join(", ", a.Groups.Select(g => g.Group.Label))}"));
        c.Raw("<h3>").Raw(c.T("fria.title")).Raw("</h3>\n<div class=\"template\">\n<p class=\"note\">").Raw(c.T("fria.intro")).Raw("</p>\n<dl>\n");
        Item(c, "fria.a", l.T("fria.aFilled", ("model", UserText.ModelName(r.Model, l)), ("policy", PolicyText.Rule(r.Policy, r.Model.Grades, l))), true);
        Item(c, "fria.b", l.T("fria.bFilled", ("rows", l.Count(r.Data.Rows))), true);
        Item(c, "fria.c", l.T("fria.cFilled", ("rows", l.Count(r.Data.Rows)), ("flagged", l.Count(r.Policy.Flagged)), ("groups", groups)), false);
        Item(c, "fria.d", risks, false);
        Item(c, "fria.e", HumanOversight(r, l), true);
        Item(c, "fria.f", r.Recourse is not null ? l.T("fria.fRecourse") : l.T("fria.fFilled"), true);
        c.Raw("</dl>\n</div>\n");
    }

    /// <summary>The fairness annex of a DPIA, items (a) to (d) of GDPR art. 35(7).</summary>
    private static void Dpia(HtmlReportContext c, string risks)
    {
        var (r, l) = (c.Result, c.Language);
        c.Raw("<h3>").Raw(c.T("dpia.title")).Raw("</h3>\n<div class=\"template\">\n<p class=\"note\">").Raw(c.T("dpia.intro")).Raw("</p>\n<dl>\n");
        Item(c, "dpia.a", l.T("dpia.aFilled", ("model", UserText.ModelName(r.Model, l)), ("features", l.Count(r.Model.Features.Count)), ("policy", PolicyText.Rule(r.Policy, r.Model.Grades, l))), true);
        Item(c, "dpia.b", l.T("dpia.bFilled", ("rows", l.Count(r.Data.Rows)), ("flagged", l.Count(r.Policy.Flagged)),
            ("rate", c.PercentOrDash(r.Fairness.Overall.Rates[MetricKeys.SelectionRate].Value))), true);
        Item(c, "dpia.c", risks, false);
        Item(c, "dpia.d", l.T("dpia.dFilled"), true);
        c.Raw("</dl>\n</div>\n");
    }

    /// <summary>Item (e): what the audit holds about human decisions (a column with the human_decision role, the decision-following design).</summary>
    internal static string HumanOversight(AuditResult r, Audit.Reporting.Text.ReportLanguage l)
    {
        var human = r.Data.Columns.Where(col => col.Roles.Any(role => role is "human_decision" or "humanDecision")).Select(col => col.Name).ToArray();
        if (human.Length == 0)
        {
            return l.T("fria.eFilled");
        }
        return l.T("fria.eHuman", ("columns", string.Join(", ", human)),
            ("where", l.T(r.Designs?.DecisionFollowing is not null ? "fria.eHumanDesigns" : "fria.eHumanNoDesign")));
    }

    /// <param name="toComplete">Whether the deployer must complete the item (marked as such).</param>
    private static void Item(HtmlReportContext c, string key, string filled, bool toComplete)
    {
        c.Raw("<dt>").Raw(c.T(key)).Raw("</dt>\n<dd>").Text(filled);
        if (toComplete)
        {
            c.Raw(" <span class=\"fill\">").Raw(c.T("template.toComplete")).Raw("</span>");
        }
        c.Raw("</dd>\n");
    }
}
