using Audit.Models;
using Audit.Policy;
using Google.OrTools.Sat;

namespace Audit.Recourse;

/// <summary>
/// Exact recourse for a tree ensemble (<see cref="ITreeEnsemble"/>) with CP-SAT, leaves as boxes (in the spirit of
/// Cui et al., "Optimal Action Extraction for Random Forests and Boosted Trees", KDD 2015): one Boolean per candidate
/// value of each actionable feature (exactly one holds), one Boolean per reachable leaf of each tree (exactly one
/// holds); a leaf excludes every candidate value that would leave its box. The margin, <c>Bias + Σ leaf values</c>,
/// must lie on the favourable side of the boundary; leaf values are scaled to integers at
/// <see cref="RecourseProblem.ReductionResolution"/> and rounded against the person, so every solution is a true one.
/// </summary>
public sealed class TreeRecourse
{
    private readonly ITreeEnsemble ensemble;
    private readonly ActionabilityModel actions;
    private readonly int[] codecIndex;
    private readonly List<Leaf>[] leaves;

    private sealed record Leaf(double Value, (int TreeFeature, double Threshold, bool Left, bool MissingLeft)[] Path);

    private TreeRecourse(ITreeEnsemble ensemble, ActionabilityModel actions, int[] codecIndex)
    {
        this.ensemble = ensemble;
        this.actions = actions;
        this.codecIndex = codecIndex;
        leaves = ensemble.Trees.Select(t => LeavesOf(t)).ToArray();
    }

    /// <summary>Null when a feature the trees split on is not an input of the model's table (then search applies).</summary>
    public static TreeRecourse? TryCreate(ITreeEnsemble ensemble, ActionabilityModel actions)
    {
        var index = ensemble.TreeFeatures.Select(actions.Codec.InputOf).ToArray();
        if (index.Any(i => i < 0) || index.Any(i => actions.Codec.TypeOf(i) == Data.ColumnType.Categorical))
        {
            return null;
        }
        return new TreeRecourse(ensemble, actions, index);
    }

    /// <summary>The score of a margin through the ensemble's link.</summary>
    public static double ScoreOfMargin(ITreeEnsemble ensemble, double margin) =>
        ensemble.Link == "logistic" ? 1.0 / (1.0 + Math.Exp(-margin)) : margin;

