using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The sentences of the recourse section, from the facts of <see cref="RecourseSection"/> with the keys
/// <c>recourse.*</c> of the catalogue: the score a person must reach, why a capacity cut-off moves, how a change's cost
/// is counted, the exact solvers' resolution and the notes. Numbers keep their digits and take the language's decimal
/// mark (<see cref="ReportLanguage.Exact"/>).
/// </summary>
public static class RecourseText
{
    /// <summary>"a score strictly below the cut-off 0.5".</summary>
    public static string Target(RecourseSection r, ReportLanguage l) =>
        l.T((r.TargetGrade is null ? "recourse.target." : "recourse.target.grade.") + r.Adverse,
            ("cutoff", r.Cutoff is { } cutoff ? l.Exact(cutoff, "G6") : ""), ("grade", r.TargetGrade));

    /// <summary>
    /// Why the cut-off of a capacity policy moves; where the cut-off of decisions in the data comes from; how many
    /// flagged people an override rule holds at their grade. None for a fixed threshold.
    /// </summary>
    public static string? CutoffNote(RecourseSection r, ReportLanguage l)
    {
        var notes = new List<string>();
        if (r.CutoffMovesWithCapacity)
        {
            notes.Add(l.T("recourse.cutoffMoves"));
        }
        if (r.ImpliedCutoff == true)
        {
            notes.Add(l.T("recourse.impliedCutoff"));
        }
        if (r.FixedByOverride is > 0 and var fixedCount)
        {
            notes.Add(l.T("recourse.fixedByOverride", ("people", l.Count(fixedCount))));
        }
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    /// <summary>How a change's cost is counted.</summary>
    public static string CostDefinition(RecourseSection r, ReportLanguage l) => l.T("recourse.cost." + r.Cost);

    /// <summary>The exact solvers' integer scaling; none for the search.</summary>
    public static string? Resolution(RecourseSection r, ReportLanguage l) => r.Resolution is { } resolution
        ? l.T("recourse.resolution", ("score", l.Exact(resolution.Score)), ("cost", l.Exact(resolution.Cost)))
        : null;

    /// <summary>
    /// A route's words in the language of the page: the jurisdiction file's translation when it gives one
    /// (<c>fr:</c> under the route), else its English words.
    /// </summary>
    public static LegalRouteWords Route(LegalRoute route, ReportLanguage l) =>
        route.Translations is { } words && words.TryGetValue(l.Code, out var said) ? said
        : new LegalRouteWords(route.Name, route.Body, route.Deadline, route.Then, route.LegalBasis, route.Note);

    /// <summary>A jurisdiction file's name and source in the language of the page (see <see cref="Route"/>).</summary>
    public static LegalRoutesWords Routes(LegalRoutes routes, ReportLanguage l) =>
        routes.Translations is { } words && words.TryGetValue(l.Code, out var said) ? said : new LegalRoutesWords(routes.Name, routes.Source);

    /// <summary>The sentence of a note.</summary>
    public static string Note(RecourseNote note, ReportLanguage l) => l.T("recourse.note." + note.Code,
        ("people", note.People is { } people ? l.Count(people) : null), ("inputs", string.Join(", ", note.Inputs ?? [])));
}
