using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The sentences of the recourse section, from the facts of <see cref="RecourseSection"/> with the keys
/// <c>recourse.*</c> of the catalogue: the score a person must reach, why a capacity cut-off moves, how a change's cost
/// is counted, the exact solvers' resolution and the notes. Numbers are invariant text, as the sentences always printed
/// them; the French values are today's English sentences until issue 18 translates them.
/// </summary>
public static class RecourseText
{
    /// <summary>"a score strictly below the cut-off 0.5".</summary>
    public static string Target(RecourseSection r, ReportLanguage l) =>
        l.T("recourse.target." + r.Adverse, ("cutoff", r.Cutoff is { } cutoff ? cutoff.ToString("G6", CultureInfo.InvariantCulture) : ""));

    /// <summary>Why the cut-off of a capacity policy moves; none for a fixed threshold.</summary>
    public static string? CutoffNote(RecourseSection r, ReportLanguage l) => r.CutoffMovesWithCapacity ? l.T("recourse.cutoffMoves") : null;

    /// <summary>How a change's cost is counted.</summary>
    public static string CostDefinition(RecourseSection r, ReportLanguage l) => l.T("recourse.cost." + r.Cost);

    /// <summary>The exact solvers' integer scaling; none for the search.</summary>
    public static string? Resolution(RecourseSection r, ReportLanguage l) => r.Resolution is { } resolution
        ? l.T("recourse.resolution", ("score", resolution.Score.ToString("R", CultureInfo.InvariantCulture)), ("cost", resolution.Cost.ToString("R", CultureInfo.InvariantCulture)))
        : null;

    /// <summary>The sentence of a note.</summary>
    public static string Note(RecourseNote note, ReportLanguage l) => l.T("recourse.note." + note.Code,
        ("people", note.People?.ToString(CultureInfo.InvariantCulture)), ("inputs", string.Join(", ", note.Inputs ?? [])));
}
