using System.Globalization;
using Audit.Fairness.Inference;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>One protected attribute to analyse: its groups and how to pick its reference group.</summary>
/// <param name="Reference">The reference group's label, or null for the largest group by weighted count.</param>
public sealed record AttributeInput(GroupAssignment Groups, IReadOnlyList<double>? Bands, string? Reference);

/// <summary>The audited scores, for score-based group metrics.</summary>
/// <param name="IsProbability">The score is a probability of the adverse outcome (a logistic model), so calibration applies.</param>
public sealed record ScoreInput(double[] Values, Models.AdverseTail Adverse, bool IsProbability);

/// <summary>Every row's grade (an index into <see cref="Models.GradeScale.Bands"/>), for grade metrics.</summary>
public sealed record GradeInput(int[] Bands, Models.GradeScale Scale);

/// <summary>
/// Computes the fairness section from decisions, labels and weights: group statistics per attribute and per
/// intersection, every metric of <see cref="GroupRate.All"/>, disparities to the reference group and to the
/// whole population, the four-fifths ratio against the most favoured group, the spread between groups,
/// shortfalls and inequality indices, with disclosure control (CONTRACTS.md).
/// </summary>
public static class FairnessAnalysis
{
    /// <summary>The most counts the Poisson bootstrap may hold (16 bytes each: about 320 MB).</summary>
    public const long MaxPoissonSlots = 20_000_000;

    /// <summary>The largest crossing of all attributes accumulated in one pass (cells); past it, one pass per set.</summary>
    public const long MaxFinestCells = 1 << 16;


