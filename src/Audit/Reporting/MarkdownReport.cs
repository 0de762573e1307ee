using System.Globalization;
using System.Text;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// Renders an <see cref="AuditResult"/> as Markdown: headline findings, one table per protected attribute,
/// caveats and a reproducibility block. Reads only the result; computes nothing.
/// </summary>
public static class MarkdownReport
{
    public static string Render(AuditResult result)
    {
        var md = new StringBuilder();
        Header(md, result);
        BuiltIn(md, result);
        if (NoModelText.Applies(result))
        {
            md.Append(Escape(ReportLanguage.English.T(NoModelText.Key))).Append("\n\n");
        }
        else
        {
            Findings(md, result);
            Method(md, result);
            Outcome(md, result.Outcome);
            DisparateImpact(md, result);
            Intersections(md, result);
            Inequality(md, result);
        }
        ExplanationsMarkdown.Append(md, result.Explanations);
        if (result.Recourse is { RatingDilution: { } dilution } ratings)
        {
            RatingDilutionMarkdown.Append(md, ratings, dilution);   // part F: a rating-window score, recourse by future ratings
        }
        else if (result.Recourse is { } recourse)
        {
            RecourseMarkdown.Append(md, recourse);
        }
        if (result.Designs is { } designs)
        {
            DesignsMarkdown.Render(md, designs);
        }
        RegulatoryMarkdown.Append(md, result, ReportLanguage.English);
        CaveatsAndDefinitions(md, result);
        Reproducibility(md, result.Provenance, result.Population);
        return md.ToString();
    }

    /// <summary>The plan, the model, the data and the policy in three lines.</summary>
    private static void Header(StringBuilder md, AuditResult result)
    {
        var p = result.Provenance;
        md.Append("# Audit report: ").Append(Escape(p.PlanName)).Append("\n\n");
        if (p.PlanDescription is { } about)
        {
            md.Append(Escape(about)).Append("\n\n");
        }
        md.Append($"Model: **{Escape(result.Model.Name)}** ({result.Model.Kind}; a {(result.Model.Adverse == "high" ? "high" : "low")} score is adverse)");
        md.Append(result.Model.Description is { } what ? $": {Escape(what)}  \n" : ".  \n");
        md.Append($"Data: {Code(result.Data.Source)}, {result.Data.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows.  \n");
        foreach (var line in DataRowsText.Lines(result.Data, ReportLanguage.English))
        {
            md.Append(Escape(line)).Append("  \n");
        }
        md.Append($"Policy: {Escape(PolicyText.Rule(result.Policy, result.Model.Grades, ReportLanguage.English))}; {result.Policy.Flagged.ToString("N0", CultureInfo.InvariantCulture)} flagged ({Percent(result.Policy.FlagRate)}).\n\n");
    }

    /// <summary>The banner of what is built in (<see cref="BuiltInText"/>), before the findings, when anything is.</summary>
    private static void BuiltIn(StringBuilder md, AuditResult result)
    {
        if (!BuiltInText.Applies(result))
        {
            return;
        }
        var l = ReportLanguage.English;
        md.Append("> **").Append(Escape(l.T("exports.banner.title"))).Append("**  \n> ").Append(Escape(l.T("exports.banner.lead"))).Append("\n>\n");
        foreach (var statement in BuiltInText.Statements(result, l))
        {
            md.Append("> - ").Append(Escape(statement)).Append('\n');
        }
        if (BuiltInText.MarkedFindings(result, l) is { Count: > 0 } marked)
        {
            md.Append(">\n> ").Append(Escape(l.T("exports.banner.findings"))).Append("\n>\n");
            foreach (var finding in marked)
            {
                md.Append("> - ").Append(Escape(finding)).Append('\n');
            }
        }
        md.Append('\n');
    }

