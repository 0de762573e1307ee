namespace Audit.Recourse;

/// <summary>
/// Exact recourse for additive models with separable costs: a dynamic programme over the discretised score
/// reduction. After block b, for every reachable reduction (capped at the requirement) only the cheapest way of
/// reaching it is kept, and only states that no cheaper state beats on reduction (the Pareto frontier), so the
/// frontier never holds more than <c>RequiredUnits + 1</c> states. Returns the minimum integer cost, as CP-SAT
/// does on the same integers (the tests check it).
/// </summary>
public static class FrontierSolver
{
    private readonly record struct State(long Cost, long Reduction, int Parent, int Option, int Changes);

    /// <summary>The cheapest choice reaching the required reduction, or null when none does (no recourse).</summary>
    public static KnapsackChoice? Solve(RecourseProblem problem)
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
        var limit = problem.MaxChanges;
        var layers = new List<State[]>(problem.Blocks.Count + 1) { new[] { new State(0, 0, -1, -1, 0) } };
        var candidates = new List<State>();
        foreach (var block in problem.Blocks)
        {
            var previous = layers[^1];
            candidates.Clear();
            for (var s = 0; s < previous.Length; s++)
            {
                var state = previous[s];
                candidates.Add(state with { Parent = s, Option = -1 });
                if (state.Reduction >= required)
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
        var last = layers[^1];
        var end = Array.FindIndex(last, s => s.Reduction >= required);
        if (end < 0)
        {
            return null;
        }
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
        return new KnapsackChoice(choice, last[end].Cost, reduction);
    }
}
