using Audit.Reporting.Regulatory;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Tables;

/// <summary>
/// Every table of the report as CSV (tables/*.csv): the same numbers as report.json, one row per group and metric,
/// machine-readable (English column names, invariant numbers); only the regulatory mapping's words follow the report's
/// language. Suppressed cells are empty with suppressed = true, never 0.
/// </summary>
public static class ReportTables
{
    public static IReadOnlyList<ReportTable> Of(AuditResult result, ReportLanguage language)
    {
        var tables = new List<ReportTable> { Groups(result), Rates(result) };
        if (result.Fairness.Attributes.Any(a => a.Groups.Any(g => g.Scores is not null)))
        {
            tables.Add(Scores(result));
        }
        if (result.Fairness.Attributes.Any(a => a.Groups.Any(g => g.Grades is not null)))
        {
            tables.Add(Grades(result));
        }
        tables.Add(Findings(result));
        tables.Add(Columns(result));
        if (result.Model.Features.Count > 0)
        {
            var features = new ReportTable("model-inputs", "name", "type", "description");
            foreach (var f in result.Model.Features)
            {
                features.Add(f.Name, f.Type, f.Description);
            }
            tables.Add(features);
        }
        var caveats = new ReportTable("caveats", "code", "message");
        foreach (var c in result.Caveats)
        {
            caveats.Add(c.Code, CaveatText.Plain(c, ReportLanguage.English));
        }
        tables.Add(caveats);
        var mapping = new ReportTable("regulatory-mapping", "duty", "source", "status", "reason");
        foreach (var row in RegulatoryMapping.Of(result))
        {
            mapping.Add(language.T("reg." + row.Duty + ".duty"), LegalWords.Source(row.Source, language), row.Status switch
            {
                EvidenceStatus.Evidenced => "evidenced",
                EvidenceStatus.Partly => "partly",
                _ => "not evidenced",
            }, language.T(row.Reason));
        }
        tables.Add(mapping);
        return tables;
    }

    private static IEnumerable<(string Kind, AttributeResult Attribute)> Sets(AuditResult r) =>
        r.Fairness.Attributes.Select(a => ("attribute", a)).Concat(r.Fairness.Intersections.Select(a => ("intersection", a)));

    private static ReportTable Groups(AuditResult r)
    {
        var t = new ReportTable("groups", "kind", "attribute", "group", "reference", "suppressed", "n", "weighted_count", "share_of_population", "share_of_flagged",
            "flag_rate", "flag_rate_ci_low", "flag_rate_ci_high", "flag_rate_ratio", "ratio_ci_low", "ratio_ci_high", "flag_rate_difference", "difference_ci_low", "difference_ci_high",
            "p", "p_adjusted", "test", "four_fifths_ratio", "four_fifths_ci_low", "four_fifths_ci_high", "adverse_impact", "flag_shortfall", "minimum_detectable_difference");
        foreach (var (kind, a) in Sets(r))
        {
            foreach (var g in a.Groups)
            {
                var rate = g.Rates[MetricKeys.SelectionRate];
                t.Add(kind, a.Attribute, g.Group.Label, g.Group.Equals(a.Reference), g.Count.Suppressed == true, g.Count.Value, g.WeightedCount.Value,
                    g.ShareOfPopulation.Value, g.ShareOfFlagged.Value, rate.Value, Lo(rate), Hi(rate), g.FlagRateRatio.Value, Lo(g.FlagRateRatio), Hi(g.FlagRateRatio),
                    g.FlagRateDifference.Value, Lo(g.FlagRateDifference), Hi(g.FlagRateDifference), g.FlagRateDifference.P, g.FlagRateDifference.PAdjusted, g.FlagRateDifference.Test,
                    g.FourFifthsRatio.Value, Lo(g.FourFifthsRatio), Hi(g.FourFifthsRatio), g.AdverseImpact, g.FlagShortfall.Value, g.MinimumDetectableDifference.Value);
            }
        }
        return t;
    }

    private static ReportTable Rates(AuditResult r)
    {
        var t = new ReportTable("rates", "kind", "attribute", "group", "metric", "value", "ci_low", "ci_high", "n", "suppressed", "undefined",
            "ratio_to_reference", "difference_to_reference", "verdict", "verdict_ci_low", "verdict_ci_high", "verdict_level", "verdict_method");
        foreach (var (kind, a) in Sets(r))
        {
            foreach (var g in a.Groups)
            {
                foreach (var (key, m) in g.Rates)
                {
                    var d = g.Disparities.GetValueOrDefault(key);
                    t.Add(kind, a.Attribute, g.Group.Label, key, m.Value, Lo(m), Hi(m), m.N, m.Suppressed == true, m.Undefined,
                        d?.RatioToReference.Value, d?.DifferenceToReference.Value, d?.Verdict?.Direction, d?.Verdict?.Low, d?.Verdict?.High, d?.Verdict?.Level, d?.Verdict?.Method);
                }
            }
        }
        foreach (var (key, m) in r.Fairness.Overall.Rates)
        {
            t.Add("overall", "", "", key, m.Value, Lo(m), Hi(m), m.N, m.Suppressed == true, m.Undefined, null, null, null, null, null, null, null);
        }
        return t;
    }

    private static ReportTable Scores(AuditResult r)
    {
        var t = new ReportTable("scores", "attribute", "group", "mean_score", "auc", "calibration_error", "distance_to_rest");
        foreach (var a in r.Fairness.Attributes)
        {
            foreach (var g in a.Groups.Where(g => g.Scores is not null))
            {
                var s = g.Scores!;
                t.Add(a.Attribute, g.Group.Label, s.MeanScore.Value, s.Auc.Value, s.CalibrationError.Value, s.DistanceToRest.Value);
            }
        }
        return t;
    }

    private static ReportTable Grades(AuditResult r)
    {
        var t = new ReportTable("grades", "attribute", "group", "grade", "share", "suppressed");
        foreach (var a in r.Fairness.Attributes)
        {
            foreach (var g in a.Groups.Where(g => g.Grades is not null))
            {
                foreach (var (grade, m) in g.Grades!.Distribution)
                {
                    t.Add(a.Attribute, g.Group.Label, grade, m.Value, m.Suppressed == true);
                }
            }
        }
        return t;
    }

    private static ReportTable Findings(AuditResult r)
    {
        var t = new ReportTable("findings", "attribute", "group", "kind", "value", "statement");
        foreach (var f in r.Fairness.Findings)
        {
            t.Add(f.Attribute, f.Group.Label, f.Kind, f.Value, FindingText.Plain(f, ReportLanguage.English));
        }
        return t;
    }

    private static ReportTable Columns(AuditResult r)
    {
        var t = new ReportTable("data-columns", "name", "type", "roles", "missing");
        foreach (var c in r.Data.Columns)
        {
            t.Add(c.Name, c.Type, string.Join(' ', c.Roles), c.Missing);
        }
        return t;
    }

    private static double? Lo(Metric m) => m.Ci is [var lo, _] ? lo : null;

    private static double? Hi(Metric m) => m.Ci is [_, var hi] ? hi : null;
}
