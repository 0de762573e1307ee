using System.Text;

namespace Audit.Reporting.Text;

/// <summary>
/// Escapes text for HTML element content and attribute values (&amp; &lt; &gt; " '), and shows the bidirectional
/// controls as visible markers (<see cref="BidiControls"/>). Here, below both the HTML page and the SVG plots, which
/// escape their titles with it, so that Plots need not reach up into Html (issue 17: no namespace cycle).
/// </summary>
public static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when BidiControls.Is(ch) => BidiControls.Marker(ch),
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
