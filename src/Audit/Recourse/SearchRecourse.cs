using MathNet.Numerics.Random;

namespace Audit.Recourse;

/// <summary>
/// Recourse for a model known only through its scores: a growing-spheres search in cost (Laugel et al., "Inverse
/// Classification for Comparison-based Interpretability in Machine Learning", 2018), over the same actionable
/// moves as the exact methods, so no constraint is ever broken. Radius r doubles from 1/64 until a sample of
/// random changes costing at most r holds a favourable one (or r exceeds the dearest possible change); then the
/// cheapest favourable change is improved greedily, one feature at a time, by undoing moves or swapping them for
/// cheaper ones. Scores come from the model's own scorer, in batches. A result is NOT proven optimal, and "not
/// found" is not a proof that no recourse exists.
/// </summary>
public sealed class SearchRecourse
{
    private readonly ActionabilityModel actions;
    private readonly Func<IReadOnlyList<double[]>, double[]> score;
    private readonly DecisionTarget target;
    private readonly int samples;

    public SearchRecourse(ActionabilityModel actions, Func<IReadOnlyList<double[]>, double[]> score, DecisionTarget target, int samples)
    {
        this.actions = actions;
        this.score = score;
        this.target = target;
        this.samples = samples;
    }

    /// <summary>The cheapest favourable change found, or null.</summary>
    public (double[] Row, double Cost)? Find(double[] person, long seed)
    {
        var random = new Xoshiro256StarStar((int)(seed & 0x7fffffff), threadSafe: false);
        var features = Enumerable.Range(0, actions.Codec.Count).Where(f => actions.Rules[f].IsActionable).ToArray();
        var options = features.Select(f =>
        {
            var list = new List<FeatureOption>();
            actions.OptionsFor(f, person[f], list);
            return list.OrderBy(o => o.Cost).ToArray();
        }).ToArray();
        var dearest = options.Sum(o => o.Length == 0 ? 0 : o[^1].Cost);
        if (dearest == 0)
        {
            return null;
        }
        (double[] Row, double Cost)? best = null;
        for (var radius = dearest / 64; best is null; radius *= 2)
        {
            var rows = new List<double[]>(samples);
            var costs = new List<double>(samples);
            for (var s = 0; s < samples; s++)
            {
                var row = (double[])person.Clone();
                var spent = 0.0;
                foreach (var i in Enumerable.Range(0, features.Length).OrderBy(_ => random.Next()))
                {
                    if (random.NextDouble() < 0.5)
                    {
                        continue;
                    }
                    var affordable = options[i].TakeWhile(o => spent + o.Cost <= radius).ToArray();
                    if (affordable.Length == 0)
                    {
                        continue;
                    }
                    var pick = affordable[random.Next(affordable.Length)];
                    row[features[i]] = pick.Value;
                    spent += pick.Cost;
                }
                rows.Add(row);
                costs.Add(spent);
            }
            var scores = score(rows);
            for (var s = 0; s < rows.Count; s++)
            {
                if (target.IsFavourable(scores[s]) && (best is null || costs[s] < best.Value.Cost))
                {
                    best = (rows[s], costs[s]);
                }
            }
            if (radius > dearest)
            {
                break;
            }
        }
        return best is null ? null : Improve(person, features, options, best.Value);
    }

    /// <summary>Greedy improvement: for each changed feature, the cheapest value (the person's own first) that keeps the change favourable.</summary>
    private (double[] Row, double Cost) Improve(double[] person, int[] features, FeatureOption[][] options, (double[] Row, double Cost) best)
    {
        var row = (double[])best.Row.Clone();
        for (var i = 0; i < features.Length; i++)
        {
            var f = features[i];
            if (row[f].Equals(person[f]))
            {
                continue;
            }
            var current = actions.Cost(f, person[f], row[f]);
            var trials = new List<double[]>();
            var trialCosts = new List<double>();
            foreach (var candidate in new[] { new FeatureOption(person[f], 0) }.Concat(options[i].Where(o => o.Cost < current)))
            {
                var trial = (double[])row.Clone();
                trial[f] = candidate.Value;
                trials.Add(trial);
                trialCosts.Add(candidate.Cost);
            }
            var scores = score(trials);
            var pick = Enumerable.Range(0, trials.Count).Where(k => target.IsFavourable(scores[k])).OrderBy(k => trialCosts[k]).FirstOrDefault(-1);
            if (pick >= 0)
            {
                row = trials[pick];
            }
        }
        var cost = Enumerable.Range(0, row.Length).Sum(f => actions.Cost(f, person[f], row[f]));
        return (row, cost);
    }
}
