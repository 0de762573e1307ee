using Audit.Data;
using Audit.Policy;

namespace Audit.Recourse;

/// <summary>
/// "Flagged for who they are": whether a flagged person would not be flagged if every input they cannot change
/// (immutable inputs and legal events) took the population's typical value instead of theirs, their other inputs as
/// they are. The typical value is the median of a numeric input and the most common value of a boolean or category
/// (ties to the first level). Scored by the model's own scorer. A different question from "no recourse": a person
/// can be flagged for who they are and still have recourse, and the other way round.
/// </summary>
public sealed class ImmutableCounterfactual
{
    private readonly Func<IReadOnlyList<double[]>, double[]> score;
    private readonly DecisionTarget target;
    private readonly (int Feature, double Value)[] reference;

    public ImmutableCounterfactual(ActionabilityModel actions, Func<IReadOnlyList<double[]>, double[]> score, DecisionTarget target)
    {
        this.score = score;
        this.target = target;
        var codec = actions.Codec;
        reference = Enumerable.Range(0, codec.Count).Where(f => !actions.Rules[f].IsActionable)
            .Select(f => (f, codec.TypeOf(f) == ColumnType.Numeric ? actions.ValueAtPercentile(f, 0.5) : codec.Distribution(f).Mode()))
            .Where(x => !double.IsNaN(x.Item2))
            .ToArray();
        Reference = reference.Select(x => (codec.Features[x.Feature].Name, codec.Format(x.Feature, x.Value))).ToArray();
    }

    /// <summary>The typical value given to each input a person cannot change, as a person reads it.</summary>
    public IReadOnlyList<(string Feature, string Value)> Reference { get; }

    /// <summary>For each person (a row of inputs), whether they would escape the flag with typical values for what they cannot change.</summary>
    public bool[] Run(IReadOnlyList<double[]> people)
    {
        if (reference.Length == 0 || people.Count == 0)
        {
            return new bool[people.Count];
        }
        var rows = people.Select(p =>
        {
            var row = (double[])p.Clone();
            foreach (var (f, v) in reference)
            {
                row[f] = v;
            }
            return row;
        }).ToArray();
        var result = new bool[rows.Length];
        const int batch = 65_536;
        for (var start = 0; start < rows.Length; start += batch)
        {
            var chunk = rows[start..Math.Min(rows.Length, start + batch)];
            var scores = score(chunk);
            for (var i = 0; i < scores.Length; i++)
            {
                result[start + i] = target.IsFavourable(scores[i]);
            }
        }
        return result;
    }

    /// <summary>The most common value that is not NaN, ties to the smallest; NaN when every value is.</summary>
    internal static double MostCommon(double[] values)
    {
        // Booleans and level codes are small whole numbers: counted in an array (issue 21), the dictionary otherwise.
        return ValueDistribution.Counted(values) is { } counted ? counted.Mode() : MostCommonCounted(values);
    }

    /// <summary><see cref="MostCommon"/> by a dictionary of counts, for any values (the straightforward way, kept for values that are not small whole numbers).</summary>
    internal static double MostCommonCounted(double[] values)
    {
        // Counted in a dictionary, not grouped: LINQ's GroupBy kept every one of the population's values in its groups.
        var counts = new Dictionary<double, int>();
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }
        var best = double.NaN;
        var bestCount = 0;
        foreach (var (value, count) in counts)
        {
            if (count > bestCount || (count == bestCount && value < best))
            {
                (best, bestCount) = (value, count);
            }
        }
        return best;
    }
}
