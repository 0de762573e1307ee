using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The recourse part of the result (<see cref="RecourseSection"/>; docs/recourse.md): who among the flagged can change
/// nothing the model looks at, who is flagged for who they are, what recourse costs by group (plots and tables), the
/// levers, the data errors to check first, the actionability model, and the legal routes to contest.
/// </summary>
public sealed class RecourseSectionView : IHtmlSection
{
    public string Id => "recourse";

    public string TitleKey => "section.recourse";

    public bool AppliesTo(AuditResult result) => result.Recourse is not null;

    public void Render(HtmlReportContext c)
    {
        var r = c.Result.Recourse!;
        if (r.RatingDilution is { } dilution)
        {
            RatingDilutionView.Render(c, r, dilution);   // part F: a rating-window score, recourse by future ratings
            Routes(c, r);
            return;
        }
        Headline(c, r);
        foreach (var set in r.ByGroup)
        {
            ByGroup(c, set);
        }
        Levers(c, r);
        Quality(c, r);
        DataErrors(c, r);
        Features(c, r);
        Routes(c, r);
        Notes(c, r);
    }

    /// <summary>The target, the search and its cutoff, the key figures and the typical values of those without recourse.</summary>
    private static void Headline(HtmlReportContext c, RecourseSection r)
    {
        var l = c.Language;
        c.Paragraph("rec.intro", ("target", RecourseText.Target(r, l)), ("flagged", l.Count(r.Flagged)), ("distinct", l.Count(r.DistinctInputs)), ("cost", RecourseText.CostDefinition(r, l)));
        c.Paragraph(r.ProvenOptimal ? "rec.proven" : "rec.search", ("method", RecordedText.Say(r.Method, l)), ("notFound", l.Count(r.NotFound)));
        if (RecourseText.CutoffNote(r, l) is { } note)
        {
            c.Raw("<p class=\"note\">").Raw(c.T("rec.cutoffNote")).Raw(" ").Text(note).Raw("</p>\n");
        }
        else if (r.Cutoff is { } cutoff)
        {
            c.Paragraph("rec.cutoff", ("cutoff", l.Score(cutoff)));
        }
        c.Raw("<div class=\"keyfigures\">\n");
        KeyFigure(c, "rec.noRecourse", c.PercentWithInterval(r.NoRecourse));
        if (r.ForWhoTheyAre is { } who)
        {
            KeyFigure(c, "rec.forWhoTheyAre", c.PercentWithInterval(who));
        }
        KeyFigure(c, "rec.meanCost", c.NumberWithInterval(r.MeanCost));
        KeyFigure(c, "rec.medianCost", c.Number(r.MedianCost));
        c.Raw("</div>\n");
        if (r.TypicalValues.Count > 0)
        {
            c.Raw("<p class=\"note\">").Raw(c.T("rec.typical")).Raw(" ").Text(string.Join(c.Language.Code == "fr" ? " ; " : "; ", r.TypicalValues.Select(v => TypicalValue(v, c.Language)))).Raw("</p>\n");
        }
    }

