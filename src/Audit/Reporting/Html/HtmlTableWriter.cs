namespace Audit.Reporting.Html;

/// <summary>A column of a table: its header (markup, already escaped) and whether it holds numbers (right-aligned).</summary>
public sealed record HtmlColumn(string Header, bool Numeric = false);

/// <summary>Writes a table of markup cells (the caller escapes text and formats numbers), inside the report's scrollable wrapper.</summary>
public static class HtmlTableWriter
{
    public static void Write(HtmlReportContext c, string captionMarkup, IReadOnlyList<HtmlColumn> columns, IEnumerable<IReadOnlyList<string>> rows, string? id = null)
    {
        c.Raw("<div class=\"table-wrap\"><table").Raw(id is null ? "" : $" id=\"{id}\"").Raw(">\n<caption>").Raw(captionMarkup).Raw("</caption>\n<thead><tr>");
        foreach (var column in columns)
        {
            c.Raw(column.Numeric ? "<th class=\"num\">" : "<th>").Raw(column.Header).Raw("</th>");
        }
        c.Raw("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            c.Raw("<tr>");
            for (var i = 0; i < columns.Count; i++)
            {
                c.Raw(columns[i].Numeric ? "<td class=\"num\">" : "<td>").Raw(i < row.Count ? row[i] : "").Raw("</td>");
            }
            c.Raw("</tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
    }
}
