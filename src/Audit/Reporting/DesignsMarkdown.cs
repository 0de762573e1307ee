using System.Globalization;
using System.Text;
using Audit.Reporting.Text;
using Audit.Results;
using static Audit.Reporting.MarkdownReport;

namespace Audit.Reporting;

/// <summary>
/// The "Audit designs" part of the Markdown report (docs/designs.md): one subsection per design the plan ran. Reads
/// only the <see cref="DesignsSection"/>; computes nothing.
/// </summary>
public static class DesignsMarkdown
{
    public static void Render(StringBuilder md, DesignsSection designs)
    {
        md.Append("## Audit designs\n\n");
        if (designs.Adjusted is { } adjusted)
        {
            Adjusted(md, adjusted);
        }
        if (designs.SelectiveLabels is { } labels)
        {
            SelectiveLabels(md, labels);
        }
        if (designs.Composition is { } composition)
        {
            Composition(md, composition);
        }
        if (designs.Capacity is { } capacity)
        {
            Capacity(md, capacity);
        }
        foreach (var flip in designs.Flips ?? [])
        {
            Flip(md, flip);
        }
        if (designs.DropOne is { } dropOne)
        {
            md.Append("### One variable dropped at a time\n\n");
            md.Append("Each variable's term is removed from the model and the policy applied again (re-ranked). Listed: how many people change side, and every group whose four-fifths verdict changes.\n\n");
            md.Append("| variant | newly flagged | no longer flagged | four-fifths verdicts that change |\n|---|--:|--:|---|\n");
            foreach (var v in dropOne)
            {
                md.Append($"| {Escape(v.Name)} | {v.NewlyFlagged} | {v.NoLongerFlagged} | {Verdicts(v)} |\n");
            }
            var changing = dropOne.Where(v => v.VerdictChanges.Count > 0).Select(v => v.Name).ToArray();
            md.Append('\n').Append(changing.Length == 0
                ? "No single variable's removal changes a four-fifths verdict.\n\n"
                : $"Removing one variable changes a four-fifths verdict for: {Escape(string.Join("; ", changing))}.\n\n");
        }
        if (designs.Compare is { } compare)
        {
            md.Append("### Model comparison\n\n");
            md.Append($"Against **{Escape(compare.Name)}** on the same people: {compare.NewlyFlagged} newly flagged, {compare.NoLongerFlagged} no longer flagged. Four-fifths verdicts that change: {Verdicts(compare)}.\n\n");
            md.Append("| attribute | group | newly flagged | no longer flagged |\n|---|---|--:|--:|\n");
            foreach (var s in compare.SideChanges)
            {
                md.Append($"| {Escape(s.Attribute)} | {Escape(s.Group)} | {s.NewlyFlagged} | {s.NoLongerFlagged} |\n");
            }
            md.Append('\n');
        }
        if (designs.PartialModel is { } partial)
        {
            Partial(md, partial);
        }
        if (designs.Time is { } time)
        {
            Time(md, time);
        }
        if (designs.DecisionFollowing is { } following)
        {
            Following(md, following);
        }
        if (designs.Subgroups is { } subgroups)
        {
            Subgroups(md, subgroups);
        }
        if (designs.Proxy is { } proxy)
        {
            Proxy(md, proxy);
        }
        if (designs.Caveats.Count > 0)
        {
            md.Append("Caveats of the designs:\n\n");
            foreach (var caveat in designs.Caveats)
            {
                md.Append("- ").Append(Escape(CaveatText.Plain(caveat, ReportLanguage.English))).Append('\n');
            }
            md.Append('\n');
        }
    }

