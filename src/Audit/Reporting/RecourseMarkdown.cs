using System.Globalization;
using System.Text;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// The report's "Appeal paths" section: what flagged people could change, who can change nothing the model looks
/// at, what recourse costs by group, and the routes to contest. Reads only the <see cref="RecourseSection"/>.
/// </summary>
public static class RecourseMarkdown
{
    public static void Append(StringBuilder md, RecourseSection r)
    {
        md.Append("## Appeal paths\n\n");
        md.Append("### What flagged people could change (recourse)\n\n");
        md.Append($"{Count(r.Flagged)} people are flagged ({Count(r.DistinctInputs)} distinct sets of inputs, each solved once). ");
        md.Append($"To stop being flagged a person needs {MarkdownReport.Escape(RecourseText.Target(r, ReportLanguage.English))}.");
        md.Append(RecourseText.CutoffNote(r, ReportLanguage.English) is { } note ? " " + MarkdownReport.Escape(note) : "").Append("\n\n");
        md.Append($"- **No recourse** (no change within the stated rules below would lift the flag: what cannot change, the direction, range and size of each change, the number of changes): {Share(r.NoRecourse)}{Interval(r.NoRecourse, true)}.\n");
        if (r.ForWhoTheyAre is { } who)
        {
            md.Append($"- **Flagged for who they are**: {Share(who)}{Interval(who, true)} would not be flagged if what they cannot change took the population's typical value");
            md.Append(r.TypicalValues.Count > 0 ? $" ({MarkdownReport.Escape(string.Join(", ", r.TypicalValues))}), the rest as they are.\n" : ".\n");
        }
        if (r.NotFound > 0)
        {
            md.Append($"- Of these, {Count(r.NotFound)} are people for whom the search found nothing: not a proof that no change exists.\n");
        }
        md.Append($"- Cost of the cheapest change, among people with recourse: mean {Plain(r.MeanCost)}{Interval(r.MeanCost, false)}, median {Plain(r.MedianCost)}{Interval(r.MedianCost, false)}.\n");
        md.Append($"- Method: {MarkdownReport.Escape(r.Method)}; {(r.ProvenOptimal ? "every cost is the proven minimum and every \"no recourse\" is proven" : "found by search, not proven optimal")}. ");
        md.Append("Every change found was re-scored by the model's own scorer.\n");
        md.Append($"- Cost: {MarkdownReport.Escape(RecourseText.CostDefinition(r, ReportLanguage.English))}\n");
        if (RecourseText.Resolution(r, ReportLanguage.English) is { } resolution)
        {
            md.Append($"- Resolution: {MarkdownReport.Escape(resolution)}\n");
        }
        foreach (var n in r.Notes)
        {
            md.Append("- ").Append(MarkdownReport.Escape(RecourseText.Note(n, ReportLanguage.English))).Append('\n');
        }
        md.Append("\n| input | type | actionability | from | allowed values | cost | note |\n|---|---|---|---|---|---|---|\n");
        foreach (var f in r.Features)
        {
            md.Append($"| {MarkdownReport.Escape(f.Name)} | {f.Type} | {f.Actionability.Replace('_', ' ')} | {MarkdownReport.Escape(f.Origin)} | {MarkdownReport.Escape(f.Range ?? "–")} | {MarkdownReport.Escape(f.Cost)} | {MarkdownReport.Escape(f.Note ?? "")} |\n");
        }
        md.Append("\nLevers: how often each input is part of a person's cheapest change (share of the people with recourse), and alone.\n\n");
        md.Append("| input | used | share | the only change |\n|---|--:|--:|--:|\n");
        foreach (var lever in r.Levers)
        {
            md.Append($"| {MarkdownReport.Escape(lever.Feature)} | {Count(lever.Used)} | {Share(lever.Share)} | {Count(lever.Alone)} |\n");
        }
        md.Append('\n');
        if (r.Quality is { } quality)
        {
            md.Append($"Quality of the changes: each moves {Plain(quality.Changes)}{Interval(quality.Changes, false)} inputs on average");
            if (quality.NearestDistance is { } near && quality.NearestDistanceAsTheyAre is { } asIs)
            {
                md.Append($"; a changed household lies {near.ToString("0.000", CultureInfo.InvariantCulture)} from the nearest real one (median over {Count(quality.Measured)} changes, against {Count(quality.PopulationSample)} people), ");
                md.Append($"where the same households as they are lie {asIs.ToString("0.000", CultureInfo.InvariantCulture)} from their nearest neighbour (percentile shifts summed over inputs, 1 per different category)");
            }
            md.Append(".\n\n");
        }
        if (r.DataErrors is { } errors)
        {
            md.Append($"Data to check first: for {Share(errors.Share)}{Interval(errors.Share, true)} of the flagged, a plausible error in one recorded input alone would lift the flag ");
            md.Append($"(a numeric value within {(errors.Band * 100).ToString("0", CultureInfo.InvariantCulture)} percentile points of the person's, a yes/no the other way, another category; every input, actionable or not).\n\n");
            if (errors.Inputs.Count > 0)
            {
                md.Append("| input | flagged people | share |\n|---|--:|--:|\n");
                foreach (var input in errors.Inputs)
                {
                    md.Append($"| {MarkdownReport.Escape(input.Feature)} | {Count(input.People)} | {Share(input.Share)} |\n");
                }
                md.Append('\n');
            }
        }
        foreach (var set in r.ByGroup)
        {
            md.Append($"By {MarkdownReport.Escape(string.Join(" × ", set.Attributes))} (a dash is a suppressed cell):\n\n");
            md.Append("| group | flagged | no recourse | for who they are | mean cost | median cost |\n|---|--:|--:|--:|--:|--:|\n");
            foreach (var g in set.Groups)
            {
                md.Append($"| {MarkdownReport.Escape(g.Group.Label)} | {(g.Flagged.Value is { } n ? Count((long)n) : "–")} | {Share(g.NoRecourse)}{Interval(g.NoRecourse, true)} | {Share(g.ForWhoTheyAre)}{Interval(g.ForWhoTheyAre, true)} | {Plain(g.MeanCost)}{Interval(g.MeanCost, false)} | {Plain(g.MedianCost)}{Interval(g.MedianCost, false)} |\n");
            }
            md.Append('\n');
        }
        if (r.Routes is { } routes)
        {
            AppendRoutes(md, routes);
        }
    }

    /// <summary>The routes to contest, the flag first, then the decision that followed; and the mention the law requires.</summary>
    public static void AppendRoutes(StringBuilder md, LegalRoutes routes)
    {
        md.Append($"### How to contest ({MarkdownReport.Escape(routes.Name)})\n\n");
        foreach (var (kind, title) in new[] { ("flag", "The flag, the data and the algorithm"), ("decision", "The decision that followed") })
        {
            md.Append($"{title}:\n\n| route | body | deadline | then | legal basis |\n|---|---|---|---|---|\n");
            foreach (var route in routes.Routes.Where(x => x.Contests == kind))
            {
                var applies = route.DecisionTypes.Count == 0 ? "" : $" ({string.Join(", ", route.DecisionTypes)})";
                var note = route.Note is { } n ? $" Note: {n}" : "";
                md.Append($"| {MarkdownReport.Escape(route.Name + applies)} | {MarkdownReport.Escape(route.Body)} | {MarkdownReport.Escape(route.Deadline ?? "–")} | {MarkdownReport.Escape(route.Then ?? "–")} | {MarkdownReport.Escape(route.LegalBasis + note)} |\n");
            }
            md.Append('\n');
        }
        if (routes.MissingRoutes.Count > 0)
        {
            md.Append($"**No route to contest the decision** is listed for: {MarkdownReport.Escape(string.Join(", ", routes.MissingRoutes))}.\n\n");
        }
        if (routes.Mention is { } mention)
        {
            md.Append("The mention an algorithmic decision must carry (CRPA R311-3-1-1), as drafted in the jurisdiction file:\n\n> ").Append(MarkdownReport.Escape(mention)).Append("\n\n");
        }
        if (routes.Source is { } source)
        {
            md.Append("Sources: ").Append(MarkdownReport.Escape(source)).Append("\n\n");
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long? n) => n is { } v ? Count(v) : "–";

    // Value and interval with the decimals IntervalDigits gives them (one for a share, three for a cost), as every page does.
    private static string Share(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? (v * 100).ToString(Fixed(MarkdownReport.PercentDecimals(m)), CultureInfo.InvariantCulture) + " %" : "n/a";

    private static string Plain(Metric m) =>
        m.Suppressed == true ? "–" : m.Value is { } v ? v.ToString(Fixed(MarkdownReport.NumberDecimals(m, 3)), CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(Metric m, bool percent) => percent ? MarkdownReport.PercentInterval(m) : MarkdownReport.NumberInterval(m, 3);

    private static string Fixed(int decimals) => "0." + new string('0', decimals);
}
