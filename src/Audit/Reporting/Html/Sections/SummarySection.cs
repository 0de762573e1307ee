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
        if (NoModelText.Applies(r))
        {
            // Nobody is decided: no verdict, no finding; say which sections are absent and why.
            c.Paragraph(NoModelText.Key);
            return;
        }
        // What is built in, in one line above the findings (the full statements follow the summary: BuiltInBanner).
        if (BuiltInText.Short(r, l) is { } builtIn)
        {
            c.Raw("<p class=\"built-in-short\" role=\"note\"><a href=\"#built-in\">").Text(builtIn).Raw("</a></p>\n");
        }
        // The ranked established disparities lead, as a compact table that fits the first screen.
        FirstScreen(c);
        c.Paragraph("summary.policy", ("model", UserText.ModelName(r.Model, l)), ("policy", PolicyText.Rule(r.Policy, r.Model.Grades, l)));
        c.Raw("<h3>").Raw(c.T("summary.verdicts")).Raw("</h3>\n<ul class=\"verdicts\">\n");
        foreach (var attribute in r.Fairness.Attributes)
        {
            Verdict(c, attribute);
        }
        c.Raw("</ul>\n");
        if (r.Fairness.Findings.Count > 0)
        {
            c.Raw("<h3>").Raw(c.T("summary.findings")).Raw("</h3>\n<ul class=\"findings\">\n");
            foreach (var finding in r.Fairness.Findings)
            {
                c.Raw(FindingClass(finding));
                if (BuiltInText.IsCalibrated(r, finding))
                {
                    c.Raw("<span class=\"tag\">").Raw(c.T("exports.short.tag")).Raw("</span> ");
                }
                c.Text(FindingText.Page(finding, l)).Raw("</li>\n");
            }
            c.Raw("</ul>\n");
        }
        var (lo, hi) = (r.Fairness.Conventions.ToleranceLow, r.Fairness.Conventions.ToleranceHigh);
        c.Raw("<p class=\"note\">").Raw(c.T("verdict.rule", ("lo", l.Number(lo, ThresholdDigits.BandDecimals)), ("hi", l.Number(hi, ThresholdDigits.BandDecimals))))
            .Raw(" ").Raw(c.T("verdict.fourFifthsNote")).Raw("</p>\n");
        c.Paragraph("summary.reading", ("minCell", l.Count(r.Fairness.MinCellSize)));
    }

    /// <summary>A finding's list item, coloured by its direction: adverse for against, the accent for in favour, grey otherwise; never green.</summary>
    private static string FindingClass(Finding f) => f.Verdict?.Direction switch
    {
        Results.Verdict.Against when f.Kind == Finding.Disparity => "<li class=\"against\">",
        Results.Verdict.InFavour when f.Kind == Finding.Disparity => "<li class=\"favour\">",
        _ => "<li class=\"unknown\">",
    };

    /// <summary>The number of groups the first screen's table lists.</summary>
    internal const int FirstScreenRows = 8;

    /// <summary>
    /// The first screen's table: the groups of the established disparities, in the ranked order of the headline findings
    /// (the nearer bound of the simultaneous interval furthest from 1 first), one row per group and one column per verdict
    /// metric that has an established disparity, each cell the ratio with its interval, coloured by its direction.
    /// </summary>
    private static void FirstScreen(HtmlReportContext c)
    {
        var l = c.Language;
        var established = c.Result.Fairness.Findings.Where(f => f.Kind == Finding.Disparity && f.Verdict is { Established: true } && f.Metric is not null).ToArray();
        if (established.Length == 0)
        {
            return;
        }
        var metrics = MetricOrder.Where(m => established.Any(f => f.Metric == m)).ToArray();
        var groups = established.GroupBy(f => (f.Attribute, f.Group)).ToArray();
        c.Raw("<h3>").Raw(c.T("firstScreen.title")).Raw("</h3>\n<div class=\"table-wrap\"><table class=\"first-screen\">\n<thead><tr><th>").Raw(c.T("firstScreen.col.group")).Raw("</th>");
        foreach (var metric in metrics)
        {
            c.Raw("<th class=\"num\">").Raw(c.T("firstScreen.metric." + metric)).Raw("</th>");
        }
        c.Raw("</tr></thead>\n<tbody>\n");
        foreach (var group in groups.Take(FirstScreenRows))
        {
            c.Raw("<tr><td>").Text(group.Key.Attribute + " = " + group.Key.Group.Label);
            if (BuiltInText.IsCalibrated(c.Result, group.First()))
            {
                c.Raw(" <span class=\"tag\">").Raw(c.T("exports.short.tag")).Raw("</span>");
            }
            c.Raw("</td>");
            foreach (var metric in metrics)
            {
                if (group.FirstOrDefault(f => f.Metric == metric) is { Verdict: { } v })
                {
                    var direction = v.Direction == Results.Verdict.Against ? "against" : "favour";
                    c.Raw($"<td class=\"num verdict {direction}\" title=\"").Raw(c.T("verdict.cell." + v.Direction)).Raw("\">").Raw(RatioCell(c, v)).Raw("</td>");
                }
                else
                {
                    c.Raw("<td class=\"num\"></td>");
                }
            }
            c.Raw("</tr>\n");
        }
        c.Raw("</tbody></table></div>\n<p class=\"note\">")
            .Raw(c.T("firstScreen.more", ("shown", l.Count(Math.Min(groups.Length, FirstScreenRows))), ("total", l.Count(groups.Length)))).Raw("</p>\n");
    }

    private static readonly string[] MetricOrder = [MetricKeys.SelectionRate, MetricKeys.FalsePositiveRate, MetricKeys.FalseNegativeRate];

    /// <summary>A verdict's ratio and simultaneous interval, "∞" for an infinite ratio or an unbounded upper bound.</summary>
    private static string RatioCell(HtmlReportContext c, Results.Verdict v)
    {
        if (v.Infinite || v.High is null)
        {
            var l = c.Language;
            return FindingText.Ratio(v, l) + $" <span class=\"ci\">{l.Interval(l.Number(v.Low ?? 0, ThresholdDigits.Usual), "∞")}</span>";
        }
        return c.NumberWithInterval(new Metric { Value = v.Ratio, Ci = v.Low is { } low ? [low, v.High.Value] : null });
    }

    private static void KeyFigure(HtmlReportContext c, string key, string valueMarkup) =>
        c.Raw("<div><span>").Raw(c.T(key)).Raw("</span><b>").Raw(valueMarkup).Raw("</b></div>\n");

    /// <summary>
    /// One attribute's verdicts (CONTRACTS.md, "Verdict"): the groups with an established disparity against them, then
    /// in their favour, each with its metric, ratio and simultaneous interval; when none, "not established" with the
    /// largest flag-rate ratio and its interval. The four-fifths rule follows as a secondary figure when it shows adverse
    /// impact. The item's colour follows the verdicts: adverse when one is against a group, the accent when only in
    /// favour, grey otherwise (never green: not established is not a clean bill).
    /// </summary>
    private static void Verdict(HtmlReportContext c, AttributeResult a)
    {
        var l = c.Language;
        var verdicts = a.Groups
            .SelectMany(g => g.Disparities.Where(d => d.Value.Verdict is not null).Select(d => (Group: g, Metric: d.Key, Verdict: d.Value.Verdict!)))
            .ToArray();
        var against = Ranked(verdicts, Results.Verdict.Against);
        var favour = Ranked(verdicts, Results.Verdict.InFavour);
        c.Raw(against.Length > 0 ? "<li class=\"against\">" : favour.Length > 0 ? "<li class=\"favour\">" : "<li class=\"unknown\">");
        c.Raw("<b>").Text(a.Attribute).Raw("</b>").Raw(c.T("verdict.colon"));
        if (verdicts.Length == 0)
        {
            c.Raw(c.T("verdict.summary.noVerdict"));
        }
        if (against.Length > 0)
        {
            c.Raw(c.T("verdict.summary.against", ("groups", string.Join(l.T("verdict.separator"), against.Select(v => Statement(c, v.Group, v.Metric, v.Verdict))))));
        }
        if (favour.Length > 0)
        {
            c.Raw(against.Length > 0 ? " " : "").Raw(c.T("verdict.summary.inFavour", ("groups", string.Join(l.T("verdict.separator"), favour.Select(v => Statement(c, v.Group, v.Metric, v.Verdict))))));
        }
        if (verdicts.Length > 0 && against.Length + favour.Length == 0)
        {
            var largest = verdicts.Where(v => v.Metric == MetricKeys.SelectionRate)
                .OrderByDescending(v => v.Verdict.Infinite ? double.PositiveInfinity : v.Verdict.Ratio is { } r && r > 0 ? Math.Abs(Math.Log(r)) : -1)
                .FirstOrDefault();
            if (largest.Verdict is { } v)
            {
                c.Raw(c.T("verdict.summary.none", ("group", largest.Group.Group.Label), ("reference", a.Reference?.Label ?? ""),
                    ("ratio", FindingText.Ratio(v, l)), ("level", FindingText.Level(v.Level, l)), ("interval", FindingText.Interval(v, l))));
            }
        }
        var adverse = a.Groups.Where(g => g.AdverseImpact == true && !g.Group.Equals(a.Reference)).ToArray();
        if (a.FourFifthsComparator is null)
        {
            // No unsuppressed group to compare with: the rule cannot be applied, which is not "no adverse impact".
            c.Raw(" ").Raw(c.T("verdict.fourFifthsNoComparator"));
        }
        else if (adverse.Length > 0)
        {
            // The four-fifths rule, secondary: a US employment guideline on the shares left alone.
            c.Raw(" ").Raw(c.T("verdict.fourFifthsAdverse", ("groups", string.Join(", ", adverse.Select(g => $"{g.Group.Label} ({l.Number(g.FourFifthsRatio.Value!.Value, ThresholdDigits.FourFifths(g.FourFifthsRatio.Value!.Value, g.AdverseImpact))})"))),
                ("comparator", a.FourFifthsComparator?.Label ?? "")));
        }
        c.Raw("</li>\n");
    }

    /// <summary>The verdicts of one direction, the most established first (<see cref="Results.Verdict.Distance"/>).</summary>
    private static (GroupResult Group, string Metric, Verdict Verdict)[] Ranked((GroupResult Group, string Metric, Verdict Verdict)[] verdicts, string direction) =>
        verdicts.Where(v => v.Verdict.Direction == direction).OrderByDescending(v => v.Verdict.Distance).ToArray();

    /// <summary>"D1 (flag rate ×9.60, 7.10 to 13.0)": the group, the metric, the ratio and its simultaneous interval.</summary>
    private static string Statement(HtmlReportContext c, GroupResult g, string metric, Verdict v)
    {
        var l = c.Language;
        var ratio = FindingText.Ratio(v, l);
        var name = l.Text.Contains("rate." + metric) ? l.T("rate." + metric) : metric;
        // The flag rate's test against the reference, as the table gives it ("adjusted" only when a correction was applied).
        var p = metric == MetricKeys.SelectionRate ? g.FlagRateDifference.PAdjusted ?? g.FlagRateDifference.P : null;
        var test = p is { } pv ? $"{l.T("verdict.separator")}{l.T(g.FlagRateDifference.PAdjusted is null ? "p.unadjusted" : "p.adjusted")} {l.PStatement(pv)}" : "";
        return $"{g.Group.Label} ({name} ×{ratio}, {FindingText.Interval(v, l)}{test})";
    }
}
