using Audit.Policy;
using MathNet.Numerics.Random;

namespace Audit.Recourse;

/// <summary>
/// Recourse for a model known only through its scores: a growing-spheres search in cost (Laugel et al., "Inverse
/// Classification for Comparison-based Interpretability in Machine Learning", 2018), over the same actionable
/// moves as the exact methods, so no constraint is ever broken. Every single-input move is tried first; then radius r doubles from
/// 1/64 until a sample of random changes costing at most r holds a favourable one (or r exceeds the dearest possible
/// change); the sphere then shrinks to the best cost found for a few rounds, and the cheapest favourable change is
/// improved greedily, pass after pass, one feature at a time, by undoing moves or swapping them for cheaper ones. Scores come from the model's own scorer, in batches. A result is NOT proven optimal, and "not
/// found" is not a proof that no recourse exists.
/// </summary>
public sealed class SearchRecourse
{
    private readonly ActionabilityModel actions;
    private readonly Func<IReadOnlyList<double[]>, double[]> score;
    private readonly DecisionTarget target;
    private readonly int samples;
    private readonly int maxChanges;

    public SearchRecourse(ActionabilityModel actions, Func<IReadOnlyList<double[]>, double[]> score, DecisionTarget target, int samples, int? maxChanges = null)
    {
        this.maxChanges = maxChanges ?? int.MaxValue;
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
        // Every single-input move first: cheap to score, and exact among changes of one input.
        var singles = new List<double[]>();
        var singleCosts = new List<double>();
        for (var i = 0; i < features.Length; i++)
        {
            foreach (var option in options[i])
            {
                var row = (double[])person.Clone();
                row[features[i]] = option.Value;
                singles.Add(row);
                singleCosts.Add(option.Cost);
            }
        }
        (double[] Row, double Cost)? best = Cheapest(singles, singleCosts, null);
        for (var radius = dearest / 64; best is null; radius *= 2)
        {
            best = Cheapest(Sample(person, features, options, radius, random, out var costs), costs, best);
            if (radius > dearest)
            {
                break;
            }
        }
        if (best is not { } found)
        {
            return null;
        }
        // Shrink: sample again inside the best cost found, a few times.
        for (var round = 0; round < ShrinkRounds; round++)
        {
            found = Cheapest(Sample(person, features, options, found.Cost, random, out var costs), costs, found) ?? found;
        }
        return Improve(person, features, options, found);
    }

    /// <summary>Rounds of sampling inside the best cost once a favourable change is found.</summary>
    private const int ShrinkRounds = 3;

    private (double[] Row, double Cost)? Cheapest(List<double[]> rows, List<double> costs, (double[] Row, double Cost)? best)
    {
        if (rows.Count == 0)
        {
            return best;
        }
        var scores = score(rows);
        for (var s = 0; s < rows.Count; s++)
        {
            if (target.IsFavourable(scores[s]) && (best is null || costs[s] < best.Value.Cost))
            {
                best = (rows[s], costs[s]);
            }
        }
        return best;
    }

    /// <summary>Random changes costing at most <paramref name="radius"/>: inputs in random order, each moved with probability ½ to an affordable value.</summary>
    private List<double[]> Sample(double[] person, int[] features, FeatureOption[][] options, double radius, Xoshiro256StarStar random, out List<double> costs)
    {
        var rows = new List<double[]>(samples);
        costs = new List<double>(samples);
        {
            for (var s = 0; s < samples; s++)
            {
                var row = (double[])person.Clone();
                var spent = 0.0;
                var moved = 0;
                foreach (var i in Enumerable.Range(0, features.Length).OrderBy(_ => random.Next()))
                {
                    if (moved == maxChanges || random.NextDouble() < 0.5)
                    {
                        continue;
                    }
                    var affordable = options[i].TakeWhile(o => spent + o.Cost <= radius).ToArray();
                    if (affordable.Length == 0)
                    {
                        continue;
                    }
                    // Half the time the dearest affordable move (the farthest along the input), else any.
                    var pick = random.NextDouble() < 0.5 ? affordable[^1] : affordable[random.Next(affordable.Length)];
                    row[features[i]] = pick.Value;
                    spent += pick.Cost;
                    moved++;
                }
                rows.Add(row);
                costs.Add(spent);
            }
        }
        return rows;
    }

    /// <summary>Greedy improvement: for each changed feature, the cheapest value (the person's own first) that keeps the change favourable.</summary>
    private (double[] Row, double Cost) Improve(double[] person, int[] features, FeatureOption[][] options, (double[] Row, double Cost) best)
    {
        var row = (double[])best.Row.Clone();
        for (var pass = 0; pass < features.Length; pass++)
        {
            var before = (double[])row.Clone();
            row = ImprovePass(person, features, options, row);
            if (before.AsSpan().SequenceEqual(row))
            {
                break;
            }
        }
        var cost = Enumerable.Range(0, row.Length).Sum(f => actions.Cost(f, person[f], row[f]));
        return (row, cost);
    }

    private double[] ImprovePass(double[] person, int[] features, FeatureOption[][] options, double[] row)
    {
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
        return row;
    }
}
