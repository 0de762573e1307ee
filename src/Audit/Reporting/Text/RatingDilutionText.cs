using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The words and cells of the rating-window recourse (<see cref="RatingDilutionSection"/>, docs/recourse.md) in one
/// language, as plain text: the Markdown and HTML reports escape and lay them out.
/// </summary>
internal static class RatingDilutionText
{
    public static string Title(ReportLanguage l) => l.T("ratingWindow.title");

    public static string Intro(RatingDilutionSection d, ReportLanguage l) =>
        l.T("ratingWindow.intro", ("window", l.Count(d.Window)), ("threshold", Stars(d.Threshold, l)), ("attribute", d.GroupAttribute));

    public static string Model(RatingDilutionSection d, ReportLanguage l) =>
        l.T("ratingWindow.model", ("window", l.Count(d.Window)), ("threshold", Stars(d.Threshold, l)));

    public static string Summary(RecourseSection r, RatingDilutionSection d, ReportLanguage l) =>
        l.T("ratingWindow.summary", ("flagged", l.Count(r.Flagged)), ("threshold", Stars(d.Threshold, l)),
            ("never", Percent(r.NoRecourse, l)), ("mean", Number(r.MeanCost, 1, l)), ("median", Number(r.MedianCost, 1, l)));

    /// <summary>The sentence on the stated bias, with the audited flag rates and those with the bias at zero; null without a bias column.</summary>
    public static string? Bias(RatingDilutionSection d, ReportLanguage l)
    {
        if (d.BiasColumn is not { } column)
        {
            return null;
        }
        string Rates(Func<RatingDilutionGroup, Metric?> rate) =>
            string.Join(", ", d.Groups.Select(g => l.T("ratingWindow.groupRate", ("group", g.Group), ("rate", rate(g) is { } m ? Percent(m, l) : "–"))));
        return l.T("ratingWindow.bias", ("column", column), ("audited", Rates(g => g.FlagRate)), ("withoutBias", Rates(g => g.FlagRateWithoutBias)));
    }

    public static string Caption(RatingDilutionSection d, ReportLanguage l) => l.T("ratingWindow.caption", ("attribute", d.GroupAttribute));

    /// <summary>The table's headers; the bias columns only with a bias column.</summary>
    public static IReadOnlyList<string> Headers(RatingDilutionSection d, ReportLanguage l)
    {
        string[] keys = ["group", "people", "meanRating", "flagRate", "never", "meanRatings", "medianRatings"];
        var all = d.BiasColumn is null ? keys : [.. keys, "bias", "withoutBias"];
        return [.. all.Select(k => l.T("ratingWindow.col." + k))];
    }

    /// <summary>One row of cells per group, in the order of <see cref="Headers"/>.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(RatingDilutionSection d, ReportLanguage l) =>
        d.Groups.Select(g =>
        {
            List<string> cells = [g.Group, l.Count(g.People), g.MeanRating is { } mu ? l.Number(mu, 3) : "–", Percent(g.FlagRate, l), Percent(g.Never, l),
                Number(g.MeanFutureRatings, 1, l), Number(g.MedianFutureRatings, 1, l)];
            if (d.BiasColumn is not null)
            {
                cells.Add(g.MeanBias is { } b ? l.Number(b, 3) : "–");
                cells.Add(g.FlagRateWithoutBias is { } m ? Percent(m, l) : "–");
            }
            return (IReadOnlyList<string>)cells;
        });

    private static string Stars(double value, ReportLanguage l) => l.Score(value);

    private static string Percent(Metric m, ReportLanguage l) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? l.Percent(v) + (m.Ci is [var lo, var hi] ? " " + l.Interval(l.Number(lo * 100, 1), l.Number(hi * 100, 1)) : "") : "n/a";

    private static string Number(Metric m, int decimals, ReportLanguage l) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? l.Number(v, decimals) : "n/a";
}
