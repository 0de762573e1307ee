using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The explanations part of the result (<see cref="ExplanationsSection"/>; docs/explanations.md): how the attributions
/// were computed and checked, global importance (plot and table), the weight table of an additive model, proxies
/// (strongest first) and, per protected group, where its gap to the reference comes from (plot, sentence, table).
/// </summary>
public sealed class ExplanationsSectionView : IHtmlSection
{
    /// <summary>Inputs drawn in a decomposition plot (the largest parts by size); the table holds every input.</summary>
    private const int PartsDrawn = 8;

    public string Id => "explanations";

    public string TitleKey => "section.explanations";

    public bool AppliesTo(AuditResult result) => result.Explanations is not null;

    /// <summary>Decimals that show a value of this size (attributions range from 0.001 log-odds to hundreds of points).</summary>
    internal static int DecimalsFor(double largest) => largest >= 100 ? 0 : largest >= 10 ? 1 : largest >= 1 ? 2 : 3;

    public void Render(HtmlReportContext c)
    {
        var e = c.Result.Explanations!;
        var l = c.Language;
        var space = l.Code != "en" && l.Text.Contains("explain.space." + e.ExplanationSpace) ? l.T("explain.space." + e.ExplanationSpace) : e.ExplanationSpace;
        c.Paragraph("expl.method", ("method", RecordedText.Say(e.Method, l)), ("space", space), ("game", RecordedText.Say(e.Game, l)), ("background", l.Count(e.BackgroundRows)),
            ("baseline", l.Score(e.Baseline)), ("rows", l.Count(e.RowsExplained)), ("distinct", l.Count(e.DistinctInputs)));
        if (e.Sampled)
        {
            c.Paragraph("expl.sampled");
        }
        c.Paragraph(e.Exact ? "expl.exact" : "expl.approximate", ("error", e.AdditivityError.ToString("0.#E+0", System.Globalization.CultureInfo.InvariantCulture)));

        c.Raw("<h3>").Raw(c.T("expl.importance")).Raw("</h3>\n");
        c.Paragraph("expl.importanceIntro", ("space", space));
        var decimals = DecimalsFor(e.Importance.Select(f => f.MeanAbsoluteAttribution).DefaultIfEmpty(0).Max());
        var tableId = c.NewId("table-importance");
        var title = l.T("expl.plot.importance.title");
        var top = e.Importance.Take(15).ToArray();
        c.Figure(HorizontalBars.Draw(c.NewId("plot-importance"), title, l.T("expl.plot.importance.x", ("space", space)),
            top.Select(f => new BarItem(f.Feature, f.MeanAbsoluteAttribution)).ToArray(),
            l.T("expl.plot.importance.desc", ("space", space)) + " " + string.Join("; ", top.Select(f => $"{f.Feature}: {l.Number(f.MeanAbsoluteAttribution, decimals)}")) + ".",
            l, decimals: decimals), tableId);
        HtmlTableWriter.Write(c, c.T("expl.importance.caption"),
            [new(c.T("col.input")), new(c.T("expl.col.meanAbs", ("space", space)), true), new(c.T("expl.col.meanFlagged"), true), new(c.T("expl.col.permutation"), true)],
            e.Importance.Select(f => (IReadOnlyList<string>)[HtmlText.Escape(f.Feature), l.Number(f.MeanAbsoluteAttribution, decimals + 1),
                f.MeanAttributionFlagged is { } m ? l.Number(m, decimals + 1) : "–",
                l.Number(f.PermutationImportance, decimals + 1) + " ± " + l.Number(f.PermutationStandardError, decimals + 1)]), tableId);

        if (e.Weights is { Count: > 0 } weights)
        {
            c.Raw("<h3>").Raw(c.T("expl.weights")).Raw("</h3>\n");
            c.Paragraph("expl.weightsIntro");
            HtmlTableWriter.Write(c, c.T("expl.weights.caption"),
                [new(c.T("col.input")), new(c.T("expl.col.weight")), new(c.T("expl.col.direction")), new(c.T("col.source"))],
                weights.Select(w => (IReadOnlyList<string>)[HtmlText.Escape(w.Feature), HtmlText.Escape(w.Weight), HtmlText.Escape(RecordedText.Say(w.Direction, c.Language)), HtmlText.Escape(w.Source ?? "–")]));
        }

        if (e.Proxies.Count > 0)
        {
            c.Raw("<h3>").Raw(c.T("expl.proxies")).Raw("</h3>\n");
            c.Paragraph("expl.proxiesIntro");
            HtmlTableWriter.Write(c, c.T("expl.proxies.caption"),
                [new(c.T("col.input")), new(c.T("col.attribute")), new(c.T("expl.col.measure")), new(c.T("expl.col.association"), true),
                 new(c.T("expl.col.mutualInformation"), true), new(c.T("expl.col.balancedAccuracy"), true), new(c.T("expl.col.chance"), true)],
                e.Proxies.OrderByDescending(p => p.Association).ThenBy(p => p.Feature, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[
                    HtmlText.Escape(p.Feature), HtmlText.Escape(p.Attribute), c.T(p.Measure == "cramers_v" ? "expl.measure.cramersV" : "expl.measure.eta"),
                    l.Number(p.Association, 2), l.Number(p.MutualInformation, 3), l.Percent(p.BalancedAccuracy), l.Percent(p.ChanceLevel)]));
        }

        if (e.Decompositions.Count > 0)
        {
            c.Raw("<h3>").Raw(c.T("expl.gaps")).Raw("</h3>\n");
            c.Paragraph("expl.gapsIntro", ("space", space));
            foreach (var attribute in e.Decompositions.GroupBy(d => d.Attribute))
            {
                c.Raw("<h4>").Text(attribute.Key).Raw("</h4>\n");
                foreach (var d in attribute)
                {
                    Decomposition(c, d, space);
                }
            }
        }
        c.Raw("<p class=\"note\">").Raw(c.T("expl.reasonCodes", ("count", l.Count(e.ReasonCodes)), ("method", RecordedText.Say(e.ReasonCodeMethod, l)))).Raw("</p>\n");
    }

