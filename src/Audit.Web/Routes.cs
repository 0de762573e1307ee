using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Audit.Web;

/// <summary>The workbench's addresses (docs/workbench.md lists them).</summary>
internal static class Routes
{
    public const string LanguageCookie = "audit-lang";

    /// <summary>Nothing loads from elsewhere and nothing runs: the pages and the report have no script.</summary>
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Map(WebApplication app, WorkbenchState state)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Policy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        app.MapGet("/", (HttpContext c) => PlanPages.Home(c, state));
        app.MapPost("/run", (Func<HttpContext, Task<IResult>>)(c => PlanPages.Run(c, state)));
        app.MapGet("/lang", (HttpContext c) => SwitchLanguage(c));
        app.MapGet("/upload", (HttpContext c) => UploadPages.Form(c));
        app.MapPost("/upload", (Func<HttpContext, Task<IResult>>)(c => UploadPages.Receive(c, state)));
        app.MapGet("/uploads/{id}", (HttpContext c, string id) => UploadPages.Mapping(c, state, id));
        app.MapPost("/uploads/{id}/run", (HttpContext c, string id) => UploadPages.Run(c, state, id));
        app.MapGet("/jobs/{id}", (HttpContext c, string id) => With(c, state, id, job => ResultPages.Job(c, job)));
        app.MapGet("/jobs/{id}/files/{**path}", (HttpContext c, string id, string path) => With(c, state, id, job => ResultPages.File(job, path)));
        app.MapGet("/jobs/{id}/report.zip", (HttpContext c, string id) => With(c, state, id, ResultPages.Zip));
        app.MapGet("/jobs/{id}/plan.yaml", (HttpContext c, string id) => With(c, state, id, ResultPages.PlanYaml));
        app.MapGet("/jobs/{id}/groups", (HttpContext c, string id) => With(c, state, id, job => GroupPages.Groups(c, job)));
        app.MapGet("/jobs/{id}/forest", (HttpContext c, string id) => With(c, state, id, job => GroupPages.Forest(c, job)));
        app.MapGet("/jobs/{id}/people", (HttpContext c, string id) => With(c, state, id, job => PeoplePages.Flagged(c, state, job)));
        app.MapGet("/jobs/{id}/person/{person}", (HttpContext c, string id, string person) => With(c, state, id, job => PeoplePages.Letter(c, state, job, person)));
        app.MapGet("/jobs/{id}/person/{person}/recourse", (HttpContext c, string id, string person) => With(c, state, id, job => PeoplePages.Recourse(c, state, job, person)));
    }

    public static WebText Language(HttpContext context) => WebText.Of(context.Request.Cookies[LanguageCookie]);

    public static IResult Page(string html, int status = StatusCodes.Status200OK) => WebResults.Content(html, "text/html; charset=utf-8", statusCode: status);

    public static IResult Problem(HttpContext context, string message, int status = StatusCodes.Status400BadRequest)
    {
        var t = Language(context);
        return Page(Html.Page(t, t["error.title"], $"<p class=\"error\" id=\"error\">{Html.E(message)}</p>", context.Request.Path), status);
    }

    private static IResult With(HttpContext context, WorkbenchState state, string id, Func<Job, IResult> page) =>
        state.Jobs[id] is { } job ? page(job) : Problem(context, Language(context)["error.noJob"], StatusCodes.Status404NotFound);

    private static IResult SwitchLanguage(HttpContext context)
    {
        var to = context.Request.Query["to"].ToString();
        var back = context.Request.Query["back"].ToString();
        if (WebText.Codes.Contains(to))
        {
            context.Response.Cookies.Append(LanguageCookie, to, new CookieOptions { SameSite = SameSiteMode.Strict, Path = "/" });
        }
        // Only a path of this site: never an address elsewhere ("//host" or "/\host" would leave it).
        var local = back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.StartsWith("/\\", StringComparison.Ordinal);
        return WebResults.Redirect(local ? back : "/");
    }
}
