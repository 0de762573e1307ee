using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The sentence of a headline <see cref="Finding"/> in a language, from the catalogue (<c>verdicts.LANG.json</c>), with
/// the numbers the finding carries. One wording, two number styles: the page's (<see cref="Page"/>, numbers in the
/// language's format) and the plain one of the Markdown report, the findings table and the command line
/// (<see cref="Plain"/>: invariant digits with the language's decimal mark).
/// </summary>
public static class FindingText
{
    /// <summary>The sentence of the HTML page.</summary>
    public static string Page(Finding f, ReportLanguage l) => Sentence(f, l, new Numbers(l.Number, l.Count, p => l.Percent(p)) { Language = l });

    /// <summary>The sentence of the Markdown report, of <c>tables/findings.csv</c> and of <c>audit run</c>'s summary.</summary>
    public static string Plain(Finding f, ReportLanguage l) => Sentence(f, l, new Numbers(
        (v, d) => PlainNumber(l, v, "F" + d.ToString(CultureInfo.InvariantCulture)),
        v => PlainNumber(l, v, "0"),
        p => PlainNumber(l, p * 100, "0.0") + " %"));

    /// <summary>How numbers are printed: a number with decimals, a count, a proportion as a percentage.</summary>
    private sealed record Numbers(Func<double, int, string> Number, Func<double, string> Count, Func<double, string> Percent)
    {
        /// <summary>"&lt; 0.001" or "= 0.012", with the page's non-breaking space when <see cref="Language"/> is set.</summary>
        public ReportLanguage? Language { get; init; }

        public string PStatement(double p) => Language?.PStatement(p) ?? (p < 0.001 ? "< " + Number(0.001, 3) : "= " + Number(p, 3));
    }

    private static string Sentence(Finding f, ReportLanguage l, Numbers n) => f.Kind switch
    {
        Finding.Disparity when f.Verdict is { } v => Disparity(f, v, l, n) + Secondary(f, v, l, n),
        Finding.NoneEstablished when f.Verdict is { } v => l.T(EveryoneFlagged(f) ? "verdict.none.allFlagged" : "verdict.none", ("attribute", f.Attribute), ("group", f.Group.Label), ("reference", f.Against?.Label ?? ""),
            ("ratio", Ratio(v, n)), ("rate", Percent(f.Rate, l, n)), ("referenceRate", Percent(f.AgainstRate, l, n)), ("level", Level(v.Level, n)), ("interval", Interval(v, l, n)))
            + Secondary(f, v, l, n),
        Finding.ManyLevels => l.T("verdict.manyLevels", ("attribute", f.Attribute), ("levels", n.Count(f.Levels ?? 0)), ("threshold", n.Count(f.DisplayLevels ?? 0)),
            ("others", n.Count(f.Others ?? 0))),
        Finding.MoreIntersections => l.T("verdict.moreIntersections", ("others", n.Count(f.Others ?? 0))),
        _ => $"{f.Attribute} = {f.Group.Label}: {f.Kind}",
    };

    /// <summary>
    /// Whether the largest flag-rate ratio is that of two groups both flagged at 100 %: then every ratio is 1 (it is the
    /// largest) and the policy flagged everyone, so "no disparity" says nothing about the scores (the AMS's central model
    /// puts nobody in class A, issue 19): the sentence says so instead of "cannot tell a disparity from chance".
    /// </summary>
    private static bool EveryoneFlagged(Finding f) => f.Rate == 1 && f.AgainstRate == 1;

    /// <summary>An established disparity: the ratio with its interval, or for a zero or infinite ratio the counts that make it so.</summary>
    private static string Disparity(Finding f, Verdict v, ReportLanguage l, Numbers n)
    {
        var direction = l.T("verdict.direction." + v.Direction);
        var metric = f.Metric ?? MetricKeys.SelectionRate;
        if (v.Ratio is null or 0 && v is { Cases: { } cases, Size: { } size, ReferenceCases: { } referenceCases, ReferenceSize: { } referenceSize })
        {
            var groupCount = Count(metric, cases, size, $"{f.Attribute} = {f.Group.Label}", l, n);
            var referenceCount = Count(metric, referenceCases, referenceSize, $"{f.Attribute} = {f.Against?.Label}", l, n);
            return v.Infinite
                ? l.T("verdict.finding.infinite", ("direction", direction), ("attribute", f.Attribute), ("group", f.Group.Label), ("groupCount", groupCount),
                    ("referenceCount", referenceCount), ("low", Bound(v.Low ?? 0, n)), ("level", Level(v.Level, n)))
                : l.T("verdict.finding.zero", ("direction", direction), ("attribute", f.Attribute), ("group", f.Group.Label), ("groupCount", groupCount),
                    ("referenceCount", referenceCount), ("high", v.High is { } h ? Bound(h, n) : "∞"), ("level", Level(v.Level, n)));
        }
        return l.T("verdict.finding.ratio", ("direction", direction), ("attribute", f.Attribute), ("group", f.Group.Label), ("metric", l.T("verdict.metric." + metric)),
            ("ratio", Ratio(v, n)), ("reference", f.Against?.Label ?? ""), ("rate", Percent(f.Rate, l, n)), ("referenceRate", Percent(f.AgainstRate, l, n)),
            ("level", Level(v.Level, n)), ("interval", Interval(v, l, n)));
    }

