using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// Error rates when labels exist only for the files that were investigated, and investigations followed the score
/// (the selective-labels problem: Lakkaraju et al. 2017, KDD). Among investigated files, nearly everyone was flagged,
/// so the false positive rate computed on them says little about the population. Three ways, the report says which:
/// <list type="bullet">
/// <item><b>inverse-probability-weighting</b> (when each investigated row's probability of investigation πᵢ is given):
/// every investigated row with a label stands for wᵢ / πᵢ people (Horvitz and Thompson 1952), and rates are ratio
/// (Hájek) estimators, e.g. FPR = Σ (w/π) 1[flagged, y = 0] / Σ (w/π) 1[y = 0]; intervals from the linearised
/// variance of a ratio under Poisson sampling (<see cref="WeightedRatio"/>).</item>
/// <item><b>random-sample</b> (when the rows of a random control sample are marked): rates on the random sample only,
/// which is a simple random sample of the population, with Wilson intervals.</item>
/// <item><b>none</b>: rates on every investigated row, as given, with a warning that they depend on who was
/// investigated.</item>
/// </list>
/// The naive rates over every investigated row are always reported next to the estimate, so that the bias shows.
/// </summary>
public static class SelectiveLabels
{
    public const string RandomSampleMethod = "random-sample";
    public const string WeightingMethod = "inverse-probability-weighting";
    public const string NoCorrection = "none";

    public static SelectiveLabelsResult Run(DesignInput input, SelectiveLabelsPlan plan)
    {
        if (input.Labels.Length == 0)
        {
            throw new AuditInputException("the selective-labels design needs a label column", file: input.PlanFile, line: plan.Investigated.Line,
                keyPath: plan.Investigated.KeyPath, hint: "name the label under 'roles: { label: ... }'");
        }
        var investigated = BinaryColumn.Read(input.Table, plan.Investigated.Name, "investigated flag", "1 when the file was investigated, 0 when not");
        var random = plan.RandomSample is { } r ? BinaryColumn.Read(input.Table, r.Name, "random-sample flag", "1 when the file was drawn into the random control sample") : null;
        double[]? probability = null;
        if (plan.SelectionProbability is { } p)
        {
            if (input.Table[p.Name] is not NumericColumn column)
            {
                throw new AuditInputException("the selection probability column is not numeric", file: input.PlanFile, line: p.Line, keyPath: p.KeyPath, column: p.Name, expected: "probabilities above 0 and at most 1");
            }
            probability = column.Values.ToArray();
            for (var i = 0; i < probability.Length; i++)
            {
                if (investigated[i] == 1 && !(probability[i] is > 0 and <= 1))
                {
                    throw new AuditInputException("an investigated row has no valid probability of investigation", row: i + 1, column: p.Name,
                        expected: "a probability above 0 and at most 1", found: column.FormatValue(i) ?? "", hint: "inverse-probability weighting needs π > 0 for every investigated row");
                }
            }
        }
        var groups = input.Attributes.Select(a => a.Groups).ToArray();
        return Estimate(input.Outcome.Flags, input.Labels, investigated, random, probability, input.Weights, groups, input.Options);
    }

    /// <param name="randomSample">1 for rows of the random control sample (null: none marked).</param>
    /// <param name="probability">Each row's probability of investigation (null: not known).</param>
    public static SelectiveLabelsResult Estimate(ReadOnlySpan<byte> flags, ReadOnlySpan<byte> labels, ReadOnlySpan<byte> investigated, byte[]? randomSample, double[]? probability, ReadOnlySpan<double> weights, IReadOnlyList<GroupAssignment> groups, FairnessOptions options)
    {
        var n = flags.Length;
        var method = probability is not null ? WeightingMethod : randomSample is not null ? RandomSampleMethod : NoCorrection;
        // Estimation weight per row (0 = not used) and the naive weight (every investigated row with a label).
        var estimate = new double[n];
        var naive = new double[n];
        long investigatedRows = 0, randomRows = 0;
        for (var i = 0; i < n; i++)
        {
            var w = weights.Length == 0 ? 1.0 : weights[i];
            var labelled = investigated[i] == 1 && labels[i] <= 1;
            investigatedRows += investigated[i] == 1 ? 1 : 0;
            randomRows += randomSample is not null && randomSample[i] == 1 ? 1 : 0;
            naive[i] = labelled ? w : 0;
            estimate[i] = !labelled ? 0 : method switch
            {
                WeightingMethod => w / probability![i],
                RandomSampleMethod => randomSample![i] == 1 ? w : 0,
                _ => w,
            };
        }
        var all = new bool[n];
        Array.Fill(all, true);
        var overall = Rates(flags, labels, estimate, all, options, probability);
        var naiveOverall = Rates(flags, labels, naive, all, options, null);
        var byGroup = new List<GroupErrorRates>();
        foreach (var g in groups)
        {
            for (var level = 0; level < g.Levels.Length; level++)
            {
                var member = new bool[n];
                var any = false;
                for (var i = 0; i < n; i++)
                {
                    member[i] = g.Codes[i] == level;
                    any |= member[i];
                }
                if (any && options.Disclosure.IsLabelHidden(g.Attribute, g.Levels[level]))
                {
                    // The fairness section hides this group or its label metrics: error rates here would undo it.
                    var hidden = new ErrorRates(Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell());
                    byGroup.Add(new GroupErrorRates(g.Attribute, g.Levels[level], hidden, hidden));
                }
                else if (any)
                {
                    byGroup.Add(new GroupErrorRates(g.Attribute, g.Levels[level], Rates(flags, labels, estimate, member, options, probability), Rates(flags, labels, naive, member, options, null)));
                }
            }
        }
        return new SelectiveLabelsResult(method, investigatedRows, randomRows, overall, naiveOverall, byGroup);
    }

