using System.Globalization;
using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The designs part of the result (<see cref="DesignsSection"/>; docs/designs.md): one subsection per design the plan
/// asked for, tables first, and plots where a picture says more (the capacity sweep and the time series).
/// </summary>
public sealed class DesignsSectionView : IHtmlSection
{
    public string Id => "designs";

    public string TitleKey => "section.designs";

    public bool AppliesTo(AuditResult result) => result.Designs is not null;

    public void Render(HtmlReportContext c)
    {
        var d = c.Result.Designs!;
        // In reading order; a design the plan did not ask for is null and gives no subsection.
        (string Title, Action? Render)[] parts =
        [
            ("des.selective", d.SelectiveLabels is { } s ? () => SelectiveLabels(c, s) : null),
            ("des.composition", d.Composition is { } comp ? () => Composition(c, comp) : null),
            ("des.adjusted", d.Adjusted is { } adj ? () => Adjusted(c, adj) : null),
            ("des.capacity", d.Capacity is { } cap ? () => Capacity(c, cap) : null),
            ("des.flips", d.Flips is { Count: > 0 } flips ? () => { foreach (var f in flips) { Flip(c, f); } } : null),
            ("des.dropOne", d.DropOne is { Count: > 0 } drop ? () => Variants(c, drop) : null),
            ("des.compare", d.Compare is { } compare ? () => Variants(c, [compare]) : null),
            ("des.partial", d.PartialModel is { } partial ? () => Partial(c, partial) : null),
            ("des.time", d.Time is { } time ? () => Time(c, time) : null),
            ("des.following", d.DecisionFollowing is { } following ? () => Following(c, following) : null),
            ("des.subgroups", d.Subgroups is { } sub ? () => Subgroups(c, sub) : null),
            ("des.proxy", d.Proxy is { } proxy ? () => Proxy(c, proxy) : null),
        ];
        foreach (var (title, render) in parts)
        {
            if (render is not null)
            {
                c.Raw("<h3>").Raw(c.T(title)).Raw("</h3>\n");
                render();
            }
        }
        if (parts.All(p => p.Render is null))
        {
            c.Paragraph("section.empty");
        }
        if (d.Caveats.Count > 0)
        {
            c.Raw("<ul class=\"notes\">\n");
            foreach (var caveat in d.Caveats)
            {
                c.Raw("<li>").Text(CaveatText.Page(caveat, c.Language)).Raw("</li>\n");
            }
            c.Raw("</ul>\n");
        }
    }

    private static string E(string? text) => HtmlText.Escape(text);

    private static string Yes(HtmlReportContext c, bool? value) => value is null ? "–" : c.T(value.Value ? "des.yes" : "des.no");

    private static string Fractions(HtmlReportContext c, IReadOnlyList<double> fractions) =>
        fractions.Count == 0 ? "–" : string.Join(", ", fractions.Select(f => c.Language.Percent(f, 0)));

    private static void SelectiveLabels(HtmlReportContext c, SelectiveLabelsResult s)
    {
        var l = c.Language;
        c.Paragraph("des.selective.intro", ("method", c.Language.Text.Contains("des.selective.method." + s.Method) ? l.T("des.selective.method." + s.Method) : s.Method),
            ("investigated", l.Count(s.Investigated)), ("sample", l.Count(s.RandomSample)));
        c.Raw("<p class=\"note\">").Text(CaveatText.SelectiveExplanation(l, s.Method, s.RandomSample)).Raw("</p>\n");
        IReadOnlyList<string> Row(string who, string kind, ErrorRates e) =>
            [who, kind, c.PercentWithInterval(e.FalsePositiveRate), c.PercentWithInterval(e.FalseNegativeRate), c.PercentWithInterval(e.BaseRate), c.PercentWithInterval(e.Precision)];
        var rows = new List<IReadOnlyList<string>> { Row(c.T("des.all"), c.T("des.estimate"), s.Overall), Row(c.T("des.all"), c.T("des.naive"), s.NaiveOverall) };
        foreach (var g in s.Groups)
        {
            rows.Add(Row(E(g.Attribute + " = " + g.Group), c.T("des.estimate"), g.Estimate));
            rows.Add(Row(E(g.Attribute + " = " + g.Group), c.T("des.naive"), g.Naive));
        }
        HtmlTableWriter.Write(c, c.T("des.selective.caption"),
            [new(c.T("col.group")), new(c.T("des.col.kind")), new(c.T("rate.falsePositiveRate"), true), new(c.T("rate.falseNegativeRate"), true),
             new(c.T("rate.baseRate"), true), new(c.T("rate.positivePredictiveValue"), true)], rows);
    }

