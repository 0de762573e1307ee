using Audit.Reporting.Html;
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
    public static void Write(AuditResult result, string outputFolder, string runLog, ReportLanguage? language = null)
    {
        WriteAtomically(outputFolder, Files(result, runLog, language ?? ReportLanguage.English));
    }

    /// <summary>Every file of a report folder by its path inside the folder.</summary>
    public static Dictionary<string, string> Files(AuditResult result, string runLog, ReportLanguage language)
    {
        var files = new Dictionary<string, string>
        {
            [JsonFile] = AuditResultJson.Serialize(result),
            [MarkdownFile] = MarkdownReport.Render(result),
            [HtmlFile] = HtmlReport.Render(result, language),
            [LogFile] = runLog,
        };
        foreach (var table in ReportTables.Of(result, language))
        {
            files[TablesFolder + "/" + table.Name + ".csv"] = table.ToCsv();
        }
        return files;
    }

    /// <summary>Writes files into a folder that appears complete or not at all; an existing folder is replaced.</summary>
    public static void WriteAtomically(string outputFolder, IReadOnlyDictionary<string, string> files)
    {
        var target = Path.GetFullPath(outputFolder);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var previous = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(staging, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
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
}