    /// <summary>One set of group attributes: for a single attribute, the shares and costs plotted; the table for any set.</summary>
    private static void ByGroup(HtmlReportContext c, RecourseGroups set)
    {
        var l = c.Language;
        var name = string.Join(" × ", set.Attributes);
        c.Raw("<h3>").Raw(c.T("rec.byGroup", ("attribute", name))).Raw("</h3>\n");
        var tableId = c.NewId("table-recourse-" + name);
        var shown = set.Groups.Where(g => g.NoRecourse.Value is not null).ToArray();
        if (set.Attributes.Count == 1 && shown.Length > 0)
        {
            var items = shown.SelectMany(g => new[]
            {
                Bar(l.T("rec.plot.noRecourseOf", ("group", g.Group.Label)), g.NoRecourse, BarEmphasis.Adverse),
                Bar(l.T("rec.plot.forWhoOf", ("group", g.Group.Label)), g.ForWhoTheyAre, BarEmphasis.Reference),
            }).Where(b => b is not null).Select(b => b!).ToArray();
            c.Figure(HorizontalBars.Draw(c.NewId("plot-recourse-" + name), l.T("rec.plot.shares.title", ("attribute", name)), l.T("rec.plot.shares.x"), items,
                l.T("rec.plot.shares.desc", ("attribute", name)) + " " + string.Join("; ", shown.Select(g => $"{g.Group.Label}: {l.Percent(g.NoRecourse.Value!.Value)}")) + ".",
                l, axisMax: 100), tableId);
            var costs = set.Groups.Where(g => g.MeanCost.Value is not null).ToArray();
            c.Figure(HorizontalBars.Draw(c.NewId("plot-recourse-cost-" + name), l.T("rec.plot.cost.title", ("attribute", name)), l.T("rec.plot.cost.x"),
                costs.Select(g => new BarItem(g.Group.Label, g.MeanCost.Value!.Value, g.MeanCost.Ci is [var lo, _] ? lo : null, g.MeanCost.Ci is [_, var hi] ? hi : null)).ToArray(),
                l.T("rec.plot.cost.desc", ("attribute", name)) + " " + string.Join("; ", costs.Select(g => $"{g.Group.Label}: {l.Number(g.MeanCost.Value!.Value, 2)}")) + ".",
                l, decimals: 1), tableId);
        }
        HtmlTableWriter.Write(c, c.T("rec.byGroup.caption", ("attribute", name)),
            [new(c.T("col.group")), new(c.T("rec.col.flagged"), true), new(c.T("rec.col.noRecourse"), true), new(c.T("rec.col.forWhoTheyAre"), true),
             new(c.T("rec.col.meanCost"), true), new(c.T("rec.col.medianCost"), true)],
            set.Groups.Select(g => (IReadOnlyList<string>)[HtmlText.Escape(g.Group.Label), c.Count(g.Flagged), c.PercentWithInterval(g.NoRecourse),
                c.PercentWithInterval(g.ForWhoTheyAre), c.NumberWithInterval(g.MeanCost), c.Number(g.MedianCost)]), tableId);
    }

    /// <summary>The inputs whose change gives recourse most often.</summary>
    private static void Levers(HtmlReportContext c, RecourseSection r)
    {
        var l = c.Language;
        if (r.Levers.Count > 0)
        {
            c.Raw("<h3>").Raw(c.T("rec.levers")).Raw("</h3>\n");
            HtmlTableWriter.Write(c, c.T("rec.levers.caption"),
                [new(c.T("col.input")), new(c.T("rec.col.used"), true), new(c.T("rec.col.share"), true), new(c.T("rec.col.alone"), true)],
                r.Levers.Select(v => (IReadOnlyList<string>)[HtmlText.Escape(v.Feature), (v.Used is { } nvUsed ? l.Count(nvUsed) : "\u2013"), c.PercentWithInterval(v.Share), (v.Alone is { } nvAlone ? l.Count(nvAlone) : "\u2013")]));
        }
    }

    /// <summary>How good the counterfactuals found are: how many changes, how near to the person and to the population.</summary>
    private static void Quality(HtmlReportContext c, RecourseSection r)
    {
        var l = c.Language;
        if (r.Quality is { } q)
        {
            c.Paragraph("rec.quality", ("changes", c.Number(q.Changes, 1)),
                ("distance", q.NearestDistance is { } nd ? l.Number(nd, 2) : "–"), ("asTheyAre", q.NearestDistanceAsTheyAre is { } na ? l.Number(na, 2) : "–"),
                ("measured", l.Count(q.Measured)), ("sample", l.Count(q.PopulationSample)));
        }
    }

    /// <summary>The inputs whose likely data errors to check first.</summary>
    private static void DataErrors(HtmlReportContext c, RecourseSection r)
    {
        var l = c.Language;
        if (r.DataErrors is { } errors)
        {
            c.Raw("<h3>").Raw(c.T("rec.dataErrors")).Raw("</h3>\n<p>").Raw(c.TMarkup("rec.dataErrorsIntro", ("share", c.PercentWithInterval(errors.Share)),
                ("band", HtmlText.Escape(l.Percent(errors.Band, 0))))).Raw("</p>\n");
            HtmlTableWriter.Write(c, c.T("rec.dataErrors.caption"),
                [new(c.T("col.input")), new(c.T("rec.col.people"), true), new(c.T("rec.col.share"), true)],
                errors.Inputs.OrderByDescending(i => i.People).Select(i => (IReadOnlyList<string>)[HtmlText.Escape(i.Feature), (i.People is { } niPeople ? l.Count(niPeople) : "\u2013"), c.PercentWithInterval(i.Share)]));
        }
    }

