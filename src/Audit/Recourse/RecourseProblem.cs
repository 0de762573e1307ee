namespace Audit.Recourse;

/// <summary>One way of changing a block's features: the new values, the cost, and the reduction of the oriented score.</summary>
/// <param name="Values">New values of the block's features, in the block's order.</param>
/// <param name="Reduction">How far the change moves the explanation-space sum towards the favourable side (positive helps).</param>
/// <param name="Changes">How many of the block's inputs the option changes.</param>
public sealed record BlockOption(double[] Values, double Cost, double Reduction, long CostUnits, long ReductionUnits, int Changes = 1);

/// <summary>
/// Features that must be chosen together because an interaction term links them (most blocks hold one feature),
/// with the options that are worth considering: those that help, and among them only those that no cheaper option
/// beats (Pareto-optimal in cost and reduction).
/// </summary>
public sealed record RecourseBlock(int[] Features, IReadOnlyList<BlockOption> Options);

/// <summary>
/// One person's recourse as a multiple-choice knapsack: choose at most one option per block so that the total
/// reduction exceeds <see cref="Need"/> at least cost. Costs and reductions are also held as integers (CP-SAT takes
/// integers): a reduction is rounded down to <see cref="ReductionResolution"/> and the need up, so every integer
/// solution is a true solution; a cost is rounded to the nearest <see cref="CostResolution"/>. Both exact solvers
/// (<see cref="FrontierSolver"/>, <see cref="CpSatSolver"/>) solve the integer problem exactly.
/// </summary>
public sealed record RecourseProblem(IReadOnlyList<RecourseBlock> Blocks, double Need, long RequiredUnits)
{
    /// <summary>At most this many inputs may change (the plan's <c>max_changes</c>); null: no limit.</summary>
    public int? MaxChanges { get; init; }

    /// <summary>Score resolution, in explanation-space units (log-odds, points): 10⁻⁴.</summary>
    public const double ReductionResolution = 1e-4;

    /// <summary>Cost resolution: 10⁻⁴ (a hundredth of a percentile point).</summary>
    public const double CostResolution = 1e-4;

    /// <summary>
    /// The problem for blocks of raw options: drops options that do not help, scales, keeps the Pareto-optimal ones.
    /// <paramref name="need"/>: the total reduction must be strictly above it.
    /// </summary>
    public static RecourseProblem Of(IReadOnlyList<(int[] Features, IEnumerable<(double[] Values, double Cost, double Reduction, int Changes)> Options)> blocks, double need)
    {
        var kept = new List<RecourseBlock>();
        foreach (var (features, options) in blocks)
        {
            var scaled = options
                .Select(o => new BlockOption(o.Values, o.Cost, o.Reduction, CostUnitsOf(o.Cost), (long)Math.Floor(o.Reduction / ReductionResolution), o.Changes))
                .Where(o => o.ReductionUnits > 0)
                .OrderBy(o => o.CostUnits).ThenByDescending(o => o.ReductionUnits).ThenBy(o => o.Cost)
                .ToList();
            // Pareto-optimal in cost and reduction among options changing as many inputs (a limit on changes keeps the others apart).
            var pareto = new List<BlockOption>();
            foreach (var group in scaled.GroupBy(o => o.Changes).OrderBy(g => g.Key))
            {
                var front = new List<BlockOption>();
                foreach (var option in group)
                {
                    if (front.Count == 0 || option.ReductionUnits > front[^1].ReductionUnits)
                    {
                        if (front.Count > 0 && front[^1].CostUnits == option.CostUnits)
                        {
                            front[^1] = option;
                        }
                        else
                        {
                            front.Add(option);
                        }
                    }
                }
                pareto.AddRange(front);
            }
            if (pareto.Count > 0)
            {
                kept.Add(new RecourseBlock(features, pareto));
            }
        }
        var required = need < 0 ? 0 : (long)Math.Floor(need / ReductionResolution) + 1;
        return new RecourseProblem(kept, need, required);
    }

    public static long CostUnitsOf(double cost) => (long)Math.Round(cost / CostResolution, MidpointRounding.AwayFromZero);

    /// <summary>Whether even the largest reduction of every block together falls short: no recourse (a necessary condition only under a limit on changes).</summary>
    public bool Hopeless => Blocks.Sum(b => b.Options.Max(o => o.ReductionUnits)) < RequiredUnits;
}

/// <summary>The chosen option per block (−1: leave the block as it is), with the integer cost and reduction.</summary>
public sealed record KnapsackChoice(int[] Option, long CostUnits, long ReductionUnits);
