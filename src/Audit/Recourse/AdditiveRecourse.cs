using Audit.Models;
using Audit.Policy;

namespace Audit.Recourse;

/// <summary>
/// Builds each person's recourse problem for a model with the additive capability (<see cref="IAdditiveModel"/>):
/// actionable features that an interaction term links form one block whose joint options are enumerated; every other
/// actionable feature is a block of its own. A block's reduction is the change in the sum of the terms that read its
/// features, with the person's other inputs as they are, so blocks add up exactly. Term contributions come from the
/// model's own <see cref="IAdditiveModel.Contributions"/>, cached by the values of the term's inputs.
/// </summary>
public sealed class AdditiveRecourse
{
    /// <summary>The largest number of joint options a block may have before the model is treated as a black box.</summary>
    public const int MaxJointOptions = 100_000;

    private readonly IAdditiveModel additive;
    private readonly ActionabilityModel actions;
    private readonly int[][] termInputs;
    private readonly int[][] blocks;
    private readonly int[][] blockTerms;
    private readonly Dictionary<(int Term, double A, double B), double> cache = [];
    private readonly double[] contributions;

    /// <summary>Per block, the slope of its terms in its one numeric input when they are affine in it (found on the first person); null otherwise.</summary>
    private double?[]? slopes;

    public AdditiveRecourse(IAdditiveModel additive, ActionabilityModel actions)
    {
        this.additive = additive;
        this.actions = actions;
        var codec = actions.Codec;
        termInputs = Enumerable.Range(0, additive.TermNames.Count)
            .Select(t => additive.TermInputs(t).Select(codec.InputOf).Where(f => f >= 0).Distinct().ToArray())
            .ToArray();
        contributions = new double[additive.TermNames.Count];

        // Union-find over actionable features linked by a term.
        var parent = Enumerable.Range(0, codec.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var inputs in termInputs)
        {
            var mutable = inputs.Where(f => actions.Rules[f].IsActionable).ToArray();
            for (var i = 1; i < mutable.Length; i++)
            {
                parent[Find(mutable[i])] = Find(mutable[0]);
            }
        }
        blocks = Enumerable.Range(0, codec.Count).Where(f => actions.Rules[f].IsActionable)
            .GroupBy(Find).Select(g => g.Order().ToArray()).OrderBy(b => b[0]).ToArray();
        blockTerms = blocks.Select(b => Enumerable.Range(0, termInputs.Length).Where(t => termInputs[t].Any(b.Contains)).ToArray()).ToArray();
    }

    /// <summary>
    /// A copy for another thread: the same model, rules, blocks and slopes (<see cref="SlopesKnown"/>), with its own
    /// cache of contributions and scratch space, so that people can be solved side by side. The cache only saves
    /// calls to the model: a contribution is the same whichever copy computed it.
    /// </summary>
    private AdditiveRecourse(AdditiveRecourse shared)
    {
        additive = shared.additive;
        actions = shared.actions;
        termInputs = shared.termInputs;
        blocks = shared.blocks;
        blockTerms = shared.blockTerms;
        contributions = new double[shared.contributions.Length];
        slopes = shared.slopes;
    }

    /// <summary>Whether the slopes have been found (on the first person whose problem was built): copies made after share them.</summary>
    internal bool SlopesKnown => slopes is not null;

    /// <summary>A copy for another thread (see the private constructor).</summary>
    internal AdditiveRecourse Worker() => new(this);

    /// <summary>The blocks of actionable features (indices into the codec).</summary>
    public IReadOnlyList<int[]> Blocks => blocks;

    /// <summary>
    /// The explanation-space sum of a row of inputs: the intercept plus every term, from the model's own contributions.
    /// </summary>
    public double SumOf(double[] values)
    {
        var sum = additive.Intercept;
        for (var t = 0; t < termInputs.Length; t++)
        {
            sum += Contribution(t, values);
        }
        return sum;
    }

