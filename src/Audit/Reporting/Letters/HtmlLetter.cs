using System.Globalization;
using Audit.Reporting.Html;
using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Letters;

/// <summary>
/// One person's letter as a self-contained HTML page (the report's style and font, no script, nothing loaded), in the
/// order of CRPA R311-3-1-2, with a bar plot of the contributions. Every text is escaped. Written to
/// <c>letters/&lt;person id&gt;.html</c> by <see cref="Files"/> (CONTRACTS.md).
/// </summary>
public static class HtmlLetter
{
    public const string Folder = "letters";

    public static string Render(PersonLetter letter, Provenance provenance, ReportLanguage language)
    {
        var c = new HtmlReportContext(EmptyResult(provenance), language);
        var l = language;
        c.Raw("<!DOCTYPE html>\n<html lang=\"").Raw(l.Code).Raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Raw(c.T("letter.title", ("id", letter.PersonId))).Raw("</title>\n<style>\n").Raw(HtmlStyle.StyleSheet()).Raw("</style>\n</head>\n<body>\n<main>\n");
        if (letter.Synthetic)
        {
            c.Raw("<p class=\"warning\" role=\"note\">").Raw(c.T("letter.banner.synthetic")).Raw("</p>\n");
        }
        c.Raw("<p class=\"kicker\">").Raw(c.T("letter.kicker")).Raw("</p>\n<h1>").Raw(c.T("letter.title", ("id", letter.PersonId))).Raw("</h1>\n");
        c.Raw("<p class=\"lede\">").Text(letter.Decision).Raw("</p>\n");
        c.Raw(Regulatory.LetterDuties.Sentence(provenance.Legal, l) is { } duties ? "<p class=\"note\">" + HtmlText.Escape(duties) + "</p>\n" : "");
        var score = letter.Output is null ? c.T("letter.score", ("score", l.Score(letter.Score)), ("space", letter.Space)) : c.T("letter.scoreOf", ("score", l.Score(letter.Score)));
        c.Raw("<p>").Raw(score).Raw(letter.Percentile is { } p ? " " + c.T("letter.percentile", ("percent", l.Percent(p, 0))) : "").Raw("</p>\n");

        c.Raw("<h2>").Raw(c.T("letter.contribution")).Raw("</h2>\n<p>").Text(letter.Contribution).Raw("</p>\n");
        if (letter.Items is { } items)
        {
            Items(c, letter, items);
        }
        else
        {
            c.Raw("<h2>").Raw(c.T("letter.inputs")).Raw("</h2>\n");
            Contributions(c, letter);
        }

        c.Raw("<h2>").Raw(c.T("letter.operations")).Raw("</h2>\n<p>").Text(letter.Operations).Raw("</p>\n<p class=\"note\">")
            .Raw(c.T("letter.provenance", ("version", provenance.ToolkitVersion), ("plan", provenance.PlanName), ("hash", provenance.Plan.Sha256))).Raw("</p>\n");

        if (letter.PrincipalReasons.Count > 0)
        {
            c.Raw("<h2>").Raw(c.T("letter.reasons")).Raw("</h2>\n<ol>\n");
            foreach (var reason in letter.PrincipalReasons.Take(4))
            {
                c.Raw("<li>").Text(reason).Raw("</li>\n");
            }
            c.Raw("</ol>\n");
        }
        if (letter.Counterfactual is { } counterfactual)
        {
            c.Raw("<h2>").Raw(c.T("letter.counterfactual")).Raw("</h2>\n<p>").Text(counterfactual).Raw("</p>\n");
        }
        Routes(c, letter);
        c.Raw("</main>\n</body>\n</html>\n");
        return c.Html.ToString();
    }