    /// <param name="decisions">1 = flagged, per row.</param>
    /// <param name="labels">0/1/255 per row, or empty without a label column.</param>
    /// <param name="weights">Per row, or empty when unweighted.</param>
    /// <param name="scores">The scores, for score-based metrics per group (single attributes only); null without.</param>
    /// <param name="grades">Every row's grade, for grade metrics per group (single attributes only); null without.</param>
    /// <param name="bootstrapStarts">Called when the bootstrap starts (for stage timings); null otherwise.</param>
    public static FairnessSection Analyze(IReadOnlyList<AttributeInput> attributes, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, FairnessOptions options, ScoreInput? scores = null, GradeInput? grades = null,
        Action? bootstrapStarts = null)
    {
        var hasLabel = !labels.IsEmpty;
        var rates = GroupRate.All.Where(r => hasLabel || !r.NeedsLabel).ToArray();
        // One pass over the rows for the finest crossing of all attributes, then every attribute and intersection
        // by marginalising, when the crossing is small enough; otherwise one pass per attribute and intersection.
        var decisionMemory = decisions.ToArray();
        var labelMemory = labels.ToArray();
        var weightMemory = weights.ToArray();
        var finestCells = attributes.Aggregate(1L, (n, a) => n * a.Groups.Levels.Length);
        GroupStatistics? finest = attributes.Count > 0 && finestCells <= MaxFinestCells
            ? GroupStatistics.AccumulateChunked(attributes.Select(a => a.Groups).ToArray(), decisionMemory, labelMemory, weightMemory)
            : null;
        GroupStatistics StatisticsOf(IReadOnlyList<int> set) => finest is not null
            ? finest.Marginal(set)
            : GroupStatistics.AccumulateChunked(set.Select(i => attributes[i].Groups).ToArray(), decisionMemory, labelMemory, weightMemory);

        var overall = finest?.Overall()
            ?? GroupStatistics.Accumulate([new GroupAssignment("all", new int[decisions.Length], ["all"])], decisions, labels, weights).Overall();
        var overallRates = rates.ToDictionary(r => r.Key, r => r.Compute(overall));

        // Analytical intervals and tests need counts: unweighted rows, or frequency weights (weight sums are people).
        var analytical = weights.IsEmpty || options.FrequencyWeights;
        // Every published table, single attributes first: their statistics, and which groups complementary suppression hides.
        var tableSets = Enumerable.Range(0, attributes.Count).Select(i => (IReadOnlyList<int>)[i]).Concat(options.Intersections).ToArray();
        var tables = tableSets.Select(StatisticsOf).ToArray();
        var hiding = ComplementarySuppression.Apply(tables, c => options.IsBelowMinimum(c.Count(), c.Weight()), hasLabel ? c => LabelCellsSmall(c, options) : null, options.MinCellSize);
        var single = new List<AttributeResult>();
        for (var i = 0; i < attributes.Count; i++)
        {
            var hidden = hiding.Groups[i];
            var scoreSummaries = scores is null ? null : ScoreSummaries(attributes[i], scores, labels, weights, options, hidden, hiding.LabelMetrics[i]);
            var gradeSummaries = grades is null ? null : GradeSummaries(attributes[i], grades, decisions, weights, options, analytical, hidden);
            single.Add(AnalyzeSet(tables[i], [attributes[i]], overall, overallRates, rates, options, allDisparities: true, analytical, scoreSummaries, gradeSummaries, hiding.Groups[i], hiding.LabelMetrics[i]));
        }
        var crossed = new List<AttributeResult>();
        for (var k = 0; k < options.Intersections.Count; k++)
        {
            var set = options.Intersections[k];
            var t = attributes.Count + k;
            crossed.Add(AnalyzeSet(tables[t], set.Select(i => attributes[i]).ToArray(), overall, overallRates, rates, options, allDisparities: false, analytical, hidden: hiding.Groups[t], labelHidden: hiding.LabelMetrics[t]));
        }
        AdjustForMultipleTesting(single, crossed, options.Correction);
        if (options.BootstrapReplicates > 0)
        {
            bootstrapStarts?.Invoke();
            // Seeds per set: the plan's seed plus the set's position, so that every interval is reproducible.
            var sets = Enumerable.Range(0, attributes.Count).Select(i => (IReadOnlyList<int>)[i]).Concat(options.Intersections).ToArray();
            var sampling = !weights.IsEmpty && !options.FrequencyWeights;
            if (sampling)
            {
                // The Poisson bootstrap keeps every replicate's statistics in memory: refuse what would not fit.
                var largest = sets.Max(set => set.Aggregate(1L, (n, i) => n * attributes[i].Groups.Levels.Length));
                if (largest * 6L * options.BootstrapReplicates > MaxPoissonSlots)
                {
                    throw new AuditInputException($"the bootstrap of sampling-weighted data would keep {largest * 6L * options.BootstrapReplicates:N0} counts in memory",
                        expected: $"at most {MaxPoissonSlots:N0} (cells × 6 × replicates)",
                        hint: "lower 'inference.bootstrap', cross fewer attributes in 'intersections', or band numeric attributes more coarsely");
                }
            }
            GroupStatistics[]? poisson = sampling && finest is not null && finestCells * 6L * options.BootstrapReplicates <= MaxPoissonSlots
                ? Bootstrap.PoissonBootstrap.Accumulate(attributes.Select(a => a.Groups).ToArray(), decisions, labels, weights, options.BootstrapReplicates, unchecked((int)options.Seed))
                : null;
            for (var k = 0; k < sets.Length; k++)
            {
                var stats = StatisticsOf(sets[k]);
                var source = !sampling
                    ? BootstrapIntervals.Multinomial(stats, options, unchecked((int)options.Seed + k))
                    : poisson is not null
                        ? BootstrapIntervals.Over(poisson.Select(r => r.Marginal(sets[k])).ToArray(), options.Confidence)
                        : BootstrapIntervals.Over(Bootstrap.PoissonBootstrap.Accumulate(sets[k].Select(i => attributes[i].Groups).ToArray(), decisions, labels, weights, options.BootstrapReplicates, unchecked((int)options.Seed + k)), options.Confidence);
                if (k < single.Count)
                {
                    single[k] = BootstrapIntervals.Apply(single[k], stats, rates, source, sampling);
                }
                else
                {
                    crossed[k - single.Count] = BootstrapIntervals.Apply(crossed[k - single.Count], stats, rates, source, sampling);
                }
            }
        }

        var overallMetrics = rates.ToDictionary(r => r.Key, r => ToMetric(r.Compute(overall), new FairnessOptions { MinCellSize = 1 }));
        var overallCounts = new OverallRates(Metric.Of(overall.Count()), Metric.Of(overall.Weight()), overallMetrics);
        InequalityResult? inequality = hasLabel ? Inequality(InequalityIndex.Total(overall, options.EntropyAlpha), InequalityIndex.Total(overall, 1), options.EntropyAlpha) : null;
        // Empty listed cells count as small ones: a count of the non-empty small cells alone would tell how many of a
        // hidden group's crossings are empty (issue 16, class 2).
        var primaryHidden = tables.Sum(t => Enumerable.Range(0, t.CellCount).Count(c => options.IsBelowMinimum(t.Cell(c).Count(), t.Cell(c).Weight())));
        return new FairnessSection(options.MinCellSize, options.Tolerance, InferenceFor(options, analytical, !weights.IsEmpty), FairnessFindings.ConventionsFor(options), overallCounts, single, crossed, inequality, FairnessFindings.Headlines(single, crossed))
        {
            Disclosure = new DisclosureControl(primaryHidden, hiding.Complementary, hiding.ComplementaryLabel, ComplementarySuppression.Method, hiding.Unprotected, hiding.ExactCheck),
        };
    }

