using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The data section's lines on the rows and columns the plan changed: how many rows its <c>filter:</c> kept and left
/// out, per condition, and the columns its <c>derive:</c> computed; as plain text, for the HTML and Markdown reports.
/// </summary>
public static class DataRowsText
{
    /// <summary>The lines to print under the data's summary; empty when the plan neither filters nor derives.</summary>
    public static IReadOnlyList<string> Lines(DataSection data, ReportLanguage language)
    {
        var lines = new List<string>();
        if (data.Filter is { } filter)
        {
            lines.Add(language.T("data.filter", ("kept", language.Count(filter.RowsKept)), ("read", language.Count(filter.RowsRead)),
                ("removed", language.Count(filter.RowsRemoved))));
            var conditions = string.Join(language.T("data.list.separator"), filter.Conditions.Select(c =>
                language.T("data.filter.condition", ("removed", language.Count(c.Removed)), ("condition", Condition(c, language)))));
            lines.Add(language.T("data.filter.conditions", ("conditions", conditions)));
        }
        if (data.Derived is { Count: > 0 } derived)
        {
            lines.Add(language.T("data.derived", ("columns", string.Join(language.T("data.list.separator"), derived.Select(d => $"{d.Name} = {d.Formula}")))));
        }
        if (data.Counts is { } counts)
        {
            lines.Add(language.T("data.counts", ("rows", language.Count(counts.TableRows)), ("cells", language.Count(counts.Cells))));
            if (counts.ScoreBins)
            {
                lines.Add(language.T("data.counts.scoreBins"));
            }
            lines.Add(counts.Absent.Count == 0
                ? language.T("data.counts.complete")
                : language.T("data.counts.absent", ("sections", string.Join(language.T("data.list.separator"), counts.Absent.Select(a =>
                    language.T("data.counts.item", ("section", language.T("counts.section." + a.Section)), ("reason", language.T("counts.reason." + a.Reason))))))));
        }
        return lines;
    }

    /// <summary>A condition in the report's language: "x ≥ -30 and x ≤ 30", "is_recid not in {-1}" ("is_recid hors de {-1}").</summary>
    private static string Condition(RowConditionCount c, ReportLanguage language)
    {
        string F(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var parts = new List<string>();
        if (c.Min is { } min)
        {
            parts.Add(language.T("data.condition.min", ("column", c.Column), ("value", F(min))));
        }
        if (c.Max is { } max)
        {
            parts.Add(language.T("data.condition.max", ("column", c.Column), ("value", F(max))));
        }
        if (c.In is { } among)
        {
            parts.Add(language.T("data.condition.in", ("column", c.Column), ("values", string.Join(", ", among))));
        }
        if (c.NotIn is { } refused)
        {
            parts.Add(language.T("data.condition.notIn", ("column", c.Column), ("values", string.Join(", ", refused))));
        }
        return string.Join(language.T("data.condition.and"), parts);
    }
}
