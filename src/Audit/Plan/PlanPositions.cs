namespace Audit.Plan;

/// <summary>
/// Where keys of the plan were written: key path → line (issue 17, item 6). The records a stage takes carry no YAML
/// position; a stage's error names the plan's key path, and the plan's entry points give it its line from this map
/// (<see cref="Locate"/>), so that every error still points at the line to fix.
/// </summary>
public sealed class PlanPositions
{
    private readonly Dictionary<string, long> lines;

    private PlanPositions(Dictionary<string, long> lines) => this.lines = lines;

    public static PlanPositions Empty { get; } = new([]);

    /// <summary>This map with <paramref name="keyPath"/> written on <paramref name="line"/>.</summary>
    public PlanPositions With(string keyPath, long line) => new(new Dictionary<string, long>(lines, StringComparer.Ordinal) { [keyPath] = line });

    /// <summary>The line of <paramref name="keyPath"/>, else of its nearest enclosing key recorded (<c>recourse</c> for <c>recourse.method</c>); null when none is.</summary>
    public long? LineOf(string keyPath)
    {
        for (var path = keyPath; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (lines.TryGetValue(path, out var line))
            {
                return line;
            }
        }
        return null;
    }

    /// <summary>An error about the plan <paramref name="planFile"/> that names a key path but no line, with that key's line when it is recorded.</summary>
    public AuditInputException Locate(AuditInputException e, string planFile) =>
        e.File == planFile && e.Line is null && e.KeyPath is { } keyPath && LineOf(keyPath) is { } line ? e.WithLine(line) : e;
}