    private static void Findings(StringBuilder md, AuditResult result)
    {
        md.Append("## Headline findings\n\n");
        if (result.Fairness.Findings.Count == 0)
        {
            md.Append("No group can be compared with its reference group: no verdict.\n\n");
        }
        else
        {
            foreach (var finding in result.Fairness.Findings)
            {
                md.Append("- ").Append(Escape(FindingText.Plain(finding, ReportLanguage.English))).Append('\n');
            }
            md.Append('\n');
        }
        var en = ReportLanguage.English;
        var conventions = result.Fairness.Conventions;
        md.Append(Escape(en.T("verdict.rule", ("lo", conventions.ToleranceLow.ToString("0.###", CultureInfo.InvariantCulture)), ("hi", conventions.ToleranceHigh.ToString("0.###", CultureInfo.InvariantCulture)))))
            .Append(' ').Append(Escape(en.T("verdict.fourFifthsNote"))).Append("\n\n");
    }

    /// <summary>The audited outcome when the plan says it: its codes, and each group's favourable rate and AIF360's disparate impact.</summary>
    private static void Outcome(StringBuilder md, OutcomeSection? outcome)
    {
        if (outcome is null)
        {
            return;
        }
        var en = ReportLanguage.English;
        md.Append("## ").Append(Escape(en.T("partA.section.outcome"))).Append("\n\n");
        md.Append(string.Join(" ", OutcomeText.Lead(outcome).Select(l => Escape(en.T(l.Key, l.Values))))).Append("\n\n");
        foreach (var attribute in outcome.Attributes)
        {
            md.Append("**").Append(Escape(en.T("partA.table.caption", ("attribute", attribute.Attribute), ("reference", attribute.Reference?.Label ?? "–")))).Append("**\n\n");
            md.Append($"| {Escape(en.T("partA.table.group"))} | {Escape(en.T("partA.table.favourableRate"))} | {Escape(en.T("partA.table.disparateImpact"))} |\n| --- | ---: | ---: |\n");
            foreach (var g in attribute.Groups)
            {
                md.Append($"| {Escape(g.Group.Label)}{(g.Group.Equals(attribute.Reference) ? " ★" : "")} | {Percent(g.FavourableRate)} | {Decimal3(g.DisparateImpact)} |\n");
            }
            md.Append('\n');
        }
        md.Append(Escape(en.T("partA.disparateImpact.definition"))).Append("\n\n");
    }

    private static string Decimal3(Metric m) =>
        m.Suppressed == true ? "suppressed" : m.Value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static void Method(StringBuilder md, AuditResult result)
    {
        md.Append("## Method\n\n");
        var d = result.Data;
        md.Append($"- Data: {Code(d.Source)} ({d.Format}), {d.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows");
        md.Append(d.Label is { } label ? $"; observed outcome (label): {Code(label)}" : "; no observed outcome (label)");
        md.Append(d.Weights is { } weights ? $"; {weights} weights (total {d.TotalWeight?.ToString("N2", CultureInfo.InvariantCulture)}).\n" : "; unweighted.\n");
        if (result.Population is { } population)
        {
            md.Append($"- Population: **synthetic**, {population.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows generated from the spec {Code(population.Spec.Path)} ({Escape(population.Name)}), seed {population.Seed}");
            md.Append(population.LabelIsSynthetic ? $"; the label {Code(population.SyntheticLabel!)} is a **synthetic** outcome, not observed.\n" : ".\n");
        }
        md.Append($"- Model: {Escape(result.Model.Name)}, {result.Model.Kind}");
        md.Append(result.Model.ExplanationSpace is { } space ? $", additive in {space}" : "");
        md.Append(result.Model.Source is { } source ? $". Source: {Escape(source)}\n" : ".\n");
        md.Append($"- Policy: {Escape(PolicyText.Rule(result.Policy, result.Model.Grades, ReportLanguage.English))}");
        md.Append(result.Policy.Cutoff is { } cutoff ? $"; cut-off score {cutoff.ToString("G6", CultureInfo.InvariantCulture)}.\n" : ".\n");
        md.Append("\n| model input | type | description |\n|---|---|---|\n");
        foreach (var feature in result.Model.Features)
        {
            md.Append($"| {Escape(feature.Name)} | {feature.Type} | {Escape(feature.Description ?? "")} |\n");
        }
        md.Append('\n');
    }

