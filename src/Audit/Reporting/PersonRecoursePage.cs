using System.Globalization;
using System.Text;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// The page of <c>audit recourse --person</c>: whether the person is flagged, their cheapest change (or the proof that
/// none exists), the records to check first, and the routes to contest, worded from the catalogue (keys
/// <c>recoursePerson.*</c>) in English or French. Scores are written as the language writes a score (6 significant
/// digits), costs with three decimals.
/// </summary>
public static class PersonRecoursePage
{
    /// <summary>The page as plain text, one statement a line.</summary>
    /// <param name="dataErrorBand">The percentile band of a plausible recording error of a numeric input (the Recourse stage's data-error sensitivity).</param>
    public static string Render(PersonReport report, ReportLanguage l, double dataErrorBand)
    {
        var page = new StringBuilder();
        var values = new (string, object?)[] { ("id", report.Id), ("score", l.Score(report.Score)), ("cutoff", report.Cutoff is { } c ? l.Score(c) : l.T("recoursePerson.noCutoff")) };
        // Said first and plainly: a person who is not flagged has no flag to escape, so no change is looked for.
        Line(page, report.Grade is { } grade
            ? l.T(report.Flagged ? "recoursePerson.grade.flagged" : "recoursePerson.grade.notFlagged",
                [.. values[..2], ("cutoff", report.Cutoff is { } bound ? Reach(report, bound, l) : ""), ("grade", grade), ("target", report.TargetGrade)])
            : l.T(report.Flagged ? "recoursePerson.flagged" : "recoursePerson.notFlagged", values));
        if (report.ImpliedCutoff)
        {
            Line(page, l.T("recoursePerson.implied"));
        }
        if (report.PartialModel is { } sampled)
        {
            Sampled(page, report, sampled, l);
        }
        if (report.Recourse is { } r)
        {
            Change(page, r, l);
            if (report.Grade is { } from)
            {
                Grades(page, report, from, r, l);
            }
            Circumstances(page, report, r, l, dataErrorBand);
        }
        if (report.Routes is { } routes)
        {
            Routes(page, report.Flagged, routes, l);
        }
        return page.ToString();
    }

    /// <summary>For a partially published spec: which model the answer is for, and the person's ranges over the sampled models.</summary>
    private static void Sampled(StringBuilder page, PersonReport report, PersonUnderSampledModels p, ReportLanguage l)
    {
        Line(page, l.T("recoursePerson.sampled.model", ("model", report.Model), ("sampled", Whole(p.SampledCoefficients)), ("half", l.Score(p.Magnitude / 2))));
        var lifts = p.ChangeLiftsIn is { } j ? l.T("recoursePerson.sampled.lifts", ("lifted", Whole(j)), ("flaggedIn", Whole(p.FlaggedIn))) : "";
        Line(page, l.T("recoursePerson.sampled.ranges", ("samples", Whole(p.Samples)), ("seed", Whole(p.Seed)), ("min", l.Score(p.ScoreMin)), ("max", l.Score(p.ScoreMax)),
            ("rankMin", Whole(p.RankMin)), ("rankMax", Whole(p.RankMax)), ("flaggedIn", Whole(p.FlaggedIn)), ("lifts", lifts)));
    }

    /// <summary>The cheapest change and its inputs, or why there is none.</summary>
    private static void Change(StringBuilder page, PersonRecourse r, ReportLanguage l)
    {
        if (r.Status == RecourseStatus.Found)
        {
            Line(page, l.T("recoursePerson.found", ("proof", l.T(r.ProvenOptimal ? "recoursePerson.proven" : "recoursePerson.searched")),
                ("cost", Cost(r.Cost, l)), ("after", l.Score(r.ScoreAfter))));
            foreach (var change in r.Changes)
            {
                Line(page, l.T("recoursePerson.change", ("name", change.Name), ("from", change.FromText), ("to", change.ToText), ("cost", Cost(change.Cost, l))));
            }
        }
        else
        {
            Line(page, l.T(r.Status == RecourseStatus.None ? "recoursePerson.none" : "recoursePerson.notFound"));
        }
    }

