using System.Text.Json;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// A faithful, generic view of any part of the result: its JSON (the same as in report.json) as nested tables, with
/// every name and value escaped. The optional sections use it until they get a dedicated rendering, so whatever a
/// stage puts in the result is in the report the day it is merged.
/// </summary>
internal static class ResultTreeView
{
    public static void Render<T>(HtmlReportContext c, T part)
    {
        var element = JsonSerializer.SerializeToElement(part, AuditResultJson.Options);
        if (element.ValueKind == JsonValueKind.Object && !element.EnumerateObject().Any())
        {
            c.Paragraph("section.empty");
            return;
        }
        c.Raw("<div class=\"table-wrap\">");
        Value(c, element, 0);
        c.Raw("</div>\n");
    }

    private static void Value(HtmlReportContext c, JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                c.Raw("<table class=\"tree\"><tbody>\n");
                foreach (var property in element.EnumerateObject())
                {
                    c.Raw("<tr><th>").Text(property.Name).Raw("</th><td>");
                    Value(c, property.Value, depth + 1);
                    c.Raw("</td></tr>\n");
                }
                c.Raw("</tbody></table>");
                break;
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToArray();
                if (items.All(i => i.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                {
                    c.Text(string.Join(", ", items.Select(Scalar)));
                    break;
                }
                c.Raw("<ol>");
                foreach (var item in items)
                {
                    c.Raw("<li>");
                    Value(c, item, depth + 1);
                    c.Raw("</li>");
                }
                c.Raw("</ol>");
                break;
            default:
                c.Text(Scalar(element));
                break;
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };
}