    /// <summary>The actionability model: what each input may change, from where, at what cost.</summary>
    private static void Features(HtmlReportContext c, RecourseSection r)
    {
        c.Raw("<h3>").Raw(c.T("rec.features")).Raw("</h3>\n");
        HtmlTableWriter.Write(c, c.T("rec.features.caption"),
            [new(c.T("col.input")), new(c.T("col.type")), new(c.T("rec.col.actionability")), new(c.T("rec.col.origin")), new(c.T("rec.col.range")), new(c.T("rec.col.cost")), new(c.T("rec.col.note"))],
            r.Features.Select(f => (IReadOnlyList<string>)[HtmlText.Escape(f.Name), HtmlText.Escape(RecordedText.Say(f.Type, c.Language)),
                c.Language.Text.Contains("rec.action." + f.Actionability) ? c.T("rec.action." + f.Actionability) : HtmlText.Escape(f.Actionability),
                HtmlText.Escape(RecordedText.Say(f.Origin, c.Language)), HtmlText.Escape(f.Range is { } range ? RecordedText.Say(range, c.Language) : "–"), HtmlText.Escape(RecordedText.Say(f.Cost, c.Language)), HtmlText.Escape(f.Note ?? "")]));
    }

    /// <summary>The legal routes to contest the flag or the decision.</summary>
    private static void Routes(HtmlReportContext c, RecourseSection r)
    {
        if (r.Routes is { } routes)
        {
            var file = RecourseText.Routes(routes, c.Language);
            c.Raw("<h3>").Raw(c.T("rec.routes")).Raw("</h3>\n<p>").Raw(c.T("rec.routesIntro", ("name", file.Name), ("jurisdiction", routes.Jurisdiction)));
            if (file.Source is { } source)
            {
                c.Raw(" ").Raw(c.T("method.source")).Raw(" ").Text(source);
            }
            c.Raw("</p>\n");
            if (routes.Mention is { } mention)
            {
                c.Raw("<p>").Raw(c.T("rec.mention")).Raw(" <q>").Text(mention).Raw("</q></p>\n");
            }
            if (routes.MissingRoutes.Count > 0)
            {
                c.Raw("<p class=\"warning\">").Raw(c.T("rec.missingRoutes", ("types", string.Join(", ", routes.MissingRoutes)))).Raw("</p>\n");
            }
            HtmlTableWriter.Write(c, c.T("rec.routes.caption"),
                [new(c.T("rec.col.route")), new(c.T("rec.col.contests")), new(c.T("rec.col.body")), new(c.T("rec.col.deadline")), new(c.T("rec.col.then")), new(c.T("rec.col.basis")), new(c.T("rec.col.applies"))],
                routes.Routes.Select(x => (x, w: RecourseText.Route(x, c.Language))).Select(r => (IReadOnlyList<string>)[HtmlText.Escape(r.w.Name) + (r.w.Note is { } n ? "<br><small>" + HtmlText.Escape(n) + "</small>" : ""),
                    c.T(r.x.Contests == "flag" ? "rec.contests.flag" : "rec.contests.decision"), HtmlText.Escape(r.w.Body), HtmlText.Escape(r.w.Deadline ?? "–"),
                    HtmlText.Escape(r.w.Then ?? "–"), HtmlText.Escape(r.w.LegalBasis), r.x.DecisionTypes.Count == 0 ? c.T("rec.allDecisions") : HtmlText.Escape(string.Join(", ", r.x.DecisionTypes))]));
        }
    }

    private static void Notes(HtmlReportContext c, RecourseSection r)
    {
        if (r.Notes.Count > 0)
        {
            c.Raw("<ul class=\"notes\">\n");
            foreach (var n in r.Notes)
            {
                c.Raw("<li>").Text(RecourseText.Note(n, c.Language)).Raw("</li>\n");
            }
            c.Raw("</ul>\n");
        }
    }

    /// <summary>"parent_isole = false" with the language's yes or no for a boolean value ("parent_isole = non" in French).</summary>
    private static string TypicalValue(string typical, ReportLanguage l)
    {
        var at = typical.LastIndexOf(" = ", StringComparison.Ordinal);
        return at < 0 ? typical : typical[..(at + 3)] + RecordedText.Boolean(typical[(at + 3)..], l);
    }

    private static BarItem? Bar(string label, Metric m, BarEmphasis emphasis) => m.Value is { } v
        ? new BarItem(label, v * 100, m.Ci is [var lo, _] ? lo * 100 : null, m.Ci is [_, var hi] ? hi * 100 : null, emphasis)
        : null;

    private static void KeyFigure(HtmlReportContext c, string key, string valueMarkup) =>
        c.Raw("<div><span>").Raw(c.T(key)).Raw("</span><b>").Raw(valueMarkup).Raw("</b></div>\n");
}
