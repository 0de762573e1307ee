using Audit.Models;

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
        var raw = new List<(int[] Features, IEnumerable<(double[] Values, double Cost, double Reduction, int Changes)> Options)>();
        var scratch = (double[])person.Clone();
        var options = new List<FeatureOption>();
        for (var b = 0; b < blocks.Length; b++)
        {
            var block = blocks[b];
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
                var values = new double[block.Length];
                var cost = 0.0;
                for (var i = 0; i < block.Length; i++)
                {
                    var option = perFeature[i][digits[i]];
                    values[i] = option.Value;
                    cost += option.Cost;
                    scratch[block[i]] = option.Value;
                }
                var after = 0.0;
                foreach (var t in blockTerms[b])
                {
                    after += Contribution(t, scratch);
                }
                found.Add((values, cost, orientation * (before - after), digits.Count(d => d != 0)));
            }
            foreach (var f in block)
            {
                scratch[f] = person[f];
            }
            raw.Add((block, found));
        }
        return RecourseProblem.Of(raw, need);
    }

    /// <summary>The person's row with a choice applied.</summary>
    public static double[] Apply(double[] person, RecourseProblem problem, KnapsackChoice choice)
    {
        var row = (double[])person.Clone();
        for (var b = 0; b < problem.Blocks.Count; b++)
        {
            if (choice.Option[b] >= 0)
            {
                var block = problem.Blocks[b];
                var option = block.Options[choice.Option[b]];
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
