using System.Text;

namespace Audit.Reporting.Html;

/// <summary>
/// Escapes text for HTML element content and attribute values (&amp; &lt; &gt; " '), and shows the bidirectional
/// controls as visible markers (<see cref="Text.BidiControls"/>).
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
                _ when Text.BidiControls.Is(ch) => Text.BidiControls.Marker(ch),
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
