using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Audit.Pipeline;
using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Web;

/// <summary>One audit the workbench runs in the background: its progress, then its result and report folder.</summary>
internal sealed class Job(string id, AuditPlan plan, string folder, string? planYaml)
{
    public string Id { get; } = id;

    public AuditPlan Plan { get; } = plan;

    /// <summary>The report folder (report.html, report.fr.html, report.json, report.md, tables/, run.log).</summary>
    public string Folder { get; } = folder;

    /// <summary>The plan as YAML, for a plan made on the upload page (what "save the plan" gives).</summary>
    public string? PlanYaml { get; } = planYaml;

    public string Stage { get; private set; } = "";

    public long Done { get; private set; }

    public long Total { get; private set; }

    public AuditResult? Result { get; private set; }

    /// <summary>The decided population, kept for the lists of flagged people (null when those are not allowed).</summary>
    public DecidedPopulation? People { get; private set; }

    public PeopleExport? PeopleTable { get; private set; }

    public string? Error { get; private set; }

    public bool Finished => Result is not null || Error is not null;

    public void Start(bool keepPeople) => Task.Run(() => Execute(keepPeople));

    private void Execute(bool keepPeople)
    {
        try
        {
            StageProgress progress = (stage, done, total) =>
            {
                Stage = stage;
                Total = total;
                Done = done;
            };
            var decided = Auditor.Decided(Plan, progress);
            var result = Auditor.Run(Plan, decided, Jobs.Command, progress);
            var log = $"""
                command: {Jobs.Command}
                finished: {DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}
                toolkit: {Auditor.ToolkitVersion}
                rows: {result.Data.Rows}

                """;
            var files = ReportWriter.Files(result, log, ReportLanguage.English);
            files[Showcase.FrenchHtmlFile] = HtmlReport.Render(result, ReportLanguage.French);
            ReportWriter.WriteAtomically(Folder, files, Plan.InputFiles());
            if (keepPeople)
            {
                People = decided;
                PeopleTable = Auditor.PeopleOf(Plan, decided);
            }
            Result = result;
        }
        catch (AuditInputException e)
        {
            Error = e.Hint is null ? e.Message : $"{e.Message} ({e.Hint})";
        }
        catch (Exception e)
        {
            Error = $"internal error: {e.GetType().Name}: {e.Message}";
        }
    }
}

/// <summary>The jobs of one workbench, by id.</summary>
internal sealed class Jobs(string folder)
{
    /// <summary>What the provenance of a workbench run records as its command.</summary>
    public const string Command = "audit serve";

    private readonly ConcurrentDictionary<string, Job> jobs = new();

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public Job Start(AuditPlan plan, string? planYaml, bool keepPeople)
    {
        var id = NewId();
        var job = new Job(id, plan, Path.Combine(folder, id), planYaml);
        jobs[id] = job;
        job.Start(keepPeople);
        return job;
    }

    public Job? this[string id] => jobs.TryGetValue(id, out var job) ? job : null;
}
