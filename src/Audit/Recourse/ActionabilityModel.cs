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

    /// <summary>
    /// Bounds (a range's ends, <c>max_change</c>, the lattice of a <c>step</c>) are compared with this tolerance,
    /// relative to the largest magnitude among the values compared: binary fractions make 42.2 − 27.2 come out as
    /// 15.000000000000004, and a change of exactly <c>max_change</c> must not be refused for it (issue 15, defect 4).
    /// A billionth of the values' scale is far above the rounding of a few operations (about 10⁻¹⁶ each) and far below
    /// any change a rule means to forbid.
    /// </summary>
    public const double BoundTolerance = 1e-9;

    /// <summary>Per input, the population's known values (numeric and boolean inputs; empty for categories).</summary>
    private readonly ValueDistribution[] sorted;
    private readonly double[][] grids;
    private readonly bool[] wholeNumbers;

    private ActionabilityModel(FeatureCodec codec, FeatureRule[] rules, ValueDistribution[] sorted, double[][] grids, IReadOnlyList<double>[] breaks)
    {
        Breakpoints = breaks;
        Codec = codec;
        Rules = rules;
        this.sorted = sorted;
        this.grids = grids;
        // Worked out here, not on first use: people are solved on several threads (RecourseAudit).
        wholeNumbers = [.. sorted.Select(AllWhole)];
    }

    public FeatureCodec Codec { get; }

    /// <summary>One rule per model input, in the codec's order.</summary>
    public IReadOnlyList<FeatureRule> Rules { get; }

    /// <summary>Per feature, the values where the model's output jumps (bin edges, split thresholds), when known.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Breakpoints { get; }

    /// <summary>The population's value at quantile q of a numeric or boolean feature (an order statistic); NaN without values.</summary>
    public double ValueAtPercentile(int feature, double q) =>
        sorted[feature].Count == 0 ? double.NaN : Quantile(sorted[feature], Math.Clamp(q, 0, 1));

    /// <summary>Whether every known value of the feature is a whole number (worked out once per feature).</summary>
    public bool WholeNumbers(int feature) => wholeNumbers[feature];

    private static bool AllWhole(ValueDistribution values)
    {
        foreach (var v in values.Distinct)
        {
            if (v != Math.Floor(v))
            {
                return false;
            }
        }
        return true;
    }

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
        CheckOneHotGroups(model, options, planFile);
        var codec = new FeatureCodec(population, model.Features, options.OneHot);
        CheckPlanRules(codec, options, planFile);
        var metadata = model as IFeatureMetadata;
        var rules = new FeatureRule[codec.Count];
        var sortedValues = new ValueDistribution[codec.Count];
        var grids = new double[codec.Count][];
        for (var f = 0; f < codec.Count; f++)
        {
            var type = codec.TypeOf(f);
            var values = type == ColumnType.Categorical ? ValueDistribution.Of([]) : codec.Distribution(f);
            sortedValues[f] = values;
            var rule = rules[f] = RuleFor(codec, f, values, options, metadata, planFile);
            grids[f] = type == ColumnType.Numeric && rule.IsActionable && rule.Min is { } lo && rule.Max is { } hi
                ? GridFor(values, lo, hi, rule.Step is { } s ? (lo, s) : AllWhole(values) ? (0, 1) : null, options.Grid, breakpoints?.GetValueOrDefault(rule.Feature))
                : [];
        }
        var breaks = codec.Features.Select(f => breakpoints?.GetValueOrDefault(f.Name) ?? []).ToArray();
        return new ActionabilityModel(codec, rules, sortedValues, grids, breaks);
    }

    /// <summary>A one-hot group gathers boolean inputs of the model under a name that is not itself an input.</summary>
    private static void CheckOneHotGroups(IScoringModel model, RecourseOptions options, string? planFile)
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
    }

    /// <summary>Every rule of the plan names an input of the model, and not a member of a one-hot group (the group carries the rule).</summary>
    private static void CheckPlanRules(FeatureCodec codec, RecourseOptions options, string? planFile)
    {
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
                var suggestion = NameSuggestion.Closest(rule.Feature, names);
                throw new AuditInputException($"the model has no input '{rule.Feature}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                    file: planFile, line: rule.Line, keyPath: rule.KeyPath, expected: "one of " + string.Join(", ", names), found: rule.Feature);
            }
        }
    }

    /// <summary>
    /// Input f's rule: the plan's actionability, else the one the model declares (<see cref="IFeatureMetadata"/>; for a
    /// one-hot group, its members' when they all declare the same), else immutable; the range and the allowed levels.
    /// </summary>
    private static FeatureRule RuleFor(FeatureCodec codec, int f, ValueDistribution values, RecourseOptions options, IFeatureMetadata? metadata, string? planFile)
    {
        var name = codec.Features[f].Name;
        var type = codec.TypeOf(f);
        var plan = options.Features.FirstOrDefault(r => r.Feature == name);
        // A one-hot group takes its members' declared actionability when they all declare the same.
        var members = options.OneHot.FirstOrDefault(g => g.Name == name)?.Members ?? [name];
        var declaredAll = members.Select(m => metadata?.InfoOf(m).Actionability).Distinct().ToArray();
        var declared = declaredAll.Length == 1 ? declaredAll[0] : null;
        var actionability = plan?.Actionability ?? declared ?? Actionability.Immutable;
        var origin = plan?.Actionability is not null ? "plan" : declared is not null ? "model spec" : "not stated (treated as immutable)";
        if (type == ColumnType.Categorical && actionability is Actionability.IncreaseOnly or Actionability.DecreaseOnly)
        {
            throw new AuditInputException($"'{name}' is categorical: its levels have no order to increase or decrease along",
                file: planFile, line: plan?.Line, keyPath: plan?.KeyPath, expected: "immutable, free or legal_event for a categorical feature");
        }
        double? low = null, high = null;
        if (type == ColumnType.Numeric && values.Count > 0)
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
        return new FeatureRule(name, type, actionability, origin, plan ?? new FeatureRuleOverride(name, 0, ""))
        {
            Min = low,
            Max = high,
            Levels = levels,
            ChangeCost = plan?.ChangeCost ?? (type == ColumnType.Categorical ? DefaultChangeCost : null),
        };
    }

    /// <summary>Q(v): the share of the population at or below v (the empirical distribution function).</summary>
    public double Percentile(int feature, double value)
    {
        var values = sorted[feature];
        return values.Count == 0 ? 0 : (double)values.CountAtOrBelow(value) / values.Count;
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
            ColumnType.Numeric => rule.Min is { } min && rule.Max is { } max && AtMost(min, to, to) && AtMost(to, max, to)
                && (rule.MaxChange is not { } reach || AtMost(Math.Abs(to - from), reach, Math.Max(Math.Max(Math.Abs(from), Math.Abs(to)), reach)))
                && OnLattice(feature, to),
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
        // The candidates in the order the options are listed: the grid (distinct), then the reach down and up when the
        // grid lacks them; a loop rather than LINQ's Concat().Distinct(), which built a hash set per person and input.
        switch (rule.Type)
        {
            case ColumnType.Numeric:
                var grid = grids[feature];
                foreach (var value in grid)
                {
                    Consider(value);
                }
                // The farthest values the rules allow each way (max_change, the range's ends, on the lattice): a grid need not hold them.
                var down = Reach(feature, current, -1);
                if (down is { } d && Array.BinarySearch(grid, d) < 0)
                {
                    Consider(d);
                }
                if (Reach(feature, current, 1) is { } u && Array.BinarySearch(grid, u) < 0 && !(down is { } e && e.Equals(u)))
                {
                    Consider(u);
                }
                break;
            case ColumnType.Boolean:
                Consider(0.0);
                Consider(1.0);
                break;
            default:
                for (var code = 0; code < Codec.LevelsOf(feature).Count; code++)
                {
                    Consider(code);
                }
                break;
        }
        void Consider(double value)
        {
            if (!value.Equals(current) && Allows(feature, current, value))
            {
                options.Add(new FeatureOption(value, Cost(feature, current, value)));
            }
        }
    }

    /// <summary>
    /// The values a numeric input may take, when not every value: every <c>step</c> from <c>min</c> (the rule's); else,
    /// when every value in the population is a whole number, the whole numbers. Null: any value in the range (continuous).
    /// </summary>
    public (double Origin, double Step)? LatticeOf(int feature)
    {
        var rule = Rules[feature];
        if (rule.Type != ColumnType.Numeric)
        {
            return null;
        }
        if (rule.Step is { } step && rule.Min is { } min)
        {
            return (min, step);
        }
        return sorted[feature].Count > 0 && WholeNumbers(feature) ? (0, 1) : null;
    }

    /// <summary>
    /// The farthest value a person at <paramref name="current"/> may move a numeric input to in <paramref name="direction"/>
    /// (+1 up, −1 down): the range's end or <c>max_change</c> away, whichever is nearer, on the lattice; null when none.
    /// </summary>
    public double? Reach(int feature, double current, int direction)
    {
        var rule = Rules[feature];
        if (rule.Type != ColumnType.Numeric || !rule.IsActionable || double.IsNaN(current) || rule.Min is not { } min || rule.Max is not { } max
            || direction > 0 && rule.Actionability == Actionability.DecreaseOnly || direction < 0 && rule.Actionability == Actionability.IncreaseOnly)
        {
            return null;
        }
        var bound = direction > 0 ? max : min;
        if (rule.MaxChange is { } reach)
        {
            bound = direction > 0 ? Math.Min(bound, current + reach) : Math.Max(bound, current - reach);
        }
        if (LatticeOf(feature) is { } lattice)
        {
            // Inwards: the last lattice point before the bound, counting one within the tolerance of it.
            var k = (bound - lattice.Origin) / lattice.Step;
            var slack = BoundTolerance * Math.Max(Math.Max(Math.Abs(bound), Math.Abs(lattice.Origin)), lattice.Step) / lattice.Step;
            bound = lattice.Origin + (direction > 0 ? Math.Floor(k + slack) : Math.Ceiling(k - slack)) * lattice.Step;
        }
        return direction * (bound - current) > 0 && Allows(feature, current, bound) ? bound : null;
    }

    /// <summary>
    /// The value nearest <paramref name="current"/> at or beyond <paramref name="target"/> in <paramref name="direction"/>
    /// that the rules allow (the next lattice point for a stepped or whole-number input); null when it is out of reach.
    /// </summary>
    public double? AtOrBeyond(int feature, double current, double target, int direction)
    {
        var value = target;
        if (LatticeOf(feature) is { } lattice)
        {
            value = LatticePoint(lattice, target, direction);
        }
        return direction * (value - current) > 0 && Allows(feature, current, value) ? value : null;
    }

    /// <summary>
    /// The cost classes of a move from <paramref name="current"/> towards <paramref name="reach"/>: with the default cost
    /// (the percentile shift) every value between two consecutive population values costs the same, so of each class only
    /// its farthest allowed value is worth trying (the lowest going down: a population value; the highest going up: just
    /// below the next population value, <see cref="JustBelow"/>), one per cost unit of <see cref="RecourseProblem.CostResolution"/>.
    /// Added to <paramref name="into"/>; nothing for a flat or per-unit cost, whose cheapest moves are the reach and the crossing.
    /// </summary>
    public void ClassExtremes(int feature, double current, int direction, double reach, List<double> into)
    {
        var rule = Rules[feature];
        var values = sorted[feature];
        if (rule.Type != ColumnType.Numeric || rule.ChangeCost is not null || rule.CostPerUnit is not null || values.Count == 0 || double.IsNaN(current))
        {
            return;
        }
        var n = values.Count;
        var lattice = LatticeOf(feature);
        var atOrBelowCurrent = values.CountAtOrBelow(current);
        long Units(int countAtOrBelow) => RecourseProblem.CostUnitsOf(Math.Abs(countAtOrBelow - atOrBelowCurrent) / (double)n * rule.CostWeight);
        if (direction < 0)
        {
            // Down: moving to a population value d costs Q(current) − Q(d), Q(d) = (number of values ≤ d) / n.
            var stop = values.CountBelow(reach);
            for (var i = values.CountBelow(current) - 1; i >= stop;)
            {
                var units = Units(values.CountAtOrBelow(values[i]));
                int lo = stop, hi = i;
                while (lo < hi)
                {
                    var mid = (lo + hi) >>> 1;
                    if (Units(values.CountAtOrBelow(values[mid])) == units)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid + 1;
                    }
                }
                var lowest = values[lo];
                var candidate = lattice is { } l ? LatticePoint(l, lowest, 1) : lowest;
                if (candidate < current && Allows(feature, current, candidate))
                {
                    into.Add(candidate);
                }
                i = values.CountBelow(lowest) - 1;
            }
        }
        else
        {
            // Up: any value below the next population value e costs Q(just below e) − Q(current), Q(just below e) = (values < e) / n.
            var stop = values.CountAtOrBelow(reach);
            for (var i = atOrBelowCurrent; i < stop;)
            {
                var units = Units(i);
                int lo = i, hi = stop - 1;
                while (lo < hi)
                {
                    var mid = (lo + hi + 1) >>> 1;
                    if (Units(values.CountBelow(values[mid])) == units)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid - 1;
                    }
                }
                var next = values[lo];
                var candidate = lattice is { } l ? LatticePoint(l, next, -1) : JustBelow(next, null, false);
                if (lattice is { } m && candidate >= next)
                {
                    candidate -= m.Step;
                }
                if (candidate > current && Allows(feature, current, candidate))
                {
                    into.Add(candidate);
                }
                i = values.CountAtOrBelow(next);
            }
        }
    }

    /// <summary>Whether a value is on the input's lattice (every step from min, or whole numbers), within <see cref="BoundTolerance"/>.</summary>
    private bool OnLattice(int feature, double value)
    {
        if (LatticeOf(feature) is not { } lattice)
        {
            return true;
        }
        var nearest = lattice.Origin + Math.Round((value - lattice.Origin) / lattice.Step) * lattice.Step;
        return Math.Abs(value - nearest) <= BoundTolerance * Math.Max(Math.Max(Math.Abs(value), Math.Abs(lattice.Origin)), lattice.Step);
    }

    /// <summary>The lattice point at or beyond <paramref name="value"/> in <paramref name="direction"/> (+1: the first at or above it).</summary>
    private static double LatticePoint((double Origin, double Step) lattice, double value, int direction)
    {
        var k = (value - lattice.Origin) / lattice.Step;
        var point = lattice.Origin + (direction > 0 ? Math.Ceiling(k) : Math.Floor(k)) * lattice.Step;
        // (value − origin) / step can round across a whole number: step once more if the point fell short.
        return direction * (point - value) < 0 ? point + direction * lattice.Step : point;
    }

    /// <summary>Whether <paramref name="value"/> is at most <paramref name="bound"/>, within <see cref="BoundTolerance"/> of <paramref name="scale"/>.</summary>
    private static bool AtMost(double value, double bound, double scale) =>
        value <= bound + BoundTolerance * Math.Max(Math.Abs(scale), Math.Abs(bound));

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

    private static double Quantile(ValueDistribution sortedValues, double q) =>
        sortedValues[Math.Clamp((int)Math.Ceiling(q * sortedValues.Count) - 1, 0, sortedValues.Count - 1)];

    /// <summary>
    /// A numeric feature's candidate values: the range's ends, then either every step from the low end (at most
    /// <see cref="MaxSteps"/>) or <paramref name="points"/> population quantiles between the ends, plus the model's
    /// breakpoints in the range with the value just below each. On a lattice (a <c>step</c>, or whole-number data) every
    /// candidate is a lattice point: the ends inwards, and for a breakpoint the lattice points either side of it.
    /// Each person's options add the farthest values the rules allow (<see cref="Reach"/>).
    /// </summary>
    private static double[] GridFor(ValueDistribution sortedValues, double low, double high, (double Origin, double Step)? lattice, int points, IReadOnlyList<double>? breaks)
    {
        var grid = new SortedSet<double>();
        void Add(double v)
        {
            if (v >= low - BoundTolerance * Math.Abs(low) && v <= high + BoundTolerance * Math.Abs(high))
            {
                grid.Add(v);
            }
        }
        if (lattice is { } l)
        {
            var first = LatticePoint(l, low - BoundTolerance * Math.Max(Math.Abs(low), l.Step), 1);
            var last = LatticePoint(l, high + BoundTolerance * Math.Max(Math.Abs(high), l.Step), -1);
            Add(first);
            Add(last);
            if (l.Step != 1 || l.Origin != 0)
            {
                // A step: every one of them.
                for (var k = 1; first + k * l.Step < last && k < MaxSteps; k++)
                {
                    Add(l.Origin + (Math.Round((first - l.Origin) / l.Step) + k) * l.Step);
                }
            }
        }
        else
        {
            Add(low);
            Add(high);
        }
        if (lattice is not { } stepped || stepped.Step == 1 && stepped.Origin == 0)
        {
            for (var k = 0; k < points; k++)
            {
                var q = LowQuantile + (HighQuantile - LowQuantile) * k / (points - 1);
                Add(Quantile(sortedValues, q));
            }
        }
        foreach (var breakpoint in breaks ?? [])
        {
            if (lattice is { } on)
            {
                // The first lattice point at or past the breakpoint, and the last one before it.
                var at = LatticePoint(on, breakpoint, 1);
                Add(at);
                Add(at - on.Step);
            }
            else
            {
                Add(breakpoint);
                Add(JustBelow(breakpoint, null, false));
            }
        }
        return [.. grid];
    }

    /// <summary>At most this many steps make a stepped input's grid; each person's reach and crossings are added to it.</summary>
    private const int MaxSteps = 1000;
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
