using Audit.Reporting.Tables;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// Writes a report folder (report.json, report.md, report.html, tables/*.csv, run.log) all or nothing: everything is written to a
/// temporary sibling folder and moved into place at the end, so a failed run leaves the output folder as it was.
/// </summary>
public static class ReportWriter
{
    public const string JsonFile = "report.json";
    public const string MarkdownFile = "report.md";
    public const string LogFile = "run.log";
    public const string HtmlFile = "report.html";
    public const string TablesFolder = "tables";

    /// <param name="runLog">Timings and other run details that must not go into report.json (they would break byte-identity).</param>
    /// <param name="language">The language of report.html and of the regulatory-mapping table (default English).</param>
    /// <param name="inputs">The audit's input files (plan, data, model, ...): the output folder may not hold any of them.</param>
    /// <param name="people">The per-person table (tables/people.csv), only when the run was asked for it.</param>
    public static void Write(AuditResult result, string outputFolder, string runLog, ReportLanguage? language = null, IEnumerable<string>? inputs = null,
        PeopleExport? people = null)
    {
        var files = Files(result, runLog, language ?? ReportLanguage.English);
        if (people is not null)
        {
            files[TablesFolder + "/" + PeopleTable.Name + ".csv"] = PeopleTable.Of(people).ToCsv();
        }
        WriteAtomically(outputFolder, files, inputs);
    }

    private static readonly object PrepareLock = new();

    private static Task? prepared;

    /// <summary>
    /// Starts, on a thread of the pool, what the first report of the process costs before any byte of it: the JSON
    /// serializer's metadata of every result type (reflection) and the plot library's first drawing (its native library,
    /// the report font). For a command that will write a report: called when it starts, this runs while the data are
    /// read and audited instead of after (issue 21). Idempotent; <see cref="Files"/> waits for it before rendering, so
    /// no plot is ever drawn beside it. Changes no byte of any report (the clip-path numbers Skia counts per process are
    /// renumbered per figure, <see cref="Plots.PlotStyle.ToFigure"/>).
    /// </summary>
    public static Task Prepare()
    {
        lock (PrepareLock)
        {
            return prepared ??= Task.Run(() =>
            {
                // As the serializer's first call does: the reflection resolver filled in, the options frozen, then the metadata.
                AuditResultJson.Options.MakeReadOnly(populateMissingResolver: true);
                AuditResultJson.Options.GetTypeInfo(typeof(AuditResult));
                var plot = Plots.PlotStyle.NewPlot("", "x", "y");
                plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
                Plots.PlotStyle.ToFigure(plot, "warm", "", "", 40, 30);
            });
        }
    }

    /// <summary>Every file of a report folder by its path inside the folder.</summary>
    public static Dictionary<string, string> Files(AuditResult result, string runLog, ReportLanguage language)
    {
        Task? warming;
        lock (PrepareLock)
        {
            warming = prepared;
        }
        try
        {
            warming?.Wait();
        }
        catch (AggregateException)
        {
            // The warm-up has no result: what it would have prepared is done below, where any error is raised as before.
        }
        // report.json on another thread while the pages render here (issue 21): the serializer's first use (building the
        // metadata of every result type) costs about as much as the HTML page's plots. Both only read the result, and
        // each file is the same string whichever finishes first.
        var json = Task.Run(() => AuditResultJson.Serialize(result));
        var markdown = BidiControls.Neutralise(MarkdownReport.Render(result));
        var html = BidiControls.Neutralise(HtmlReport.Render(result, language));
        var files = new Dictionary<string, string>
        {
            [JsonFile] = json.GetAwaiter().GetResult(),
            // Every text from the data is escaped where it is printed; a last pass shows any bidirectional control left as a marker.
            [MarkdownFile] = markdown,
            [HtmlFile] = html,
            [LogFile] = runLog,
        };
        foreach (var table in ReportTables.Of(result, language))
        {
            files[TablesFolder + "/" + table.Name + ".csv"] = table.ToCsv();
        }
        return files;
    }

    /// <summary>
    /// Writes files into a folder that appears complete or not at all; an existing folder is replaced only when
    /// <see cref="ReportFolder.CheckReplaceable"/> allows it (a report Audit wrote), and the new one carries the marker.
    /// </summary>
    /// <remarks>
    /// The files are written to a sibling staging folder first. On Linux the staging folder and an existing report are
    /// then swapped in one system call (<c>renameat2</c> with <c>RENAME_EXCHANGE</c>, Linux 3.15+): a run killed at any
    /// instant (Ctrl-C, <c>kill -9</c>, a power cut after the file system's journal) leaves the previous report or the
    /// new one at the output path, never a mix and never nothing. Elsewhere, or on a file system without the call, the
    /// previous report is moved aside and the new one moved in: a kill between the two moves leaves no report at the path
    /// (and the previous one beside it, as <c>NAME.old-*</c>), still never a mix. Leftover staging folders of killed
    /// runs (<c>NAME.tmp-XXXXXXXX</c>, <c>NAME.old-XXXXXXXX</c> with eight hexadecimal digits, holding Audit's marker, not
    /// links) older than <see cref="StaleAfter"/> are removed by the next run; a user's own <c>NAME.old-backup</c> is never touched.
    /// </remarks>
    public static void WriteAtomically(string outputFolder, IReadOnlyDictionary<string, string> files, IEnumerable<string>? inputs = null)
    {
        ReportFolder.CheckReplaceable(outputFolder, inputs ?? []);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder));
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        RemoveStaleLeftovers(target);
        var staging = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var previous = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, ReportFolder.MarkerFile), ReportFolder.MarkerText);
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(staging, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
            }
            if (Directory.Exists(target) && AtomicExchange.TrySwap(staging, target))
            {
                // The staging path now holds the previous report.
                Directory.Delete(staging, recursive: true);
                return;
            }
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
            }
            Directory.Move(staging, target);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            if (!Directory.Exists(target) && Directory.Exists(previous))
            {
                Directory.Move(previous, target);
            }
            throw;
        }
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    /// <summary>How old a staging folder must be before a later run treats it as left by a killed run.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private static void RemoveStaleLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        foreach (var pattern in new[] { name + ".tmp-*", name + ".old-*" })
        {
            foreach (var folder in Directory.EnumerateDirectories(parent, pattern))
            {
                try
                {
                    var suffix = Path.GetFileName(folder)[(name.Length + 5)..];
                    var ours = suffix.Length == 8 && suffix.All(char.IsAsciiHexDigitLower)
                               && new DirectoryInfo(folder).LinkTarget is null && ReportFolder.IsMarked(folder);
                    if (ours && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > StaleAfter)
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another run may be using it, or it is not ours to delete: leave it.
                }
            }
        }
    }
}
