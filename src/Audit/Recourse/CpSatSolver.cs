using Google.OrTools.Sat;

namespace Audit.Recourse;

/// <summary>
/// Exact recourse with Google OR-Tools CP-SAT: one Boolean per block option, at most one per block, the integer
/// reductions must reach the requirement, minimise the integer cost. An INFEASIBLE status is CP-SAT's proof that no
/// change within the actionability model unflags the person. One search worker, so that runs are reproducible and
/// leave the other cores alone.
/// </summary>
public static class CpSatSolver
{
    /// <summary>Parameters for every solve: one worker, no time limit (the problems are small).</summary>
    internal const string Parameters = "num_workers:1";

    /// <summary>The cheapest choice, or null when CP-SAT proves there is none.</summary>
    public static KnapsackChoice? Solve(RecourseProblem problem)
    {
        var model = new CpModel();
        var chosen = new List<BoolVar[]>();
        var reductionTerms = new List<LinearExpr>();
        var costTerms = new List<LinearExpr>();
        foreach (var block in problem.Blocks)
        {
            var vars = block.Options.Select((_, o) => model.NewBoolVar($"b{chosen.Count}o{o}")).ToArray();
            model.AddAtMostOne(vars);
            for (var o = 0; o < vars.Length; o++)
            {
                reductionTerms.Add(block.Options[o].ReductionUnits * vars[o]);
                costTerms.Add(block.Options[o].CostUnits * vars[o]);
            }
            chosen.Add(vars);
        }
        model.Add(LinearExpr.Sum(reductionTerms) >= problem.RequiredUnits);
        if (problem.MaxChanges is { } limit)
        {
            var changes = problem.Blocks.SelectMany((block, b) => block.Options.Select((option, o) => option.Changes * chosen[b][o])).ToList();
            model.Add(LinearExpr.Sum(changes) <= limit);
        }
        model.Minimize(LinearExpr.Sum(costTerms));
        var solver = new CpSolver { StringParameters = Parameters };
        var status = solver.Solve(model);
        if (status == CpSolverStatus.Infeasible)
        {
            return null;
        }
        if (status != CpSolverStatus.Optimal)
        {
            throw new InvalidOperationException($"CP-SAT stopped with status {status} on a recourse problem.");
        }
        var choice = chosen.Select(vars => Array.FindIndex(vars, v => solver.BooleanValue(v))).ToArray();
        long reached = 0;
        for (var b = 0; b < choice.Length; b++)
        {
            reached += choice[b] >= 0 ? problem.Blocks[b].Options[choice[b]].ReductionUnits : 0;
        }
        return new KnapsackChoice(choice, (long)Math.Round(solver.ObjectiveValue), reached);
    }
}
