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
                language.T("data.filter.condition", ("removed", language.Count(c.Removed)), ("condition", c.Condition))));
            lines.Add(language.T("data.filter.conditions", ("conditions", conditions)));
        }
        if (data.Derived is { Count: > 0 } derived)
        {
            lines.Add(language.T("data.derived", ("columns", string.Join(language.T("data.list.separator"), derived.Select(d => $"{d.Name} = {d.Formula}")))));
        }
        return lines;
    }
}