    /// <summary>Per protected attribute: who is flagged, outcomes and errors, grades, scores, the tolerance and the reference.</summary>
    private static void DisparateImpact(StringBuilder md, AuditResult result)
    {
        md.Append("## Disparate impact by protected attribute\n\n");
        md.Append("Flag rate = share flagged. Ratio and difference compare each group with the reference group (★). ");
        md.Append("The four-fifths ratio compares the share *not* flagged with that of the least-flagged group; below 0.8 is adverse impact (29 CFR 1607.4(D)) ⚠. ");
        md.Append("Shortfall = how many people of the group would have to be unflagged for its flag rate to fall to the reference group's. ");
        md.Append("A dash is a suppressed cell (fewer than ").Append(result.Fairness.MinCellSize).Append(" rows); n/a is undefined. ");
        var inference = result.Fairness.Inference;
        md.Append($"Brackets hold {(inference.Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture)} % confidence intervals; p is the test against the reference group, ");
        md.Append(inference.Correction == "none" ? "not adjusted" : $"with the {(inference.Correction == "bh" ? "Benjamini-Hochberg" : "Holm")}-adjusted value in brackets");
        md.Append(" (ᶠ: Fisher's exact test). Detectable difference: the smallest flag-rate difference the test would detect with 80 % power at these group sizes.\n\n");
        var titles = MetricTitles.English;
        var outcomeKeys = result.Fairness.Overall.Rates.Keys.Where(k => k != MetricKeys.SelectionRate).ToArray();
        foreach (var attribute in result.Fairness.Attributes)
        {
            md.Append("### ").Append(Escape(attribute.Attribute)).Append("\n\n");
            if (attribute.Bands is { } bands)
            {
                md.Append("Bands: ").Append(string.Join(", ", bands.Select(b => b.ToString("R", CultureInfo.InvariantCulture)))).Append(" (\"18-24\" means 18 ≤ value < 25).\n\n");
            }
            FlagTable(md, attribute);
            Outcomes(md, attribute, outcomeKeys, titles);
            Grades(md, result.Model.Grades, attribute);
            Scores(md, attribute);
            ToleranceAndReference(md, result.Fairness.Tolerance, attribute, titles);
        }
    }

    private static void Outcomes(StringBuilder md, AttributeResult attribute, string[] outcomeKeys, IReadOnlyDictionary<string, string> titles)
    {
        if (outcomeKeys.Length > 0)
        {
            md.Append("\nOutcomes and errors (label = adverse outcome observed):\n\n| group |");
            foreach (var key in outcomeKeys)
            {
                md.Append(' ').Append(titles.GetValueOrDefault(key, key)).Append(" |");
            }
            md.Append("\n|---|").Append(string.Concat(outcomeKeys.Select(_ => "--:|"))).Append('\n');
            foreach (var g in attribute.Groups)
            {
                md.Append($"| {Escape(g.Group.Label)}{Star(g, attribute)} |");
                foreach (var key in outcomeKeys)
                {
                    md.Append(' ').Append(Percent(g.Rates[key])).Append(" |");
                }
                md.Append('\n');
            }
        }
    }