    /// <summary>The result for one attribute or intersection from its statistics.</summary>
    public static AttributeResult AnalyzeSet(
        GroupStatistics stats,
        IReadOnlyList<AttributeInput> inputs,
        ConfusionCounts overall,
        IReadOnlyDictionary<string, RateValue> overallRates,
        IReadOnlyList<GroupRate> rates,
        FairnessOptions options,
        bool allDisparities,
        bool analytical = true,
        IReadOnlyDictionary<string, ScoreSummary>? scoreSummaries = null,
        IReadOnlyDictionary<string, GradeSummary>? gradeSummaries = null,
        IReadOnlySet<string>? hidden = null,
        IReadOnlySet<string>? labelHidden = null)
    {
        var cells = stats.ListedCells()
            .Select(c => (Key: GroupKey.Of(stats.Attributes, stats.CellLabels(c)), Labels: stats.CellLabels(c), Counts: stats.Cell(c)))
            .ToList();
        // Hidden: too few rows, or hidden by complementary suppression so that no small group can be found by subtraction.
        var cellKeys = cells.Select(c => ComplementarySuppression.KeyOf(stats.Attributes, c.Labels)).ToArray();
        var suppressed = cells.Select((c, i) => options.IsBelowMinimum(c.Counts.Count(), c.Counts.Weight()) || hidden?.Contains(cellKeys[i]) == true).ToArray();
        // A group's label-based metrics are shown together or not at all: each one's count can be recovered from the
        // others (TPR = PPV × flagged-labelled / label-1 rows...), so if any of the four label cells behind them —
        // label 1, label 0, flagged with a label, unflagged with a label — has fewer rows than the minimum, all are hidden.
        var labelsHidden = cells.Select((c, i) => LabelCellsSmall(c.Counts, options) || labelHidden?.Contains(cellKeys[i]) == true).ToArray();
        var values = cells.Select(c => rates.ToDictionary(r => r.Key, r => r.Compute(c.Counts))).ToArray();
        double? FlagRate(int i) => values[i][GroupRate.SelectionRate.Key].Value;

        // Reference group: the named one(s), or the largest by weighted count (first in output order on a tie).
        var referenceIndex = -1;
        var referenceRule = "largest";
        if (inputs.All(a => a.Reference is not null))
        {
            referenceIndex = cells.FindIndex(c => c.Labels.SequenceEqual(inputs.Select(a => a.Reference!)));
            if (referenceIndex < 0 && inputs.Count == 1)
            {
                throw new AuditInputException($"the reference group '{inputs[0].Reference}' does not occur in the data", column: inputs[0].Groups.Attribute,
                    expected: "one of " + string.Join(", ", cells.Select(c => c.Key.Label)), found: inputs[0].Reference,
                    hint: "fix 'reference' for this attribute in the plan, or write 'reference: largest'");
            }
            referenceRule = referenceIndex >= 0 ? "explicit" : "largest";
        }
        if (referenceIndex < 0)
        {
            referenceIndex = LargestByWeight(cells.Select(c => c.Counts.Weight()).ToArray());
        }
        var referenceSuppressed = suppressed[referenceIndex];

        // Four-fifths comparator g*: the unsuppressed group with the lowest flag rate; worst off: the highest.
        int comparator = -1, worst = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            if (suppressed[i] || FlagRate(i) is not { } r)
            {
                continue;
            }
            if (comparator < 0 || r < FlagRate(comparator)!.Value)
            {
                comparator = i;
            }
            if (worst < 0 || r > FlagRate(worst)!.Value)
            {
                worst = i;
            }
        }

