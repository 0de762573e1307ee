using System.Globalization;
using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;
using Audit.Tests.Cli;

namespace Audit.Tests.Recourse;

/// <summary>
/// Issue 15, defects 3 and 4: "proven" recourse must be proven over what the rules allow, not over a grid that
/// omits the value <c>max_change</c> reaches and the value where a linear term crosses the cut-off; and a change of
/// exactly <c>max_change</c> must not be refused by binary rounding. The oracle is independent of the engine's
/// candidates: for every flagged person of a few hundred random linear and logistic models with one or two numeric
/// levers (continuous or with a <c>step</c>, with or without <c>max_change</c>, percentile or per-unit cost, an
/// optional yes/no lever, an immutable input), it enumerates a fine grid of each lever (every 0.05 of the range, the
/// population's values and the values just beside them, the ends the rules allow; every step for a stepped lever) and
/// puts the other lever at the analytic crossing of the cut-off, with the rules checked in exact decimal arithmetic.
/// </summary>
public sealed class Issue15Defect3RecourseCrossingTests : IDisposable
{
    private const int Cases = 300;
    private const int PeoplePerCase = 3;
    private const double Resolution = RecourseProblem.ReductionResolution;

    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ProvenCheapestChangeMatchesBruteForceOverAFineGridAndTheAnalyticCrossing()
    {
        var tally = new Dictionary<string, int> { ["found"] = 0, ["none"] = 0, ["single continuous"] = 0, ["stepped"] = 0, ["exact max_change"] = 0, ["two levers"] = 0, ["logistic"] = 0 };
        for (var c = 0; c < Cases; c++)
        {
            var random = new Random(15_003 + c);
            var setting = RandomCase(random);
            var engine = RecourseEngine.Create(setting.Model, setting.Population, new RecourseOptions { Features = setting.Rules }, setting.Target);
            Assert.Equal("exact-additive", engine.Method);
            var scores = setting.Model.Score(setting.Population);
            var flagged = Enumerable.Range(0, scores.Length).Where(i => !setting.Target.IsFavourable(scores[i])).Take(PeoplePerCase).ToArray();
            foreach (var row in flagged)
            {
                var person = new double[engine.Actions.Codec.Count];
                engine.Actions.Codec.Read(row, person);
                var result = engine.Solve(person, scores[row], seed: row, useCpSat: row % 2 == 1);
                var oracle = new Oracle(setting, row);
                var (best, bestWithMargin) = oracle.Cheapest();
                var context = $"case {c}, row {row} ({setting.Describe()}): solver {result.Status} cost {result.Cost}; oracle {best} (with margin {bestWithMargin})";
                Assert.True(result.ProvenOptimal, context);
                if (double.IsPositiveInfinity(bestWithMargin))
                {
                    Assert.True(result.Status == RecourseStatus.None || result.Cost >= best - 1e-9, context);
                    tally["none"] += result.Status == RecourseStatus.None ? 1 : 0;
                    continue;
                }
                Assert.True(result.Status == RecourseStatus.Found, "proven 'no recourse' where the rules allow one: " + context);
                tally["found"]++;
                var changed = oracle.Values();
                foreach (var change in result.Changes)
                {
                    Assert.True(oracle.Allows(change.Name, change.To), $"{change.Name} -> {change.To.ToString("R", CultureInfo.InvariantCulture)} breaks a rule: " + context);
                    changed[change.Name] = change.To;
                }
                var sum = oracle.Sum(changed);
                Assert.True(setting.Target.IsFavourable(setting.Model.ScoreFromSum(sum)), "the change does not unflag: " + context);
                Assert.True(result.Cost >= best - 1e-7, "cheaper than the oracle's infimum (cost miscounted?): " + context);
                Assert.True(result.Cost <= bestWithMargin + 3 * RecourseProblem.CostResolution + 1e-9, "not the cheapest change the rules allow: " + context);
                // The answer sits at the crossing, moved past it by the documented resolution, when a continuous lever moves.
                if (result.Changes.Any(ch => setting.Levers.FirstOrDefault(l => l.Name == ch.Name) is { Step: null }))
                {
                    var overshoot = oracle.Overshoot(sum);
                    Assert.True(Math.Abs(overshoot - Resolution) <= Resolution * 1e-6 + 1e-9 * (1 + Math.Abs(oracle.Boundary)), $"passes the cut-off by {overshoot} in the explanation space: " + context);
                    tally["single continuous"] += result.Changes.Count == 1 ? 1 : 0;
                }
                tally["stepped"] += result.Changes.Any(ch => setting.Levers.FirstOrDefault(l => l.Name == ch.Name) is { Step: not null }) ? 1 : 0;
                tally["two levers"] += result.Changes.Count(ch => ch.Name.StartsWith('x')) == 2 ? 1 : 0;
                tally["exact max_change"] += result.Changes.Any(ch => setting.Levers.FirstOrDefault(l => l.Name == ch.Name) is { MaxChange: { } mc } l
                    && Math.Abs((decimal)ch.To - (decimal)ch.From) == mc) ? 1 : 0;
                tally["logistic"] += setting.Model.Logistic ? 1 : 0;
            }
        }
        var summary = string.Join(", ", tally.Select(p => $"{p.Key} {p.Value}"));
        Assert.True(tally["found"] >= 300, summary);
        Assert.True(tally["none"] >= 30, summary);
        Assert.True(tally["single continuous"] >= 50, summary);
        Assert.True(tally["stepped"] >= 50, summary);
        Assert.True(tally["two levers"] >= 20, summary);
        Assert.True(tally["exact max_change"] >= 10, summary);
        Assert.True(tally["logistic"] >= 100, summary);
    }

