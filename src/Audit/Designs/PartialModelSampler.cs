using System.Globalization;
using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Results;
using MathNet.Numerics.Random;

namespace Audit.Designs;

/// <summary>
/// Audits a partially published model: a spec that gives some coefficients only as a sign, an interval or not at all
/// (CAF's models: the variables and the direction of their effect are public, the weights are not). Coefficient vectors
/// consistent with what is published are drawn at random (seeded), each is scored and decided by the plan's policy,
/// and every finding is reported as a range across them, with the conclusions that hold for every sampled model.
/// <para>
/// The draw, per coefficient not given as a value: a sign s gives s × U(0, M]; an interval [lo, hi] gives U(lo, hi);
/// unknown gives U(−M, M). M is the plan's <c>magnitude</c> in the model's explanation space (log-odds or points); for
/// a numeric feature with one weight per unit it is per standard deviation of the feature in the data (M / sd per
/// unit), so that "a strong effect" means the same for income in euros and for a share in percent. These are
/// assumptions of the audit, stated in the report: a conclusion "under every sampled model" is about this family of
/// models, not a proof over every real number consistent with the signs.
/// </para>
/// <para>
/// The audit's main sections need one model to score: the <see cref="Central"/> model (signs at ±M/2, interval
/// midpoints, unknown at 0), which the report names as such. Under a ranking policy the intercept does not change who
/// is flagged, so an unknown intercept is harmless there; under a threshold it matters, and the draw covers it too.
/// </para>
/// </summary>
public static class PartialModelSampler
{
    /// <summary>The central model: every coefficient at the middle of what is published.</summary>
    public static LinearModel Central(LinearModel spec, Table table, PartialModelPlan plan) =>
        Draw(spec, table, (c, scale) => c.Value ?? (c.Sign is { } s ? s * plan.Magnitude * scale / 2 : c.Low is { } lo && c.High is { } hi ? (lo + hi) / 2 : 0),
            " (central model of the published coefficients)");

    /// <summary>Names of the coefficients the spec does not give as values.</summary>
    public static IReadOnlyList<string> SampledCoefficients(LinearModel spec)
    {
        var names = new List<string>();
        void Note(string name, Coefficient c)
        {
            if (!c.IsKnown)
            {
                names.Add($"{name}: {c}");
            }
        }
        Note("intercept", spec.InterceptCoefficient);
        foreach (var t in spec.Terms)
        {
            if (t.Bins is { } bins)
            {
                foreach (var b in bins)
                {
                    Note($"{t.Feature} in [{b.Min?.ToString(CultureInfo.InvariantCulture) ?? "−∞"}, {b.Max?.ToString(CultureInfo.InvariantCulture) ?? "+∞"})", b.Points);
                }
            }
            else if (t.Type == ColumnType.Categorical)
            {
                foreach (var (level, c) in t.LevelWeights)
                {
                    Note($"{t.Feature} = {level}", c);
                }
            }
            else
            {
                Note(t.Feature, t.Weight);
            }
            if (t.Missing is { } m)
            {
                Note($"{t.Feature} missing", m);
            }
            if (t.Other is { } o)
            {
                Note($"{t.Feature} other", o);
            }
        }
        foreach (var i in spec.Interactions)
        {
            Note(i.Name, i.Weight);
        }
        return names;
    }

    /// <summary>
    /// The <c>samples</c> models the design draws, in order, from the seed: the design's own (<see cref="Run"/>) and
    /// those <c>audit explain</c> and <c>audit recourse</c> give a person's ranges over, so that all three read the same
    /// models. <paramref name="table"/> is the audited population (its standard deviations scale numeric weights).
    /// </summary>
    public static IEnumerable<LinearModel> Sampled(LinearModel spec, Table table, PartialModelPlan plan, long seed)
    {
        var random = new Xoshiro256StarStar(unchecked((int)seed), threadSafe: false);
        double Sample(Coefficient c, double scale) =>
            c.Value ?? (c.Sign is { } s ? s * plan.Magnitude * scale * (1 - random.NextDouble())
                : c.Low is { } lo && c.High is { } hi ? lo + (hi - lo) * random.NextDouble()
                : plan.Magnitude * scale * (2 * random.NextDouble() - 1));
        for (var s = 0; s < plan.Samples; s++)
        {
            yield return Draw(spec, table, Sample, $" (sample {s + 1})");
        }
    }