        var totalWeight = overall.Weight();
        var flaggedWeight = overall.Weight(decision: 1);
        var groups = new List<GroupResult>();
        for (var i = 0; i < cells.Count; i++)
        {
            var counts = cells[i].Counts;
            if (suppressed[i])
            {
                var withheld = Metric.SuppressedCell();
                groups.Add(new GroupResult(cells[i].Key, withheld, withheld, withheld, withheld,
                    rates.ToDictionary(r => r.Key, _ => withheld),
                    DisparityKeys(rates, allDisparities).ToDictionary(r => r.Key, _ => new Disparity(withheld, withheld, withheld, withheld, null, null)),
                    withheld, withheld, withheld, null, withheld, withheld));
                continue;
            }
            var groupRates = rates.ToDictionary(r => r.Key, r => r.NeedsLabel && labelsHidden[i]
                ? Metric.SuppressedCell()
                : ToMetric(values[i][r.Key], options, r.IsProportion && analytical ? options.Confidence : null));
            var disparities = DisparityKeys(rates, allDisparities).ToDictionary(r => r.Key, r => Compare(
                r, values[i][r.Key], values[referenceIndex][r.Key], overallRates[r.Key],
                suppressed: groupRates[r.Key].Suppressed == true,
                referenceSuppressed: referenceSuppressed || (r.NeedsLabel && labelsHidden[referenceIndex]) || IsSmall(values[referenceIndex][r.Key], options),
                options.Tolerance,
                // The reference compared with itself gets no interval: it is not an independent sample.
                analytical && i != referenceIndex ? options.Confidence : null));
            var selection = disparities[GroupRate.SelectionRate.Key];
            var minimumDetectable = Metric.UndefinedBecause(analytical ? "the reference group is suppressed or empty" : "needs counts: not computed for sampling weights");
            if (analytical && i != referenceIndex && !referenceSuppressed
                && values[i][GroupRate.SelectionRate.Key] is var own && values[referenceIndex][GroupRate.SelectionRate.Key] is var other
                && own.Denominator > 0 && other.Value is { } baseline)
            {
                // A test of this group against the reference: z, or Fisher's exact test for small expected counts.
                var test = ProportionTest.Compare(
                    (int)Math.Round(own.Numerator), (int)Math.Round(own.Denominator),
                    (int)Math.Round(values[referenceIndex][GroupRate.SelectionRate.Key].Numerator), (int)Math.Round(other.Denominator));
                var testName = test.Test == ProportionTestKind.FisherExact ? "fisher" : "z";
                selection = selection with
                {
                    DifferenceToReference = selection.DifferenceToReference with { P = test.P, Test = testName },
                    RatioToReference = selection.RatioToReference with { P = test.P, Test = testName },
                };
                disparities[GroupRate.SelectionRate.Key] = selection;
                var alpha = 1 - options.Confidence;
                minimumDetectable = Power.MinimumDetectableDifference(baseline, own.Denominator, other.Denominator, alpha, MinimumDetectablePower) is { } mdd
                    ? Metric.Of(mdd)
                    : Metric.UndefinedBecause("no difference within [0, 1] reaches 80 % power at these group sizes");
            }
            else if (i == referenceIndex)
            {
                minimumDetectable = Metric.UndefinedBecause("the reference group itself");
            }

            Metric fourFifths;
            bool? adverse = null;
            if (FlagRate(i) is not { } rate)
            {
                fourFifths = Metric.UndefinedBecause("the group's weights sum to 0");
            }
            else if (comparator < 0)
            {
                fourFifths = Metric.UndefinedBecause("every group is suppressed");
            }
            else if (FourFifthsRule.Ratio(rate, FlagRate(comparator)!.Value) is not { } value)
            {
                fourFifths = Metric.UndefinedBecause("everybody in the most favoured group is flagged");
            }
            else
            {
                fourFifths = Metric.Of(value);
                adverse = FourFifthsRule.IsAdverseImpact(value);
            }

            var shortfall = referenceSuppressed || FlagRate(referenceIndex) is not { } referenceRate
                ? Metric.UndefinedBecause(referenceSuppressed ? "the reference group is suppressed to protect small groups" : "the reference group's weights sum to 0")
                : Metric.Of(Math.Max(0, counts.Weight(decision: 1) - referenceRate * counts.Weight()));

            groups.Add(new GroupResult(
                cells[i].Key,
                Metric.Of(counts.Count()),
                Metric.Of(counts.Weight()),
                totalWeight > 0 ? Metric.Of(counts.Weight() / totalWeight) : Metric.UndefinedBecause("the weights sum to 0"),
                flaggedWeight > 0 ? Metric.Of(counts.Weight(decision: 1) / flaggedWeight) : Metric.UndefinedBecause("nobody is flagged"),
                groupRates,
                disparities,
                selection.RatioToReference,
                selection.DifferenceToReference,
                fourFifths,
                adverse,
                shortfall,
                minimumDetectable,
                scoreSummaries?.GetValueOrDefault(cells[i].Key.Label),
                gradeSummaries?.GetValueOrDefault(cells[i].Key.Label)));
        }

