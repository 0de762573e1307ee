using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>The sentences that open the outcome section (<see cref="OutcomeSection"/>), for the HTML and Markdown reports alike.</summary>
internal static class OutcomeText
{
    /// <summary>The catalogue keys and their values: what the outcome is, its codes, and what a label-only audit leaves out.</summary>
    public static IReadOnlyList<(string Key, (string Name, object? Value)[] Values)> Lead(OutcomeSection o)
    {
        var lead = new List<(string, (string, object?)[])>
        {
            (o.LabelOnly ? "partA.lead.labelOnly" : "partA.lead.decision", [("column", o.Column)]),
        };
        if (o.FavourableValues is { } favourable && o.AdverseValues is { } adverse)
        {
            lead.Add(("partA.lead.codes", [("favourable", string.Join(", ", favourable)), ("adverse", string.Join(", ", adverse))]));
        }
        else
        {
            lead.Add((o.Outcome == "favourable" ? "partA.lead.onesFavourable" : "partA.lead.onesAdverse", []));
        }
        lead.Add(("partA.lead.flagged", []));
        if (o.LabelOnly)
        {
            lead.Add(("partA.lead.noErrorRates", []));
        }
        return lead;
    }
}