    public static PartialModelResult Run(DesignInput input, PartialModelPlan plan, LinearModel spec)
    {
        // Per sample: each (attribute, group)'s ratio and four-fifths ratio.
        var ratios = new Dictionary<(string, string), List<double>>();
        var fourFifths = new Dictionary<(string, string), List<double>>();
        var flagRates = new Dictionary<(string, string), List<double>>();
        var adverse = new Dictionary<(string, string), int>();
        var significant = new Dictionary<(string, string), int>();
        foreach (var model in Sampled(spec, input.Table, plan, input.Options.Seed))
        {
            var scores = model.Score(input.Table);
            var flags = Redecision.Decide(input, model, input.Table, scores, fixedCutoff: false);
            for (var a = 0; a < input.Attributes.Count; a++)
            {
                foreach (var g in GroupFlagRates.Compute(input.Attributes[a].Groups, input.References[a], flags, input.Weights, input.Options))
                {
                    if (g.IsReference || g.Ratio.Value is not { } ratio || g.FourFifths.Value is not { } ff)
                    {
                        continue;
                    }
                    var key = (g.Attribute, g.Group);
                    (ratios.TryGetValue(key, out var r) ? r : ratios[key] = []).Add(ratio);
                    (fourFifths.TryGetValue(key, out var f) ? f : fourFifths[key] = []).Add(ff);
                    if (g.FlagRate.Value is { } rate)
                    {
                        (flagRates.TryGetValue(key, out var fr) ? fr : flagRates[key] = []).Add(rate);
                    }
                    adverse[key] = adverse.GetValueOrDefault(key) + (g.AdverseImpact == true ? 1 : 0);
                    significant[key] = significant.GetValueOrDefault(key) + (GroupFlagRates.SignificantlyMore(g) ? 1 : 0);
                }
            }
        }
        var findings = new List<RangeFinding>();
        var hold = new List<string>();
        var referenceOf = input.Attributes.Select((a, i) => (a.Groups.Attribute, Reference: a.Groups.Levels[input.References[i]])).ToDictionary(x => x.Attribute, x => x.Reference);
        foreach (var (key, list) in ratios)
        {
            var sorted = list.Order().ToArray();
            var ff = fourFifths[key];
            // A group measured in fewer samples than drawn (undefined in some) cannot hold "in every" sample.
            var complete = list.Count == plan.Samples;
            // "More often" means significantly so (the ratio's interval above 1) in every sample, not a point estimate above 1.
            var moreInEvery = complete && significant[key] == plan.Samples;
            var adverseInEvery = complete && adverse[key] == plan.Samples;
            var rates = flagRates.GetValueOrDefault(key);
            findings.Add(new RangeFinding(key.Item1, key.Item2, sorted[0], Median(sorted), sorted[^1], ff.Min(), ff.Max(), moreInEvery, adverseInEvery, (double)adverse[key] / plan.Samples)
            {
                FlagRateMin = rates is { Count: > 0 } ? rates.Min() : null,
                FlagRateMax = rates is { Count: > 0 } ? rates.Max() : null,
            });
            if (moreInEvery)
            {
                hold.Add($"{key.Item1} = {key.Item2} is flagged significantly more often than {key.Item1} = {referenceOf[key.Item1]}, at least {sorted[0].ToString("0.##", CultureInfo.InvariantCulture)} times as often, under every one of the {plan.Samples} sampled models.");
            }
            if (adverseInEvery)
            {
                hold.Add($"{key.Item1} = {key.Item2} shows four-fifths adverse impact under every one of the {plan.Samples} sampled models (four-fifths ratio at most {ff.Max().ToString("0." + new string('#', ThresholdDigits.FourFifths(ff.Max(), adverseImpact: true, fewest: 3)), CultureInfo.InvariantCulture)}).");
            }
        }
        return new PartialModelResult(plan.Samples, input.Options.Seed, plan.Magnitude, SampledCoefficients(spec), findings, hold);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>
    /// A copy of the spec with every coefficient replaced by <paramref name="value"/>(coefficient, scale), where the
    /// scale is 1 / sd for a numeric feature's per-unit weight and 1 otherwise. Known values stay as they are.
    /// </summary>
    private static LinearModel Draw(LinearModel spec, Table table, Func<Coefficient, double, double> value, string suffix)
    {
        Coefficient Of(Coefficient c, double scale) => c.IsKnown ? c : Coefficient.Of(value(c, scale), c.Source);
        var terms = spec.Terms.Select(t =>
        {
            var scale = t.Type == ColumnType.Numeric && t.Bins is null ? 1 / StandardDeviation(table, t.Feature) : 1.0;
            return t with
            {
                Weight = Of(t.Weight, scale),
                LevelWeights = t.LevelWeights.ToDictionary(p => p.Key, p => Of(p.Value, 1), StringComparer.Ordinal),
                Bins = t.Bins?.Select(b => b with { Points = Of(b.Points, 1) }).ToArray(),
                Missing = t.Missing is { } m ? Of(m, 1) : null,
                Other = t.Other is { } o ? Of(o, 1) : null,
            };
        }).ToArray();
        var interactions = spec.Interactions.Select(i => i with { Weight = Of(i.Weight, 1) }).ToArray();
        var intercept = Of(spec.InterceptCoefficient, 1);
        return new LinearModel(spec.Name + suffix, spec.Logistic, spec.Adverse, intercept.Value!.Value, terms, spec.Source, spec.Description,
            spec.Grades, interactions, spec.Overrides, spec.Scaling, intercept)
        { SpecFile = spec.SpecFile };
    }

    private static double StandardDeviation(Table table, string feature) =>
        table.Find(feature) is NumericColumn column ? SubgroupFeatures.Moments(column).Sd : 1;
}