    /// <summary>
    /// The person's problem: <paramref name="boundary"/> and <paramref name="orientation"/> from
    /// <see cref="DecisionTarget.InSumSpace"/>.
    /// </summary>
    public RecourseProblem ProblemFor(double[] person, double boundary, int orientation)
    {
        var current = SumOf(person);
        var need = orientation * (current - boundary);
        var raw = new List<(int[] Features, IEnumerable<(double[] Values, double Cost, double Reduction, int Changes)> Options, ContinuousLever? Lever)>();
        var scratch = (double[])person.Clone();
        var options = new List<FeatureOption>();
        slopes ??= Slopes(person);
        var levers = slopes.Count(v => v is not null and not 0);
        for (var b = 0; b < blocks.Length; b++)
        {
            var block = blocks[b];
            if (slopes[b] is { } slope && slope != 0 && !double.IsNaN(person[block[0]]))
            {
                raw.Add(LeverBlock(block[0], person[block[0]], orientation, slope, levers > 1));
                continue;
            }
            var perFeature = new List<FeatureOption[]>();
            long joint = 1;
            foreach (var f in block)
            {
                actions.OptionsFor(f, person[f], options);
                perFeature.Add([new FeatureOption(person[f], 0), .. options]);
                joint *= perFeature[^1].Length;
            }
            if (joint > MaxJointOptions)
            {
                throw new InvalidOperationException($"An interaction links features with {joint} joint options; exact recourse caps a block at {MaxJointOptions}.");
            }
            raw.Add((block, JointOptions(b, block, perFeature, person, scratch, orientation), null));
        }
        return RecourseProblem.Of(raw, need);
    }

    /// <summary>
    /// Every joint option of block <paramref name="b"/> that lowers the score (an odometer over its features' options,
    /// "no change" skipped), with its values, cost, reduction and number of changed inputs; <paramref name="scratch"/>
    /// holds <paramref name="person"/>'s values again on return.
    /// </summary>
    private List<(double[] Values, double Cost, double Reduction, int Changes)> JointOptions(int b, int[] block, List<FeatureOption[]> perFeature, double[] person, double[] scratch, int orientation)
    {
        var before = 0.0;
        foreach (var t in blockTerms[b])
        {
            before += Contribution(t, person);
        }
        var found = new List<(double[] Values, double Cost, double Reduction, int Changes)>();
        var digits = new int[block.Length];
        while (true)
        {
            // Next joint option (odometer); the all-zero start is "no change", skipped.
            var k = 0;
            while (k < digits.Length && ++digits[k] == perFeature[k].Length)
            {
                digits[k++] = 0;
            }
            if (k == digits.Length)
            {
                break;
            }
            var cost = 0.0;
            for (var i = 0; i < block.Length; i++)
            {
                var option = perFeature[i][digits[i]];
                cost += option.Cost;
                scratch[block[i]] = option.Value;
            }
            var after = 0.0;
            foreach (var t in blockTerms[b])
            {
                after += Contribution(t, scratch);
            }
            var reduction = orientation * (before - after);
            if (!RecourseProblem.Helps(reduction))
            {
                // Dropped by RecourseProblem.Of anyway: not listed, so no row of values is allocated for it (issue 21).
                continue;
            }
            var values = new double[block.Length];
            var changes = 0;
            for (var i = 0; i < block.Length; i++)
            {
                values[i] = perFeature[i][digits[i]].Value;
                changes += digits[i] != 0 ? 1 : 0;
            }
            found.Add((values, cost, reduction, changes));
        }
        foreach (var f in block)
        {
            scratch[f] = person[f];
        }
        return found;
    }

