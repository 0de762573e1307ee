using System.Globalization;
using System.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>The report's explanations section: importance, proxies and the disparity decomposition, read from <see cref="ExplanationsSection"/>.</summary>
internal static class ExplanationsMarkdown
{
    public static void Append(StringBuilder md, ExplanationsSection? e)
    {
        if (e is null)
        {
            return;
        }
        md.Append("## Why the model scores as it does\n\n");
        md.Append($"Attributions: {MarkdownReport.Escape(e.Method)}, in {MarkdownReport.Escape(e.ExplanationSpace)}. ");
        md.Append($"Game: {MarkdownReport.Escape(e.Game)}, against {e.BackgroundRows} background rows drawn with the plan's seed; ");
        md.Append($"baseline (mean output over the background) {N(e.Baseline)}. ");
        md.Append($"Rows explained: {e.RowsExplained.ToString("N0", CultureInfo.InvariantCulture)}{(e.Sampled ? " (a seeded sample)" : "")}, ");
        md.Append($"{e.DistinctInputs.ToString("N0", CultureInfo.InvariantCulture)} distinct inputs. ");
        md.Append($"Additivity check: the attributions add up to output − baseline within {e.AdditivityError.ToString("0.#E+0", CultureInfo.InvariantCulture)}.\n\n");

        md.Append("### Importance\n\n");
        md.Append("Mean |attribution| over the rows explained; mean attribution among the flagged; permutation importance = mean change of the score when the input is shuffled across people (± standard error).\n\n");
        md.Append("| input | mean \\|attribution\\| | mean attribution (flagged) | permutation importance |\n|---|--:|--:|--:|\n");
        foreach (var f in e.Importance)
        {
            md.Append($"| {MarkdownReport.Escape(f.Feature)} | {N(f.MeanAbsoluteAttribution)} | {(f.MeanAttributionFlagged is { } m ? N(m) : "–")} | {N(f.PermutationImportance)} ± {N(f.PermutationStandardError)} |\n");
        }
        md.Append('\n');

        if (e.Decompositions.Count > 0)
        {
            md.Append("### Where the gaps between groups come from\n\n");
            md.Append($"For each group, the gap between its mean output and the reference group's ({MarkdownReport.Escape(e.ExplanationSpace)}), split into each input's part (the difference of the groups' mean attributions); the parts add up to the gap. Brackets: bootstrap intervals.\n\n");
            foreach (var attribute in e.Decompositions.GroupBy(d => d.Attribute))
            {
                md.Append("#### ").Append(MarkdownReport.Escape(attribute.Key)).Append("\n\n");
                var groups = attribute.ToArray();
                md.Append("| input |").Append(string.Concat(groups.Select(g => $" {MarkdownReport.Escape(g.Group)} vs {MarkdownReport.Escape(g.Reference)} |"))).Append('\n');
                md.Append("|---|").Append(string.Concat(groups.Select(_ => "--:|"))).Append('\n');
                md.Append("| **gap** |").Append(string.Concat(groups.Select(g => $" **{M(g.Gap)}** |"))).Append('\n');
                for (var j = 0; j < groups[0].Parts.Count; j++)
                {
                    md.Append($"| {MarkdownReport.Escape(groups[0].Parts[j].Feature)} |").Append(string.Concat(groups.Select(g => $" {M(g.Parts[j].Difference)} |"))).Append('\n');
                }
                md.Append('\n');
                foreach (var g in groups)
                {
                    var top = g.Parts.Where(p => p.Difference.Value is not null).OrderByDescending(p => Math.Abs(p.Difference.Value!.Value)).First();
                    md.Append($"- {MarkdownReport.Escape(g.Group)} vs {MarkdownReport.Escape(g.Reference)}: {N(top.Difference.Value!.Value)} of the gap of {M(g.Gap)} ({MarkdownReport.Escape(e.ExplanationSpace)}) comes from {MarkdownReport.Escape(top.Feature)}, the largest part.\n");
                }
                md.Append('\n');
            }
        }

        if (e.Proxies.Count > 0)
        {
            md.Append("### Proxies\n\n");
            md.Append("How strongly each input is associated with each protected attribute (Cramér's V for categorical inputs, the correlation ratio η for numeric ones; 0 = none, 1 = the input determines the group), the mutual information (bits) and the balanced accuracy of predicting the attribute from the input alone (cross-fitted; chance in brackets). Strongest first.\n\n");
            md.Append("| input | attribute | association | mutual information | balanced accuracy |\n|---|---|--:|--:|--:|\n");
            foreach (var p in e.Proxies.OrderByDescending(p => p.Association))
            {
                md.Append($"| {MarkdownReport.Escape(p.Feature)} | {MarkdownReport.Escape(p.Attribute)} | {N(p.Association)} ({(p.Measure == "cramers_v" ? "V" : "η")}) | {N(p.MutualInformation)} | {N(p.BalancedAccuracy)} ({N(p.ChanceLevel)}) |\n");
            }
            md.Append('\n');
        }
        md.Append($"Reason codes for one person (`audit explain PLAN --person ID`): the {e.ReasonCodes} inputs pushing hardest towards being flagged, by {MarkdownReport.Escape(e.ReasonCodeMethod)}. Partial-dependence curves of the top inputs, with the 10th, 50th and 90th percentiles of the individual (ICE) curves (no single person's curve is published), are in report.json (`explanations.dependence`).\n\n");
    }

    private static string N(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    private static string M(Metric m) => m.Value is { } v
        ? N(v) + (m.Ci is { Length: 2 } ci ? $" [{N(ci[0])}, {N(ci[1])}]" : "")
        : m.Suppressed == true ? "–" : "n/a";
}