    private static void Grades(StringBuilder md, GradeBands? grades, AttributeResult attribute)
    {
        if (grades is { } scale && attribute.Groups.Any(g => g.Grades is not null))
        {
            md.Append($"\nGrades (from the most favourable to the most adverse; {Escape(PolicyText.Bands(scale, ReportLanguage.English))}):\n\n| group |");
            foreach (var grade in scale.FavourableToAdverse)
            {
                md.Append(' ').Append(Escape(grade)).Append(" |");
            }
            md.Append(" worst grade | ratio |\n|---|").Append(string.Concat(scale.FavourableToAdverse.Select(_ => "--:|"))).Append("--:|--:|\n");
            foreach (var g in attribute.Groups)
            {
                md.Append($"| {Escape(g.Group.Label)}{Star(g, attribute)} |");
                foreach (var grade in scale.FavourableToAdverse)
                {
                    md.Append(' ').Append(g.Grades is { } gs ? Percent(gs.Distribution[grade]) : "–").Append(" |");
                }
                md.Append(g.Grades is { } summary
                    ? $" {PercentWithInterval(summary.WorstGradeRate)} | {NumberWithInterval(summary.WorstGradeRatio)} |\n"
                    : " – | – |\n");
            }
        }
    }

    private static void Scores(StringBuilder md, AttributeResult attribute)
    {
        if (attribute.Groups.Any(g => g.Scores is not null))
        {
            md.Append("\nScores (AUC: chance that a person with the adverse outcome scores worse than one without; calibration error: for probability scores; distance: Kolmogorov-Smirnov to everybody else):\n\n");
            md.Append("| group | mean score | AUC | calibration error | distance to the rest |\n|---|--:|--:|--:|--:|\n");
            foreach (var g in attribute.Groups)
            {
                var sc = g.Scores;
                md.Append($"| {Escape(g.Group.Label)}{Star(g, attribute)} | {(sc is null ? "–" : Decimal(sc.MeanScore))} | {(sc is null ? "–" : Decimal(sc.Auc))} | {(sc is null ? "–" : Decimal(sc.CalibrationError))} | {(sc is null ? "–" : Decimal(sc.DistanceToRest))} |\n");
            }
        }
    }

    /// <summary>"against", "in favour", "not established", or a dash without a verdict (the reference group, a hidden cell).</summary>
    private static string VerdictWord(Verdict? verdict) => verdict?.Direction switch
    {
        Verdict.Against => "**against**",
        Verdict.InFavour => "**in favour**",
        Verdict.NotEstablished => "not established",
        _ => "–",
    };