    [Fact]
    public void ThePersonAt41Point9IsToldTheChangeToJustBelowTheCutOff()
    {
        // Issue 15, defect 3: x from 41.9 to just below 27.25 (a change under 15) unflags; the old grid had no value there.
        var plan = OneInputPlan.Write(folder, "5 10 15 20 25 30 35 40 41.9 45 50", step: null);
        var outcome = CliRunner.Run("recourse", plan, "--person", "9");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Cheapest change (proven cheapest", outcome.Out);
        var to = OneInputPlan.NewValue(outcome.Out, "x", "41.9");
        Assert.InRange(to, 27.25 - 2 * Resolution, 27.25 - 1e-9);
        // Q(41.9) − Q(27.2499) = 9/11 − 5/11.
        Assert.Contains("cost 0.364", outcome.Out);
    }

    internal sealed record Lever(string Name, decimal[] Data, double Weight, Actionability Actionability, decimal? MaxChange, decimal? Step, decimal? Min, decimal? Max, double? CostPerUnit)
    {
        public decimal Low => Min ?? Data.Min();

        public decimal High => Max ?? Data.Max();
    }

    internal sealed record Case(LinearModel Model, Table Population, DecisionTarget Target, IReadOnlyList<FeatureRuleOverride> Rules, IReadOnlyList<Lever> Levers,
        decimal[] Immutable, double ImmutableWeight, byte[]? Flags, double FlagWeight)
    {
        public string Describe() => $"{(Model.Logistic ? "logistic" : "linear")}, adverse {Model.Adverse}, cut-off {Target.Cutoff.ToString("R", CultureInfo.InvariantCulture)}, intercept {Model.Intercept}; "
            + string.Join("; ", Levers.Select(l => $"{l.Name}: w {l.Weight}, {l.Actionability}, max_change {l.MaxChange}, step {l.Step}, range [{l.Low}, {l.High}], per unit {l.CostPerUnit}"))
            + (Flags is null ? "" : $"; b: w {FlagWeight}");
    }

    /// <summary>A random model: 1 or 2 numeric levers on one-decimal values 0..50, an immutable input, maybe a yes/no lever; 12 to 30 people.</summary>
    private static Case RandomCase(Random random)
    {
        var n = random.Next(12, 31);
        var logistic = random.Next(2) == 0;
        var adverse = random.Next(2) == 0 ? AdverseTail.High : AdverseTail.Low;
        double Weight(double scale) => (random.Next(2) == 0 ? -1 : 1) * Math.Round(scale * (0.1 + random.NextDouble()), 3);
        decimal[] Values(double span)
        {
            var values = Enumerable.Range(0, n).Select(_ => Math.Round((decimal)(random.NextDouble() * span), 1)).ToArray();
            if (values.All(v => v == decimal.Floor(v)))
            {
                values[0] += 0.1m; // not all whole numbers: whole-number inputs move by whole numbers (a separate rule)
            }
            return values;
        }
        var scale = logistic ? 0.08 : 1.5;
        var levers = new List<Lever>();
        for (var k = random.Next(1, 3); k > 0; k--)
        {
            var data = Values(50);
            levers.Add(new Lever($"x{levers.Count}", data, Weight(scale),
                (Actionability)random.Next(1, 4),
                random.Next(2) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 20 + 0.5), 1),
                random.Next(3) == 0 ? new[] { 0.1m, 0.5m, 1m, 2.5m }[random.Next(4)] : null,
                random.Next(2) == 0 ? null : data.Min() - Math.Round((decimal)(random.NextDouble() * 5), 1),
                random.Next(2) == 0 ? null : data.Max() + Math.Round((decimal)(random.NextDouble() * 5), 1),
                random.Next(4) == 0 ? Math.Round(random.NextDouble() * 0.1 + 0.01, 3) : null));
        }
        var immutable = Values(10);
        var immutableWeight = Weight(scale);
        var flags = random.Next(2) == 0 ? Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray() : null;
        var flagWeight = Weight(scale * 5);
        var intercept = Math.Round(random.NextDouble() * 2 - 1, 3);