        var between = rates.ToDictionary(r => r.Key, r => Spread(r.Key, cells.Select(c => c.Key).ToArray(), groups));
        // Label-hidden groups too: each group's mean benefit in the index gives its label counts back.
        var visible = cells.Where((_, i) => !suppressed[i] && !labelsHidden[i]).Select(c => c.Counts).ToArray();
        InequalityResult? inequality = rates.Any(r => r.NeedsLabel)
            ? Inequality(InequalityIndex.BetweenGroups(visible, options.EntropyAlpha), InequalityIndex.BetweenGroups(visible, 1), options.EntropyAlpha)
            : null;
        return new AttributeResult(
            string.Join(" × ", stats.Attributes),
            stats.Attributes,
            inputs.Count == 1 ? inputs[0].Bands : null,
            cells[referenceIndex].Key,
            referenceRule,
            comparator < 0 ? null : cells[comparator].Key,
            worst < 0 ? null : cells[worst].Key,
            groups,
            between,
            analytical ? HomogeneityOf(values, suppressed) : null,
            inequality);
    }

    /// <summary>
    /// Score-based metrics of each group of one attribute, by group label: mean score, AUC, calibration error (for
    /// probabilities) and the Kolmogorov-Smirnov distance to everybody else, from score histograms over the observed
    /// range (Scores/ScoreStatistics). AUC and calibration rest on labelled rows and are suppressed when either label
    /// has fewer rows than the minimum cell size.
    /// </summary>
    private static Dictionary<string, ScoreSummary> ScoreSummaries(AttributeInput attribute, ScoreInput scores, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, FairnessOptions options, IReadOnlySet<string> hidden, IReadOnlySet<string> labelHidden)
    {
        var oriented = Scores.ScoreStatistics.Orient(scores.Values, scores.Adverse);
        var (lo, hi) = Scores.ScoreStatistics.ObservedRange(oriented);
        var stats = Scores.ScoreStatistics.Accumulate([attribute.Groups], oriented, labels, weights, lo, hi);
        var sign = scores.Adverse == Models.AdverseTail.High ? 1.0 : -1.0;
        var result = new Dictionary<string, ScoreSummary>(StringComparer.Ordinal);
        // Suppressed groups are left out of "the rest", or a two-group comparison would reveal a hidden group's scores.
        bool Hidden(int c) => options.IsBelowMinimum(stats.Cell(c).Count(), stats.Cell(c).Weight()) || hidden.Contains(ComplementarySuppression.KeyOf(stats.Attributes, stats.CellLabels(c)));
        bool LabelHidden(int c) => labelHidden.Contains(ComplementarySuppression.KeyOf(stats.Attributes, stats.CellLabels(c)));
        for (var c = 0; c < stats.CellCount; c++)
        {
            var cell = stats.Cell(c);
            if (cell.Count() == 0)
            {
                continue;
            }
            var labelled = Math.Min(cell.Count(0), cell.Count(1));
            var mean = Scores.ScoreMetrics.MeanScore(cell) is { } m ? Metric.Of(sign * m, cell.Count()) : Metric.UndefinedBecause("the group's weights sum to 0");
            Metric auc, calibration;
            if (labels.IsEmpty)
            {
                auc = calibration = Metric.UndefinedBecause("no label column");
            }
            else if (labelled < options.MinCellSize || LabelHidden(c))
            {
                // Hidden with the group's other label metrics: the AUC's n and the ROC steps give its label counts.
                auc = calibration = labelled == 0 ? Metric.UndefinedBecause("the group lacks rows with label 1 or with label 0") : Metric.SuppressedCell();
            }
            else
            {
                auc = Scores.ScoreMetrics.Auc(cell) is { } a ? Metric.Of(a.Value, cell.Count(0) + cell.Count(1)) : Metric.UndefinedBecause("the group lacks rows with label 1 or with label 0");
                calibration = scores.IsProbability && scores.Adverse == Models.AdverseTail.High
                    ? Scores.ScoreMetrics.ExpectedCalibrationError(cell) is { } e ? Metric.Of(e, cell.Count(0) + cell.Count(1)) : Metric.UndefinedBecause("no labelled rows")
                    : Metric.UndefinedBecause("the score is not a probability of the adverse outcome");
            }
            var rest = stats.Rest(c, Hidden);
            var distance = rest.Count() > 0 && Scores.ScoreMetrics.KolmogorovSmirnov(cell, rest) is { } ks
                ? Metric.Of(ks.Value)
                : Metric.UndefinedBecause("nobody else (unsuppressed) to compare with");
            var curves = Hidden(c) ? null : Scores.ScoreCurveBuilder.Build(cell, sign, options.MinCellSize,
                withLabels: !labels.IsEmpty && labelled >= options.MinCellSize && !LabelHidden(c), withCalibration: scores.IsProbability && scores.Adverse == Models.AdverseTail.High, stats.Overall());
            result[string.Join(" × ", stats.CellLabels(c))] = new ScoreSummary(mean, auc, calibration, distance, curves);
        }
        return result;
    }

    /// <summary>
    /// Grade metrics of each group of one attribute, by group label: the share in each grade and in the worst grade,
    /// and the worst-grade rate's ratio to the reference group's. The grade is crossed with the attribute as one more
    /// attribute of the group statistics, so the shares are weighted like every other rate.
    /// </summary>
    private static Dictionary<string, GradeSummary> GradeSummaries(AttributeInput attribute, GradeInput grades, ReadOnlySpan<byte> decisions, ReadOnlySpan<double> weights, FairnessOptions options, bool analytical, IReadOnlySet<string> hidden)
    {
        var names = grades.Scale.Bands.Select(b => b.Name).ToArray();
        var grade = new GroupAssignment("grade", grades.Bands, names);
        var stats = GroupStatistics.Accumulate([attribute.Groups, grade], decisions, [], weights);
        var order = grades.Scale.FavourableToAdverse;
        var worst = Array.IndexOf(names, grades.Scale.Worst);
        var groupCount = attribute.Groups.Levels.Length;
        (double Worst, double Total, long Rows) Of(int g)
        {
            double total = 0;
            long rows = 0;
            for (var b = 0; b < names.Length; b++)
            {
                total += stats.Cell(g * names.Length + b).Weight();
                rows += stats.Cell(g * names.Length + b).Count();
            }
            return (stats.Cell(g * names.Length + worst).Weight(), total, rows);
        }
        var referenceIndex = attribute.Reference is { } named ? Array.IndexOf(attribute.Groups.Levels, named) : -1;
        if (referenceIndex < 0)
        {
            referenceIndex = LargestByWeight(Enumerable.Range(0, groupCount).Select(g => Of(g).Total).ToArray());
        }
        var reference = Of(referenceIndex);
        var result = new Dictionary<string, GradeSummary>(StringComparer.Ordinal);
        for (var g = 0; g < groupCount; g++)
        {
            var (worstWeight, total, rows) = Of(g);
            if (rows == 0)
            {
                continue;
            }
            var distribution = order.ToDictionary(name => name, name =>
            {
                var share = total > 0 ? stats.Cell(g * names.Length + Array.IndexOf(names, name)).Weight() / total : (double?)null;
                return share is { } v ? Metric.Of(v, rows) : Metric.UndefinedBecause("the group's weights sum to 0");
            });
            var rate = total > 0 ? Metric.Of(worstWeight / total, rows) : Metric.UndefinedBecause("the group's weights sum to 0");
            if (analytical && total > 0)
            {
                rate = rate with { Ci = Bounds(ProportionInterval.Wilson(worstWeight, total, options.Confidence)) };
            }
            Metric ratio;
            // The reference's suppression comes first, by the same rule as every group's (rows, or people with frequency weights).
            if (options.IsBelowMinimum(reference.Rows, reference.Total) || hidden.Contains(ComplementarySuppression.KeyOf([attribute.Groups.Attribute], [attribute.Groups.Levels[referenceIndex]])))
            {
                ratio = Metric.UndefinedBecause("the reference group is suppressed to protect small groups");
            }
            else if (reference.Total <= 0 || reference.Worst <= 0)
            {
                ratio = Metric.UndefinedBecause("nobody in the reference group has the worst grade");
            }
            else if (total > 0)
            {
                ratio = Metric.Of(worstWeight / total / (reference.Worst / reference.Total));
                if (analytical && g != referenceIndex)
                {
                    ratio = ratio with { Ci = Bounds(ProportionInterval.KatzLogRatio(worstWeight, total, reference.Worst, reference.Total, options.Confidence)) };
                }
            }
            else
            {
                ratio = Metric.UndefinedBecause("the group's weights sum to 0");
            }
            result[attribute.Groups.Levels[g]] = new GradeSummary(distribution, rate, ratio);
        }
        return result;
    }

    /// <summary>Power at which <see cref="GroupResult.MinimumDetectableDifference"/> is computed: 80 %, the convention of Cohen (1988).</summary>
    public const double MinimumDetectablePower = 0.8;

    /// <summary>Pearson's chi-square test that the unsuppressed groups share one flag rate.</summary>
    private static HomogeneityTest? HomogeneityOf(IReadOnlyList<Dictionary<string, RateValue>> values, bool[] suppressed)
    {
        var shown = Enumerable.Range(0, values.Count).Where(i => !suppressed[i] && values[i][GroupRate.SelectionRate.Key].Denominator > 0).ToArray();
        if (shown.Length < 2)
        {
            return null;
        }
        var flagged = shown.Select(i => values[i][GroupRate.SelectionRate.Key].Numerator).ToArray();
        var rows = shown.Select(i => values[i][GroupRate.SelectionRate.Key].Denominator).ToArray();
        return ProportionTest.ChiSquareHomogeneity(flagged, rows) is { } test
            ? new HomogeneityTest("chi-square", test.Statistic, test.DegreesOfFreedom, test.P)
            : null;
    }

    /// <summary>
    /// Adjusts the p-values of every group-versus-reference flag-rate comparison in the report (attributes and
    /// intersections together: the family) with Holm's step-down method or Benjamini-Hochberg.
    /// </summary>
    private static void AdjustForMultipleTesting(List<AttributeResult> single, List<AttributeResult> crossed, string correction)
    {
        var sets = single.Concat(crossed).ToList();
        var raw = sets.SelectMany(a => a.Groups.Select(g => g.FlagRateDifference.P)).ToList();
        if (correction == "none" || raw.All(p => p is null))
        {
            return;
        }
        var adjusted = correction == "bh" ? MultipleTesting.BenjaminiHochberg(raw) : MultipleTesting.Holm(raw);
        var k = 0;
        for (var s = 0; s < sets.Count; s++)
        {
            var groups = sets[s].Groups.Select(g =>
            {
                var p = adjusted[k++];
                if (p is null)
                {
                    return g;
                }
                var selection = g.Disparities[GroupRate.SelectionRate.Key];
                selection = selection with
                {
                    DifferenceToReference = selection.DifferenceToReference with { PAdjusted = p },
                    RatioToReference = selection.RatioToReference with { PAdjusted = p },
                };
                var disparities = new Dictionary<string, Disparity>(g.Disparities) { [GroupRate.SelectionRate.Key] = selection };
                return g with { Disparities = disparities, FlagRateDifference = selection.DifferenceToReference, FlagRateRatio = selection.RatioToReference };
            }).ToArray();
            var updated = sets[s] with { Groups = groups };
            if (s < single.Count)
            {
                single[s] = updated;
            }
            else
            {
                crossed[s - single.Count] = updated;
            }
        }
    }

    private static InferenceSettings InferenceFor(FairnessOptions options, bool analytical, bool weighted) =>
        new(options.Confidence, options.Correction, options.BootstrapReplicates, analytical, weighted);

    private static IEnumerable<GroupRate> DisparityKeys(IReadOnlyList<GroupRate> rates, bool all) =>
        all ? rates : rates.Where(r => r == GroupRate.SelectionRate);

    /// <summary>A metric of a group against the reference group's and the whole population's.</summary>
    private static Disparity Compare(GroupRate rate, RateValue group, RateValue reference, RateValue overall, bool suppressed, bool referenceSuppressed, double tolerance, double? confidence)
    {
        if (suppressed)
        {
            var hidden = Metric.SuppressedCell();
            return new Disparity(hidden, hidden, hidden, hidden, rate.IsProportion ? hidden : null, null);
        }
        if (group.Value is not { } g)
        {
            var none = Metric.UndefinedBecause(group.UndefinedReason);
            return new Disparity(none, none, none, none, rate.IsProportion ? none : null, null);
        }
        Metric diffRef, ratioRef;
        Metric? odds = null;
        bool? within = null;
        if (referenceSuppressed)
        {
            diffRef = ratioRef = Metric.UndefinedBecause("the reference group's value is suppressed to protect small groups");
            odds = rate.IsProportion ? diffRef : null;
        }
        else if (reference.Value is not { } r)
        {
            diffRef = ratioRef = Metric.UndefinedBecause("the reference group's value is undefined: " + reference.UndefinedReason);
            odds = rate.IsProportion ? diffRef : null;
        }
        else
        {
            diffRef = Metric.Of(g - r);
            ratioRef = r > 0 ? Metric.Of(g / r) : Metric.UndefinedBecause("the reference group's value is 0");
            if (rate.IsProportion && confidence is { } level)
            {
                // Intervals on the counts (or frequency-weight sums) behind the two proportions, as independent samples.
                diffRef = diffRef with { Ci = Bounds(ProportionInterval.NewcombeDifference(group.Numerator, group.Denominator, reference.Numerator, reference.Denominator, level)) };
                if (ratioRef.Value is not null)
                {
                    ratioRef = ratioRef with { Ci = Bounds(ProportionInterval.KatzLogRatio(group.Numerator, group.Denominator, reference.Numerator, reference.Denominator, level)) };
                }
            }
            if (ratioRef.Value is { } ratio)
            {
                // Within [τ, 1/τ], up to the resolution of the four-fifths verdict: a ratio that is τ exactly in the
                // counts (0.32 / 0.4 = 0.8) must not fall outside by a binary rounding (0.7999999999999999).
                within = ratio >= tolerance * (1 - FourFifthsRule.RelativeResolution) && ratio <= 1 / tolerance * (1 + FourFifthsRule.RelativeResolution);
            }
            if (rate.IsProportion)
            {
                odds = g is > 0 and < 1 && r is > 0 and < 1
                    ? Metric.Of(g / (1 - g) / (r / (1 - r))) with
                    {
                        Ci = confidence is { } oddsLevel
                            ? Bounds(ProportionInterval.OddsRatioWoolf(group.Numerator, group.Denominator, reference.Numerator, reference.Denominator, oddsLevel))
                            : null,
                    }
                    : Metric.UndefinedBecause("an odds ratio needs values strictly between 0 and 1");
            }
        }
        Metric diffAll, ratioAll;
        if (overall.Value is { } o)
        {
            diffAll = Metric.Of(g - o);
            ratioAll = o > 0 ? Metric.Of(g / o) : Metric.UndefinedBecause("the population's value is 0");
        }
        else
        {
            diffAll = ratioAll = Metric.UndefinedBecause("the population's value is undefined: " + overall.UndefinedReason);
        }
        return new Disparity(diffRef, ratioRef, diffAll, ratioAll, odds, within);
    }

    /// <summary>Fairlearn's between_groups spread over the groups whose value is shown (not suppressed, defined).</summary>
    private static BetweenGroups Spread(string key, GroupKey[] keys, IReadOnlyList<GroupResult> groups)
    {
        int min = -1, max = -1;
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i].Rates[key].Value is not { } v)
            {
                continue;
            }
            if (min < 0 || v < groups[min].Rates[key].Value!.Value)
            {
                min = i;
            }
            if (max < 0 || v > groups[max].Rates[key].Value!.Value)
            {
                max = i;
            }
        }
        if (min < 0)
        {
            var none = Metric.UndefinedBecause("no group has a shown value");
            return new BetweenGroups(none, none, none, none, null, null);
        }
        var lo = groups[min].Rates[key].Value!.Value;
        var hi = groups[max].Rates[key].Value!.Value;
        return new BetweenGroups(Metric.Of(lo), Metric.Of(hi), Metric.Of(hi - lo),
            hi > 0 ? Metric.Of(lo / hi) : Metric.UndefinedBecause("every shown value is 0"), keys[min], keys[max]);
    }

    private static InequalityResult Inequality(double? entropy, double? theil, double alpha) => new(
        entropy is { } e ? Metric.Of(e) : Metric.UndefinedBecause("no labelled rows, or every benefit is 0"),
        alpha,
        theil is { } t ? Metric.Of(t) : Metric.UndefinedBecause("no labelled rows, or every benefit is 0"));

    /// <summary>True when a labelled cell of the group has rows but fewer than the minimum (see the label-metric suppression rule).</summary>
    private static bool LabelCellsSmall(ConfusionCounts c, FairnessOptions options)
    {
        bool Small(long rows, double weight) => rows > 0 && options.IsBelowMinimum(rows, weight);
        return Small(c.Count(label: 1), c.Weight(label: 1))
            || Small(c.Count(label: 0), c.Weight(label: 0))
            || Small(c.LabelledCount(decision: 1), c.LabelledWeight(decision: 1))
            || Small(c.LabelledCount(decision: 0), c.LabelledWeight(decision: 0));
    }

    private static bool IsSmall(RateValue rate, FairnessOptions options) =>
        rate.DenominatorRows > 0 && options.IsBelowMinimum(rate.DenominatorRows, rate.Denominator);

    /// <summary>The index of the largest weight, the first on a tie: how the default reference group is chosen.</summary>
    private static int LargestByWeight(IReadOnlyList<double> weights)
    {
        var largest = 0;
        for (var i = 1; i < weights.Count; i++)
        {
            if (weights[i] > weights[largest])
            {
                largest = i;
            }
        }
        return largest;
    }

    private static Metric ToMetric(RateValue rate, FairnessOptions options, double? confidence = null)
    {
        if (IsSmall(rate, options))
        {
            return Metric.SuppressedCell();
        }
        if (rate.Value is not { } v)
        {
            return Metric.UndefinedBecause(rate.UndefinedReason, rate.DenominatorRows);
        }
        var metric = Metric.Of(v, rate.DenominatorRows);
        return confidence is { } level ? metric with { Ci = Bounds(ProportionInterval.Wilson(rate.Numerator, rate.Denominator, level)) } : metric;
    }

    private static double[]? Bounds(Interval? interval) => interval is { } i ? [i.Lower, i.Upper] : null;
}
