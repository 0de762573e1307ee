using System.Globalization;
using Audit.Data;

namespace Audit.Models;

/// <summary>
/// How a <see cref="LinearModel"/> states its weights in a per-person explanation (<see cref="IPublishedModel"/>): term
/// by term, the weights the spec gives, and the one that applies to a row. Moved here from the explanation builder, which
/// now asks the model for them, so that the text follows the spec's structure in the one place that knows it.
/// </summary>
internal static class StatedWeights
{
    /// <summary>
    /// The spec's weights of term t: every level or bin (or the weight), then the weight of a level the spec does not
    /// list (<c>other</c>) and of a missing value (<c>missing</c>) when the spec gives them, since either can be the one
    /// applied to the person.
    /// </summary>
    public static string Of(LinearModel spec, int t)
    {
        if (t >= spec.Terms.Count)
        {
            var interaction = spec.Interactions[t - spec.Terms.Count];
            return $"{interaction.Weight} when " + string.Join(" and ", interaction.When.Select(c => $"{c.Feature} = {c.Value}"));
        }
        var term = spec.Terms[t];
        var weights = new List<string>();
        if (term.Bins is { } bins)
        {
            weights.AddRange(bins.Select(b => $"[{(b.Min is { } lo ? R(lo) : "−∞")}, {(b.Max is { } hi ? R(hi) : "+∞")}) {b.Points}"));
        }
        else if (term.LevelWeights.Count > 0)
        {
            weights.AddRange(term.LevelWeights.Select(p => $"{p.Key} {p.Value}"));
        }
        else
        {
            weights.Add(term.Weight.ToString());
        }
        if (term.Other is { } other)
        {
            weights.Add($"other {other}");
        }
        if (term.Missing is { } missing)
        {
            weights.Add($"missing {missing}");
        }
        return string.Join("; ", weights);
    }

    /// <summary>The weight of term t that applies to the row: its bin, level, truth value or weight × value.</summary>
    public static string Applied(LinearModel spec, int t, Table table, int row)
    {
        if (t >= spec.Terms.Count)
        {
            var interaction = spec.Interactions[t - spec.Terms.Count];
            var holds = interaction.When.All(c => table[c.Feature].FormatValue(row) is { } v && (v == c.Value || (c.Value == "true" && v == "1") || (c.Value == "false" && v == "0")));
            return holds ? $"applies: {interaction.Weight}" : "does not apply: 0";
        }
        var term = spec.Terms[t];
        var text = table[term.Feature].FormatValue(row);
        if (text is null)
        {
            return $"missing: {term.Missing?.ToString() ?? "no rule"}";
        }
        if (term.Bins is { } bins && table[term.Feature] is NumericColumn numeric)
        {
            var bin = bins.FirstOrDefault(b => b.Contains(numeric[row]));
            return bin is null ? "outside the bins" : $"[{(bin.Min is { } lo ? R(lo) : "−∞")}, {(bin.Max is { } hi ? R(hi) : "+∞")}) {bin.Points}";
        }
        if (term.LevelWeights.Count > 0)
        {
            return term.LevelWeights.TryGetValue(text, out var w) ? $"{text}: {w}" : $"other: {term.Other}";
        }
        if (term.Type == ColumnType.Boolean)
        {
            return text is "true" or "1" ? $"true: {term.Weight}" : "false: 0";
        }
        return $"{term.Weight} × {text}";
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