    /// <summary>
    /// The block of a numeric input whose terms are affine in it (slope <paramref name="slope"/> in the explanation
    /// space): its listed options (grid, breakpoints, the reach each way), the farthest value of each cost class when
    /// another lever may combine with it, and the lever itself, which can complete any requirement in closed form.
    /// </summary>
    private (int[], IEnumerable<(double[], double, double, int)>, ContinuousLever?) LeverBlock(int feature, double from, int orientation, double slope, bool combined)
    {
        // Moving by Δ changes the oriented sum by −orientation · slope · Δ: lowering the input helps when that is positive for Δ < 0.
        var direction = -orientation * slope > 0 ? 1 : -1;
        var perUnit = Math.Abs(slope);
        var values = new List<double>();
        var options = new List<FeatureOption>();
        actions.OptionsFor(feature, from, options);
        values.AddRange(options.Select(o => o.Value));
        if (combined && actions.Reach(feature, from, direction) is { } reach)
        {
            actions.ClassExtremes(feature, from, direction, reach, values);
        }
        // Each value once, in order of first listing (as LINQ's Distinct), without the iterator chain (issue 21).
        var found = new List<(double[], double, double, int)>(values.Count);
        var seen = new HashSet<double>(values.Count);
        foreach (var v in values)
        {
            if (seen.Add(v))
            {
                found.Add((new[] { v }, actions.Cost(feature, from, v), -orientation * slope * (v - from), 1));
            }
        }
        // The nearest value that reduces the score by at least `wanted` (and `units` once rounded down), if the rules allow it.
        BlockOption? Reaching(double wanted, long units)
        {
            var target = from + direction * wanted / perUnit;
            for (var attempt = 0; attempt < 4; attempt++)
            {
                if (actions.AtOrBeyond(feature, from, target, direction) is not { } value)
                {
                    return null;
                }
                var reduction = perUnit * direction * (value - from);
                var reached = (long)Math.Floor(reduction / RecourseProblem.ReductionResolution);
                if (reduction >= wanted && reached >= units)
                {
                    var cost = actions.Cost(feature, from, value);
                    return new BlockOption([value], cost, reduction, RecourseProblem.CostUnitsOf(cost), reached);
                }
                // Rounding left it a hair short: one representable value (or lattice point) farther.
                target = direction > 0 ? Math.BitIncrement(value) : Math.BitDecrement(value);
            }
            return null;
        }
        return ([feature], found, new ContinuousLever(feature, from, direction, perUnit,
            units => Reaching(units * RecourseProblem.ReductionResolution, units), wanted => Reaching(wanted, 0)));
    }

    /// <summary>
    /// Per block, the slope of its terms in its input when the block is one numeric input read by no other and the
    /// terms are affine in it (a linear term: checked on the input's grid and the midpoints between, against the line
    /// through the range's ends, to a millionth of the terms' scale, which single-precision runtimes meet); null for
    /// binned terms and anything else. Checked once, on the first person's other inputs.
    /// </summary>
    private double?[] Slopes(double[] person)
    {
        var result = new double?[blocks.Length];
        var scratch = (double[])person.Clone();
        for (var b = 0; b < blocks.Length; b++)
        {
            var feature = blocks[b][0];
            if (blocks[b].Length != 1 || actions.Codec.TypeOf(feature) != Data.ColumnType.Numeric || blockTerms[b].Any(t => termInputs[t].Length != 1)
                || actions.GridOf(feature) is not { Count: >= 2 } grid)
            {
                continue;
            }
            double Effect(double v)
            {
                scratch[feature] = v;
                var sum = 0.0;
                foreach (var t in blockTerms[b])
                {
                    sum += Contribution(t, scratch);
                }
                return sum;
            }
            var probes = grid.Concat(grid.Zip(grid.Skip(1), (a, c) => (a + c) / 2)).ToArray();
            var (first, last) = (grid[0], grid[^1]);
            var (atFirst, atLast) = (Effect(first), Effect(last));
            var slope = (atLast - atFirst) / (last - first);
            var scale = probes.Max(v => Math.Abs(atFirst) + Math.Abs(slope * (v - first)));
            result[b] = probes.All(v => Math.Abs(Effect(v) - (atFirst + slope * (v - first))) <= AffineTolerance * scale) && !double.IsNaN(slope) ? slope : null;
            scratch[feature] = person[feature];
        }
        return result;
    }

