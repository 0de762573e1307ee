namespace Audit.Recourse;

/// <summary>
/// Exact recourse for additive models with separable costs: a dynamic programme over the discretised score
/// reduction. After block b, for every reachable reduction (capped at the requirement) only the cheapest way of
/// reaching it is kept, and only states that no cheaper state beats on reduction (the Pareto frontier), so the
/// frontier never holds more than <c>RequiredUnits + 1</c> states. Returns the minimum integer cost, as CP-SAT
/// does on the same integers (the tests check it). A block with a continuous lever (<see cref="ContinuousLever"/>)
/// may also take the value that completes the requirement exactly: the programme is run once more per such block,
/// with that block left out, and every state of the final frontier is completed by the lever in closed form.
/// </summary>
public static class FrontierSolver
{
    private readonly record struct State(long Cost, long Reduction, int Parent, int Option, int Changes);

    /// <summary>The cheapest choice reaching the required reduction, or null when none does (no recourse).</summary>
    public static KnapsackChoice? Solve(RecourseProblem problem) => WithCompletions(problem, Discrete(problem));

    /// <summary>The cheapest choice of listed options only (what CP-SAT solves too), or null when none reaches the requirement.</summary>
    public static KnapsackChoice? Discrete(RecourseProblem problem)
    {
        var required = problem.RequiredUnits;
        if (required == 0)
        {
            return new KnapsackChoice(Enumerable.Repeat(-1, problem.Blocks.Count).ToArray(), 0, 0);
        }
        if (problem.Hopeless)
        {
            return null;
        }
        var layers = Layers(problem, skip: -1);
        var end = Array.FindIndex(layers[^1], s => s.Reduction >= required);
        return end < 0 ? null : Reconstruct(problem, layers, end);
    }

    /// <summary>
    /// A discrete choice (the programme's or CP-SAT's) replaced by a cheaper one in which a continuous lever moves
    /// exactly as far as the rest of the change requires, when there is one. A problem with no discrete solution has
    /// none with a lever either: every lever's farthest value is one of its listed options.
    /// </summary>
    public static KnapsackChoice? WithCompletions(RecourseProblem problem, KnapsackChoice? discrete)
    {
        if (discrete is null || problem.RequiredUnits == 0)
        {
            return discrete;
        }
        var required = problem.RequiredUnits;
        var best = discrete;
        for (var b = 0; b < problem.Blocks.Count; b++)
        {
            if (problem.Blocks[b].Lever is not { } lever)
            {
                continue;
            }
            var layers = Layers(problem, skip: b);
            var last = layers[^1];
            for (var s = 0; s < last.Length && last[s].Cost < best.CostUnits; s++)
            {
                var state = last[s];
                if (state.Reduction >= required || problem.MaxChanges is { } k && state.Changes + 1 > k
                    || lever.Completing(required - state.Reduction) is not { } option)
                {
                    continue;
                }
                if (state.Cost + option.CostUnits < best.CostUnits)
                {
                    var rest = Reconstruct(problem, layers, s);
                    best = new KnapsackChoice(rest.Option, state.Cost + option.CostUnits, rest.ReductionUnits + option.ReductionUnits)
                    {
                        CompletedBlock = b,
                        Completion = option,
                    };
                }
            }
        }
        return best;
    }

    /// <summary>The programme's frontiers, block after block; block <paramref name="skip"/> (if any) stays as it is.</summary>
    private static List<State[]> Layers(RecourseProblem problem, int skip)
    {
        var required = problem.RequiredUnits;
        var limit = problem.MaxChanges;
        var layers = new List<State[]>(problem.Blocks.Count + 1) { new[] { new State(0, 0, -1, -1, 0) } };
        var candidates = new List<State>();
        for (var b = 0; b < problem.Blocks.Count; b++)
        {
            var block = problem.Blocks[b];
            var previous = layers[^1];
            candidates.Clear();
            for (var s = 0; s < previous.Length; s++)
            {
                var state = previous[s];
                candidates.Add(state with { Parent = s, Option = -1 });
                if (state.Reduction >= required || b == skip)
                {
                    continue;
                }
                for (var o = 0; o < block.Options.Count; o++)
                {
                    var option = block.Options[o];
                    if (limit is { } k && state.Changes + option.Changes > k)
                    {
                        continue;
                    }
                    candidates.Add(new State(state.Cost + option.CostUnits, Math.Min(required, state.Reduction + option.ReductionUnits), s, o,
                        limit is null ? 0 : state.Changes + option.Changes));
                }
            }
            // Cheapest first; at equal cost the largest reduction first; then a fixed order so that ties resolve the same way every run.
            candidates.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost)
                : a.Reduction != b.Reduction ? b.Reduction.CompareTo(a.Reduction)
                : a.Parent != b.Parent ? a.Parent.CompareTo(b.Parent) : a.Option.CompareTo(b.Option));
            // Without a limit every state counts 0 changes: one frontier. With one, a frontier per number of changes
            // (a state with fewer changes left must not be pruned by a cheaper one that has used more).
            var frontier = new List<State>();
            var best = new long[(limit ?? 0) + 1];
            Array.Fill(best, long.MinValue);
            foreach (var state in candidates)
            {
                if (state.Reduction > best[state.Changes])
                {
                    frontier.Add(state);
                    best[state.Changes] = state.Reduction;
                    if (limit is null && state.Reduction >= required)
                    {
                        break;
                    }
                }
            }
            layers.Add([.. frontier]);
        }
        return layers;
    }

    private static KnapsackChoice Reconstruct(RecourseProblem problem, List<State[]> layers, int end)
    {
        var choice = new int[problem.Blocks.Count];
        long reduction = 0;
        for (int layer = layers.Count - 1, index = end; layer > 0; layer--)
        {
            var state = layers[layer][index];
            choice[layer - 1] = state.Option;
            if (state.Option >= 0)
            {
                reduction += problem.Blocks[layer - 1].Options[state.Option].ReductionUnits;
            }
            index = state.Parent;
        }
        return new KnapsackChoice(choice, layers[^1][end].Cost, reduction);
    }
}
