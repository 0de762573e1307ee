using System.Text;
using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html;

/// <summary>What a section renders with: the result, the language, the page being written and small writing helpers.</summary>
public sealed class HtmlReportContext(AuditResult result, ReportLanguage language)
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);

    public AuditResult Result { get; } = result;

    public ReportLanguage Language { get; } = language;

    public StringBuilder Html { get; } = new();

    /// <summary>A report text, HTML-escaped, with its placeholders filled with plain-text values (escaped too).</summary>
    public string T(string key, params (string Name, object? Value)[] values) =>
        Fill(key, values.Select(v => (v.Name, HtmlText.Escape(v.Value?.ToString()))).ToArray());

    /// <summary>A report text, HTML-escaped, with its placeholders filled with markup the caller built (not escaped again).</summary>
    public string TMarkup(string key, params (string Name, string Markup)[] values) => Fill(key, values);

    private string Fill(string key, (string Name, string Value)[] values)
    {
        var text = new System.Text.StringBuilder(HtmlText.Escape(Language.Text[key]));
        foreach (var (name, value) in values)
        {
            text.Replace("{" + name + "}", value);
        }
        return text.ToString();
    }

    /// <summary>Appends raw markup.</summary>
    public HtmlReportContext Raw(string markup)
    {
        Html.Append(markup);
        return this;
    }

    /// <summary>Appends text, escaped.</summary>
    public HtmlReportContext Text(string? text)
    {
        Html.Append(HtmlText.Escape(text));
        return this;
    }

    /// <summary>&lt;p&gt; with a report text.</summary>
    public void Paragraph(string key, params (string Name, object? Value)[] values) => Raw("<p>").Raw(T(key, values)).Raw("</p>\n");

    /// <summary>A unique id in the page from a readable stem ("flag-sex", "flag-sex-2").</summary>
    public string NewId(string stem)
    {
        var clean = new string(stem.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        clean = clean.Length == 0 ? "x" : clean;
        var n = ids.GetValueOrDefault(clean) + 1;
        ids[clean] = n;
        return n == 1 ? clean : clean + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A figure: the SVG inline, a caption, and a link to the table that holds its numbers.</summary>
    public void Figure(SvgFigure? figure, string? tableId = null)
    {
        if (figure is null)
        {
            return;
        }
        Raw("<figure class=\"plot\"").Raw(tableId is null ? "" : $" aria-describedby=\"{tableId}\"").Raw(">\n");
        Raw(figure.Svg);
        Raw("<figcaption>").Text(figure.Description);
        if (tableId is not null)
        {
            Raw(" <a href=\"#").Raw(tableId).Raw("\">").Raw(T("figure.table")).Raw("</a>");
        }
        Raw("</figcaption>\n</figure>\n");
    }

    // Numbers, from the metric as the result holds it; never recomputed.

    public string Percent(Metric m) => m.Suppressed == true ? Suppressed() : m.Value is { } v ? Language.Percent(v) : Undefined(m);

    /// <summary>"0.81 % [0.79, 0.83]": one decimal, more only where the value and bounds would print alike (<see cref="IntervalDigits"/>).</summary>
    public string PercentWithInterval(Metric m)
    {
        if (m.Suppressed == true || m.Value is not { } v || m.Ci is not [var lo, var hi])
        {
            return Percent(m);
        }
        var d = IntervalDigits.Decimals(v * 100, lo * 100, hi * 100, 1);
        return Language.Percent(v, d) + $" <span class=\"ci\">{Language.Interval(Language.Number(lo * 100, d), Language.Number(hi * 100, d))}</span>";
    }

    public string Number(Metric m, int decimals = 2) => m.Suppressed == true ? Suppressed() : m.Value is { } v ? Language.Number(v, decimals) : Undefined(m);

    /// <summary>A number and its interval, with at least <paramref name="decimals"/> decimals and more where they would print alike (<see cref="IntervalDigits"/>).</summary>
    public string NumberWithInterval(Metric m, int decimals = 2)
    {
        if (m.Suppressed == true || m.Value is not { } v || m.Ci is not [var lo, var hi])
        {
            return Number(m, decimals);
        }
        var d = IntervalDigits.Decimals(v, lo, hi, decimals);
        return Language.Number(v, d) + $" <span class=\"ci\">{Language.Interval(Language.Number(lo, d), Language.Number(hi, d))}</span>";
    }

    public string Count(Metric m) => m.Suppressed == true ? Suppressed() : m.Value is { } v ? Language.Count(v) : Undefined(m);

    public string Points(Metric m) => m.Suppressed == true ? Suppressed() : m.Value is { } v ? Language.Points(v) : Undefined(m);

    /// <summary>"0.003 (0.012)": the raw p-value and, in brackets, the adjusted one; F marks Fisher's exact test.</summary>
    public string PValue(Metric m) => m.P is { } p
        ? Language.P(p) + (m.PAdjusted is { } adjusted ? $" ({Language.P(adjusted)})" : "") + (m.Test == "fisher" ? "<sup>F</sup>" : "")
        : "";

    /// <summary>A proportion as a percentage, or the dash of a missing value when there is none.</summary>
    public string PercentOrDash(double? proportion) => proportion is { } v ? Language.Percent(v) : "\u2013";

    private string Suppressed() => $"<span class=\"suppressed\" title=\"{T("cell.suppressed")}\">–</span>";

    private string Undefined(Metric m) => $"<span class=\"undefined\" title=\"{HtmlText.Escape(RecordedText.Say(m.Undefined ?? "", Language))}\">{T("cell.undefined")}</span>";
}
