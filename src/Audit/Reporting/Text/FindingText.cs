using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The sentence of a headline <see cref="Finding"/> in a language, from the catalogue (<c>findings.LANG.json</c>), with
/// the numbers the finding carries. Two wordings, as before the words left the results: the page's
/// (<c>finding.KIND</c>, numbers in the language's format) and the plain one of the Markdown report, the findings
/// table and the command line (<c>finding.KIND.md</c>).
/// </summary>
public static class FindingText
{
    /// <summary>The sentence of the HTML page.</summary>
    public static string Page(Finding f, ReportLanguage l) => f.Kind switch
    {
        Finding.FlagRateRatio when f is { Rate: { } rate, AgainstRate: { } against, Value: { } ratio } => l.T("finding.flagRateRatio",
            ("attribute", f.Attribute), ("group", f.Group.Label), ("ratio", l.Number(ratio, 2)), ("reference", f.Against?.Label ?? ""),
            ("rate", l.Percent(rate)), ("referenceRate", l.Percent(against)))
            + (f.P is { } p ? " " + l.T(f.PAdjusted ? "finding.p" : "finding.pUnadjusted", ("p", l.PStatement(p))) : ""),
        // Printed on the side of 0.8 it lies on, as the sentence says, however close to it (the digits the finding carries).
        Finding.FourFifths when f is { Value: { } ratio, ValueDigits: { } digits } => l.T("finding.fourFifths",
            ("attribute", f.Attribute), ("group", f.Group.Label), ("ratio", l.Number(ratio, digits)), ("comparator", f.Against?.Label ?? "")),
        Finding.WorstOffSubgroup when f is { Rate: { } rate, Value: { } ratio } => l.T("finding.worstOffSubgroup",
            ("attribute", f.Attribute), ("group", f.Group.Label), ("ratio", l.Number(ratio, 2)), ("reference", f.Against?.Label ?? ""), ("rate", l.Percent(rate))),
        _ => Plain(f, l),
    };

    /// <summary>The sentence of the Markdown report, of <c>tables/findings.csv</c> and of <c>audit run</c>'s summary.</summary>
    public static string Plain(Finding f, ReportLanguage l)
    {
        var ratio = f.Value is { } v ? Plain(l, v, f.Kind == Finding.FourFifths && f.ValueDigits is { } d ? "F" + d.ToString(CultureInfo.InvariantCulture) : "0.00") : "";
        (string, object?)[] facts =
        [
            ("attribute", f.Attribute), ("group", f.Group.Label), ("ratio", ratio), ("reference", f.Against?.Label ?? ""), ("comparator", f.Against?.Label ?? ""),
            ("rate", PlainPercent(l, f.Rate)), ("referenceRate", PlainPercent(l, f.AgainstRate)), ("significance", Significance(f, l)),
        ];
        return l.T("finding." + f.Kind + ".md", facts);
    }

    /// <summary>"; adjusted p &lt; 0.001", "; not significant, adjusted p = 0.310", or nothing without a test.</summary>
    private static string Significance(Finding f, ReportLanguage l)
    {
        if (f.P is not { } p)
        {
            return "";
        }
        var which = l.T(f.PAdjusted ? "finding.md.adjustedP" : "finding.md.p");
        var value = p < 0.001 ? "< " + Plain(l, 0.001, "0.000") : "= " + Plain(l, p, "0.000");
        return l.T(f.Significant == true ? "finding.md.significant" : "finding.md.notSignificant", ("which", which), ("p", value));
    }

    /// <summary>"12.3 %" (an ordinary space), or "n/a".</summary>
    private static string PlainPercent(ReportLanguage l, double? proportion) =>
        proportion is { } v ? Plain(l, v * 100, "0.0") + " %" : l.T("finding.md.notAvailable");

    /// <summary>A number with invariant digits and the language's decimal mark.</summary>
    private static string Plain(ReportLanguage l, double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return l.Code == "fr" ? text.Replace('.', ',') : text;
    }
}
