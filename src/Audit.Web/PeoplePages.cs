using System.Text;
using Audit.Recourse;
using Audit.Reporting;
using Audit.Reporting.Letters;
using Audit.Results;
using Microsoft.AspNetCore.Http;

namespace Audit.Web;

/// <summary>
/// A group's flagged people, one person's letter and recourse (journey 3): only for synthetic or pseudonymised
/// subjects, or real ones when the server was started with <c>--people-real</c>, as the per-person export.
/// </summary>
internal static class PeoplePages
{
    /// <summary>At most this many people are listed (the most adverse first).</summary>
    public const int MaxListed = 500;

    public static IResult Flagged(HttpContext context, WorkbenchState state, Job job)
    {
        var t = Routes.Language(context);
        if (job.Result is not { } result)
        {
            return WebResults.Redirect("/jobs/" + job.Id);
        }
        if (job.People is not { } people || job.PeopleTable is not { } table)
        {
            return Routes.Problem(context, t["people.refused"], StatusCodes.Status403Forbidden);
        }
        var q = context.Request.Query;
        var attributes = q["set"] == "intersections" ? result.Fairness.Intersections : result.Fairness.Attributes;
        if (!int.TryParse(q["a"], out var a) || !int.TryParse(q["g"], out var g) || a < 0 || a >= attributes.Count || g < 0 || g >= attributes[a].Groups.Count)
        {
            return Routes.Problem(context, t["error.noGroup"], StatusCodes.Status404NotFound);
        }
        var key = attributes[a].Groups[g].Group;
        var rows = Members(people, key).Where(r => table.Flagged[r]).OrderBy(r => table.Ranks[r]).ToList();
        var b = new StringBuilder();
        b.Append("<p id=\"flagged-count\">").Append(Html.E(t["people.count", ("count", t.Report.Count(rows.Count)), ("group", key.ToString())])).Append("</p>");
        b.Append("<table id=\"people\"><thead><tr><th>").Append(Html.E(t["people.id"])).Append("</th><th>").Append(Html.E(t["people.rank"])).Append("</th><th>")
            .Append(Html.E(t["people.score"])).Append("</th><th></th><th></th></tr></thead><tbody>");
        foreach (var r in rows.Take(MaxListed))
        {
            var id = table.Ids[r];
            b.Append("<tr><td class=\"person\">").Append(Html.E(id)).Append("</td><td>").Append(table.Ranks[r]).Append("</td><td>").Append(Html.E(t.Report.Score(table.Scores[r])))
                .Append("</td><td><a class=\"letter\" href=\"/jobs/").Append(job.Id).Append("/person/").Append(Html.Q(id)).Append("\">").Append(Html.E(t["people.letter"]))
                .Append("</a></td><td><a class=\"recourse\" href=\"/jobs/").Append(job.Id).Append("/person/").Append(Html.Q(id)).Append("/recourse\">")
                .Append(Html.E(t["people.recourse"])).Append("</a></td></tr>");
        }
        b.Append("</tbody></table>");
        return Routes.Page(Html.Page(t, t["people.title"], b.ToString(), context.Request.Path + context.Request.QueryString));
    }

    /// <summary>The rows of a group: every part of its key (attribute = value) holds for the row.</summary>
    private static IEnumerable<int> Members(Pipeline.DecidedPopulation people, GroupKey key)
    {
        var parts = key.Parts.Select(p => (Groups: people.Attributes.First(x => x.Groups.Attribute == p.Key).Groups, p.Value)).ToArray();
        return Enumerable.Range(0, people.Table.RowCount).Where(r => parts.All(p => p.Groups.Levels[p.Groups.Codes[r]] == p.Value));
    }

    /// <summary>One person's explanation letter (the letter <c>audit explain --html</c> writes), in the page's language.</summary>
    public static IResult Letter(HttpContext context, WorkbenchState state, Job job, string person)
    {
        var t = Routes.Language(context);
        if (job.People is null)
        {
            return Routes.Problem(context, t["people.refused"], StatusCodes.Status403Forbidden);
        }
        try
        {
            var explanation = Auditor.ExplainPerson(job.Plan, person, null);
            var recourse = job.Plan.Recourse is not null ? Auditor.RecourseForPerson(job.Plan, person) : null;
            var letter = PersonLetterBuilder.Build(explanation, recourse, t.Report);
            return Routes.Page(HtmlLetter.Render(letter, job.Result!.Provenance, t.Report));
        }
        catch (AuditInputException e)
        {
            return Routes.Problem(context, e.Message, StatusCodes.Status404NotFound);
        }
    }

    /// <summary>One person's recourse page (the page <c>audit recourse --person</c> writes), when the plan has <c>recourse:</c>.</summary>
    public static IResult Recourse(HttpContext context, WorkbenchState state, Job job, string person)
    {
        var t = Routes.Language(context);
        if (job.People is null)
        {
            return Routes.Problem(context, t["people.refused"], StatusCodes.Status403Forbidden);
        }
        if (job.Plan.Recourse is null)
        {
            return Routes.Problem(context, t["people.noRecourse"], StatusCodes.Status404NotFound);
        }
        try
        {
            return Auditor.RecourseForPerson(job.Plan, person) is { } report
                ? Routes.Page(Html.Page(t, t["recourse.title", ("id", person)],
                    "<pre id=\"recourse\">" + Html.E(PersonRecoursePage.Render(report, t.Report, DataErrorSensitivity.DefaultBand)) + "</pre>", context.Request.Path))
                : Routes.Problem(context, t["error.noPerson"], StatusCodes.Status404NotFound);
        }
        catch (AuditInputException e)
        {
            return Routes.Problem(context, e.Message, StatusCodes.Status404NotFound);
        }
    }
}