    private static void Adjusted(StringBuilder md, AdjustedDisparityResult a)
    {
        md.Append("### Adjusted disparity\n\n");
        md.Append($"Logistic regression of {(a.Outcome == "decision" ? "being flagged" : Code(a.Outcome))} on the protected attributes and the controls (ProPublica's method), {a.RowsUsed.ToString("N0", CultureInfo.InvariantCulture)} rows");
        md.Append(a.RowConditions.Count > 0 ? $" after the conditions {Escape(string.Join("; ", a.RowConditions))} ({a.RowsFiltered.ToString("N0", CultureInfo.InvariantCulture)} rows left out)" : "");
        md.Append(a.Converged ? "" : " ⚠ the fit did not converge (separation?): read the estimates with care");
        md.Append($". Odds ratios against each attribute's reference group with Wald intervals; \"times as likely\" converts each at the control group's probability ({(a.ControlProbability * 100).ToString("0.0", CultureInfo.InvariantCulture)} %).\n\n");
        md.Append("| attribute | group | reference | odds ratio | p | times as likely |\n|---|---|---|--:|--:|--:|\n");
        foreach (var e in a.ProtectedEffects)
        {
            md.Append($"| {Escape(e.Attribute)} | {Escape(e.Group)} | {Escape(e.Reference)} | {NumberWithInterval(e.OddsRatio)} | {PValue(e.OddsRatio)} | {NumberWithInterval(e.TimesAsLikely)} |\n");
        }
        md.Append("\nAll coefficients (log-odds):\n\n| term | estimate | standard error | p |\n|---|--:|--:|--:|\n");
        foreach (var c in a.Coefficients)
        {
            md.Append($"| {Escape(c.Name)} | {c.Estimate.ToString("0.00000", CultureInfo.InvariantCulture)} | {c.StandardError.ToString("0.00000", CultureInfo.InvariantCulture)} | {(c.P < 0.001 ? "<0.001" : c.P.ToString("0.000", CultureInfo.InvariantCulture))} |\n");
        }
        md.Append('\n');
        if (a.Stratified.Count > 0)
        {
            md.Append($"Within strata of {Escape(string.Join(" × ", a.Strata))}: Mantel-Haenszel pooled odds ratio (Robins-Breslow-Greenland interval) and the Cochran-Mantel-Haenszel test.\n\n");
            md.Append("| attribute | group | reference | crude odds ratio | pooled odds ratio | CMH χ² | p | strata |\n|---|---|---|--:|--:|--:|--:|--:|\n");
            foreach (var s in a.Stratified)
            {
                md.Append($"| {Escape(s.Attribute)} | {Escape(s.Group)} | {Escape(s.Reference)} | {Number(s.CrudeOddsRatio)} | {NumberWithInterval(s.PooledOddsRatio)} | {s.CmhChiSquare?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} | {PValue(s.PooledOddsRatio)} | {s.Strata} |\n");
            }
            md.Append('\n');
            if (a.Stratified.FirstOrDefault(s => s.Note is not null)?.Note is { } note)
            {
                md.Append($"No interval or test: {Escape(note)}.\n\n");
            }
        }
    }

    private static void SelectiveLabels(StringBuilder md, SelectiveLabelsResult s)
    {
        md.Append("### Selective labels\n\n");
        md.Append($"Method: **{s.Method}**. {Escape(CaveatText.SelectiveExplanation(ReportLanguage.English, s.Method, s.RandomSample))} Investigated files: {s.Investigated.ToString("N0", CultureInfo.InvariantCulture)}; random sample: {s.RandomSample.ToString("N0", CultureInfo.InvariantCulture)}.\n\n");
        md.Append("| group | FPR | FNR | base rate | precision | naive FPR (every investigated file) |\n|---|--:|--:|--:|--:|--:|\n");
        void Row(string name, ErrorRates e, ErrorRates naive) =>
            md.Append($"| {name} | {PercentWithInterval(e.FalsePositiveRate)} | {PercentWithInterval(e.FalseNegativeRate)} | {Percent(e.BaseRate)} | {Percent(e.Precision)} | {Percent(naive.FalsePositiveRate)} |\n");
        Row("everyone", s.Overall, s.NaiveOverall);
        foreach (var g in s.Groups)
        {
            Row($"{Escape(g.Attribute)} = {Escape(g.Group)}", g.Estimate, g.Naive);
        }
        md.Append('\n');
    }

    private static void Composition(StringBuilder md, CompositionResult c)
    {
        md.Append("### Composition against a random sample\n\n");
        md.Append($"Reference sample: rows whose {Code(c.Column)} is {Escape(string.Join(" or ", c.ReferenceValues))} ({c.ReferenceRows.ToString("N0", CultureInfo.InvariantCulture)}); selected: {Escape(string.Join(", ", c.SelectedValues))} ({c.SelectedRows.ToString("N0", CultureInfo.InvariantCulture)}). ");
        md.Append("Difference = selected share − reference share (Newcombe interval, z test); ratio with Katz's interval.\n\n");
        foreach (var a in c.Attributes)
        {
            md.Append($"**{Escape(a.Attribute)}**");
            md.Append(a.Test is { } t ? $" (χ² = {t.Statistic.ToString("0.0", CultureInfo.InvariantCulture)}, df = {t.DegreesOfFreedom}, p {(t.P < 0.001 ? "< 0.001" : "= " + t.P.ToString("0.000", CultureInfo.InvariantCulture))})" : "");
            md.Append("\n\n| group | share of the random sample | share of the selected | difference | p | ratio |\n|---|--:|--:|--:|--:|--:|\n");
            foreach (var s in a.Shares)
            {
                md.Append($"| {Escape(s.Group)} | {PercentWithInterval(s.ReferenceShare)} | {PercentWithInterval(s.SelectedShare)} | {Points(s.Difference)}{PercentInterval(s.Difference)} | {PValue(s.Difference)} | {NumberWithInterval(s.Ratio)} |\n");
            }
            md.Append('\n');
        }
    }

