using System.Globalization;
using System.Text;
using Audit.Plan;
using Microsoft.AspNetCore.Http;

namespace Audit.Web;

/// <summary>The first page: pick a shipped plan and run it (journey 1), or go to the upload page (journey 2).</summary>
internal static class PlanPages
{
    public static IResult Home(HttpContext context, WorkbenchState state)
    {
        var t = Routes.Language(context);
        var body = new StringBuilder();
        body.Append("<p>").Append(Html.E(t["home.intro"])).Append("</p>");
        var plans = Shipped(state);
        if (plans.Count == 0)
        {
            body.Append("<p id=\"no-plans\">").Append(Html.E(t["home.noPlans"])).Append("</p>");
        }
        body.Append("<form method=\"post\" action=\"/run\" id=\"plan-form\" class=\"card\"><fieldset><legend>").Append(Html.E(t["home.pick"])).Append("</legend>");
        foreach (var (file, plan) in plans)
        {
            var description = plan.DescriptionByLanguage?.GetValueOrDefault(t.Code) ?? plan.Description ?? "";
            var generated = plan.Data.Population is { } p ? " " + t["home.generated", ("rows", t.Report.Count(p.Rows))] : "";
            body.Append("<p><label><input type=\"radio\" name=\"plan\" value=\"").Append(Html.E(file)).Append("\" id=\"plan-").Append(Html.E(plan.Name))
                .Append("\"> <strong>").Append(Html.E(plan.Name)).Append("</strong></label> ").Append(Html.E(description)).Append(Html.E(generated)).Append("</p>");
        }
        body.Append("</fieldset><p><label for=\"rows\">").Append(Html.E(t["home.rows"])).Append("</label><input type=\"number\" min=\"100\" name=\"rows\" id=\"rows\"></p>");
        body.Append("<button type=\"submit\" id=\"run-plan\">").Append(Html.E(t["home.run"])).Append("</button></form>");
        body.Append("<p><a href=\"/upload\" id=\"to-upload\">").Append(Html.E(t["home.own"])).Append("</a></p>");
        return Routes.Page(Html.Page(t, t["home.title"], body.ToString(), "/"));
    }

    public static async Task<IResult> Run(HttpContext context, WorkbenchState state)
    {
        var t = Routes.Language(context);
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        var chosen = form["plan"].ToString();
        var match = Shipped(state).FirstOrDefault(p => p.File == chosen);
        if (match.Plan is null)
        {
            return Routes.Problem(context, t["error.noPlan"]);
        }
        var plan = match.Plan;
        if (int.TryParse(form["rows"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && plan.Data.Population is { } population)
        {
            // A smaller (or larger) generated population than the plan's: the user's choice, recorded in report.json.
            plan = plan with { Data = plan.Data with { Population = population with { Rows = Math.Max(100, rows) } } };
        }
        var job = state.Jobs.Start(plan, planYaml: null, KeepPeople(state, plan));
        return WebResults.Redirect("/jobs/" + job.Id);
    }

    /// <summary>Whether lists of flagged people may be shown: synthetic or pseudonymised subjects, or real ones when the server allows it.</summary>
    public static bool KeepPeople(WorkbenchState state, AuditPlan plan) =>
        plan.Data.Subjects != Results.DataSubjects.Real || state.Options.AllowRealPeople;

    /// <summary>The shipped plans that load (file name, plan), by file name; one that does not load is left out.</summary>
    private static List<(string File, AuditPlan Plan)> Shipped(WorkbenchState state)
    {
        var folder = state.Options.PlansFolder;
        var plans = new List<(string, AuditPlan)>();
        if (folder is null || !Directory.Exists(folder))
        {
            return plans;
        }
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                plans.Add((Path.GetFileName(file), state.Audit.ReadPlan(file, granted: null, grantedRoot: state.Options.GrantedRoot)));
            }
            catch (AuditInputException)
            {
                // A shipped plan that needs a file absent here (a data set not downloaded) is not offered.
            }
        }
        return plans;
    }
}
