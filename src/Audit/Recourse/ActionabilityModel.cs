using Audit.Data;
using Audit.Models;

namespace Audit.Recourse;

/// <summary>A value a person could move a feature to, and what the move costs.</summary>
public readonly record struct FeatureOption(double Value, double Cost);

/// <summary>
/// What a person can change and at what cost, for every input of the model (docs/recourse.md): whether the feature
/// is immutable, a legal event, increase-only, decrease-only or free; the values it may take (a grid over its range,
/// the model's own breakpoints, or the allowed levels); and the cost of a move. The default cost of a numeric or
/// boolean move is the shift in the feature's population percentile, |Q(new) − Q(old)| with Q the empirical
/// distribution function (Ustun, Spangher and Liu, "Actionable Recourse in Linear Classification", FAT* 2019,
/// section 3), times the feature's cost weight; a category change costs a flat <c>change_cost</c> (default
/// <see cref="DefaultChangeCost"/>). Ranges default to the population's 1st to 99th percentile, as in Ustun et al.'s
/// ActionSet.
/// </summary>
public sealed class ActionabilityModel
{
    /// <summary>Cost of a category change when the plan gives none: half the population's range, a stated convention.</summary>
    public const double DefaultChangeCost = 0.5;

    /// <summary>Quantiles that bound a numeric range by default (Ustun et al.'s ActionSet: 1st to 99th percentile).</summary>
    public const double LowQuantile = 0.01;

    public const double HighQuantile = 0.99;

    private readonly double[][] sorted;
    private readonly double[][] grids;
    private readonly bool?[] wholeNumbers;

    private ActionabilityModel(FeatureCodec codec, FeatureRule[] rules, double[][] sorted, double[][] grids, IReadOnlyList<double>[] breaks)
    {
        Breakpoints = breaks;
        Codec = codec;
        Rules = rules;
        this.sorted = sorted;
        this.grids = grids;
        wholeNumbers = new bool?[sorted.Length];
    }

    public FeatureCodec Codec { get; }

    /// <summary>One rule per model input, in the codec's order.</summary>
    public IReadOnlyList<FeatureRule> Rules { get; }

    /// <summary>Per feature, the values where the model's output jumps (bin edges, split thresholds), when known.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Breakpoints { get; }

    /// <summary>The population's value at quantile q of a numeric or boolean feature (an order statistic); NaN without values.</summary>
    public double ValueAtPercentile(int feature, double q) =>
        sorted[feature].Length == 0 ? double.NaN : Quantile(sorted[feature], Math.Clamp(q, 0, 1));

    /// <summary>Whether every known value of the feature is a whole number (worked out once per feature).</summary>
    public bool WholeNumbers(int feature) => (wholeNumbers[feature] ??= sorted[feature].All(v => v == Math.Floor(v)));

    /// <summary>The candidate values of a numeric feature (empty for other types).</summary>
    public IReadOnlyList<double> GridOf(int feature) => grids[feature];