    /// <summary>The established disparities (every verdict metric), the reference and the four-fifths comparator, the spread and the homogeneity test.</summary>
    private static void ToleranceAndReference(StringBuilder md, double tolerance, AttributeResult attribute, IReadOnlyDictionary<string, string> titles)
    {
        var established = attribute.Groups
            .SelectMany(g => g.Disparities.Where(d => d.Value.Verdict is { Established: true }).Select(d => (Group: g, d.Key, Verdict: d.Value.Verdict!)))
            .OrderBy(x => x.Verdict.Direction == Verdict.Against ? 0 : 1).ThenByDescending(x => x.Verdict.Distance)
            .ToArray();
        var (bandLow, bandHigh) = ThresholdDigits.ToleranceBand(tolerance);
        var en = ReportLanguage.English;
        md.Append($"\nDisparities established (simultaneous interval wholly outside the tolerance band [{bandLow.ToString("0.###", CultureInfo.InvariantCulture)}, {bandHigh.ToString("0.###", CultureInfo.InvariantCulture)}]): ");
        md.Append(established.Length == 0
            ? "none."
            : string.Join("; ", established.Select(x => $"{Escape(x.Group.Group.Label)}: {titles.GetValueOrDefault(x.Key, x.Key)} ×{(x.Verdict.Infinite ? "∞" : x.Verdict.Ratio is { } r ? r.ToString("F" + ThresholdDigits.OutsideBand(r, tolerance).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a")} "
                + $"({Escape(FindingText.Interval(x.Verdict, en)).Replace('\u00A0', ' ')} at {Escape(FindingText.Level(x.Verdict.Level, en)).Replace('\u00A0', ' ')}), {(x.Verdict.Direction == Verdict.Against ? "against" : "in favour")}")) + ".");
        md.Append('\n');
        md.Append($"\nReference group: {Escape(attribute.Reference?.Label ?? "none")} ({attribute.ReferenceRule}). ");
        md.Append($"Four-fifths comparator (least flagged): {Escape(attribute.FourFifthsComparator?.Label ?? "none")}. ");
        var spread = attribute.BetweenGroups[MetricKeys.SelectionRate];
        md.Append($"Flag rates range from {Percent(spread.Min)} to {Percent(spread.Max)} (ratio {NumberWithInterval(spread.Ratio)}).");
        if (attribute.FlagRateTest is { } chi)
        {
            md.Append($" Test that every shown group has the same flag rate: χ² = {chi.Statistic.ToString("0.00", CultureInfo.InvariantCulture)}, {chi.DegreesOfFreedom} df, p {(chi.P < 0.001 ? "< 0.001" : "= " + FormatP(chi.P))}.");
        }
        md.Append("\n\n");
    }

    private static void Intersections(StringBuilder md, AuditResult result)
    {
        if (result.Fairness.Intersections.Count > 0)
        {
            md.Append("## Intersections\n\n");
            md.Append("Subgroups crossing two or more attributes; each is compared with the reference cell (★). Small subgroups are suppressed.\n\n");
            md.Append("| intersection | subgroups shown | most flagged subgroup | its flag rate | ratio to ★ | least flagged | its flag rate |\n|---|--:|---|--:|--:|---|--:|\n");
            foreach (var x in result.Fairness.Intersections)
            {
                var shown = x.Groups.Count(g => g.Count.Suppressed != true);
                var worst = x.Groups.FirstOrDefault(g => g.Group.Equals(x.WorstOff));
                var best = x.Groups.FirstOrDefault(g => g.Group.Equals(x.FourFifthsComparator));
                md.Append($"| {Escape(x.Attribute)} | {shown} of {x.Groups.Count} | {Escape(worst?.Group.Label ?? "none")} | {(worst is null ? "n/a" : Percent(worst.Rates[MetricKeys.SelectionRate]))} | {(worst is null ? "n/a" : Number(worst.FlagRateRatio))} | {Escape(best?.Group.Label ?? "none")} | {(best is null ? "n/a" : Percent(best.Rates[MetricKeys.SelectionRate]))} |\n");
            }
            md.Append('\n');
            foreach (var x in result.Fairness.Intersections)
            {
                md.Append("### ").Append(Escape(x.Attribute)).Append("\n\n");
                FlagTable(md, x);
                md.Append($"\nReference cell: {Escape(x.Reference?.Label ?? "none")} ({x.ReferenceRule}).\n\n");
            }
        }
    }

    private static void Inequality(StringBuilder md, AuditResult result)
    {
        if (result.Fairness.Inequality is { } inequality)
        {
            md.Append("## Individual-level inequality\n\n");
            md.Append($"Generalized entropy index (α = {inequality.Alpha.ToString("0.##", CultureInfo.InvariantCulture)}): {Decimal(inequality.GeneralizedEntropyIndex)}; Theil index: {Decimal(inequality.TheilIndex)} ");
            md.Append("(0 = every labelled person equally treated; benefit b = label − flag + 1). Between-group part by attribute:\n\n");
            md.Append("| attribute | between-group GE | between-group Theil |\n|---|--:|--:|\n");
            foreach (var a in result.Fairness.Attributes.Concat(result.Fairness.Intersections))
            {
                if (a.BetweenGroupInequality is { } b)
                {
                    md.Append($"| {Escape(a.Attribute)} | {Decimal(b.GeneralizedEntropyIndex)} | {Decimal(b.TheilIndex)} |\n");
                }
            }
            md.Append('\n');
        }
    }

    private static void CaveatsAndDefinitions(StringBuilder md, AuditResult result)
    {
        var inference = result.Fairness.Inference;
        md.Append("## Caveats\n\n");
        foreach (var caveat in result.Caveats)
        {
            md.Append("- ").Append(Escape(CaveatText.Plain(caveat, ReportLanguage.English))).Append('\n');
        }
        md.Append('\n');

        md.Append("## Definitions\n\n");
        var c = result.Fairness.Conventions;
        var en = ReportLanguage.English;
        string Convention(string name) => Escape(MethodText.Convention(name, c, en));
        md.Append($"- Flag-rate ratio: {Convention("flagRateRatio")}.\n- Flag-rate difference: {Convention("flagRateDifference")}.\n");
        md.Append($"- Four-fifths rule: {Convention("fourFifths")}.\n- Reference group: {Convention("referenceGroup")}.\n- Suppression: {Convention("suppression")}.\n");
        md.Append($"- Tolerance: {Convention("tolerance")}.\n- Intervals: {Escape(MethodText.Intervals(inference, en))}.\n- Tests: {Escape(MethodText.Tests(en))}; correction: {inference.Correction} over {Escape(MethodText.Family(en))}.\n\n");
    }

    private static void Reproducibility(StringBuilder md, Provenance p, PopulationSection? population)
    {
        md.Append("## Reproducibility\n\n");
        md.Append("```\n");
        md.Append($"command:         {p.Command}\n");
        md.Append($"toolkit version: {p.ToolkitVersion}\n");
        md.Append($"seed:            {p.Seed}\n");
        md.Append($"plan:            {p.Plan.Path}  sha256 {p.Plan.Sha256}\n");
        md.Append(p.Model is { } m ? $"model spec:      {m.Path}  sha256 {m.Sha256}\n" : "model spec:      none (scores or decisions in the data)\n");
        md.Append($"data:            {p.Data.Path}  sha256 {p.Data.Sha256}\n");
        md.Append(population is { } generated ? $"generated:       {generated.Rows} rows, seed {generated.Seed}, {generated.Method}\n" : "");
        md.Append("```\n");
    }

    /// <summary>The table of who is flagged, for an attribute or an intersection.</summary>
    private static void FlagTable(StringBuilder md, AttributeResult attribute)
    {
        md.Append("| group | n | share of population | share of flagged | flag rate | ratio | difference | p (adjusted) | verdict | four-fifths | shortfall | detectable difference |\n");
        md.Append("|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|\n");
        foreach (var g in attribute.Groups)
        {
            var verdict = g.AdverseImpact == true ? " ⚠" : "";
            md.Append($"| {Escape(g.Group.Label)}{Star(g, attribute)} | {Count(g.Count)} | {Percent(g.ShareOfPopulation)} | {Percent(g.ShareOfFlagged)} | ");
            md.Append($"{PercentWithInterval(g.Rates[MetricKeys.SelectionRate])} | {NumberWithInterval(g.FlagRateRatio)} | {Points(g.FlagRateDifference)} | ");
            // ⚠ means below 0.8: the ratio is printed with the digits that show it (ThresholdDigits).
            var decimals = g.FourFifthsRatio.Value is { } ff ? ThresholdDigits.FourFifths(ff, g.AdverseImpact) : ThresholdDigits.Usual;
            md.Append($"{PValue(g.FlagRateDifference)} | {VerdictWord(g.Disparities.GetValueOrDefault(MetricKeys.SelectionRate)?.Verdict)} | {NumberWithInterval(g.FourFifthsRatio, decimals)}{verdict} | {Count(g.FlagShortfall)} | {PointsPlain(g.MinimumDetectableDifference)} |\n");
        }
    }

    /// <summary>A rate's interval in percent, with the decimals its value prints with (<see cref="PercentDecimals"/>).</summary>
    internal static string PercentInterval(Metric m) =>
        m.Ci is [var lo, var hi] ? $" [{(lo * 100).ToString(Fixed(PercentDecimals(m)), CultureInfo.InvariantCulture)}, {(hi * 100).ToString(Fixed(PercentDecimals(m)), CultureInfo.InvariantCulture)}]" : "";

    /// <summary>A number's interval, with the decimals its value prints with (<see cref="NumberDecimals"/>).</summary>
    internal static string NumberInterval(Metric m, int decimals = 2) =>
        m.Ci is [var lo, var hi] ? $" [{lo.ToString(Fixed(NumberDecimals(m, decimals)), CultureInfo.InvariantCulture)}, {hi.ToString(Fixed(NumberDecimals(m, decimals)), CultureInfo.InvariantCulture)}]" : "";

    /// <summary>One decimal of a percentage; more when the value and its interval would print alike (<see cref="IntervalDigits"/>).</summary>
    internal static int PercentDecimals(Metric m) =>
        m.Value is { } v && m.Ci is [var lo, var hi] ? IntervalDigits.Decimals(v * 100, lo * 100, hi * 100, 1) : 1;

    /// <summary>The given decimals; more when the value and its interval would print alike (<see cref="IntervalDigits"/>).</summary>
    internal static int NumberDecimals(Metric m, int decimals) =>
        m.Value is { } v && m.Ci is [var lo, var hi] ? IntervalDigits.Decimals(v, lo, hi, decimals) : decimals;

    private static string Fixed(int decimals) => "0." + new string('0', decimals);

    /// <summary>"0.003 (0.012)": the raw p-value and, in brackets, the adjusted one.</summary>
    internal static string PValue(Metric m) => m.P is { } p
        ? FormatP(p) + (m.PAdjusted is { } adjusted ? $" ({FormatP(adjusted)})" : "") + (m.Test == "fisher" ? "ᶠ" : "")
        : "";

    private static string FormatP(double p) => p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string PointsPlain(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pts" : "";

    private static string Star(GroupResult g, AttributeResult attribute) => g.Group.Equals(attribute.Reference) ? " ★" : "";

    private static string Decimal(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Count(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "n/a";

    internal static string Percent(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";

    internal static string Number(Metric m, int decimals = 2) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? v.ToString(Fixed(decimals), CultureInfo.InvariantCulture) : "n/a";

    /// <summary>
    /// A rate and its interval, with the decimals that tell them apart (<see cref="PercentDecimals"/>). Only where the
    /// interval is printed: a number alone beside a threshold keeps the digits <see cref="ThresholdDigits"/> gives it.
    /// </summary>
    internal static string PercentWithInterval(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? (v * 100).ToString(Fixed(PercentDecimals(m)), CultureInfo.InvariantCulture) + " %" + PercentInterval(m) : "n/a";

    /// <summary>A number and its interval, with at least <paramref name="decimals"/> decimals and more where they would print alike (<see cref="NumberDecimals"/>).</summary>
    internal static string NumberWithInterval(Metric m, int decimals = 2) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? v.ToString(Fixed(NumberDecimals(m, decimals)), CultureInfo.InvariantCulture) + NumberInterval(m, decimals) : "n/a";

    internal static string Points(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? (v * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pts" : "n/a";

    /// <summary>Text as a code span: verbatim (no escapes inside), fenced with more backticks than it contains.</summary>
    internal static string Code(string text)
    {
        var flat = Text.BidiControls.Neutralise(text.Replace('\n', ' ').Replace('\r', ' '));
        var longest = 0;
        var run = 0;
        foreach (var ch in flat)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /// <summary>Escapes text from the data or the plan so that it cannot break a table or become markup.</summary>
    internal static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#':
                    sb.Append('\\').Append(ch);
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\n' or '\r':
                    sb.Append(' ');
                    break;
                case var _ when Text.BidiControls.Is(ch):
                    // Shown, not obeyed: a marker in escaped brackets (issue 16, class 5).
                    sb.Append("\\").Append(Text.BidiControls.Marker(ch)[..^1]).Append("\\]");
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }
}
