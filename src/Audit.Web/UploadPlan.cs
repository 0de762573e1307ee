using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Audit.Web;

/// <summary>Reads the mapping form into <see cref="PlanChoices"/>, saving an uploaded model file beside the data.</summary>
internal static class UploadPlan
{
    public static async Task<PlanChoices> Choices(IFormCollection form, Upload upload, WorkbenchState state, WebText t)
    {
        string? Column(string role) => Enumerable.Range(0, upload.Table.Columns.Count).Where(i => form["role-" + i] == role).Select(i => upload.Table.Columns[i].Name).FirstOrDefault();
        var model = await Model(form, upload, state, t, Column).ConfigureAwait(false);
        var adverse = model.Key is "file" or "score_column" ? (form["adverse"] == "low" ? "low" : "high") : null;
        (string, double)? policy = null;
        if (model.Key != "decision_column")
        {
            var kind = form["policy"].ToString() is "threshold" or "budget" ? form["policy"].ToString() : "top_fraction";
            if (!double.TryParse(form["policy-value"].ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new AuditInputException(t["upload.badPolicy"], found: form["policy-value"].ToString());
            }
            policy = (kind, value);
        }
        var subjects = Results.DataSubjects.All.Contains(form["subjects"].ToString()) ? form["subjects"].ToString() : Results.DataSubjects.Real;
        var choices = new PlanChoices(Uploads.SafeName(form["name"].ToString(), "my-audit"), upload.FileName, subjects)
        {
            Id = Column("id"),
            Label = Column("label"),
            Weight = Column("weight"),
            Model = model,
            Adverse = adverse,
            Policy = policy,
        };
        for (var i = 0; i < upload.Table.Columns.Count; i++)
        {
            if (form["role-" + i] == "protected")
            {
                var reference = form["reference-" + i].ToString().Trim();
                choices.Protected.Add((upload.Table.Columns[i].Name, reference.Length == 0 ? null : reference, Bands(form["bands-" + i].ToString(), t)));
            }
        }
        if (choices.Protected.Count == 0)
        {
            throw new AuditInputException(t["upload.noProtected"]);
        }
        return choices;
    }

    private static async Task<(string Key, string Value)> Model(IFormCollection form, Upload upload, WorkbenchState state, WebText t, Func<string, string?> column)
    {
        var choice = form["model"].ToString();
        if (choice.StartsWith("spec:", StringComparison.Ordinal) && state.Options.ModelsFolder is { } models)
        {
            // The shipped spec is copied beside the data, so that the saved plan names a file in its own folder.
            var name = Uploads.SafeName(choice["spec:".Length..], "model.yaml");
            var source = Path.Combine(models, name);
            if (!File.Exists(source))
            {
                throw new AuditInputException(t["upload.noModel"], found: name);
            }
            File.Copy(source, Path.Combine(upload.Folder, name), overwrite: true);
            return ("spec", name);
        }
        if (choice == "upload" && form.Files.GetFile("model-file") is { Length: > 0 } file)
        {
            var name = Uploads.SafeName(file.FileName, "model.yaml");
            await using (var target = File.Create(Path.Combine(upload.Folder, name)))
            {
                await file.CopyToAsync(target).ConfigureAwait(false);
            }
            var isSpec = name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            return (isSpec ? "spec" : "file", name);
        }
        if (choice == "scores" && column("score") is { } scores)
        {
            return ("score_column", scores);
        }
        if (choice == "decisions" && column("decision") is { } decisions)
        {
            return ("decision_column", decisions);
        }
        throw new AuditInputException(t["upload.noModel"], found: choice);
    }

    private static double[]? Bands(string text, WebText t)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }
        var parts = text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var bands = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out bands[i]))
            {
                throw new AuditInputException(t["upload.badBands"], found: text);
            }
        }
        return bands;
    }
}
