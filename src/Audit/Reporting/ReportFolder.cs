
namespace Audit.Reporting;

/// <summary>
/// The one rule for what Audit may replace or delete (issue 16, class 1): only a folder that it created and marked as
/// its own report (<see cref="MarkerFile"/>), never a folder that holds an input of the audit or the working folder,
/// never an ancestor of one, and never through a link. Any other output folder is refused with exit 2 before any work,
/// so a hostile or mistaken plan (<c>name: ".."</c>, <c>output: "."</c>) cannot delete a user's files.
/// </summary>
public static class ReportFolder
{
    /// <summary>The file that marks a folder as an Audit report, written first into every report and staging folder.</summary>
    public const string MarkerFile = ".audit-report";

    /// <summary>The marker's text: constant, so that reports stay byte-identical.</summary>
    public const string MarkerText =
        "This folder is an Audit report. The next run writing to it replaces it whole; Audit replaces or deletes only folders holding this file.\n";

    /// <summary>Whether a folder carries Audit's marker (a regular file, not a link).</summary>
    public static bool IsMarked(string folder)
    {
        var marker = new FileInfo(Path.Combine(folder, MarkerFile));
        return marker.Exists && marker.LinkTarget is null;
    }

    /// <summary>
    /// Checks that a report may be written to <paramref name="outputFolder"/>: it does not exist, is an empty folder, or
    /// is a folder Audit marked as its report; it is not a link; it holds none of <paramref name="inputs"/> nor the
    /// working folder. Throws an <see cref="AuditInputException"/> (exit 2) naming the folder and what to do.
    /// </summary>
    /// <param name="keyPath">Where the folder came from ("--out", "output", "name"), for the message.</param>
    public static void CheckReplaceable(string outputFolder, IEnumerable<string> inputs, string? file = null, string? keyPath = null)
    {
        // Before Path.GetFullPath, which throws ArgumentException on a NUL (an internal error, exit 1).
        if (outputFolder.Contains('\0', StringComparison.Ordinal))
        {
            throw new AuditInputException("the output folder's name holds a NUL character", file: file, keyPath: keyPath ?? "--out", hint: "give a plain folder name");
        }
        var lexical = Path.GetFullPath(outputFolder);
        var trimmed = Path.TrimEndingDirectorySeparator(lexical);
        if (Path.GetPathRoot(trimmed) == trimmed)
        {
            throw Refuse("is the root of the file system", trimmed, file, keyPath);
        }
        var info = new DirectoryInfo(trimmed);
        if (info.LinkTarget is not null || (!info.Exists && File.Exists(trimmed) && new FileInfo(trimmed).LinkTarget is not null))
        {
            throw Refuse("is a symbolic link; Audit does not replace a folder through a link", trimmed, file, keyPath);
        }
        if (File.Exists(trimmed))
        {
            throw Refuse("is a file, not a folder", trimmed, file, keyPath);
        }
        var real = RealPath.Of(trimmed);
        foreach (var input in inputs.Append(Directory.GetCurrentDirectory()))
        {
            var inputReal = RealPath.Of(input);
            if (RealPath.IsInside(inputReal, real))
            {
                throw Refuse(input == Directory.GetCurrentDirectory()
                    ? "holds the folder Audit runs from"
                    : $"holds an input of this audit ({Results.ReportedFile.Name(input)})", trimmed, file, keyPath);
            }
        }
        if (info.Exists && info.EnumerateFileSystemInfos().Any() && !IsMarked(trimmed))
        {
            throw Refuse("already exists, is not empty and is not an Audit report (it has no " + MarkerFile + " file)", trimmed, file, keyPath);
        }
    }

    private static AuditInputException Refuse(string why, string folder, string? file, string? keyPath) =>
        new($"the output folder {why}, so Audit will not replace it", file: file, keyPath: keyPath ?? "--out", found: folder,
            expected: "a new folder, an empty folder, or a report folder Audit wrote before",
            hint: "give another folder with --out (or the plan's 'output'); Audit replaces only folders it created and marked as reports");
}