    private static void Capacity(StringBuilder md, CapacitySweepResult c)
    {
        md.Append("### Capacity sweep\n\n");
        md.Append("Flag-rate ratio to the reference group (Katz interval) as the share flagged varies; ⚠ marks four-fifths adverse impact.\n\n");
        var keys = c.Points.SelectMany(p => p.Groups).Where(g => !g.IsReference).Select(g => (g.Attribute, g.Group)).Distinct().ToArray();
        md.Append("| group |").Append(string.Concat(c.Points.Select(p => $" {Pct(p.Fraction)} ({p.Flagged}) |"))).Append("\n|---|").Append(string.Concat(c.Points.Select(_ => "--:|"))).Append('\n');
        foreach (var (attribute, group) in keys)
        {
            md.Append($"| {Escape(attribute)} = {Escape(group)} |");
            foreach (var p in c.Points)
            {
                var g = p.Groups.FirstOrDefault(x => x.Attribute == attribute && x.Group == group);
                md.Append(g is null ? " – |" : $" {NumberWithInterval(g.Ratio)}{(g.AdverseImpact == true ? " ⚠" : "")} |");
            }
            md.Append('\n');
        }
        md.Append('\n');
        foreach (var f in c.Findings)
        {
            md.Append("- ").Append(Escape(DesignText.Capacity(f, c.Points.Count, ReportLanguage.English))).Append('\n');
        }
        md.Append('\n');
    }

    private static void Flip(StringBuilder md, AttributeFlipResult f)
    {
        md.Append($"### Attribute flip: {Escape(f.Column)}\n\n");
        md.Append($"Everyone re-scored with {Code(f.Column)} set to each value in turn, the cut-off score held at {f.Cutoff?.ToString("G6", CultureInfo.InvariantCulture) ?? "the grades"}. Observed: mean score {Decimal4(f.ObservedMeanScore)}, flag rate {Percent(f.ObservedFlagRate)}.\n\n");
        md.Append("| set to | mean score | flag rate | change in flag rate | flag rate by observed value (observed → set) |\n|---|--:|--:|--:|---|\n");
        foreach (var s in f.Scenarios)
        {
            var groups = string.Join("; ", s.Groups.Select(g => $"{Escape(g.Group)}: {Percent(g.ObservedFlagRate)} → {Percent(g.FlippedFlagRate)}"));
            md.Append($"| {Escape(s.Value)} | {Decimal4(s.MeanScore)} | {Percent(s.FlagRate)} | {Points(s.FlagRateChange)} | {groups} |\n");
        }
        md.Append('\n');
    }

    private static string RatePercent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";

