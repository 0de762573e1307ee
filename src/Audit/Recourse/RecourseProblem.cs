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
public sealed record RecourseBlock(int[] Features, IReadOnlyList<BlockOption> Options)
{
    /// <summary>When the block is one numeric input whose effect is affine in its value: any value up to its reach, not only the listed options.</summary>
    public ContinuousLever? Lever { get; init; }
}

/// <summary>
/// A numeric input whose block's effect on the score is affine in its value (a linear term), so that the cheapest
/// value reaching a given reduction is found in closed form: the value where the term makes up exactly that
/// reduction, on the lattice if the input has one, if the rules allow it. Costs only grow with the distance moved
/// (percentile shift, per unit or flat), so no value nearer the person's reaches it more cheaply.
/// </summary>
/// <param name="Direction">+1 when raising the input helps, −1 when lowering it does.</param>
/// <param name="ReductionPerUnit">Reduction of the oriented score per unit of the input moved in <paramref name="Direction"/> (positive).</param>
/// <param name="Completing">The option that reduces the score by at least the given number of resolution units; null beyond the reach.</param>
/// <param name="Reaching">The option that reduces the score by at least the given amount (explanation space); null beyond the reach.</param>
public sealed record ContinuousLever(int Feature, double From, int Direction, double ReductionPerUnit, Func<long, BlockOption?> Completing, Func<double, BlockOption?> Reaching);

/// <summary>
/// One person's recourse as a multiple-choice knapsack: choose at most one option per block so that the total
/// reduction exceeds <see cref="Need"/> at least cost. Costs and reductions are also held as integers (CP-SAT takes
/// integers): a reduction is rounded down to <see cref="ReductionResolution"/> and the need up, plus one step
/// (<see cref="RequiredFor"/>), so every integer solution passes the cut-off by at least one step; a cost is rounded
/// to the nearest <see cref="CostResolution"/>. Both exact solvers
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
    public static RecourseProblem Of(IReadOnlyList<(int[] Features, IEnumerable<(double[] Values, double Cost, double Reduction, int Changes)> Options, ContinuousLever? Lever)> blocks, double need)
    {
        var kept = new List<RecourseBlock>();
        foreach (var (features, options, lever) in blocks)
        {
            // The options that reduce the score, ordered by changes, then cost units, larger reduction first, then cost,
            // then as listed: the order of the stable LINQ sort and grouping this replaces (issue 21), with the listing
            // index as the last key, so an unstable sort gives the same order. Only the Pareto-optimal options become
            // BlockOptions.
            var listed = options as IReadOnlyList<(double[] Values, double Cost, double Reduction, int Changes)> ?? [.. options];
            var scaled = new List<ScaledOption>(listed.Count);
            for (var i = 0; i < listed.Count; i++)
            {
                var o = listed[i];
                if (Helps(o.Reduction))
                {
                    var reductionUnits = (long)Math.Floor(o.Reduction / ReductionResolution);
                    scaled.Add(new ScaledOption(o.Changes, CostUnitsOf(o.Cost), reductionUnits, o.Cost, i));
                }
            }
            scaled.Sort(static (x, y) =>
            {
                var c = x.Changes.CompareTo(y.Changes);
                if (c == 0)
                {
                    c = x.CostUnits.CompareTo(y.CostUnits);
                }
                if (c == 0)
                {
                    c = y.ReductionUnits.CompareTo(x.ReductionUnits);
                }
                if (c == 0)
                {
                    c = x.Cost.CompareTo(y.Cost);
                }
                return c != 0 ? c : x.Index.CompareTo(y.Index);
            });
            // Pareto-optimal in cost and reduction among options changing as many inputs (a limit on changes keeps the others apart).
            var pareto = new List<BlockOption>();
            var front = new List<ScaledOption>();
            for (var start = 0; start < scaled.Count;)
            {
                var changes = scaled[start].Changes;
                front.Clear();
                var end = start;
                for (; end < scaled.Count && scaled[end].Changes == changes; end++)
                {
                    var option = scaled[end];
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
                foreach (var kept1 in front)
                {
                    var o = listed[kept1.Index];
                    pareto.Add(new BlockOption(o.Values, o.Cost, o.Reduction, kept1.CostUnits, kept1.ReductionUnits, o.Changes));
                }
                start = end;
            }
            if (pareto.Count > 0)
            {
                kept.Add(new RecourseBlock(features, pareto) { Lever = lever });
            }
        }
        return new RecourseProblem(kept, need, RequiredFor(need));
    }

    /// <summary>Whether a reduction counts at least one resolution step (the options <see cref="Of"/> keeps).</summary>
    internal static bool Helps(double reduction) => (long)Math.Floor(reduction / ReductionResolution) > 0;

    /// <summary>An option's sort keys and its index in the block's listing.</summary>
    private readonly record struct ScaledOption(int Changes, long CostUnits, long ReductionUnits, double Cost, int Index);

    /// <summary>
    /// The integer requirement: at least <paramref name="need"/> plus one resolution step, in whole resolution units.
    /// A person is flagged at the cut-off itself, so a change must pass it; passing by at least 10⁻⁴ of the explanation
    /// space makes the margin a stated one (and keeps a value printed to six digits off the cut-off).
    /// </summary>
    public static long RequiredFor(double need) => need < 0 ? 0 : (long)Math.Ceiling(need / ReductionResolution) + 1;

    public static long CostUnitsOf(double cost) => (long)Math.Round(cost / CostResolution, MidpointRounding.AwayFromZero);

    /// <summary>Whether even the largest reduction of every block together falls short: no recourse (a necessary condition only under a limit on changes).</summary>
    public bool Hopeless => Blocks.Sum(b => b.Options.Max(o => o.ReductionUnits)) < RequiredUnits;
}

/// <summary>The chosen option per block (−1: leave the block as it is), with the integer cost and reduction.</summary>
public sealed record KnapsackChoice(int[] Option, long CostUnits, long ReductionUnits)
{
    /// <summary>The block a continuous lever completes (−1: none), with <see cref="Completion"/>, the lever's value there.</summary>
    public int CompletedBlock { get; init; } = -1;

    public BlockOption? Completion { get; init; }

    /// <summary>The option chosen for block <paramref name="b"/>, or null when the block stays as it is.</summary>
    public BlockOption? OptionOf(RecourseProblem problem, int b) =>
        b == CompletedBlock ? Completion : Option[b] >= 0 ? problem.Blocks[b].Options[Option[b]] : null;
}
