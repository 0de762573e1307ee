using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The decision rule in words, from the facts of a <see cref="PolicySection"/> (kind, parameter, adverse tail, flagged
/// grades) and the model's grade bands (<see cref="GradeBands"/>), with the keys <c>policy.*</c> of the catalogue.
/// Numbers are invariant text in every language, as the sentence always printed them (the threshold round-trips, the
/// fraction keeps up to three decimals of its percentage).
/// </summary>
public static class PolicyText
{
    /// <summary>"flagged when the score is at or above 0.5", "a budget of 500 controls: …", "flagged when the grade is C or D (grades: …)".</summary>
    public static string Rule(PolicySection policy, GradeBands? grades, ReportLanguage l) => policy.Kind switch
    {
        "threshold" => l.T("policy.threshold." + policy.Adverse, ("threshold", Parameter(policy).ToString("R", CultureInfo.InvariantCulture))),
        "top_fraction" => l.T("policy.top_fraction",
            ("percent", (Parameter(policy) * 100).ToString("0.###", CultureInfo.InvariantCulture)),
            ("fraction", Parameter(policy).ToString("0.######", CultureInfo.InvariantCulture))),
        "budget" => l.T("policy.budget", ("count", ((long)Parameter(policy)).ToString(CultureInfo.InvariantCulture))),
        "grades" => Grades(policy, grades, l),
        _ => l.T("policy." + policy.Kind),
    };

    /// <summary>"D: below 600; C: 600 to below 850; B: 850 or more": each grade's band of scores, by increasing score.</summary>
    public static string Bands(GradeBands grades, ReportLanguage l)
    {
        var bands = grades.Bands;
        return string.Join(l.T("policy.band.separator"), bands.Select((b, i) =>
            i == 0 ? l.T("policy.band.first", ("grade", b.Name), ("to", Score(bands[1].From)))
            : i == bands.Count - 1 ? l.T("policy.band.last", ("grade", b.Name), ("from", Score(b.From)))
            : l.T("policy.band.middle", ("grade", b.Name), ("from", Score(b.From)), ("to", Score(bands[i + 1].From)))));
    }

    private static string Grades(PolicySection policy, GradeBands? grades, ReportLanguage l)
    {
        var flagged = string.Join(l.T("policy.grades.or"), policy.FlaggedGrades ?? []);
        return grades is null
            ? l.T("policy.grades", ("grades", flagged))
            : l.T("policy.grades.bands", ("grades", flagged), ("bands", Bands(grades, l)));
    }

    private static double Parameter(PolicySection policy) =>
        policy.Parameter ?? throw new InvalidOperationException($"the {policy.Kind} policy has no parameter");

    private static string Score(double? from) =>
        (from ?? throw new InvalidOperationException("a grade band above the first has no lower end")).ToString("R", CultureInfo.InvariantCulture);
}
