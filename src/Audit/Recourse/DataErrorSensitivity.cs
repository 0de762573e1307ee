using Audit.Data;
using Audit.Policy;

namespace Audit.Recourse;

/// <summary>
/// Which single input, if the agency's record of it were wrong by a plausible amount, would change a flagged
/// person's decision: the data a person should check first when contesting. Every input counts here, actionable
/// or not (a recorded nationality or household situation can be wrong too). A plausible error is, for a numeric
/// input, a value within <see cref="Band"/> of the person's population percentile (checked at the band's ends, its
/// midpoints and the model's breakpoints inside it); for a boolean, the other value; for a category, any other
/// level. Every candidate is scored by the model's own scorer.
/// </summary>
public sealed class DataErrorSensitivity
{
    /// <summary>Default band: 10 percentile points either way, a stated convention.</summary>
    public const double DefaultBand = 0.10;

    /// <summary>Rows scored per batch.</summary>
    private const int BatchRows = 65_536;

    private readonly ActionabilityModel actions;
    private readonly Func<IReadOnlyList<double[]>, double[]> score;
    private readonly DecisionTarget target;

    public DataErrorSensitivity(ActionabilityModel actions, Func<IReadOnlyList<double[]>, double[]> score, DecisionTarget target, double band = DefaultBand)
    {
        this.actions = actions;
        this.score = score;
        this.target = target;
        Band = band;
    }

    public double Band { get; }

    /// <summary>The plausible wrong values of one input for a person.</summary>
    public IEnumerable<double> Alternatives(int feature, double value)
    {
        var codec = actions.Codec;
        switch (codec.TypeOf(feature))
        {
            case ColumnType.Categorical:
                for (var level = 0; level < codec.LevelsOf(feature).Count; level++)
                {
                    if (level != value)
                    {
                        yield return level;
                    }
                }
                break;
            case ColumnType.Boolean:
                if (!double.IsNaN(value))
                {
                    yield return 1 - value;
                }
                break;
            default:
                if (double.IsNaN(value))
                {
                    yield break;
                }
                var q = actions.Percentile(feature, value);
                var candidates = new SortedSet<double>();
                foreach (var shift in new[] { -Band, -Band / 2, Band / 2, Band })
                {
                    candidates.Add(actions.ValueAtPercentile(feature, q + shift));
                }
                var low = candidates.Min;
                var high = candidates.Max;
                var whole = actions.WholeNumbers(feature);
                foreach (var edge in actions.Breakpoints[feature])
                {
                    var e = whole ? Math.Ceiling(edge) : edge;
                    foreach (var v in new[] { e, ActionabilityModel.JustBelow(e, null, whole) })
                    {
                        if (v >= low && v <= high)
                        {
                            candidates.Add(v);
                        }
                    }
                }
                foreach (var v in candidates)
                {
                    if (!v.Equals(value) && !double.IsNaN(v))
                    {
                        yield return v;
                    }
                }
                break;
        }
    }

    /// <summary>For each person (a row of inputs), the inputs whose plausible error alone would unflag them.</summary>
    public IReadOnlyList<int>[] Run(IReadOnlyList<double[]> people)
    {
        var result = new List<int>[people.Count];
        var rows = new List<double[]>();
        var owners = new List<(int Person, int Feature)>();
        // The candidate rows' arrays, reused from one batch to the next: the scorer reads them only during the call
        // (issue 21: about 3.3 M rows at 13.8 M households were otherwise allocated once each).
        var spare = new List<double[]>();
        void Flush()
        {
            if (rows.Count == 0)
            {
                return;
            }
            var scores = score(rows);
            for (var i = 0; i < scores.Length; i++)
            {
                var (person, feature) = owners[i];
                if (target.IsFavourable(scores[i]) && (result[person].Count == 0 || result[person][^1] != feature))
                {
                    result[person].Add(feature);
                }
            }
            spare.AddRange(rows);
            rows.Clear();
            owners.Clear();
        }
        for (var p = 0; p < people.Count; p++)
        {
            result[p] = [];
            for (var f = 0; f < actions.Codec.Count; f++)
            {
                foreach (var v in Alternatives(f, people[p][f]))
                {
                    double[] row;
                    if (spare.Count > 0)
                    {
                        row = spare[^1];
                        spare.RemoveAt(spare.Count - 1);
                        people[p].AsSpan().CopyTo(row);
                    }
                    else
                    {
                        row = (double[])people[p].Clone();
                    }
                    row[f] = v;
                    rows.Add(row);
                    owners.Add((p, f));
                }
            }
            if (rows.Count >= BatchRows)
            {
                Flush();
            }
        }
        Flush();
        return result;
    }
}