    /// <summary>
    /// Builds the rules from the model spec's declared actionability, the plan's overrides and the population.
    /// <paramref name="breakpoints"/> gives, per feature, values where the model's output jumps (bin edges, tree
    /// thresholds): each is added to the grid with the value just below it, so that the cheapest move across it is
    /// on the grid.
    /// </summary>
    public static ActionabilityModel Build(IScoringModel model, Table population, RecourseOptions options,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? breakpoints = null, string? planFile = null)
    {
        foreach (var group in options.OneHot)
        {
            foreach (var member in group.Members)
            {
                if (model.Features.FirstOrDefault(f => f.Name == member) is not { } input || input.Type == ColumnType.Categorical)
                {
                    throw new AuditInputException($"'{member}' is not a boolean input of the model", file: planFile, line: group.Line, keyPath: group.KeyPath,
                        expected: "boolean (0/1) inputs of the model, one per category", found: member);
                }
            }
            if (model.Features.Any(f => f.Name == group.Name))
            {
                throw new AuditInputException($"the one-hot group's name '{group.Name}' is already an input of the model", file: planFile, line: group.Line, keyPath: group.KeyPath,
                    hint: "name the group after the category it encodes, e.g. 'region'");
            }
        }
        var codec = new FeatureCodec(population, model.Features, options.OneHot);
        foreach (var rule in options.Features)
        {
            if (options.OneHot.FirstOrDefault(g => g.Members.Contains(rule.Feature)) is { } owner)
            {
                throw new AuditInputException($"'{rule.Feature}' belongs to the one-hot group '{owner.Name}'", file: planFile, line: rule.Line, keyPath: rule.KeyPath,
                    hint: $"give the rule under '{owner.Name}' (its levels are the group's columns)");
            }
            if (!codec.Features.Any(f => f.Name == rule.Feature))
            {
                var names = codec.Features.Select(f => f.Name).ToArray();
                var suggestion = Yaml.NameSuggestion.Closest(rule.Feature, names);
                throw new AuditInputException($"the model has no input '{rule.Feature}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                    file: planFile, line: rule.Line, keyPath: rule.KeyPath, expected: "one of " + string.Join(", ", names), found: rule.Feature);
            }
        }
        var spec = model as LinearModel;
        var rules = new FeatureRule[codec.Count];
        var sortedValues = new double[codec.Count][];
        var grids = new double[codec.Count][];
        for (var f = 0; f < codec.Count; f++)
        {
            var name = codec.Features[f].Name;
            var type = codec.TypeOf(f);
            var plan = options.Features.FirstOrDefault(r => r.Feature == name);
            // A one-hot group takes its members' declared actionability when they all declare the same.
            var members = options.OneHot.FirstOrDefault(g => g.Name == name)?.Members ?? [name];
            var declaredAll = members.Select(m => spec?.Terms.FirstOrDefault(t => t.Feature == m)?.Info?.Actionability).Distinct().ToArray();
            var declared = declaredAll.Length == 1 ? declaredAll[0] : null;
            var actionability = plan?.Actionability ?? declared ?? Actionability.Immutable;
            var origin = plan?.Actionability is not null ? "plan" : declared is not null ? "model spec" : "not stated (treated as immutable)";
            if (type == ColumnType.Categorical && actionability is Actionability.IncreaseOnly or Actionability.DecreaseOnly)
            {
                throw new AuditInputException($"'{name}' is categorical: its levels have no order to increase or decrease along",
                    file: planFile, line: plan?.Line, keyPath: plan?.KeyPath, expected: "immutable, free or legal_event for a categorical feature");
            }
            var values = type == ColumnType.Categorical ? [] : SortedWithoutMissing(codec.ReadColumn(f));
            sortedValues[f] = values;
            double? low = null, high = null;
            if (type == ColumnType.Numeric && values.Length > 0)
            {
                low = plan?.Min ?? Quantile(values, LowQuantile);
                high = plan?.Max ?? Quantile(values, HighQuantile);
            }
            IReadOnlyList<string>? levels = null;
            if (plan?.Levels is { } allowed)
            {
                var known = codec.LevelsOf(f);
                foreach (var level in allowed.Where(l => !known.Contains(l)))
                {
                    throw new AuditInputException($"'{name}' has no level '{level}' in the data", file: planFile, line: plan.Line, keyPath: plan.KeyPath + ".levels",
                        expected: "one of " + string.Join(", ", known), found: level);
                }
                levels = allowed;
            }
            var rule = new FeatureRule(name, type, actionability, origin, plan ?? new FeatureRuleOverride(name, 0, ""))
            {
                Min = low,
                Max = high,
                Levels = levels,
                ChangeCost = plan?.ChangeCost ?? (type == ColumnType.Categorical ? DefaultChangeCost : null),
            };
            rules[f] = rule;
            grids[f] = type == ColumnType.Numeric && rule.IsActionable && low is { } lo && high is { } hi
                ? GridFor(values, lo, hi, rule.Step, options.Grid, breakpoints?.GetValueOrDefault(name))
                : [];
        }
        var breaks = codec.Features.Select(f => breakpoints?.GetValueOrDefault(f.Name) ?? []).ToArray();
        return new ActionabilityModel(codec, rules, sortedValues, grids, breaks);
    }

    /// <summary>Q(v): the share of the population at or below v (the empirical distribution function).</summary>
    public double Percentile(int feature, double value)
    {
        var values = sorted[feature];
        if (values.Length == 0)
        {
            return 0;
        }
        // Upper bound: the number of values ≤ value.
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return (double)lo / values.Length;
    }

    /// <summary>The cost of moving feature <paramref name="feature"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public double Cost(int feature, double from, double to)
    {
        if (from.Equals(to))
        {
            return 0;
        }
        var rule = Rules[feature];
        if (rule.Type == ColumnType.Categorical || rule.ChangeCost is not null)
        {
            return (rule.ChangeCost ?? DefaultChangeCost) * rule.CostWeight;
        }
        if (rule.CostPerUnit is { } perUnit)
        {
            return Math.Abs(to - from) * perUnit * rule.CostWeight;
        }
        return Math.Abs(Percentile(feature, to) - Percentile(feature, from)) * rule.CostWeight;
    }

    /// <summary>Whether moving from <paramref name="from"/> to <paramref name="to"/> respects the feature's rule (range, direction, levels).</summary>
    public bool Allows(int feature, double from, double to)
    {
        if (from.Equals(to))
        {
            return true;
        }
        var rule = Rules[feature];
        if (!rule.IsActionable || double.IsNaN(from) || double.IsNaN(to))
        {
            return false;
        }
        if (rule.Actionability == Actionability.IncreaseOnly && to < from || rule.Actionability == Actionability.DecreaseOnly && to > from)
        {
            return false;
        }
        return rule.Type switch
        {
            ColumnType.Numeric => to >= rule.Min && to <= rule.Max && (rule.MaxChange is not { } reach || Math.Abs(to - from) <= reach),
            ColumnType.Boolean => to is 0 or 1,
            _ => rule.Levels is null || rule.Levels.Contains(Codec.LevelsOf(feature)[(int)to]),
        };
    }

    /// <summary>Every move a person whose value is <paramref name="current"/> may make on a feature, with its cost.</summary>
    public void OptionsFor(int feature, double current, List<FeatureOption> options)
    {
        options.Clear();
        var rule = Rules[feature];
        if (!rule.IsActionable || double.IsNaN(current))
        {
            return;
        }
        IEnumerable<double> candidates = rule.Type switch
        {
            ColumnType.Numeric => grids[feature],
            ColumnType.Boolean => [0.0, 1.0],
            _ => Enumerable.Range(0, Codec.LevelsOf(feature).Count).Select(c => (double)c),
        };
        foreach (var value in candidates)
        {
            if (!value.Equals(current) && Allows(feature, current, value))
            {
                options.Add(new FeatureOption(value, Cost(feature, current, value)));
            }
        }
    }

    /// <summary>
    /// The value just below a breakpoint: one step, one unit for whole-number data, or two millionths of the value.
    /// Two, because a tree's breakpoint is its threshold t plus a millionth of |t| (<see cref="TreeRecourse"/>): for a
    /// negative t one millionth below that edge would still be above t, on the same side of the split (review finding).
    /// </summary>
    internal static double JustBelow(double edge, double? step, bool wholeNumbers) =>
        edge - (step ?? (wholeNumbers ? 1 : Math.Max(Math.Abs(edge) * 2e-6, 2e-9)));

    /// <summary>The order statistic at quantile q (type 1, a value that occurs in the data).</summary>
    /// <summary>
    /// The values that are not missing, in ascending order, sorted in place (the column is a fresh copy): Array.Sort on
    /// primitives rather than LINQ's Order() (see docs/benchmarks.md, "National scale").
    /// </summary>
    internal static double[] SortedWithoutMissing(double[] values)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                values[n++] = values[i];
            }
        }
        Array.Sort(values, 0, n);
        if (n < values.Length)
        {
            Array.Resize(ref values, n);
        }
        return values;
    }

    private static double Quantile(double[] sortedValues, double q) =>
        sortedValues[Math.Clamp((int)Math.Ceiling(q * sortedValues.Length) - 1, 0, sortedValues.Length - 1)];

    /// <summary>
    /// A numeric feature's candidate values: the range's ends, then either every step from the low end or
    /// <paramref name="points"/> population quantiles between the ends, plus the model's breakpoints in the range and
    /// the value just below each (one step, one unit for whole-number data, or a millionth of the value).
    /// </summary>
    private static double[] GridFor(double[] sortedValues, double low, double high, double? step, int points, IReadOnlyList<double>? breaks)
    {
        var grid = new SortedSet<double> { low, high };
        if (step is { } s)
        {
            for (var k = 1; low + k * s < high && k < 1000; k++)
            {
                grid.Add(low + k * s);
            }
        }
        else
        {
            for (var k = 0; k < points; k++)
            {
                var q = LowQuantile + (HighQuantile - LowQuantile) * k / (points - 1);
                var v = Quantile(sortedValues, q);
                if (v >= low && v <= high)
                {
                    grid.Add(v);
                }
            }
        }
        var wholeNumbers = sortedValues.All(v => v == Math.Floor(v));
        foreach (var breakpoint in breaks ?? [])
        {
            // Whole-number data moves to the first whole number past a threshold such as 4.5.
            var edge = wholeNumbers ? Math.Ceiling(breakpoint) : breakpoint;
            var below = JustBelow(edge, step, wholeNumbers);
            foreach (var v in new[] { edge, below })
            {
                if (v >= low && v <= high)
                {
                    grid.Add(v);
                }
            }
        }
        return [.. grid];
    }
}

/// <summary>The actionability of one model input, as the recourse audit applies it: the plan's rule, resolved.</summary>
/// <param name="Origin">Where the actionability comes from: "plan", "model spec" or "not stated (treated as immutable)".</param>
/// <param name="Given">What the plan says about the input (an empty rule when it says nothing).</param>
public sealed record FeatureRule(string Feature, ColumnType Type, Actionability Actionability, string Origin, FeatureRuleOverride Given)
{
    /// <summary>The range's ends: the plan's, else the population's 1st and 99th percentiles (numeric features).</summary>
    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>The levels a person may move to (categorical features; null: any).</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>The flat cost of a change, when the plan gives one or the feature is categorical.</summary>
    public double? ChangeCost { get; init; }

    public double CostWeight => Given.CostWeight ?? 1;

    public bool LegalEvent => Given.LegalEvent;

    public double? Step => Given.Step;

    /// <summary>The largest change one person can make (numeric features).</summary>
    public double? MaxChange => Given.MaxChange;

    public double? CostPerUnit => Given.CostPerUnit;

    public string? Note => Given.Note;

    /// <summary>Whether recourse may move it: not immutable and not a legal event.</summary>
    public bool IsActionable => Actionability != Actionability.Immutable && !LegalEvent;
}
