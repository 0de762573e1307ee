using System.CommandLine;
using Audit.Models.MLNet;
using Audit.Models.Onnx;
using Spectre.Console;
using Audit.Pipeline;

namespace Audit.Cli;

/// <summary>What every verb shares: the output streams, the global options and the progress display.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr, string[] args)
{
    public static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Show details of errors (stack traces) and of each stage.",
        Recursive = true,
    };

    public static readonly Option<bool> QuietOption = new("--quiet", "-q")
    {
        Description = "No progress display.",
        Recursive = true,
    };

    /// <summary>
    /// The library's entry point for this command, with the loaders of model files whose runtimes live in their own
    /// projects (ARCHITECTURE.md) registered on it: every plan the CLI reads goes through <see cref="AuditContext.ReadPlan"/>.
    /// </summary>
    public AuditContext AuditContext { get; } = NewAuditContext();

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Verbose { get; set; }

    public bool Quiet { get; set; }

    /// <summary>The folder <c>--root</c> lets a plan's paths reach (a plan's own <c>root</c> key asks; only this grants).</summary>
    public string? GrantedRoot { get; set; }

    /// <summary>The limits <c>--limit KEY=N</c> grants (a plan's <c>limits</c> may only lower them).</summary>
    public Audit.Data.InputLimits GrantedLimits { get; set; } = Audit.Data.InputLimits.Default;

    /// <summary>
    /// The command for the report's provenance and run.log: as typed, but with every path reduced to its file name and
    /// the output folder left out, so that no folder of the machine is published (<see cref="Results.ReportedFile"/>).
    /// </summary>
    public string CommandLine { get; } = Results.ReportedFile.Command(args);

    /// <summary>Progress bars only when writing to a real terminal and not asked to be quiet.</summary>
    public bool ShowProgress => !Quiet && ReferenceEquals(Out is TerminalWriter t ? t.Inner : Out, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs work with a live progress display for the stages it reports (read, score, statistics).</summary>
    public T WithProgress<T>(Func<StageProgress?, T> work)
    {
        if (!ShowProgress)
        {
            return work(null);
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                result = work((stage, done, total) =>
                {
                    if (!tasks.TryGetValue(stage, out var task))
                    {
                        task = tasks[stage] = ctx.AddTask(StageTitle(stage), maxValue: Math.Max(1, total));
                    }
                    task.MaxValue = Math.Max(1, total);
                    task.Value = Math.Min(done, task.MaxValue);
                });
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            });
        return result;
    }

    private static AuditContext NewAuditContext()
    {
        var audit = new AuditContext();
        audit.Models.Register(new MlNetModelLoader()).Register(new OnnxModelLoader());
        Audit.Data.Databases.DatabaseReadersExtensions.RegisterAll(audit.Databases);
        return audit;
    }

    private static string StageTitle(string stage) => stage switch
    {
        "read" => "Reading data",
        "score" => "Scoring",
        "statistics" => "Group statistics",
        "decide" => "Applying the policy",
        "bootstrap" => "Bootstrap intervals",
        "explanations" => "Explanations",
        "recourse" => "Appeal paths (recourse)",
        _ => stage,
    };
}