    /// <summary>The four-fifths ratio as a secondary, labelled figure (flag rate only), and a warning on a bootstrap bound resting on few replicates.</summary>
    private static string Secondary(Finding f, Verdict v, ReportLanguage l, Numbers n)
    {
        // The flag rate's test against the reference, adjusted for multiple comparisons or said not to be.
        var text = f.P is { } p ? " " + l.T(f.PAdjusted ? "finding.p" : "finding.pUnadjusted", ("p", n.PStatement(p))) : "";
        text += f.FourFifthsRatio is { } ff ? " " + l.T("verdict.fourFifths", ("ratio", n.Number(ff, f.ValueDigits ?? ThresholdDigits.Usual))) : "";
        return v.TailReplicates is { } tail && tail < Verdict.FewTailReplicates ? text + " " + l.T("verdict.fewReplicates", ("tail", n.Number(tail, 1))) : text;
    }

    /// <summary>"all 26 people of X are flagged", "3 of the 26 ...", "none of the 412 ...", in the metric's words.</summary>
    private static string Count(string metric, double cases, double size, string group, ReportLanguage l, Numbers n)
    {
        var which = cases <= 0 ? "none" : cases >= size ? "all" : "some";
        return l.T($"verdict.count.{which}.{metric}", ("cases", n.Count(cases)), ("size", n.Count(size)), ("group", group));
    }

    /// <summary>A verdict's ratio to two decimals in the language's numbers; "∞" when infinite, "–" when undefined.</summary>
    internal static string Ratio(Verdict v, ReportLanguage l) => Ratio(v, new Numbers(l.Number, l.Count, p => l.Percent(p)));

    /// <summary>The ratio to two decimals; "∞" when infinite.</summary>
    private static string Ratio(Verdict v, Numbers n) => v.Infinite ? "∞" : v.Ratio is { } r ? n.Number(r, ThresholdDigits.Usual) : "–";

    /// <summary>"1.52 to 2.40", "42.4 to infinity", or "not computed".</summary>
    public static string Interval(Verdict v, ReportLanguage l) => Interval(v, l, new Numbers(l.Number, l.Count, p => l.Percent(p)));

    private static string Interval(Verdict v, ReportLanguage l, Numbers n)
    {
        if (v.Low is not { } low)
        {
            return l.T("verdict.interval.unknown");
        }
        if (v.High is not { } high)
        {
            return l.T("verdict.interval.unbounded", ("low", Bound(low, n)));
        }
        var digits = BoundDigits(low, high);
        if (v.Tolerance is { } tolerance)
        {
            // A bound that lies outside the band prints outside the printed band (0.7999 is "0.7999", never "0.80").
            var (bandLow, bandHigh) = ThresholdDigits.ToleranceBand(tolerance);
            digits = Math.Max(digits, high < (double)bandLow ? ThresholdDigits.Decimals(high, bandLow, below: true) : 0);
            digits = Math.Max(digits, low > (double)bandHigh ? ThresholdDigits.Decimals(low, bandHigh, below: false) : 0);
        }
        return l.T("verdict.interval.bounded", ("low", n.Number(low, digits)), ("high", n.Number(high, digits)));
    }

    /// <summary>
    /// Decimals for an interval's bounds: two, more for bounds below 0.1 (two significant digits), and more again until
    /// the two bounds print apart unless they are equal (never "[0.80, 0.80]" for an interval that is not a point).
    /// </summary>
    public static int BoundDigits(double low, double high)
    {
        var digits = Math.Max(BoundDigits(low), BoundDigits(high));
        while (digits < 6 && low != high && Math.Round(low, digits) == Math.Round(high, digits))
        {
            digits++;
        }
        return digits;
    }

    private static int BoundDigits(double bound) =>
        bound is > 0 and < 0.1 ? Math.Min(6, 1 - (int)Math.Floor(Math.Log10(bound))) : ThresholdDigits.Usual;

    private static string Bound(double bound, Numbers n) => n.Number(bound, BoundDigits(bound));

    /// <summary>The simultaneous level as a percentage: whole when it is (95 %), else two decimals (99.17 %).</summary>
    public static string Level(double level, ReportLanguage l) => Level(level, new Numbers(l.Number, l.Count, p => l.Percent(p)));

    private static string Level(double level, Numbers n)
    {
        var whole = Math.Abs(level * 100 - Math.Round(level * 100)) < 1e-9;
        return n.Number(level * 100, whole ? 0 : 2) + PercentSuffix(n.Percent(0));
    }

    /// <summary>The "&#160;%" or " %" the number style puts after a percentage.</summary>
    private static string PercentSuffix(string percent) => percent[percent.LastIndexOfAny(['\u00A0', '\u202F', ' '])..];

    private static string Percent(double? proportion, ReportLanguage l, Numbers n) => proportion is { } p ? n.Percent(p) : l.T("verdict.interval.unknown");

    /// <summary>A number with invariant digits and the language's decimal mark.</summary>
    private static string PlainNumber(ReportLanguage l, double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return l.Code == "fr" ? text.Replace('.', ',') : text;
    }
}