    private static void Decomposition(HtmlReportContext c, GapDecomposition d, string space)
    {
        var l = c.Language;
        var parts = d.Parts.Where(p => p.Difference.Value is not null).OrderByDescending(p => Math.Abs(p.Difference.Value!.Value)).ToArray();
        if (d.Gap.Value is not { } gap || parts.Length == 0)
        {
            c.Raw("<p>").Raw(c.T("expl.gapUndefined", ("group", d.Group), ("reference", d.Reference))).Raw("</p>\n");
            return;
        }
        var decimals = DecimalsFor(Math.Max(Math.Abs(gap), parts.Max(p => Math.Abs(p.Difference.Value!.Value))));
        var largest = parts[0];
        c.Raw("<p>").Raw(c.TMarkup("expl.gapSentence", ("gap", c.NumberWithInterval(d.Gap, decimals)), ("group", HtmlText.Escape(d.Group)),
            ("reference", HtmlText.Escape(d.Reference)), ("space", HtmlText.Escape(space)), ("groupRows", l.Count(d.GroupRows)), ("referenceRows", l.Count(d.ReferenceRows)))).Raw(" ");
        c.Raw(c.T("expl.largestPart", ("part", l.Number(largest.Difference.Value!.Value, decimals)), ("gap", l.Number(gap, decimals)),
            ("group", d.Group), ("reference", d.Reference), ("feature", largest.Feature),
            ("share", Math.Abs(gap) > 1e-12 ? l.Percent(largest.Difference.Value!.Value / gap, 0) : "–"))).Raw("</p>\n");
        var tableId = c.NewId("table-gap-" + d.Attribute + "-" + d.Group);
        var drawn = parts.Take(PartsDrawn).ToArray();
        c.Figure(HorizontalBars.Draw(c.NewId("plot-gap-" + d.Attribute + "-" + d.Group), l.T("expl.plot.gap.title", ("group", d.Group), ("reference", d.Reference)),
            l.T("expl.plot.gap.x", ("space", space)),
            drawn.Select(p => new BarItem(p.Feature, p.Difference.Value!.Value, p.Difference.Ci is [var lo, _] ? lo : null, p.Difference.Ci is [_, var hi] ? hi : null,
                p.Difference.Value > 0 ? BarEmphasis.Adverse : BarEmphasis.Normal)).ToArray(),
            l.T("expl.plot.gap.desc", ("group", d.Group), ("reference", d.Reference), ("gap", l.Number(gap, decimals))) + " "
                + string.Join("; ", drawn.Select(p => $"{p.Feature}: {l.Number(p.Difference.Value!.Value, decimals)}")) + ".", l, decimals: decimals), tableId);
        HtmlTableWriter.Write(c, c.T("expl.gap.caption", ("group", d.Group), ("reference", d.Reference)),
            [new(c.T("col.input")), new(c.T("expl.col.part", ("space", space)), true), new(c.T("expl.col.shareOfGap"), true)],
            d.Parts.Select(p => (IReadOnlyList<string>)[HtmlText.Escape(p.Feature), c.NumberWithInterval(p.Difference, decimals + 1),
                p.Difference.Value is { } v && Math.Abs(gap) > 1e-12 ? l.Percent(v / gap, 0) : "–"]), tableId);
    }
}
