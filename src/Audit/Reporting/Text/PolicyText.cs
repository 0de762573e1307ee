using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The decision rule in words, from the facts of a <see cref="PolicySection"/> (kind, parameter, adverse tail, flagged
/// grades) and the model's grade bands (<see cref="GradeBands"/>), with the keys <c>policy.*</c> of the catalogue.
/// Numbers keep all their digits (the threshold round-trips, the fraction keeps up to three decimals of its percentage)
/// and take the language's decimal mark (<see cref="ReportLanguage.Exact"/>): 0.5 in English, 0,5 in French.
/// </summary>
public static class PolicyText
{
    /// <summary>"flagged when the score is at or above 0.5", "a budget of 500 controls: …", "flagged when the grade is C or D (grades: …)".</summary>
    public static string Rule(PolicySection policy, GradeBands? grades, ReportLanguage l) => policy.Kind switch
    {
        "threshold" => l.T("policy.threshold." + policy.Adverse, ("threshold", l.Exact(Parameter(policy)))),
        "top_fraction" => l.T("policy.top_fraction" + Ties(policy),
            ("percent", l.Exact(Parameter(policy) * 100, "0.###")),
            ("fraction", l.Exact(Parameter(policy), "0.######"))),
        "budget" => l.T("policy.budget" + Ties(policy), ("count", l.Count((long)Parameter(policy)))),
        "grades" => Grades(policy, grades, l),
        _ => l.T("policy." + policy.Kind),
    };

    /// <summary>The key's suffix when the ties at the cut-off were not broken by this run's row order (<see cref="PolicySection.TiesBy"/>).</summary>
    private static string Ties(PolicySection policy) => policy.TiesBy is { } by ? "." + by : "";

    /// <summary>"D: below 600; C: 600 to below 850; B: 850 or more": each grade's band of scores, by increasing score.</summary>
    public static string Bands(GradeBands grades, ReportLanguage l)
    {
        var bands = grades.Bands;
        return string.Join(l.T("policy.band.separator"), bands.Select((b, i) =>
            i == 0 ? l.T("policy.band.first", ("grade", b.Name), ("to", Score(bands[1].From, l)))
            : i == bands.Count - 1 ? l.T("policy.band.last", ("grade", b.Name), ("from", Score(b.From, l)))
            : l.T("policy.band.middle", ("grade", b.Name), ("from", Score(b.From, l)), ("to", Score(bands[i + 1].From, l)))));
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

    private static string Score(double? from, ReportLanguage l) =>
        l.Exact(from ?? throw new InvalidOperationException("a grade band above the first has no lower end"));
}
