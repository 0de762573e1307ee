using System.IO.Compression;
using System.Text;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;
using Microsoft.AspNetCore.Http;

namespace Audit.Web;

/// <summary>A job's page: the progress bar while it runs, then the first screen of verdicts and the ways on.</summary>
internal static class ResultPages
{
    public static IResult Job(HttpContext context, Job job)
    {
        var t = Routes.Language(context);
        var here = "/jobs/" + job.Id;
        if (job.Error is { } error)
        {
            return Routes.Page(Html.Page(t, t["job.failed"], $"<p class=\"error\" id=\"error\">{Html.E(error)}</p>", here), StatusCodes.Status422UnprocessableEntity);
        }
        if (job.Result is not { } result)
        {
            var stage = job.Stage.Length == 0 ? t["job.starting"] : t.Or("stage." + job.Stage, job.Stage);
            var total = Math.Max(1, job.Total);
            var body = $"<p id=\"stage\">{Html.E(stage)}</p><progress id=\"progress\" data-state=\"running\" max=\"{total}\" value=\"{Math.Min(job.Done, total)}\"></progress>" +
                       $"<p>{Html.E(t["job.wait"])}</p>";
            return Routes.Page(Html.Page(t, t["job.running", ("name", job.Plan.Name)], body, here, refresh: "1"));
        }
        return Routes.Page(Html.Page(t, t["job.title", ("name", result.Provenance.PlanName)], FirstScreen(t, job, result), here));
    }

    private static string FirstScreen(WebText t, Job job, AuditResult result)
    {
        var l = t.Report;
        var b = new StringBuilder();
        b.Append("<progress id=\"progress\" data-state=\"finished\" max=\"1\" value=\"1\"></progress>");
        b.Append("<p id=\"summary\">").Append(Html.E(t["job.summary", ("rows", l.Count(result.Data.Rows)), ("flagged", l.Count(result.Policy.Flagged)), ("model", result.Model.Name)]))
            .Append("</p><h2>").Append(Html.E(t["job.verdicts"])).Append("</h2><ul class=\"verdicts\" id=\"verdicts\">");
        foreach (var finding in result.Fairness.Findings)
        {
            var kind = finding.Verdict?.Direction ?? finding.Kind;
            b.Append("<li class=\"").Append(Html.E(kind)).Append("\">").Append(Html.E(FindingText.Plain(finding, l))).Append("</li>");
        }
        b.Append("</ul><div class=\"card\" id=\"ways-on\"><ul>");
        var report = t.Code == "fr" ? Showcase.FrenchHtmlFile : ReportWriter.HtmlFile;
        Link(b, $"/jobs/{job.Id}/files/{report}", "open-report", t["job.report"]);
        Link(b, $"/jobs/{job.Id}/groups", "open-groups", t["job.groups"]);
        if (result.Fairness.Intersections.Count > 0)
        {
            Link(b, $"/jobs/{job.Id}/groups?set=intersections", "open-intersections", t["job.intersections"]);
        }
        Link(b, $"/jobs/{job.Id}/forest", "open-forest", t["job.forest"]);
        Link(b, $"/jobs/{job.Id}/report.zip", "download-zip", t["job.zip"]);
        if (job.PlanYaml is not null)
        {
            Link(b, $"/jobs/{job.Id}/plan.yaml", "save-plan", t["job.yaml"]);
        }
        b.Append("</ul></div>");
        return b.ToString();
    }

    private static void Link(StringBuilder b, string href, string id, string text) =>
        b.Append("<li><a id=\"").Append(id).Append("\" href=\"").Append(Html.E(href)).Append("\">").Append(Html.E(text)).Append("</a></li>");

    /// <summary>A file of the report folder; a path that leaves the folder is not found.</summary>
    public static IResult File(Job job, string path)
    {
        if (job.Result is null)
        {
            return WebResults.NotFound();
        }
        var root = Path.GetFullPath(job.Folder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(root, StringComparison.Ordinal) || !System.IO.File.Exists(full))
        {
            return WebResults.NotFound();
        }
        var type = Path.GetExtension(full) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".json" => "application/json; charset=utf-8",
            ".csv" => "text/csv; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return WebResults.File(full, type);
    }

    /// <summary>The whole report folder as one zip file, named after the plan.</summary>
    public static IResult Zip(Job job)
    {
        if (job.Result is not { } result)
        {
            return WebResults.NotFound();
        }
        var memory = new MemoryStream();
        ZipFile.CreateFromDirectory(job.Folder, memory, CompressionLevel.Optimal, includeBaseDirectory: false);
        memory.Position = 0;
        return WebResults.File(memory, "application/zip", result.Provenance.PlanName + ".zip");
    }

    public static IResult PlanYaml(Job job) =>
        job.PlanYaml is { } yaml ? WebResults.File(Encoding.UTF8.GetBytes(yaml), "application/yaml; charset=utf-8", "plan.yaml") : WebResults.NotFound();
}
