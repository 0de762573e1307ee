namespace Audit.Results;

/// <summary>
/// How a report names a file or a command: by the file's name (and, in provenance, its SHA-256), never by a folder
/// of the machine it ran on. A journalist who publishes a report must not publish their folder layout, and the same
/// audit run from another folder, machine or output folder must give byte-identical reports (issue 15, defect 17).
/// </summary>
public static class ReportedFile
{
    /// <summary>The file name alone: "/home/alice/leak/compas.csv" and "..\data\compas.csv" are "compas.csv".</summary>
    public static string Name(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var cut = trimmed.LastIndexOfAny(['/', '\\']);
        return cut < 0 ? trimmed : trimmed[(cut + 1)..];
    }

    /// <summary>Options whose value is where the output goes, or how the run is displayed: not part of what was audited.</summary>
    private static readonly HashSet<string> DroppedWithValue = new(StringComparer.Ordinal) { "--out", "-o" };

    private static readonly HashSet<string> DroppedAlone = new(StringComparer.Ordinal) { "--quiet", "--verbose", "-q", "-v" };

    /// <summary>
    /// The command as a report records it: every argument that is a path reduced to its file name, and the output
    /// folder and display switches left out (they change nothing in the report). "audit run /srv/a/plan.yaml --data
    /// /srv/b/x.csv --out /tmp/r --quiet" is recorded as "audit run plan.yaml --data x.csv".
    /// </summary>
    public static string Command(IEnumerable<string> arguments)
    {
        var kept = new List<string>();
        var skipNext = false;
        foreach (var argument in arguments)
        {
            if (skipNext)
            {
                skipNext = false;
                continue;
            }
            if (DroppedWithValue.Contains(argument))
            {
                skipNext = true;
                continue;
            }
            if (DroppedAlone.Contains(argument) || DroppedWithValue.Any(o => argument.StartsWith(o + "=", StringComparison.Ordinal)))
            {
                continue;
            }
            var equals = argument.StartsWith("--", StringComparison.Ordinal) ? argument.IndexOf('=', StringComparison.Ordinal) : -1;
            kept.Add(equals > 0 ? argument[..(equals + 1)] + Name(argument[(equals + 1)..]) : Name(argument));
        }
        return "audit " + string.Join(' ', kept.Select(Quote));
    }

    /// <summary>An argument as a POSIX shell would take it back: bare when it is plain, else in single quotes.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