    /// <summary>Items 2° and 3° as the Markdown page states them (<see cref="LetterItems"/>), then the contributions' plot and sum.</summary>
    private static void Items(HtmlReportContext c, PersonLetter letter, LetterItems items)
    {
        c.Raw("<h2>").Raw(c.T("letter.item2")).Raw("</h2>\n");
        c.Raw("<div class=\"table-wrap\"><table class=\"letter-data\">\n<thead><tr><th>").Raw(c.T("letter.col.input")).Raw("</th><th>").Raw(c.T("letter.col.value"))
            .Raw("</th><th>").Raw(c.T("letter.col.unit")).Raw("</th><th>").Raw(c.T("letter.col.source")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var d in items.Data)
        {
            c.Raw("<tr><td>").Text(d.Label).Raw("</td><td>").Text(d.Value).Raw("</td><td>").Text(d.Unit ?? "").Raw("</td><td>").Text(d.Source).Raw("</td></tr>\n");
        }
        c.Raw("</tbody></table></div>\n");

        c.Raw("<h2>").Raw(c.T("letter.item3")).Raw("</h2>\n<p>").Text(items.Intro).Raw("</p>\n<p>").Text(items.Baseline).Raw("</p>\n");
        c.Raw("<div class=\"table-wrap\"><table class=\"letter-parameters\">\n<thead><tr><th>").Raw(c.T("letter.col.input"));
        if (items.HasWeights)
        {
            c.Raw("</th><th>").Raw(c.T("letter.col.weight")).Raw("</th><th>").Raw(c.T("letter.col.applied"));
        }
        c.Raw("</th><th class=\"num\">").Raw(c.T("letter.col.contribution")).Raw("</th>").Raw(items.HasWeights ? "<th class=\"num\">" + c.T("letter.col.attribution") + "</th>" : "")
            .Raw("</tr></thead>\n<tbody>\n");
        foreach (var p in items.Parameters)
        {
            c.Raw("<tr><td>").Text(p.Label);
            if (items.HasWeights)
            {
                c.Raw("</td><td>").Text(p.Weight ?? "").Raw("</td><td>").Text(p.Applied ?? "");
            }
            c.Raw("</td><td class=\"num\">").Text(p.ContributionText).Raw("</td>");
            c.Raw(items.HasWeights ? "<td class=\"num\">" + HtmlText.Escape(p.AttributionText ?? "") + "</td>" : "").Raw("</tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
        Contributions(c, letter);
    }

    /// <summary>The plot of the contributions, the table that adds them up from the baseline to the output, and the scale's note.</summary>
    private static void Contributions(HtmlReportContext c, PersonLetter letter)
    {
        var l = c.Language;
        var output = letter.Output ?? letter.Score;
        c.Raw("<p>").Raw(c.T("letter.inputsIntro", ("baseline", l.Score(letter.Baseline)), ("space", letter.Space))).Raw("</p>\n");
        var ordered = letter.Inputs.OrderByDescending(i => Math.Abs(i.Contribution)).ToArray();
        var tableId = c.NewId("letter-inputs");
        c.Figure(HorizontalBars.Draw(c.NewId("plot-letter"), l.T("letter.plotTitle"), l.T("letter.plotAxis", ("space", letter.Space)),
            ordered.Select(i => new BarItem(i.Name, i.Contribution, Emphasis: i.Contribution > 0 ? BarEmphasis.Adverse : BarEmphasis.Normal)).ToArray(),
            l.T("letter.plotDesc", ("inputs", ordered.Length.ToString(CultureInfo.InvariantCulture))), l, decimals: 2), tableId);
        c.Raw($"<div class=\"table-wrap\"><table id=\"{tableId}\">\n<thead><tr><th>").Raw(c.T("letter.col.input")).Raw("</th><th>").Raw(c.T("letter.col.value"))
            .Raw("</th><th>").Raw(c.T("letter.col.source")).Raw("</th><th class=\"num\">").Raw(c.T("letter.col.contribution")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var input in ordered)
        {
            c.Raw("<tr><td>").Text(input.Name).Raw("</td><td>").Text(input.Value).Raw("</td><td>").Text(input.Source ?? l.T("letter.unknownSource"))
                .Raw("</td><td class=\"num\">").Text((input.Contribution > 0 ? "+" : "") + l.Number(input.Contribution, 3)).Raw("</td></tr>\n");
        }
        c.Raw("<tr><th>").Raw(c.T("letter.total")).Raw("</th><td></td><td></td><td class=\"num\">")
            .Text(l.Score(letter.Baseline) + " + " + l.Number(letter.Inputs.Sum(i => i.Contribution), 3) + " = " + l.Score(output)).Raw("</td></tr>\n");
        c.Raw("</tbody></table></div>\n");
        if (letter.Output is { } additive)
        {
            c.Raw("<p class=\"note\">").Raw(c.T("letter.scale.note", ("space", letter.Space), ("baseline", l.Score(letter.Baseline)), ("output", l.Score(additive)))).Raw("</p>\n");
        }
    }

    /// <summary>The routes to contest, in the letter's language (the builder took them so from the jurisdiction file).</summary>
    private static void Routes(HtmlReportContext c, PersonLetter letter)
    {
        c.Raw("<h2>").Raw(c.T("letter.routes")).Raw("</h2>\n");
        if (letter.Routes.Count == 0)
        {
            c.Paragraph(PersonExplanationMarkdown.CitesCrpa(c.Result.Provenance.Legal) ? "letter.noRoutes" : "letter.noRoutesPlain");
            return;
        }
        c.Raw("<ul>\n");
        foreach (var route in letter.Routes)
        {
            c.Raw("<li><b>").Text(route.Body).Raw("</b>").Raw(c.Language.Code == "fr" ? "\u00A0: " : ": ").Raw(c.T("letter.deadline", ("deadline", route.Deadline)));
            if (route.Basis is { } basis)
            {
                c.Raw(" (").Text(basis).Raw(")");
            }
            if (route.Address is { } address)
            {
                c.Raw(". ").Text(address);
            }
            c.Raw("</li>\n");
        }
        c.Raw("</ul>\n");
    }

    /// <summary>The letters' files for a report folder: <c>letters/&lt;id&gt;.html</c>, ids made safe for a file name.</summary>
    public static Dictionary<string, string> Files(IEnumerable<PersonLetter> letters, Provenance provenance, ReportLanguage language) =>
        letters.ToDictionary(letter => $"{Folder}/{SafeName(letter.PersonId)}.html", letter => Render(letter, provenance, language));

    /// <summary>The longest file name (without ".html") a letter gets; longer ids are cut and keep their hash.</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// A file name from an id in the data: the id itself when it is letters, digits, '-' and '_' and at most
    /// <see cref="MaxNameLength"/> long; otherwise those characters kept (cut to fit) and a short hash of the id added,
    /// so two ids never share a file. No path separator, no '.', never empty.
    /// </summary>
    public static string SafeName(string id)
    {
        var safe = new string(id.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray());
        if (safe == id && id.Length is > 0 and <= MaxNameLength)
        {
            return id;
        }
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..8];
        var kept = safe.Trim('_');
        kept = kept.Length > MaxNameLength - 9 ? kept[..(MaxNameLength - 9)] : kept;
        return (kept.Length == 0 ? "person" : kept) + "-" + hash;
    }

    /// <summary>The context needs a result; a letter uses only its provenance.</summary>
    private static AuditResult EmptyResult(Provenance provenance) => new()
    {
        Provenance = provenance,
        Data = new DataSection("", "", 0, [], null, null, null),
        Model = new ModelSection("", "", "high", [], null, null, null),
        Policy = new PolicySection("", null, "high", null, null, 0, Metric.UndefinedBecause("letter"), 0, 0),
        Fairness = new FairnessSection(0, 0.8, new InferenceSettings(0.95, "none", 0, true, false), new Conventions(0.8, 1.25, 2),
            new OverallRates(Metric.UndefinedBecause("letter"), Metric.UndefinedBecause("letter"), new Dictionary<string, Metric>()), [], [], null, []),
        Caveats = [],
    };
}