    /// <summary>
    /// For a grade policy: the grades the change goes from and to, or the override rule that fixes the grade; and,
    /// when the next grade up is still flagged, the cheapest change to it.
    /// </summary>
    private static void Grades(StringBuilder page, PersonReport report, string from, PersonRecourse r, ReportLanguage l)
    {
        if (r.FixedByOverride)
        {
            Line(page, l.T("recoursePerson.grade.fixed"));
        }
        else if (r.GradeAfter is { } to)
        {
            Line(page, l.T("recoursePerson.grade.change", ("from", from), ("to", to)));
        }
        if (report.NextGrade is not { } next)
        {
            return;
        }
        var reach = Reach(report, next.Cutoff, l);
        if (next.Recourse.Status != RecourseStatus.Found)
        {
            Line(page, l.T("recoursePerson.grade.nextNone", ("from", from), ("to", next.Grade)));
            return;
        }
        Line(page, l.T("recoursePerson.grade.next", ("from", from), ("to", next.Grade), ("cutoff", reach), ("cost", Cost(next.Recourse.Cost, l)), ("after", l.Score(next.Recourse.ScoreAfter))));
        foreach (var change in next.Recourse.Changes)
        {
            Line(page, l.T("recoursePerson.change", ("name", change.Name), ("from", change.FromText), ("to", change.ToText), ("cost", Cost(change.Cost, l))));
        }
    }

    /// <summary>Whether the cut-off moves, whether the person is flagged for who they are, the records to check and what is not proposed.</summary>
    private static void Circumstances(StringBuilder page, PersonReport report, PersonRecourse r, ReportLanguage l, double dataErrorBand)
    {
        if (report.Ranked)
        {
            Line(page, l.T("recoursePerson.ranked"));
        }
        if (r.ForWhoTheyAre)
        {
            Line(page, l.T("recoursePerson.forWhoTheyAre"));
        }
        Line(page, r.SensitiveInputs.Count > 0
            ? l.T("recoursePerson.sensitive", ("inputs", string.Join(l.T("recoursePerson.or"), r.SensitiveInputs)),
                ("band", (dataErrorBand * 100).ToString("0", CultureInfo.InvariantCulture)))
            : l.T("recoursePerson.noSensitive"));
        var fixedInputs = report.FixedInputs.Select(input => input.Feature + (input.LegalEvent ? l.T("recoursePerson.legalEvent") : "")).ToArray();
        if (fixedInputs.Length > 0)
        {
            Line(page, l.T("recoursePerson.fixed", ("inputs", string.Join(", ", fixedInputs))));
        }
    }

    /// <summary>The routes to contest, the flag's first, and the mention the law requires, as the jurisdiction file drafts it.</summary>
    private static void Routes(StringBuilder page, bool flagged, LegalRoutes routes, ReportLanguage l)
    {
        page.Append('\n');
        Line(page, l.T(flagged ? "recoursePerson.contest" : "recoursePerson.contestNotFlagged", ("name", RecourseText.Routes(routes, l).Name)));
        foreach (var route in routes.Routes.OrderBy(x => x.Contests == "flag" ? 0 : 1))
        {
            var words = RecourseText.Route(route, l);
            Line(page, l.T("recoursePerson.route",
                ("what", l.T(route.Contests == "flag" ? "recoursePerson.route.flag" : "recoursePerson.route.decision")),
                ("applies", route.DecisionTypes.Count == 0 ? "" : $" [{string.Join(", ", route.DecisionTypes)}]"),
                ("name", words.Name), ("body", words.Body), ("deadline", words.Deadline ?? l.T("recoursePerson.route.noDeadline")),
                ("then", words.Then is { } then ? l.T("recoursePerson.route.then", ("then", then)) : ""), ("basis", words.LegalBasis)));
        }
        if (routes.Mention is { } mention)
        {
            page.Append('\n');
            Line(page, l.T("recoursePerson.mention"));
            Line(page, "  " + mention);
        }
    }

    /// <summary>"a score of 850 or more" (a low adverse tail: a grade's lower bound is in it), "a score strictly below 40" (a high one).</summary>
    private static string Reach(PersonReport report, double cutoff, ReportLanguage l) =>
        l.T("recoursePerson.grade.reach." + (report.Adverse ?? "high"), ("cutoff", l.Score(cutoff)));

    private static void Line(StringBuilder page, string text) => page.Append(text).Append('\n');

    /// <summary>A cost with three decimals in the language's decimal separator (no thousands separator, as the page always wrote it).</summary>
    private static string Cost(double cost, ReportLanguage l) => cost.ToString("0.000", l.Numbers);

    private static string Whole(long n) => n.ToString(CultureInfo.InvariantCulture);
}