    private static void Partial(StringBuilder md, PartialModelResult p)
    {
        md.Append("### Partially published model\n\n");
        md.Append($"{p.Samples} coefficient vectors drawn (seed {p.Seed}) consistent with the spec: signs as published with magnitudes up to {p.Magnitude.ToString("G4", CultureInfo.InvariantCulture)} (per standard deviation for numeric weights), intervals as given. ");
        md.Append($"Sampled: {Escape(string.Join("; ", p.SampledCoefficients))}.\n\n");
        md.Append("| attribute | group | flag rate: min | max | flag-rate ratio: min | median | max | four-fifths: min | max | adverse in |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var f in p.Findings)
        {
            md.Append($"| {Escape(f.Attribute)} | {Escape(f.Group)} | {RatePercent(f.FlagRateMin)} | {RatePercent(f.FlagRateMax)} | {F2(f.RatioMin)} | {F2(f.RatioMedian)} | {F2(f.RatioMax)} | {F2(f.FourFifthsMin)} | {F2(f.FourFifthsMax)} | {(f.AdverseImpactShare * 100).ToString("0", CultureInfo.InvariantCulture)} % |\n");
        }
        md.Append('\n');
        md.Append(p.HoldForEveryModel.Count == 0 ? "No disparity holds under every sampled model.\n\n" : "Conclusions that hold under every sampled model:\n\n");
        foreach (var s in p.HoldForEveryModel)
        {
            md.Append("- ").Append(Escape(s)).Append('\n');
        }
        md.Append('\n');
    }

    private static void Time(StringBuilder md, TimeResult t)
    {
        md.Append("### Over time\n\n");
        md.Append($"Flag-rate ratio to the reference group per period of {Code(t.Period)}; ⚠ four-fifths adverse impact.\n\n");
        md.Append("| group |").Append(string.Concat(t.Periods.Select(p => $" {Escape(p)} |"))).Append(" trend of ln ratio per period |\n|---|").Append(string.Concat(t.Periods.Select(_ => "--:|"))).Append("--:|\n");
        foreach (var g in t.Groups)
        {
            md.Append($"| {Escape(g.Attribute)} = {Escape(g.Group)} |");
            foreach (var s in g.Series)
            {
                md.Append($" {Number(s.Ratio)}{(s.AdverseImpact == true ? " ⚠" : "")} |");
            }
            md.Append($" {(g.LogRatioTrend.Value is { } v ? v.ToString("+0.000;-0.000", CultureInfo.InvariantCulture) : "n/a")}{NumberInterval(g.LogRatioTrend)} |\n");
        }
        md.Append('\n');
        foreach (var g in t.Groups)
        {
            md.Append("- ").Append(Escape(DesignText.Time(g, t.Periods.Count, ReportLanguage.English))).Append('\n');
        }
        md.Append('\n');
    }

    private static void Following(StringBuilder md, DecisionFollowingResult d)
    {
        md.Append("### Does the final decision follow the score?\n\n");
        foreach (var s in DesignText.Following(d, ReportLanguage.English))
        {
            md.Append("- ").Append(Escape(s)).Append('\n');
        }
        md.Append("\n| attribute | group | flags overruled | unflagged decided against | ratio by the score | ratio after the human | effect |\n|---|---|--:|--:|--:|--:|---|\n");
        foreach (var g in d.Groups)
        {
            md.Append($"| {Escape(g.Attribute)} | {Escape(g.Group)} | {Percent(g.OverruledFlag)} | {Percent(g.AddedAdverse)} | {NumberWithInterval(g.ScoreRatio)} | {NumberWithInterval(g.HumanRatio)} | {g.Effect} |\n");
        }
        md.Append('\n');
    }

    private static void Subgroups(StringBuilder md, SubgroupDiscoveryResult s)
    {
        md.Append("### Subgroups found without protected attributes\n\n");
        md.Append($"Searched on {s.SearchRows.ToString("N0", CultureInfo.InvariantCulture)} rows over {Escape(string.Join(", ", s.Features))}; each subgroup tested on the other {s.HeldOutRows.ToString("N0", CultureInfo.InvariantCulture)} rows (Fisher's exact one-sided test, Holm-adjusted over the two searches, α = {s.Alpha.ToString("0.###", CultureInfo.InvariantCulture)}).\n\n");
        md.Append("| method | description | rows | flag rate inside | outside | held out: inside | outside | p (adjusted) | significant |\n|---|---|--:|--:|--:|--:|--:|--:|---|\n");
        foreach (var g in s.Subgroups)
        {
            var description = g.Description.Count == 0 ? "everyone" : string.Join("; ", g.Description.Select(d => $"{d.Feature} in {d.Values}"));
            md.Append($"| {g.Method} | {Escape(description)} | {g.Rows.ToString("N0", CultureInfo.InvariantCulture)} | {Percent(g.FlagRate)} | {Percent(g.FlagRateOutside)} | {Percent(g.HeldOutFlagRate)} | {Percent(g.HeldOutFlagRateOutside)} | {P(g.HeldOutP)} ({P(g.HeldOutPAdjusted)}) | {(g.Significant ? "yes" : "no")} |\n");
        }
        md.Append('\n');
    }

    private static void Proxy(StringBuilder md, ProxyResult p)
    {
        md.Append($"### {Escape(p.Name)}, inferred from {Code(p.ProxyColumn)}\n\n");
        md.Append($"Probability-weighted flag rates (unbiased only if being flagged does not depend on the group once the proxy is known), with {p.Replicates} bootstrap replicates that also draw each person's group; bounds hold whatever that dependence (Fréchet, per proxy value). Reference: {Escape(p.Reference)}.\n\n");
        md.Append("| group | estimated share | flag rate | bounds | ratio | ratio bounds |\n|---|--:|--:|--:|--:|--:|\n");
        foreach (var g in p.Groups)
        {
            md.Append($"| {Escape(g.Group)}{(g.IsReference ? " ★" : "")} | {Percent(g.EstimatedShare)} | {PercentWithInterval(g.FlagRate)} | {Bound(g.FlagRateBounds, true)} | {NumberWithInterval(g.Ratio)} | {Bound(g.RatioBounds, false)} |\n");
        }
        md.Append('\n');
    }

    private static string Bound(IReadOnlyList<double?> bounds, bool percent)
    {
        string F(double? x) => x is not { } v ? "∞" : percent ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : v.ToString("0.00", CultureInfo.InvariantCulture);
        return $"{F(bounds[0])} to {F(bounds[1])}";
    }

    private static string P(double p) => p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Verdicts(ModelVariantResult v) =>
        v.VerdictChanges.Count == 0 ? "none" : Escape(string.Join("; ", v.VerdictChanges.Select(c => $"{c.Attribute} = {c.Group}: {(c.AdverseBefore ? "adverse" : "not adverse")} → {(c.AdverseAfter ? "adverse" : "not adverse")}")));

    private static string Pct(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    private static string F2(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Decimal4(Metric m) => m.Value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