    /// <summary>How far from a line a block's effect may stray and still count as affine, relative to its scale (single precision is about 6e-8).</summary>
    private const double AffineTolerance = 1e-6;

    /// <summary>
    /// The row of a choice with its continuous levers brought back as near the person's values as the rest of the
    /// change allows, one after the other: a lever the rest does without goes back to the person's value, and the last
    /// one stops where the score passes the cut-off by one resolution step of the explanation space (or at the next
    /// lattice point beyond). Costs only grow with the distance moved, so the change stays the cheapest. Stepped levers
    /// come back first and continuous ones last, so a continuous lever, when one moves, is the one that meets the cut-off.
    /// </summary>
    public double[] PullBack(double[] person, RecourseProblem problem, KnapsackChoice choice)
    {
        var row = Apply(person, problem, choice);
        var total = 0.0;
        var levers = new List<ContinuousLever>();
        for (var b = 0; b < problem.Blocks.Count; b++)
        {
            if (choice.OptionOf(problem, b) is not { } option)
            {
                continue;
            }
            total += option.Reduction;
            if (problem.Blocks[b].Lever is { } lever && !row[lever.Feature].Equals(person[lever.Feature]))
            {
                levers.Add(lever);
            }
        }
        foreach (var lever in levers.OrderBy(l => actions.LatticeOf(l.Feature) is null ? 1 : 0))
        {
            var feature = lever.Feature;
            var own = lever.ReductionPerUnit * lever.Direction * (row[feature] - lever.From);
            var wanted = problem.Need - (total - own) + RecourseProblem.ReductionResolution;
            var value = wanted <= 0 ? lever.From : lever.Reaching(wanted)?.Values[0];
            if (value is { } v && lever.Direction * (v - row[feature]) <= 0
                && actions.Cost(feature, person[feature], v) <= actions.Cost(feature, person[feature], row[feature]))
            {
                row[feature] = v;
                total += lever.ReductionPerUnit * lever.Direction * (v - lever.From) - own;
            }
        }
        return row;
    }

    /// <summary>The person's row with a choice applied.</summary>
    public static double[] Apply(double[] person, RecourseProblem problem, KnapsackChoice choice)
    {
        var row = (double[])person.Clone();
        for (var b = 0; b < problem.Blocks.Count; b++)
        {
            if (choice.OptionOf(problem, b) is { } option)
            {
                var block = problem.Blocks[b];
                for (var i = 0; i < block.Features.Length; i++)
                {
                    row[block.Features[i]] = option.Values[i];
                }
            }
        }
        return row;
    }

    private double Contribution(int term, double[] values)
    {
        var inputs = termInputs[term];
        if (inputs.Length > 2)
        {
            Evaluate(values);
            return contributions[term];
        }
        var key = (term, inputs.Length > 0 ? values[inputs[0]] : double.NaN, inputs.Length > 1 ? values[inputs[1]] : double.NaN);
        if (cache.TryGetValue(key, out var value))
        {
            return value;
        }
        Evaluate(values);
        return contributions[term];
    }

    /// <summary>Every term's contribution for one row, from the model itself; cached for terms of at most two inputs.</summary>
    private void Evaluate(double[] values)
    {
        var table = actions.Codec.Build([values]);
        additive.Contributions(table, 0, contributions);
        for (var t = 0; t < termInputs.Length; t++)
        {
            var inputs = termInputs[t];
            if (inputs.Length <= 2)
            {
                cache[(t, inputs.Length > 0 ? values[inputs[0]] : double.NaN, inputs.Length > 1 ? values[inputs[1]] : double.NaN)] = contributions[t];
            }
        }
        if (cache.Count > 1_000_000)
        {
            // Continuous inputs make most current values unique: keep the cache from growing without bound.
            cache.Clear();
        }
    }
}