    /// <summary>Every split threshold per feature name: where the ensemble's output can jump.</summary>
    public static Dictionary<string, IReadOnlyList<double>> Breakpoints(ITreeEnsemble ensemble)
    {
        var result = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var tree in ensemble.Trees)
        {
            for (var n = 0; n < tree.SplitFeature.Length; n++)
            {
                var name = ensemble.TreeFeatures[tree.SplitFeature[n]];
                if (!result.TryGetValue(name, out var list))
                {
                    result[name] = list = [];
                }
                // A value at the threshold goes left; one a millionth above it goes right, also in single precision
                // (ONNX Runtime compares 32-bit floats, whose relative step is about 6e-8).
                list.Add(tree.Threshold[n] + Math.Max(Math.Abs(tree.Threshold[n]) * 1e-6, 1e-9));
            }
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value.Distinct().Order().ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The cheapest change (as a row) and its cost, or null when CP-SAT proves there is none.
    /// <paramref name="boundary"/>, <paramref name="orientation"/>: see <see cref="DecisionTarget.InSumSpace"/> on the margin.
    /// </summary>
    public (double[] Row, double Cost)? Solve(double[] person, double boundary, int orientation, long extraUnits = 0, int? maxChanges = null)
    {
        var model = new CpModel();
        var treeFeatureCount = ensemble.TreeFeatures.Count;
        var candidates = new FeatureOption[treeFeatureCount][];
        var chosen = new BoolVar[treeFeatureCount][];
        var options = new List<FeatureOption>();
        var costTerms = new List<LinearExpr>();
        for (var f = 0; f < treeFeatureCount; f++)
        {
            var c = codecIndex[f];
            actions.OptionsFor(c, person[c], options);
            candidates[f] = [new FeatureOption(person[c], 0), .. options];
            chosen[f] = candidates[f].Select((_, k) => model.NewBoolVar($"f{f}v{k}")).ToArray();
            model.AddExactlyOne(chosen[f]);
            for (var k = 1; k < candidates[f].Length; k++)
            {
                costTerms.Add(RecourseProblem.CostUnitsOf(candidates[f][k].Cost) * chosen[f][k]);
            }
        }
        var marginTerms = LeafMargins(model, candidates, chosen, orientation);
        if (maxChanges is { } limit)
        {
            model.Add(LinearExpr.Sum(chosen.SelectMany(vars => vars.Skip(1))) <= limit);
        }
        var bound = (long)Math.Ceiling(orientation * (boundary - ensemble.Bias) / RecourseProblem.ReductionResolution) - 1 - extraUnits;
        model.Add(LinearExpr.Sum(marginTerms) <= bound);
        model.Minimize(LinearExpr.Sum(costTerms));
        var solver = new CpSolver { StringParameters = CpSatSolver.Parameters };
        var status = solver.Solve(model);
        if (status == CpSolverStatus.Infeasible)
        {
            return null;
        }
        if (status != CpSolverStatus.Optimal)
        {
            throw new InvalidOperationException($"CP-SAT stopped with status {status} on a tree-ensemble recourse problem.");
        }
        var row = (double[])person.Clone();
        var cost = 0.0;
        for (var f = 0; f < treeFeatureCount; f++)
        {
            var k = Array.FindIndex(chosen[f], v => solver.BooleanValue(v));
            row[codecIndex[f]] = candidates[f][k].Value;
            cost += candidates[f][k].Cost;
        }
        return (row, cost);
    }

    /// <summary>
    /// Per tree, one Boolean per leaf whose box some choice of candidates reaches, exactly one of them true, excluding the
    /// candidates outside its box; the margin each adds, in units of <see cref="RecourseProblem.ReductionResolution"/>.
    /// </summary>
    private List<LinearExpr> LeafMargins(CpModel model, FeatureOption[][] candidates, BoolVar[][] chosen, int orientation)
    {
        var marginTerms = new List<LinearExpr>();
        for (var t = 0; t < leaves.Length; t++)
        {
            var reachable = new List<BoolVar>();
            foreach (var leaf in leaves[t])
            {
                // Candidates of each feature that stay in the leaf's box.
                var excluded = new List<(int Feature, int Candidate)>();
                var possible = true;
                foreach (var group in leaf.Path.GroupBy(p => p.TreeFeature))
                {
                    var f = group.Key;
                    var inside = 0;
                    for (var k = 0; k < candidates[f].Length; k++)
                    {
                        var v = candidates[f][k].Value;
                        if (group.All(p => double.IsNaN(v) ? p.MissingLeft == p.Left : v <= p.Threshold == p.Left))
                        {
                            inside++;
                        }
                        else
                        {
                            excluded.Add((f, k));
                        }
                    }
                    possible &= inside > 0;
                }
                if (!possible)
                {
                    continue;
                }
                var y = model.NewBoolVar($"t{t}l{reachable.Count}");
                foreach (var (f, k) in excluded)
                {
                    model.AddImplication(y, chosen[f][k].Not());
                }
                reachable.Add(y);
                // Scaled against the person (rounded up on the adverse side).
                marginTerms.Add((long)Math.Ceiling(orientation * leaf.Value / RecourseProblem.ReductionResolution) * y);
            }
            model.AddExactlyOne(reachable);
        }
        return marginTerms;
    }

    private static List<Leaf> LeavesOf(RegressionTree tree)
    {
        var result = new List<Leaf>();
        if (tree.SplitFeature.Length == 0)
        {
            result.Add(new Leaf(tree.LeafValue[0], []));
            return result;
        }
        var path = new List<(int, double, bool, bool)>();
        void Walk(int node)
        {
            foreach (var (child, left) in new[] { (tree.Left[node], true), (tree.Right[node], false) })
            {
                path.Add((tree.SplitFeature[node], tree.Threshold[node], left, tree.MissingGoesLeft[node]));
                if (child < 0)
                {
                    result.Add(new Leaf(tree.LeafValue[~child], [.. path]));
                }
                else
                {
                    Walk(child);
                }
                path.RemoveAt(path.Count - 1);
            }
        }
        Walk(0);
        return result;
    }
}
