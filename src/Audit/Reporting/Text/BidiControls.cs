using System.Globalization;
using System.Text;

namespace Audit.Reporting.Text;

/// <summary>
/// Unicode's bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069): invisible
/// characters that reorder the text after them, so that a group name from the data such as <c>"\u202Eevil"</c> is
/// displayed backwards and can make a report's table read other than it is (the "Trojan Source" trick, CVE-2021-42574).
/// The HTML and Markdown reports, the letters and the plots show each one as a visible marker <c>[U+202E]</c>
/// (issue 16, class 5); report.json keeps the value exactly.
/// </summary>
public static class BidiControls
{
    public static bool Is(char c) => c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    /// <summary>The visible marker of a control, e.g. "[U+202E]".</summary>
    public static string Marker(char c) => "[U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + "]";

    /// <summary>The text with every control replaced by its marker.</summary>
    public static string Neutralise(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('\u202a', '\u202e');
        var second = text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069');
        if (first < 0 && second < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Is(c))
            {
                sb.Append(Marker(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
