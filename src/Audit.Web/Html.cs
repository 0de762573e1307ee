using System.Net;
using System.Text;

namespace Audit.Web;

/// <summary>
/// The workbench's markup: every value from a plan, a data file or a result goes through <see cref="E"/> (HTML-escaped)
/// before it is printed; only markup this project writes, and the report's own rendered HTML, is printed as it is.
/// </summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A URL query value, escaped for a URL and then for an attribute.</summary>
    public static string Q(string? text) => E(Uri.EscapeDataString(text ?? ""));

    private const string Style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        header{background:#1f3b57;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;align-items:center}
        header a{color:#fff}main{padding:1rem 1.5rem;max-width:1100px}
        table{border-collapse:collapse;margin:.6rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.9rem}
        th a{color:inherit}.against{background:#fbe3e3}.inFavour{background:#e3f1fb}.error{color:#a00;font-weight:bold}
        progress{width:100%;height:1.4rem}.verdicts li{margin:.3rem 0}.card{background:#fff;border:1px solid #ddd;padding:.8rem 1rem;margin:.8rem 0}
        label{margin-right:.6rem}fieldset{margin:.6rem 0}
        """;

    /// <summary>A whole page: <paramref name="body"/> is markup already escaped by the caller.</summary>
    public static string Page(WebText t, string title, string body, string path, string? refresh = null)
    {
        var other = t.Code == "fr" ? "en" : "fr";
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.Code).Append("\"><head><meta charset=\"utf-8\">");
        page.Append("<meta name=\"referrer\" content=\"no-referrer\">");
        if (refresh is not null)
        {
            page.Append("<meta http-equiv=\"refresh\" content=\"1\">");
        }
        page.Append("<title>").Append(E(title)).Append(" · ").Append(E(t["app.name"])).Append("</title><style>").Append(Style).Append("</style></head><body>");
        page.Append("<header><strong>").Append(E(t["app.name"])).Append("</strong><a href=\"/\">").Append(E(t["nav.plans"]))
            .Append("</a><a href=\"/upload\">").Append(E(t["nav.upload"])).Append("</a><a id=\"switch-language\" href=\"/lang?to=").Append(other)
            .Append("&amp;back=").Append(Q(path)).Append("\">").Append(E(t["nav.otherLanguage"])).Append("</a></header><main><h1>")
            .Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return page.ToString();
    }
}