        Case Build(IReadOnlyList<Lever> ls)
        {
            var terms = new List<LinearTerm>();
            var columns = new List<Column>();
            foreach (var l in ls)
            {
                terms.Add(new LinearTerm(l.Name, ColumnType.Numeric, Coefficient.Of(l.Weight), new Dictionary<string, Coefficient>(), null, null));
                columns.Add(new NumericColumn(l.Name, [.. l.Data.Select(v => (double)v)]));
            }
            terms.Add(new LinearTerm("z", ColumnType.Numeric, Coefficient.Of(immutableWeight), new Dictionary<string, Coefficient>(), null, null));
            columns.Add(new NumericColumn("z", [.. immutable.Select(v => (double)v)]));
            var rules = ls.Select(l => new FeatureRuleOverride(l.Name, 1, "recourse.features." + l.Name)
            {
                Actionability = l.Actionability,
                MaxChange = (double?)l.MaxChange,
                Step = (double?)l.Step,
                Min = (double?)l.Min,
                Max = (double?)l.Max,
                CostPerUnit = l.CostPerUnit,
            }).ToList();
            rules.Add(new FeatureRuleOverride("z", 1, "recourse.features.z") { Actionability = Actionability.Immutable });
            if (flags is not null)
            {
                terms.Add(new LinearTerm("b", ColumnType.Boolean, Coefficient.Of(flagWeight), new Dictionary<string, Coefficient>(), null, null));
                columns.Add(new BooleanColumn("b", flags));
                rules.Add(new FeatureRuleOverride("b", 1, "recourse.features.b") { Actionability = Actionability.Free });
            }
            var model = new LinearModel("random", logistic, adverse, intercept, terms);
            var scores = model.Score(new Table(columns)).Order().ToArray();
            var cutoff = scores[random.Next(n / 3, 2 * n / 3)];
            return new Case(model, new Table(columns), new DecisionTarget(cutoff, adverse, Ranked: false), rules, ls, immutable, immutableWeight, flags, flagWeight);
        }