    /// <summary>
    /// A Hájek ratio R = Σ w a / Σ w d with w = 1/π under Poisson sampling, and its interval from the linearised variance
    /// (Särndal, Swensson and Wretman 1992, §5.6): V = Σ (1 − πᵢ) wᵢ² (aᵢ − R dᵢ)² / (Σ w d)², here
    /// ((1 − R)² S_num + R² S_other) / D² with S_cell = Σ (1 − π) w² over the cell; rows investigated with certainty
    /// (π = 1) add nothing. The interval is Wald's on the logit scale, back-transformed (so it stays within [0, 1]).
    /// </summary>
    private static Metric WeightedRatio(double numerator, double denominator, double sNumerator, double sOther, long rows, double confidence)
    {
        var r = numerator / denominator;
        var variance = ((1 - r) * (1 - r) * sNumerator + r * r * sOther) / (denominator * denominator);
        if (r <= 0 || r >= 1 || variance <= 0)
        {
            return Metric.Of(r, rows);
        }
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 + confidence) / 2);
        var logit = Math.Log(r / (1 - r));
        var half = z * Math.Sqrt(variance) / (r * (1 - r));
        return Metric.Of(r, rows) with { Ci = [1 / (1 + Math.Exp(-(logit - half))), 1 / (1 + Math.Exp(-(logit + half)))] };
    }

    /// <summary>FPR, FNR, base rate and precision over rows with estimation weight, restricted to <paramref name="member"/>.</summary>
    /// <param name="probability">Probabilities of investigation when the weights are inverse probabilities (their intervals then use the linearised variance); null otherwise.</param>
    private static ErrorRates Rates(ReadOnlySpan<byte> flags, ReadOnlySpan<byte> labels, double[] weight, bool[] member, FairnessOptions options, double[]? probability)
    {
        // Cells: label (0, 1) × flag (0, 1): weight sums, squared-weight sums, Σ (1 − π) w² and row counts.
        var w = new double[4];
        var w2 = new double[4];
        var v = new double[4];
        var rows = new long[4];
        for (var i = 0; i < flags.Length; i++)
        {
            if (!member[i] || weight[i] == 0)
            {
                continue;
            }
            var cell = labels[i] * 2 + flags[i];
            w[cell] += weight[i];
            w2[cell] += weight[i] * weight[i];
            v[cell] += probability is null ? 0 : (1 - probability[i]) * weight[i] * weight[i];
            rows[cell]++;
        }
        Metric Rate(int numerator, int other)
        {
            var total = w[numerator] + w[other];
            var count = rows[numerator] + rows[other];
            if (count == 0)
            {
                return Metric.UndefinedBecause("no labelled rows", 0);
            }
            if (options.Disclosure.IsBelowMinimum(count, total))
            {
                return Metric.SuppressedCell();
            }
            if (probability is not null)
            {
                return WeightedRatio(w[numerator], total, v[numerator], v[other], count, options.Confidence);
            }
            var squared = w2[numerator] + w2[other];
            return GroupFlagRates.RateMetric(w[numerator], total, total * total / squared, count, options.Confidence);
        }
        // Indices: 0 = y0 unflagged, 1 = y0 flagged, 2 = y1 unflagged, 3 = y1 flagged.
        var fpr = Rate(1, 0);
        var fnr = Rate(2, 3);
        var precision = Rate(3, 1);
        Metric baseRate;
        var all = w[0] + w[1] + w[2] + w[3];
        var allRows = rows[0] + rows[1] + rows[2] + rows[3];
        if (allRows == 0)
        {
            baseRate = Metric.UndefinedBecause("no labelled rows", 0);
        }
        else if (options.Disclosure.IsBelowMinimum(allRows, all))
        {
            baseRate = Metric.SuppressedCell();
        }
        else
        {
            var squared = w2[0] + w2[1] + w2[2] + w2[3];
            baseRate = GroupFlagRates.RateMetric(w[2] + w[3], all, all * all / squared, allRows, options.Confidence);
        }
        return new ErrorRates(fpr, fnr, baseRate, precision);
    }
}