    private static void Composition(HtmlReportContext c, CompositionResult comp)
    {
        var l = c.Language;
        c.Paragraph("des.composition.intro", ("column", comp.Column), ("reference", string.Join(", ", comp.ReferenceValues)), ("selected", string.Join(", ", comp.SelectedValues)),
            ("referenceRows", l.Count(comp.ReferenceRows)), ("selectedRows", l.Count(comp.SelectedRows)));
        foreach (var a in comp.Attributes)
        {
            HtmlTableWriter.Write(c, c.T("des.composition.caption", ("attribute", a.Attribute)),
                [new(c.T("col.group")), new(c.T("des.col.referenceShare"), true), new(c.T("des.col.selectedShare"), true), new(c.T("col.difference"), true), new(c.T("col.ratio"), true)],
                a.Shares.Select(x => (IReadOnlyList<string>)[E(x.Group), c.PercentWithInterval(x.ReferenceShare), c.PercentWithInterval(x.SelectedShare), c.Points(x.Difference), c.NumberWithInterval(x.Ratio)]));
            if (a.Test is { } t)
            {
                c.Raw("<p class=\"note\">").Raw(c.T("des.chiSquare", ("statistic", l.Number(t.Statistic, 2)), ("df", l.Count(t.DegreesOfFreedom)), ("p", l.PStatement(t.P)))).Raw("</p>\n");
            }
        }
    }

