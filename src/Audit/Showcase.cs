using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Synthetic;

namespace Audit;

/// <summary>
/// Regenerates the showcase (CONTRACTS.md: <c>reports/&lt;plan name&gt;/</c>) from the bundled demo and from every shipped
/// plan in <c>datasets/plans/*.yaml</c> whose data can be found: beside the plan, or by file name in a data folder the
/// caller names (a plan whose data is not shipped, like COMPAS, is skipped with a message otherwise). Each report folder
/// gets report.json, report.md, report.html (English), report.fr.html (French), tables/*.csv and run.log. The recorded
/// command is the one that re-runs that audit alone, written as every report writes commands (files by their name,
/// <see cref="Results.ReportedFile"/>), so that the output is the same on every machine, equals what `audit run` of
/// the same plan writes, and a test can compare a fresh run with the committed files.
/// </summary>
public static class Showcase
{
    /// <summary>The French HTML report of a showcase folder.</summary>
    public const string FrenchHtmlFile = "report.fr.html";

    public sealed record Outcome(string Name, string? Folder, string? Skipped);

    /// <param name="root">The repository's root (holding datasets/plans).</param>
    /// <param name="output">Where the report folders go (reports/ in the repository).</param>
    /// <param name="dataFolders">Folders searched, by file name, for a plan's data that is not beside it.</param>
    /// <param name="scratch">A folder for the demo's generated data (deleted by the caller).</param>
    public static IReadOnlyList<Outcome> Run(string root, string output, IReadOnlyList<string> dataFolders, string scratch, Action<string>? log = null)
    {
        var outcomes = new List<Outcome>();

        // The bundled demo, exactly as `audit demo` with its defaults writes it.
        var demoPlan = DemoPopulation.WriteFiles(Path.Combine(scratch, "demo"), DemoPopulation.DefaultRows, DemoPopulation.DefaultSeed);
        outcomes.Add(Write(AuditPlanLoader.Load(demoPlan), "audit demo", output, log));

        var plans = Path.Combine(root, "datasets", "plans");
        foreach (var file in Directory.GetFiles(plans, "*.yaml").Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var plan = AuditPlanLoader.Load(file, grantedRoot: root);
            var arguments = new List<string> { "run", relative };
            if (!File.Exists(plan.Data.Path))
            {
                var name = Path.GetFileName(plan.Data.Path);
                var found = dataFolders.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
                if (found is null)
                {
                    var reason = $"its data file {name} is not beside the plan" + (dataFolders.Count > 0 ? " nor in " + string.Join(", ", dataFolders) : "");
                    log?.Invoke($"skipped {plan.Name}: {reason}");
                    outcomes.Add(new Outcome(plan.Name, null, reason));
                    continue;
                }
                // Same file name as the plan's data.path, so the provenance does not depend on where the file was found.
                plan = AuditPlanLoader.Load(file, found, grantedRoot: root);
                plan = plan with { Data = plan.Data with { Display = name } };
                arguments.AddRange(["--data", name]);
            }
            outcomes.Add(Write(plan, Results.ReportedFile.Command(arguments), output, log));
        }
        return outcomes;
    }

    private static Outcome Write(AuditPlan plan, string command, string output, Action<string>? log)
    {
        var folder = Path.Combine(output, plan.Name);
        var result = Auditor.Run(plan, command);
        var files = ReportWriter.Files(result, $"command: {command}\ntoolkit: {Auditor.ToolkitVersion}\nrows: {result.Data.Rows}\n", ReportLanguage.English);
        files[FrenchHtmlFile] = HtmlReport.Render(result, ReportLanguage.French);
        ReportWriter.WriteAtomically(folder, files, plan.InputFiles());
        log?.Invoke($"wrote {folder}");
        return new Outcome(plan.Name, folder, null);
    }
}
