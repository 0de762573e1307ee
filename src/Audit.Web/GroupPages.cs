using System.Text;
using System.Text.RegularExpressions;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;
using Microsoft.AspNetCore.Http;

namespace Audit.Web;

/// <summary>The group table (sort, filter), an intersection's groups, and the forest plots of the report (journey 3).</summary>
internal static partial class GroupPages
{
    /// <summary>One row of the group table.</summary>
    private sealed record Row(int Attribute, int Index, string AttributeName, string Group, double? Count, double? Rate, Metric Ratio, Verdict? Verdict);

    private static readonly string[] Columns = ["attribute", "group", "n", "rate", "ratio", "verdict"];

    public static IResult Groups(HttpContext context, Job job)
    {
        var t = Routes.Language(context);
        if (job.Result is not { } result)
        {
            return WebResults.Redirect("/jobs/" + job.Id);
        }
        var query = context.Request.Query;
        var set = query["set"] == "intersections" ? "intersections" : "attributes";
        var attributes = set == "intersections" ? result.Fairness.Intersections : result.Fairness.Attributes;
        var filter = query["filter"].ToString();
        var only = query["attribute"].ToString();
        var sort = Columns.Contains(query["sort"].ToString()) ? query["sort"].ToString() : "attribute";
        var descending = query["dir"] == "desc";
        var rows = RowsOf(attributes)
            .Where(r => only.Length == 0 || r.AttributeName == only)
            .Where(r => filter.Length == 0 || r.Group.Contains(filter, StringComparison.OrdinalIgnoreCase) || r.AttributeName.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        rows = Sorted(rows, sort, descending);
        var here = $"/jobs/{job.Id}/groups?set={set}&attribute={Uri.EscapeDataString(only)}&filter={Uri.EscapeDataString(filter)}";
        var b = new StringBuilder();
        b.Append("<form method=\"get\" id=\"filter-form\"><input type=\"hidden\" name=\"set\" value=\"").Append(set).Append("\"><input type=\"hidden\" name=\"attribute\" value=\"")
            .Append(Html.E(only)).Append("\"><label for=\"filter\">").Append(Html.E(t["groups.filter"])).Append("</label><input id=\"filter\" name=\"filter\" value=\"")
            .Append(Html.E(filter)).Append("\"> <button type=\"submit\" id=\"apply-filter\">").Append(Html.E(t["groups.apply"])).Append("</button></form>");
        if (set == "intersections")
        {
            b.Append("<p id=\"intersection-list\">").Append(Html.E(t["groups.intersections"])).Append(' ');
            foreach (var a in result.Fairness.Intersections)
            {
                b.Append("<a class=\"intersection\" href=\"/jobs/").Append(job.Id).Append("/groups?set=intersections&amp;attribute=").Append(Html.Q(a.Attribute)).Append("\">")
                    .Append(Html.E(a.Attribute)).Append("</a> ");
            }
            b.Append("</p>");
        }
        Table(b, t, job, set, rows, here, sort, descending);
        return Routes.Page(Html.Page(t, t[set == "intersections" ? "groups.titleIntersections" : "groups.title"], b.ToString(), here));
    }

    private static List<Row> RowsOf(IReadOnlyList<AttributeResult> attributes)
    {
        var rows = new List<Row>();
        for (var a = 0; a < attributes.Count; a++)
        {
            var attribute = attributes[a];
            for (var g = 0; g < attribute.Groups.Count; g++)
            {
                var group = attribute.Groups[g];
                var verdict = group.Disparities.GetValueOrDefault("selectionRate")?.Verdict;
                rows.Add(new Row(a, g, attribute.Attribute, group.Group.Label, group.Count.Value, group.Rates.GetValueOrDefault("selectionRate")?.Value, group.FlagRateRatio, verdict));
            }
        }
        return rows;
    }

    private static List<Row> Sorted(List<Row> rows, string sort, bool descending)
    {
        Func<Row, object?> key = sort switch
        {
            "group" => r => r.Group,
            "n" => r => r.Count ?? double.NegativeInfinity,
            "rate" => r => r.Rate ?? double.NegativeInfinity,
            "ratio" => r => r.Ratio.Value ?? double.NegativeInfinity,
            "verdict" => r => r.Verdict?.Direction ?? "",
            _ => r => r.Attribute * 100_000 + r.Index,
        };
        var comparer = Comparer<object?>.Create((x, y) => x is string s ? string.CompareOrdinal(s, (string?)y) : Comparer<object?>.Default.Compare(x, y));
        return descending ? [.. rows.OrderByDescending(key, comparer)] : [.. rows.OrderBy(key, comparer)];
    }

    private static void Table(StringBuilder b, WebText t, Job job, string set, List<Row> rows, string here, string sort, bool descending)
    {
        var l = t.Report;
        b.Append("<table id=\"groups\"><thead><tr>");
        foreach (var column in Columns)
        {
            var dir = column == sort && !descending ? "desc" : "asc";
            b.Append("<th><a id=\"sort-").Append(column).Append("\" href=\"").Append(Html.E($"{here}&sort={column}&dir={dir}")).Append("\">")
                .Append(Html.E(t["groups.column." + column])).Append(column == sort ? (descending ? " ▼" : " ▲") : "").Append("</a></th>");
        }
        b.Append("<th>").Append(Html.E(t["groups.people"])).Append("</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            // The interval the verdict is drawn from (simultaneous, FindingText's wording), not the plain 95 % one.
            var ratio = r.Ratio.Value is { } v ? l.Number(v, 2) + (r.Verdict is { } verdict ? " (" + FindingText.Interval(verdict, l) + ")" : "") : "–";
            var direction = r.Verdict?.Direction ?? "";
            b.Append("<tr class=\"").Append(Html.E(direction)).Append("\"><td>").Append(Html.E(r.AttributeName)).Append("</td><td class=\"group\">").Append(Html.E(r.Group))
                .Append("</td><td class=\"n\">").Append(r.Count is { } n ? Html.E(l.Count(n)) : Html.E(t["groups.suppressed"]))
                .Append("</td><td class=\"rate\">").Append(r.Rate is { } rate ? Html.E(l.Percent(rate)) : "–")
                .Append("</td><td class=\"ratio\">").Append(Html.E(ratio)).Append("</td><td class=\"verdict\">").Append(Html.E(t.Or("verdict." + direction, "–")))
                .Append("</td><td><a class=\"flagged-people\" href=\"/jobs/").Append(job.Id).Append("/people?set=").Append(set).Append("&amp;a=").Append(r.Attribute)
                .Append("&amp;g=").Append(r.Index).Append("\">").Append(Html.E(t["groups.list"])).Append("</a></td></tr>");
        }
        b.Append("</tbody></table>");
    }

    /// <summary>The forest plots (ratio and interval of every group) cut from the rendered report, in the page's language.</summary>
    public static IResult Forest(HttpContext context, Job job)
    {
        var t = Routes.Language(context);
        if (job.Result is null)
        {
            return WebResults.Redirect("/jobs/" + job.Id);
        }
        var report = File.ReadAllText(Path.Combine(job.Folder, t.Code == "fr" ? Showcase.FrenchHtmlFile : ReportWriter.HtmlFile));
        var plots = ForestPlot().Matches(report).Select(m => m.Value).ToList();
        var body = plots.Count == 0 ? $"<p id=\"no-forest\">{Html.E(t["forest.none"])}</p>" : "<div id=\"forest\">" + string.Join("\n", plots) + "</div>";
        return Routes.Page(Html.Page(t, t["forest.title"], body, $"/jobs/{job.Id}/forest"));
    }

    /// <summary>A forest plot of the report: an SVG the report's own renderer wrote (every text in it already escaped).</summary>
    [GeneratedRegex("<svg [^>]*id=\"plot-forest-[^\"]*\"[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex ForestPlot();
}