    private static void Adjusted(HtmlReportContext c, AdjustedDisparityResult a)
    {
        var l = c.Language;
        c.Paragraph("des.adjusted.intro", ("outcome", a.Outcome), ("rows", l.Count(a.RowsUsed)), ("filtered", l.Count(a.RowsFiltered)),
            ("p0", l.Percent(a.ControlProbability)), ("iterations", l.Count(a.Iterations)));
        if (a.RowConditions.Count > 0)
        {
            c.Raw("<p class=\"note\">").Raw(c.T("des.adjusted.conditions")).Raw(" ").Text(string.Join("; ", a.RowConditions)).Raw("</p>\n");
        }
        if (!a.Converged)
        {
            c.Raw("<p class=\"warning\">").Raw(c.T("des.adjusted.notConverged")).Raw("</p>\n");
        }
        HtmlTableWriter.Write(c, c.T("des.adjusted.caption"),
            [new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.reference")), new(c.T("des.col.oddsRatio"), true), new(c.T("col.pUnadjusted"), true), new(c.T("des.col.timesAsLikely"), true)],
            a.ProtectedEffects.Select(x => (IReadOnlyList<string>)[E(x.Attribute), E(x.Group), E(x.Reference), c.NumberWithInterval(x.OddsRatio), c.PValue(x.OddsRatio), c.NumberWithInterval(x.TimesAsLikely)]));
        if (a.Stratified.Count > 0)
        {
            HtmlTableWriter.Write(c, c.T("des.stratified.caption", ("strata", string.Join(", ", a.Strata))),
                [new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.reference")), new(c.T("des.col.crudeOr"), true), new(c.T("des.col.pooledOr"), true),
                 new(c.T("des.col.cmh"), true), new(c.T("des.col.strata"), true)],
                a.Stratified.Select(x => (IReadOnlyList<string>)[E(x.Attribute), E(x.Group), E(x.Reference), c.NumberWithInterval(x.CrudeOddsRatio), c.NumberWithInterval(x.PooledOddsRatio),
                    x.CmhChiSquare is { } chi ? l.Number(chi, 2) : "–", l.Count(x.Strata)]));
        }
        HtmlTableWriter.Write(c, c.T("des.coefficients.caption"),
            [new(c.T("des.col.term")), new(c.T("des.col.estimate"), true), new(c.T("des.col.se"), true), new(c.T("col.pUnadjusted"), true)],
            a.Coefficients.Select(x => (IReadOnlyList<string>)[E(x.Name), l.Number(x.Estimate, 3), l.Number(x.StandardError, 3), l.P(x.P)]));
    }

    private static void Capacity(HtmlReportContext c, CapacitySweepResult cap)
    {
        var l = c.Language;
        c.Paragraph("des.capacity.intro");
        var tableId = c.NewId("table-capacity");
        foreach (var attribute in cap.Points.SelectMany(p => p.Groups).Select(g => g.Attribute).Distinct(StringComparer.Ordinal))
        {
            var groups = cap.Points.SelectMany(p => p.Groups).Where(g => g.Attribute == attribute && !g.IsReference).Select(g => g.Group).Distinct(StringComparer.Ordinal).ToArray();
            var series = groups.Select(g => new LineSeries(g,
                cap.Points.Select(p => p.Fraction * 100).ToArray(),
                cap.Points.Select(p => p.Groups.FirstOrDefault(x => x.Attribute == attribute && x.Group == g)?.Ratio.Value ?? double.NaN).ToArray())).ToArray();
            c.Figure(LineSeriesPlot.Draw(c.NewId("plot-capacity-" + attribute), l.T("des.plot.capacity.title", ("attribute", attribute)), l.T("des.plot.capacity.x"),
                l.T("des.plot.capacity.y"), series, l.T("des.plot.capacity.desc", ("attribute", attribute), ("groups", string.Join(", ", groups))), l, 0, 2, horizontal: 1), tableId);
        }
        HtmlTableWriter.Write(c, c.T("des.capacity.caption"),
            [new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.moreAt")), new(c.T("des.col.adverseAt")), new(c.T("des.col.robustness"))],
            cap.Findings.Select(f => (IReadOnlyList<string>)[E(f.Attribute), E(f.Group), Fractions(c, f.SignificantlyMoreAt), Fractions(c, f.AdverseImpactAt),
                c.Language.Text.Contains("des.robustness." + f.Robustness) ? c.T("des.robustness." + f.Robustness) : E(f.Robustness)]), tableId);
        var columns = new List<HtmlColumn> { new(c.T("des.col.fraction"), true), new(c.T("summary.flagged"), true), new(c.T("des.col.cutoff"), true) };
        var keys = cap.Points.SelectMany(p => p.Groups).Where(g => !g.IsReference).Select(g => (g.Attribute, g.Group)).Distinct().ToArray();
        columns.AddRange(keys.Select(k => new HtmlColumn(E(k.Attribute + " = " + k.Group), true)));
        HtmlTableWriter.Write(c, c.T("des.capacity.points"), columns,
            cap.Points.Select(p => (IReadOnlyList<string>)[l.Percent(p.Fraction, 1), l.Count(p.Flagged), p.Cutoff is { } cut ? l.Score(cut) : "–",
                .. keys.Select(k => p.Groups.FirstOrDefault(g => g.Attribute == k.Attribute && g.Group == k.Group) is { } g ? c.NumberWithInterval(g.Ratio) : "–")]));
    }

    private static void Flip(HtmlReportContext c, AttributeFlipResult f)
    {
        var l = c.Language;
        c.Raw("<p>").Raw(c.TMarkup("des.flip.intro", ("column", E(f.Column)), ("cutoff", f.Cutoff is { } cut ? E(l.Score(cut)) : "–"),
            ("score", c.Number(f.ObservedMeanScore)), ("rate", c.Percent(f.ObservedFlagRate)))).Raw("</p>\n");
        HtmlTableWriter.Write(c, c.T("des.flip.caption", ("column", f.Column)),
            [new(c.T("des.col.value")), new(c.T("col.meanScore"), true), new(c.T("col.flagRate"), true), new(c.T("des.col.scoreChange"), true), new(c.T("des.col.rateChange"), true)],
            f.Scenarios.Select(s => (IReadOnlyList<string>)[E(s.Value), c.Number(s.MeanScore), c.PercentWithInterval(s.FlagRate), c.NumberWithInterval(s.MeanScoreChange), c.Points(s.FlagRateChange)]));
        HtmlTableWriter.Write(c, c.T("des.flip.groups", ("column", f.Column)),
            [new(c.T("des.col.value")), new(c.T("des.col.observedGroup")), new(c.T("col.n"), true), new(c.T("des.col.observedRate"), true), new(c.T("des.col.flippedRate"), true), new(c.T("des.col.scoreChange"), true)],
            f.Scenarios.SelectMany(s => s.Groups.Select(g => (IReadOnlyList<string>)[E(s.Value), E(g.Group), (g.Rows is { } ngRows ? l.Count(ngRows) : "\u2013"), c.Percent(g.ObservedFlagRate), c.Percent(g.FlippedFlagRate), c.Number(g.MeanScoreChange)])));
    }

    private static void Variants(HtmlReportContext c, IReadOnlyList<ModelVariantResult> variants)
    {
        var l = c.Language;
        HtmlTableWriter.Write(c, c.T("des.variants.caption"),
            [new(c.T("des.col.variant")), new(c.T("des.col.newly"), true), new(c.T("des.col.noLonger"), true), new(c.T("des.col.verdictChanges"), true)],
            variants.Select(v => (IReadOnlyList<string>)[E(v.Name), l.Count(v.NewlyFlagged), l.Count(v.NoLongerFlagged), l.Count(v.VerdictChanges.Count)]));
        var changes = variants.SelectMany(v => v.VerdictChanges.Select(x => (v, x))).ToArray();
        if (changes.Length > 0)
        {
            HtmlTableWriter.Write(c, c.T("des.verdictChanges.caption"),
                [new(c.T("des.col.variant")), new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.before"), true), new(c.T("des.col.after"), true)],
                changes.Select(p => (IReadOnlyList<string>)[E(p.v.Name), E(p.x.Attribute), E(p.x.Group),
                    FourFifths(c, p.x.FourFifthsBefore, p.x.AdverseBefore), FourFifths(c, p.x.FourFifthsAfter, p.x.AdverseAfter)]));
        }
    }

    /// <summary>A four-fifths ratio, ⚠ when adverse: then printed below 0.8 however close to it (ThresholdDigits).</summary>
    private static string FourFifths(HtmlReportContext c, Metric ratio, bool adverse) =>
        c.Number(ratio, ratio.Value is { } v ? ThresholdDigits.FourFifths(v, adverse) : ThresholdDigits.Usual) + (adverse ? " ⚠" : "");

    private static void Partial(HtmlReportContext c, PartialModelResult p)
    {
        var l = c.Language;
        c.Paragraph("des.partial.intro", ("samples", l.Count(p.Samples)), ("seed", p.Seed.ToString(CultureInfo.InvariantCulture)), ("magnitude", l.Number(p.Magnitude, 2)),
            ("coefficients", string.Join(", ", p.SampledCoefficients.Select(name => SampledCoefficient(c, name)))));
        HtmlTableWriter.Write(c, c.T("des.partial.caption"),
            [new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.flagRateRange"), true), new(c.T("des.col.referenceFlagRateRange"), true),
             new(c.T("des.col.ratioRange"), true), new(c.T("des.col.fourFifthsRange"), true),
             new(c.T("des.col.moreInEvery")), new(c.T("des.col.adverseInEvery")), new(c.T("des.col.adverseShare"), true)],
            p.Findings.Select(f => (IReadOnlyList<string>)[E(f.Attribute), E(f.Group), RateRange(l, f.FlagRate), RateRange(l, f.ReferenceFlagRate),
                $"{l.Number(f.RatioMin, 2)} – {l.Number(f.RatioMedian, 2)} – {l.Number(f.RatioMax, 2)}", $"{l.Number(f.FourFifthsMin, 2)} – {l.Number(f.FourFifthsMax, 2)}",
                Yes(c, f.MoreOftenInEvery), Yes(c, f.AdverseImpactInEvery), l.Percent(f.AdverseImpactShare, 0)]));
        // The conclusions that hold for every sampled model, in the page's language from the findings' flags (the
        // JSON's holdForEveryModel sentences are English: a French page printed them as they were).
        var hold = p.Findings.SelectMany(f => (IEnumerable<string>)[
            .. f.MoreOftenInEvery ? [c.T("des.partial.hold.more", ("attribute", f.Attribute), ("group", f.Group), ("ratio", l.Number(f.RatioMin, 2)), ("samples", l.Count(p.Samples)))] : Array.Empty<string>(),
            .. f.AdverseImpactInEvery ? [c.T("des.partial.hold.adverse", ("attribute", f.Attribute), ("group", f.Group), ("ratio", l.Number(f.FourFifthsMax, 3)), ("samples", l.Count(p.Samples)))] : Array.Empty<string>()]).ToList();
        if (hold.Count > 0)
        {
            c.Raw("<p>").Raw(c.T("des.partial.hold")).Raw("</p>\n<ul>\n");
            foreach (var h in hold)
            {
                c.Raw("<li>").Text(h).Raw("</li>\n");
            }
            c.Raw("</ul>\n");
        }
    }

    /// <summary>A sampled coefficient's name ("berufsgruppe = produktion: unknown") with what is published of it in the page's language.</summary>
    private static string SampledCoefficient(HtmlReportContext c, string name)
    {
        // The sampler names a coefficient "intercept: …", "feature in [lo, hi): …", "feature missing: …" or
        // "feature other: …" (PartialModelSampler.Note); the words around the feature are the page's.
        var colon = name.IndexOf(": ", StringComparison.Ordinal);
        var (what, value) = colon < 0 ? (name, "") : (name[..colon], name[(colon + 2)..]);
        what = what == "intercept" ? c.T("des.partial.coef.intercept")
            : what.Replace(" in [", " " + c.T("des.partial.coef.in") + " [", StringComparison.Ordinal);
        what = what.EndsWith(" missing", StringComparison.Ordinal) ? what[..^" missing".Length] + " " + c.T("des.partial.coef.missing")
            : what.EndsWith(" other", StringComparison.Ordinal) ? what[..^" other".Length] + " " + c.T("des.partial.coef.other") : what;
        value = value == "unknown" ? c.T("des.partial.coef.unknown")
            : value.EndsWith("(value unknown)", StringComparison.Ordinal) ? value[..^"(value unknown)".Length] + c.T("des.partial.coef.signOnly")
            : value;
        return colon < 0 ? what : what + (c.Language.Code == "fr" ? "\u00A0: " : ": ") + value;
    }

    /// <summary>A flag rate's minimum – median – maximum across the sampled models, in percent; "–" when never measured.</summary>
    private static string RateRange(ReportLanguage l, SampledRange? r) =>
        r is null ? "–" : $"{l.Percent(r.Min, 1)} – {l.Percent(r.Median, 1)} – {l.Percent(r.Max, 1)}";

    private static void Time(HtmlReportContext c, TimeResult t)
    {
        var l = c.Language;
        c.Paragraph("des.time.intro", ("period", t.Period), ("periods", l.Count(t.Periods.Count)));
        var tableId = c.NewId("table-time");
        foreach (var attribute in t.Groups.Select(g => g.Attribute).Distinct(StringComparer.Ordinal))
        {
            var groups = t.Groups.Where(g => g.Attribute == attribute && !g.Series.All(s => s.IsReference)).ToArray();
            var series = groups.Select(g => new LineSeries(g.Group, Enumerable.Range(0, t.Periods.Count).Select(i => (double)i).ToArray(),
                t.Periods.Select((_, i) => i < g.Series.Count ? g.Series[i].Ratio.Value ?? double.NaN : double.NaN).ToArray())).ToArray();
            c.Figure(LineSeriesPlot.Draw(c.NewId("plot-time-" + attribute), l.T("des.plot.time.title", ("attribute", attribute)), t.Period, l.T("des.plot.time.y"), series,
                l.T("des.plot.time.desc", ("attribute", attribute), ("groups", string.Join(", ", groups.Select(g => g.Group)))), l, 0, 2, t.Periods, 1), tableId);
        }
        HtmlTableWriter.Write(c, c.T("des.time.caption"),
            [new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.trend"), true), new(c.T("col.pUnadjusted"), true), new(c.T("des.col.periodsMore"), true),
             new(c.T("des.col.longestRun"), true), new(c.T("des.col.periodsAdverse"), true)],
            t.Groups.Select(g => (IReadOnlyList<string>)[E(g.Attribute), E(g.Group), c.NumberWithInterval(g.LogRatioTrend, 3), c.PValue(g.LogRatioTrend),
                l.Count(g.PeriodsSignificantlyMore), l.Count(g.LongestRun), l.Count(g.PeriodsAdverse)]), tableId);
    }

    private static void Following(HtmlReportContext c, DecisionFollowingResult f)
    {
        var l = c.Language;
        c.Raw("<p>").Raw(c.TMarkup("des.following.intro", ("column", E(f.Column)), ("rows", l.Count(f.Rows)), ("agreement", c.PercentWithInterval(f.Agreement)),
            ("kappa", c.NumberWithInterval(f.Kappa)), ("followed", c.PercentWithInterval(f.FollowedWhenFlagged)), ("added", c.PercentWithInterval(f.AdverseWhenNotFlagged)))).Raw("</p>\n");
        HtmlTableWriter.Write(c, c.T("des.following.caption"),
            [new(c.T("col.attribute")), new(c.T("col.group")), new(c.T("des.col.overruled"), true), new(c.T("des.col.added"), true), new(c.T("des.col.scoreRatio"), true),
             new(c.T("des.col.humanRatio"), true), new(c.T("des.col.effect"))],
            f.Groups.Select(g => (IReadOnlyList<string>)[E(g.Attribute), E(g.Group), c.PercentWithInterval(g.OverruledFlag), c.PercentWithInterval(g.AddedAdverse),
                c.NumberWithInterval(g.ScoreRatio), c.NumberWithInterval(g.HumanRatio), c.Language.Text.Contains("des.effect." + g.Effect) ? c.T("des.effect." + g.Effect) : E(g.Effect)]));
    }

    private static void Subgroups(HtmlReportContext c, SubgroupDiscoveryResult s)
    {
        var l = c.Language;
        c.Paragraph("des.subgroups.intro", ("features", string.Join(", ", s.Features)), ("holdout", l.Percent(s.Holdout, 0)), ("alpha", l.Number(s.Alpha, 2)),
            ("search", l.Count(s.SearchRows)), ("heldOut", l.Count(s.HeldOutRows)));
        HtmlTableWriter.Write(c, c.T("des.subgroups.caption"),
            [new(c.T("des.col.method")), new(c.T("des.col.description")), new(c.T("col.n"), true), new(c.T("col.flagRate"), true), new(c.T("des.col.outside"), true),
             new(c.T("des.col.heldOutRate"), true), new(c.T("des.col.heldOutOutside"), true), new(c.T("des.col.heldOutP"), true), new(c.T("des.col.significant"))],
            s.Subgroups.Select(g => (IReadOnlyList<string>)[E(g.Method), E(string.Join("; ", g.Description.Select(x => x.Feature + ": " + x.Values))), (g.Rows is { } ngRows ? l.Count(ngRows) : "\u2013"),
                c.Percent(g.FlagRate), c.Percent(g.FlagRateOutside), c.Percent(g.HeldOutFlagRate), c.Percent(g.HeldOutFlagRateOutside),
                l.P(g.HeldOutP) + " (" + l.P(g.HeldOutPAdjusted) + ")", Yes(c, g.Significant)]));
    }

    private static void Proxy(HtmlReportContext c, ProxyResult p)
    {
        var l = c.Language;
        string Bounds(IReadOnlyList<double?> b, bool percent) => b is [var lo, var hi]
            ? l.Interval(lo is { } x ? (percent ? l.Number(x * 100, 1) : l.Number(x, 2)) : "–", hi is { } y ? (percent ? l.Number(y * 100, 1) : l.Number(y, 2)) : "∞")
            : "–";
        c.Paragraph("des.proxy.intro", ("name", p.Name), ("column", p.ProxyColumn), ("reference", p.Reference), ("replicates", l.Count(p.Replicates)));
        HtmlTableWriter.Write(c, c.T("des.proxy.caption", ("name", p.Name)),
            [new(c.T("col.group")), new(c.T("des.col.estimatedShare"), true), new(c.T("col.flagRate"), true), new(c.T("des.col.rateBounds"), true), new(c.T("col.ratio"), true), new(c.T("des.col.ratioBounds"), true)],
            p.Groups.Select(g => (IReadOnlyList<string>)[E(g.Group) + (g.IsReference ? " ★" : ""), c.Percent(g.EstimatedShare), c.PercentWithInterval(g.FlagRate),
                Bounds(g.FlagRateBounds, true), c.NumberWithInterval(g.Ratio), Bounds(g.RatioBounds, false)]));
    }
}
