using System.Globalization;
using System.Text;
using Audit.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Audit.Web;

/// <summary>Journey 2: upload a CSV or Parquet file, preview it, map its columns, pick a model and a policy, run.</summary>
internal static class UploadPages
{
    private static readonly string[] Roles = ["none", "protected", "id", "label", "weight", "score", "decision"];

    public static IResult Form(HttpContext context)
    {
        var t = Routes.Language(context);
        var body = $"""
            <p>{Html.E(t["upload.intro"])}</p>
            <form method="post" action="/upload" enctype="multipart/form-data" id="upload-form" class="card">
            <input type="file" name="data" id="data-file" accept=".csv,.tsv,.txt,.parquet"> <button type="submit" id="send-file">{Html.E(t["upload.send"])}</button>
            </form>
            """;
        return Routes.Page(Html.Page(t, t["upload.title"], body, "/upload"));
    }

    public static async Task<IResult> Receive(HttpContext context, WorkbenchState state)
    {
        var t = Routes.Language(context);
        IFormFile? file;
        try
        {
            file = (await context.Request.ReadFormAsync().ConfigureAwait(false)).Files.GetFile("data");
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return TooLarge(context, state);
        }
        if (file is null || file.Length == 0)
        {
            return Routes.Problem(context, t["upload.none"]);
        }
        var folder = state.Uploads.NewFolder(out var id);
        var name = Uploads.SafeName(file.FileName, "data.csv");
        var path = Path.Combine(folder, name);
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target).ConfigureAwait(false);
        }
        try
        {
            var table = name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? state.Audit.ReadParquet(path) : state.Audit.ReadCsv(path);
            state.Uploads.Add(new Upload(id, folder, name, table));
        }
        catch (AuditInputException e)
        {
            return Routes.Problem(context, e.Message);
        }
        return WebResults.Redirect("/uploads/" + id);
    }

    private static IResult TooLarge(HttpContext context, WorkbenchState state)
    {
        var t = Routes.Language(context);
        return Routes.Problem(context, t["upload.tooLarge", ("max", t.Report.Count(state.Options.MaxUploadBytes))], StatusCodes.Status413PayloadTooLarge);
    }

    public static IResult Mapping(HttpContext context, WorkbenchState state, string id)
    {
        var t = Routes.Language(context);
        if (state.Uploads[id] is not { } upload)
        {
            return Routes.Problem(context, t["error.noUpload"], StatusCodes.Status404NotFound);
        }
        var b = new StringBuilder();
        b.Append("<p id=\"upload-summary\">").Append(Html.E(t["upload.summary", ("file", upload.FileName), ("rows", t.Report.Count(upload.Table.RowCount)), ("columns", upload.Table.Columns.Count)])).Append("</p>");
        Preview(b, t, upload.Table);
        b.Append("<form method=\"post\" action=\"/uploads/").Append(id).Append("/run\" enctype=\"multipart/form-data\" id=\"mapping-form\"><h2>").Append(Html.E(t["upload.columns"])).Append("</h2>");
        ColumnRows(b, t, upload.Table);
        ModelChoice(b, t, state);
        b.Append("</form>");
        return Routes.Page(Html.Page(t, t["upload.mapTitle"], b.ToString(), "/uploads/" + id));
    }

    private static void Preview(StringBuilder b, WebText t, Table table)
    {
        b.Append("<h2>").Append(Html.E(t["upload.preview"])).Append("</h2><table id=\"preview\"><thead><tr>");
        foreach (var column in table.Columns)
        {
            b.Append("<th>").Append(Html.E(column.Name)).Append("</th>");
        }
        b.Append("</tr></thead><tbody>");
        for (var r = 0; r < Math.Min(10, table.RowCount); r++)
        {
            b.Append("<tr>");
            foreach (var column in table.Columns)
            {
                b.Append("<td>").Append(Html.E(column.FormatValue(r))).Append("</td>");
            }
            b.Append("</tr>");
        }
        b.Append("</tbody></table>");
    }

    private static void ColumnRows(StringBuilder b, WebText t, Table table)
    {
        b.Append("<table id=\"columns\"><thead><tr><th>").Append(Html.E(t["upload.column"])).Append("</th><th>").Append(Html.E(t["upload.type"])).Append("</th><th>")
            .Append(Html.E(t["upload.missing"])).Append("</th><th>").Append(Html.E(t["upload.role"])).Append("</th><th>").Append(Html.E(t["upload.bands"])).Append("</th><th>")
            .Append(Html.E(t["upload.reference"])).Append("</th></tr></thead><tbody>");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            b.Append("<tr><td class=\"column-name\">").Append(Html.E(column.Name)).Append("</td><td>").Append(Html.E(column.Type.ToString().ToLowerInvariant()))
                .Append("</td><td>").Append(column.MissingCount()).Append("</td><td><select name=\"role-").Append(i).Append("\" id=\"role-").Append(i).Append("\" data-column=\"")
                .Append(Html.E(column.Name)).Append("\">");
            foreach (var role in Roles)
            {
                b.Append("<option value=\"").Append(role).Append("\">").Append(Html.E(t["role." + role])).Append("</option>");
            }
            b.Append("</select></td><td>");
            if (column.Type == ColumnType.Numeric)
            {
                b.Append("<input name=\"bands-").Append(i).Append("\" id=\"bands-").Append(i).Append("\" placeholder=\"25, 35, 50\">");
            }
            b.Append("</td><td><input name=\"reference-").Append(i).Append("\" id=\"reference-").Append(i).Append("\"></td></tr>");
        }
        b.Append("</tbody></table>");
    }

    private static void ModelChoice(StringBuilder b, WebText t, WorkbenchState state)
    {
        b.Append("<fieldset id=\"model\"><legend>").Append(Html.E(t["upload.model"])).Append("</legend><select name=\"model\" id=\"model-choice\">");
        foreach (var spec in ShippedSpecs(state))
        {
            b.Append("<option value=\"spec:").Append(Html.E(spec)).Append("\">").Append(Html.E(t["upload.modelShipped", ("file", spec)])).Append("</option>");
        }
        foreach (var choice in new[] { "upload", "scores", "decisions" })
        {
            b.Append("<option value=\"").Append(choice).Append("\">").Append(Html.E(t["upload.model." + choice])).Append("</option>");
        }
        b.Append("</select> <input type=\"file\" name=\"model-file\" id=\"model-file\" accept=\".yaml,.yml,.onnx,.zip\"> <label for=\"adverse\">")
            .Append(Html.E(t["upload.adverse"])).Append("</label><select name=\"adverse\" id=\"adverse\"><option value=\"high\">").Append(Html.E(t["upload.adverseHigh"]))
            .Append("</option><option value=\"low\">").Append(Html.E(t["upload.adverseLow"])).Append("</option></select></fieldset>");
        b.Append("<fieldset id=\"policy\"><legend>").Append(Html.E(t["upload.policy"])).Append("</legend><select name=\"policy\" id=\"policy-kind\">");
        foreach (var policy in new[] { "top_fraction", "threshold", "budget" })
        {
            b.Append("<option value=\"").Append(policy).Append("\">").Append(Html.E(t["policy." + policy])).Append("</option>");
        }
        b.Append("</select> <input name=\"policy-value\" id=\"policy-value\" value=\"0.1\"></fieldset><fieldset><legend>").Append(Html.E(t["upload.subjects"]))
            .Append("</legend><select name=\"subjects\" id=\"subjects\">");
        foreach (var subjects in Results.DataSubjects.All.Reverse())
        {
            b.Append("<option value=\"").Append(subjects).Append("\">").Append(Html.E(t["subjects." + subjects])).Append("</option>");
        }
        b.Append("</select> <label for=\"plan-name\">").Append(Html.E(t["upload.name"])).Append("</label><input name=\"name\" id=\"plan-name\" value=\"my-audit\"></fieldset>")
            .Append("<button type=\"submit\" id=\"run-upload\">").Append(Html.E(t["upload.run"])).Append("</button>");
    }

    private static IEnumerable<string> ShippedSpecs(WorkbenchState state) =>
        state.Options.ModelsFolder is { } folder && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];

    public static async Task<IResult> Run(HttpContext context, WorkbenchState state, string id)
    {
        var t = Routes.Language(context);
        if (state.Uploads[id] is not { } upload)
        {
            return Routes.Problem(context, t["error.noUpload"], StatusCodes.Status404NotFound);
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return TooLarge(context, state);
        }
        try
        {
            var choices = await UploadPlan.Choices(form, upload, state, t).ConfigureAwait(false);
            var yaml = PlanYamlWriter.Write(choices);
            var planPath = Path.Combine(upload.Folder, "plan.yaml");
            await File.WriteAllTextAsync(planPath, yaml).ConfigureAwait(false);
            var plan = state.Audit.ReadPlan(planPath);
            var job = state.Jobs.Start(plan, yaml, PlanPages.KeepPeople(state, plan));
            return WebResults.Redirect("/jobs/" + job.Id);
        }
        catch (AuditInputException e)
        {
            return Routes.Problem(context, e.Hint is null ? e.Message : $"{e.Message} ({e.Hint})");
        }
    }
}