        var built = Build(levers);
        // Two times in three, the first lever's max_change is exactly the (decimal) distance from a flagged person to the first
        // value past their crossing that the rules allow: a change of exactly max_change is then the cheapest (defect 4).
        if (levers[0].MaxChange is not null && random.Next(3) > 0)
        {
            var scores = built.Model.Score(built.Population);
            var row = Enumerable.Range(0, n).FirstOrDefault(i => !built.Target.IsFavourable(scores[i]), -1);
            if (row >= 0)
            {
                var oracle = new Oracle(built with { Levers = [levers[0] with { MaxChange = null }, .. levers.Skip(1)] }, row);
                if (oracle.FirstPastCrossing(0, Resolution * 5) is { } past)
                {
                    levers[0] = levers[0] with { MaxChange = Math.Abs(past - levers[0].Data[row]) };
                    if (levers[0].MaxChange > 0)
                    {
                        built = Build(levers);
                    }
                }
            }
        }
        return built;
    }

    /// <summary>
    /// The brute force: the model's sum computed here, the rules checked in decimals, and the cheapest change over a fine
    /// grid of one lever with the other at its analytic crossing (both ways round), for each state of the yes/no lever.
    /// </summary>
    internal sealed class Oracle(Case setting, int row)
    {
        private readonly int sign = setting.Model.Adverse == AdverseTail.High ? -1 : 1;

        /// <summary>Where the favourable side begins, in the explanation space (points or log-odds).</summary>
        public double Boundary { get; } = setting.Model.Logistic ? Math.Log(setting.Target.Cutoff / (1 - setting.Target.Cutoff)) : setting.Target.Cutoff;

        public Dictionary<string, double> Values()
        {
            var values = setting.Levers.ToDictionary(l => l.Name, l => (double)l.Data[row]);
            values["z"] = (double)setting.Immutable[row];
            if (setting.Flags is { } flags)
            {
                values["b"] = flags[row];
            }
            return values;
        }

        public double Sum(IReadOnlyDictionary<string, double> values)
        {
            var sum = setting.Model.Intercept;
            foreach (var l in setting.Levers)
            {
                sum += l.Weight * values[l.Name];
            }
            sum += setting.ImmutableWeight * values["z"];
            if (setting.Flags is not null)
            {
                sum += setting.FlagWeight * values["b"];
            }
            return sum;
        }

        /// <summary>How far beyond the boundary a sum lies on the favourable side.</summary>
        public double Overshoot(double sum) => sign * (sum - Boundary);

        public bool Allows(string name, double to)
        {
            if (name == "b")
            {
                return to is 0 or 1;
            }
            var l = setting.Levers.FirstOrDefault(l => l.Name == name);
            return l is not null && Allows(l, to);
        }

        private bool Allows(Lever l, double to)
        {
            var from = l.Data[row];
            if ((double)from == to)
            {
                return true;
            }
            if (l.Actionability == Actionability.IncreaseOnly && to < (double)from || l.Actionability == Actionability.DecreaseOnly && to > (double)from)
            {
                return false;
            }
            // Far from every bound, doubles decide; near one, decimals do.
            var near = 1e-6 * (1 + Math.Abs(to));
            var slack = Math.Min(Math.Min(to - (double)l.Low, (double)l.High - to), l.MaxChange is { } mc ? (double)mc - Math.Abs(to - (double)from) : double.PositiveInfinity);
            if (l.Step is null && Math.Abs(slack) > near)
            {
                return slack > 0;
            }
            var value = (decimal)to;
            return value >= l.Low && value <= l.High
                && (l.MaxChange is not { } reach || Math.Abs(value - from) <= reach)
                && (l.Step is not { } step || (value - l.Low) % step == 0);
        }

        private readonly Dictionary<string, double[]> doubles = setting.Levers.ToDictionary(l => l.Name, l => l.Data.Select(d => (double)d).ToArray());

        private double Cost(Lever l, double to)
        {
            var from = (double)l.Data[row];
            if (from == to)
            {
                return 0;
            }
            return l.CostPerUnit is { } perUnit ? Math.Abs(to - from) * perUnit : Math.Abs(Q(doubles[l.Name], to) - Q(doubles[l.Name], from));
        }

        private static double Q(double[] data, double v)
        {
            var count = 0;
            foreach (var d in data)
            {
                count += d <= v ? 1 : 0;
            }
            return (double)count / data.Length;
        }

        /// <summary>Every value the oracle tries for a lever: a 0.05 grid, the data and just beside it, the reachable ends; every step when stepped.</summary>
        private List<double> Grid(Lever l)
        {
            var from = l.Data[row];
            var values = new List<decimal> { from, l.Low, l.High };
            if (l.MaxChange is { } reach)
            {
                values.Add(from - reach);
                values.Add(from + reach);
            }
            var spacing = l.Step ?? 0.05m;
            for (var v = l.Low; v <= l.High; v += spacing)
            {
                values.Add(v);
            }
            var result = values.Select(v => (double)v).ToList();
            if (l.Step is null)
            {
                foreach (var d in l.Data)
                {
                    result.Add((double)d - 1e-7);
                    result.Add((double)d + 1e-7);
                }
            }
            return [.. result.Distinct().Where(v => Allows(l, v))];
        }

        /// <summary>
        /// For lever <paramref name="i"/> with everything else at <paramref name="values"/>: the value nearest the person's
        /// that the rules allow and that passes the boundary by at least <paramref name="past"/> (its own value when it need not move).
        /// </summary>
        private double? Crossing(int i, Dictionary<string, double> values, double past) =>
            Crossing(i, Sum(values) - setting.Levers[i].Weight * values[setting.Levers[i].Name], past);

        /// <summary>The same, from <paramref name="rest"/>, the sum of every term but lever <paramref name="i"/>'s.</summary>
        private double? Crossing(int i, double rest, double past)
        {
            var l = setting.Levers[i];
            var x = (double)l.Data[row];
            var crossing = (Boundary - rest) / l.Weight;
            var direction = Math.Sign(sign * l.Weight);
            if (direction * (x - crossing) * Math.Abs(l.Weight) >= past)
            {
                return x;
            }
            var target = crossing + direction * past / Math.Abs(l.Weight);
            double v;
            if (l.Step is { } step)
            {
                var k = ((decimal)target - l.Low) / step;
                var lattice = l.Low + (direction > 0 ? decimal.Ceiling(k) : decimal.Floor(k)) * step;
                v = (double)lattice;
                if (direction * (v - target) < 0)
                {
                    v = (double)(lattice + direction * step);
                }
            }
            else
            {
                v = target;
            }
            return Allows(l, v) ? v : null;
        }

        /// <summary>The first value past lever <paramref name="i"/>'s own crossing that steps or one decimal allow (the generator's bound).</summary>
        public decimal? FirstPastCrossing(int i, double past)
        {
            var l = setting.Levers[i];
            var v = Crossing(i, Values(), past);
            if (v is not { } value || value == (double)l.Data[row])
            {
                return null;
            }
            var direction = Math.Sign(sign * l.Weight);
            var step = l.Step ?? 0.1m;
            var k = ((decimal)value - (l.Step is null ? 0 : l.Low)) / step;
            return (l.Step is null ? 0 : l.Low) + (direction > 0 ? decimal.Ceiling(k) : decimal.Floor(k)) * step;
        }

        /// <summary>The cheapest favourable change (an infimum: crossings passed by a hair) and the cheapest passing by the solver's margin.</summary>
        public (double Best, double BestWithMargin) Cheapest()
        {
            var levers = setting.Levers;
            var blocks = levers.Count + (setting.Flags is null ? 0 : 1);
            var margin = (blocks + 2) * Resolution * 1.01 + 1e-9;
            var hair = 1e-9 * (1 + Math.Abs(Boundary));
            double best = double.PositiveInfinity, bestWithMargin = double.PositiveInfinity;
            var flagStates = setting.Flags is { } flags ? new[] { (double)flags[row], 1.0 - flags[row] } : [double.NaN];
            var grids = levers.Select(Grid).ToArray();
            foreach (var flag in flagStates)
            {
                var values = Values();
                var flagCost = 0.0;
                if (setting.Flags is { } f)
                {
                    values["b"] = flag;
                    var zeros = (double)f.Count(v => v == 0) / f.Length;
                    flagCost = flag == f[row] ? 0 : Math.Abs((flag == 1 ? 1 : zeros) - (f[row] == 1 ? 1 : zeros));
                }
                var start = Sum(values);
                for (var i = 0; i < levers.Count; i++)
                {
                    // Lever i completes; the other (if any) runs over its grid.
                    var others = levers.Count == 1 ? [double.NaN] : grids[1 - i];
                    foreach (var other in others)
                    {
                        var otherCost = 0.0;
                        var rest = start - levers[i].Weight * (double)levers[i].Data[row];
                        if (levers.Count == 2)
                        {
                            var o = levers[1 - i];
                            rest += o.Weight * (other - (double)o.Data[row]);
                            otherCost = Cost(o, other);
                        }
                        foreach (var (past, isMargin) in new[] { (hair, false), (margin, true) })
                        {
                            if (Crossing(i, rest, past) is not { } v)
                            {
                                continue;
                            }
                            var sum = rest + levers[i].Weight * v;
                            if (!setting.Target.IsFavourable(setting.Model.ScoreFromSum(sum)))
                            {
                                continue;
                            }
                            var cost = flagCost + otherCost + Cost(levers[i], v);
                            if (isMargin)
                            {
                                bestWithMargin = Math.Min(bestWithMargin, cost);
                            }
                            else
                            {
                                best = Math.Min(best, cost);
                            }
                        }
                    }
                }
            }
            return (best, bestWithMargin);
        }
    }
}
