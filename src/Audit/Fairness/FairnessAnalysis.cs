using System.Globalization;
using Audit.Fairness.Cells;
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
        Action? bootstrapStarts = null) =>
        Run(attributes, decisions, labels, weights, options, scores, grades, bootstrapStarts).Section;

    /// <summary>
    /// As <see cref="Analyze"/>, with the disclosure policy the section applies, built here once for every later stage
    /// (designs, explanations, recourse) to apply in turn.
    /// </summary>
    public static FairnessOutcome Run(IReadOnlyList<AttributeInput> attributes, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, FairnessOptions options, ScoreInput? scores = null, GradeInput? grades = null,
        Action? bootstrapStarts = null)
    {
        var population = new Population(attributes, decisions, labels, weights);
        var oriented = scores is null ? null : new Lazy<GroupSummaries.OrientedScores>(() => GroupSummaries.OrientedScores.Of(scores));
        return Map(population, options,
            (attribute, disclosure) => scores is null ? null : GroupSummaries.OfScores(attribute, scores, oriented!.Value, population.Labels, population.Weights, options, disclosure),
            (attribute, disclosure, analytical) => grades is null ? null : GroupSummaries.OfGrades(attribute, grades, population.Decisions, population.Weights, options, analytical, disclosure),
            bootstrapStarts);
    }

    /// <summary>
    /// The fairness section from statistics counted elsewhere (a <c>GROUP BY</c> where the data lives, statistics merged
    /// across machines: docs/national-scale.md), by the same mapping from frames as a run over rows, so that no rule is
    /// written twice for counts. Score and grade summaries need rows and are absent; sampling-weighted statistics cannot
    /// be bootstrapped (the Poisson bootstrap draws each row's weight), so they are refused unless the bootstrap is off.
    /// </summary>
    /// <param name="statistics">The counts of the crossing of every attribute, in the order of <paramref name="attributes"/>.</param>
    /// <param name="attributes">Each attribute's name, levels, bands and reference; their row codes are not read.</param>
    /// <param name="weighted">Whether the counted rows carried weights (frequency weights when <see cref="FairnessOptions.FrequencyWeights"/>).</param>
    public static FairnessOutcome FromStatistics(GroupStatistics statistics, IReadOnlyList<AttributeInput> attributes, bool weighted, FairnessOptions options)
    {
        if (weighted && !options.FrequencyWeights && options.BootstrapReplicates > 0)
        {
            throw new AuditInputException("the bootstrap of sampling-weighted data needs each row's weight, which counts do not keep",
                expected: "BootstrapReplicates = 0 with sampling weights", hint: "turn the bootstrap off, or give the rows");
        }
        return Map(new Population(attributes, statistics, weighted), options, (_, _) => null, (_, _, _) => null, null);
    }

    /// <summary>The one mapping from a population's frames to the fairness section and its disclosure policy.</summary>
    private static FairnessOutcome Map(Population population, FairnessOptions options,
        Func<AttributeInput, DisclosurePolicy, IReadOnlyDictionary<GroupKey, ScoreSummary>?> scoreSummariesOf,
        Func<AttributeInput, DisclosurePolicy, bool, IReadOnlyDictionary<GroupKey, GradeSummary>?> gradeSummariesOf,
        Action? bootstrapStarts)
    {
        var attributes = population.Attributes;
        var hasLabel = population.Labelled;
        var rates = GroupRate.All.Where(r => hasLabel || !r.NeedsLabel).ToArray();
        // Analytical intervals and tests need counts: unweighted rows, or frequency weights (weight sums are people).
        var analytical = !population.Weighted || options.FrequencyWeights;
        // Every published table, single attributes first: their statistics, and which groups complementary suppression hides.
        var sets = Enumerable.Range(0, attributes.Count).Select(i => (IReadOnlyList<int>)[i]).Concat(options.Intersections).ToArray();
        var tables = sets.Select(population.StatisticsOf).ToArray();
        var (hiding, disclosure) = Disclose(tables, hasLabel, options);
        var frames = tables.Select((t, k) => GroupFrame.Of(t, population.Overall, sets[k].Select(i => attributes[i].Reference).ToArray(), disclosure)).ToArray();
        var single = new List<AttributeResult>();
        for (var i = 0; i < attributes.Count; i++)
        {
            var scoreSummaries = scoreSummariesOf(attributes[i], disclosure);
            var gradeSummaries = gradeSummariesOf(attributes[i], disclosure, analytical);
            single.Add(MapSet(frames[i], [attributes[i]], rates, options, allDisparities: true, analytical, scoreSummaries, gradeSummaries));
        }
        var crossed = new List<AttributeResult>();
        for (var k = attributes.Count; k < sets.Length; k++)
        {
            crossed.Add(MapSet(frames[k], sets[k].Select(i => attributes[i]).ToArray(), rates, options, allDisparities: false, analytical));
        }
        AdjustForMultipleTesting(single, crossed, options.Correction);
        // m of each verdict metric: its comparisons over every table (the family the Holm correction adjusts).
        var family = DisparityVerdict.Family(frames.Select((f, k) => (f, k < attributes.Count)), rates);
        ReplicateRatios? replicateRatios = null;
        if (options.BootstrapReplicates > 0)
        {
            bootstrapStarts?.Invoke();
            replicateRatios = AddBootstrapIntervals(population, sets, tables, frames, single, crossed, rates, options, family);
        }
        for (var k = 0; k < sets.Length; k++)
        {
            if (k < single.Count)
            {
                single[k] = WithVerdicts(single[k], frames[k], k, family, options, analytical, replicateRatios);
            }
            else
            {
                crossed[k - single.Count] = WithVerdicts(crossed[k - single.Count], frames[k], k, family, options, analytical, replicateRatios);
            }
        }

        var overall = population.Overall;
        var overallMetrics = rates.ToDictionary(r => r.Key, r => ToMetric(r.Compute(overall), DisclosurePolicy.Primary(1)));
        var overallCounts = new OverallRates(Metric.Of(overall.Count()), Metric.Of(overall.Weight()), overallMetrics);
        InequalityResult? inequality = hasLabel ? Inequality(InequalityIndex.Total(overall, options.EntropyAlpha), InequalityIndex.Total(overall, 1), options.EntropyAlpha) : null;
        // Empty listed cells count as small ones: a count of the non-empty small cells alone would tell how many of a
        // hidden group's crossings are empty (issue 16, class 2).
        var primaryHidden = tables.Sum(t => Enumerable.Range(0, t.CellCount).Count(c => disclosure.IsBelowMinimum(t.Cell(c).Count(), t.Cell(c).Weight())));
        var section = new FairnessSection(options.MinCellSize, options.Tolerance, InferenceFor(options, analytical, population.Weighted), FairnessFindings.ConventionsFor(options), overallCounts, single, crossed, inequality, FairnessFindings.Headlines(single, crossed, options.DisplayLevels))
        {
            Disclosure = new DisclosureControl(primaryHidden, hiding.Complementary, hiding.ComplementaryLabel, ComplementarySuppression.Method, hiding.Unprotected, hiding.ExactCheck),
        };
        return new FairnessOutcome(section, disclosure);
    }

    /// <summary>
    /// The audit's disclosure policy: the minimum cell (rows, or people with frequency weights), then complementary
    /// suppression over every published table, for whole groups and for label metrics.
    /// </summary>
    private static (ComplementarySuppression.Plan Plan, DisclosurePolicy Policy) Disclose(IReadOnlyList<GroupStatistics> tables, bool hasLabel, FairnessOptions options)
    {
        var primary = DisclosurePolicy.Primary(options.MinCellSize, options.FrequencyWeights);
        var plan = ComplementarySuppression.Apply(tables, c => primary.IsBelowMinimum(c.Count(), c.Weight()), hasLabel ? primary.AreLabelCellsSmall : null, options.MinCellSize);
        return (plan, primary.With(plan.Groups.SelectMany(g => g), plan.LabelMetrics.SelectMany(g => g)));
    }

    /// <summary>
    /// The rows analysed, and the statistics of any set of attributes: one pass over the rows for the finest crossing of
    /// all attributes, then every attribute and intersection by marginalising, when the crossing is small enough;
    /// otherwise one pass per attribute and intersection.
    /// </summary>
    private sealed class Population
    {
        public Population(IReadOnlyList<AttributeInput> attributes, ReadOnlySpan<byte> decisions, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights)
        {
            Attributes = attributes;
            Decisions = decisions.ToArray();
            Labels = labels.ToArray();
            Weights = weights.ToArray();
            FinestCells = attributes.Aggregate(1L, (n, a) => n * a.Groups.Levels.Length);
            Finest = attributes.Count > 0 && FinestCells <= MaxFinestCells
                ? GroupStatistics.AccumulateChunked(attributes.Select(a => a.Groups).ToArray(), Decisions, Labels, Weights)
                : null;
            Overall = Finest?.Overall()
                ?? GroupStatistics.Accumulate([new GroupAssignment("all", new int[decisions.Length], ["all"])], decisions, labels, weights).Overall();
            Labelled = !labels.IsEmpty;
            Weighted = !weights.IsEmpty;
        }

        /// <summary>Statistics counted elsewhere: every table is a marginal of them; no row is kept.</summary>
        public Population(IReadOnlyList<AttributeInput> attributes, GroupStatistics finest, bool weighted)
        {
            Attributes = attributes;
            Decisions = [];
            Labels = [];
            Weights = [];
            FinestCells = finest.CellCount;
            Finest = finest;
            Overall = finest.Overall();
            Labelled = Overall.Count(label: 0) + Overall.Count(label: 1) > 0;
            Weighted = weighted;
        }

        /// <summary>Whether some rows have a known label (label metrics are computed).</summary>
        public bool Labelled { get; }

        /// <summary>Whether the rows carry weights.</summary>
        public bool Weighted { get; }

        public IReadOnlyList<AttributeInput> Attributes { get; }

        public byte[] Decisions { get; }

        public byte[] Labels { get; }

        public double[] Weights { get; }

        /// <summary>Cells of the crossing of every attribute.</summary>
        public long FinestCells { get; }

        /// <summary>The statistics of that crossing, or null when it has more than <see cref="MaxFinestCells"/> cells.</summary>
        public GroupStatistics? Finest { get; }

        /// <summary>The counts of every row together.</summary>
        public ConfusionCounts Overall { get; }

        public GroupStatistics StatisticsOf(IReadOnlyList<int> set) => Finest is not null
            ? Finest.Marginal(set)
            : GroupStatistics.AccumulateChunked(set.Select(i => Attributes[i].Groups).ToArray(), Decisions, Labels, Weights);

        /// <summary>The groups of a set of attributes.</summary>
        public GroupAssignment[] GroupsOf(IReadOnlyList<int> set) => set.Select(i => Attributes[i].Groups).ToArray();
    }

    /// <summary>
    /// Bootstrap intervals for every set: the multinomial bootstrap of its statistics (unweighted rows, frequency
    /// weights), or the Poisson bootstrap of rows (sampling weights). Seeds per set: the plan's seed plus the set's
    /// position, so that every interval is reproducible.
    /// </summary>
    /// <returns>With sampling weights, each verdict comparison's ratio in every replicate where it is defined (for the
    /// verdict's interval at its simultaneous level); null otherwise.</returns>
    private static ReplicateRatios? AddBootstrapIntervals(Population population, IReadOnlyList<IReadOnlyList<int>> sets, GroupStatistics[] tables, GroupFrame[] frames, List<AttributeResult> single, List<AttributeResult> crossed, IReadOnlyList<GroupRate> rates, FairnessOptions options,
        IReadOnlyDictionary<GroupRate, int> family)
    {
        var sampling = population.Weighted && !options.FrequencyWeights;
        if (sampling)
        {
            // The Poisson bootstrap keeps every replicate's statistics in memory: refuse what would not fit.
            var largest = sets.Max(set => set.Aggregate(1L, (n, i) => n * population.Attributes[i].Groups.Levels.Length));
            if (largest * 6L * options.BootstrapReplicates > MaxPoissonSlots)
            {
                throw new AuditInputException($"the bootstrap of sampling-weighted data would keep {largest * 6L * options.BootstrapReplicates:N0} counts in memory",
                    expected: $"at most {MaxPoissonSlots:N0} (cells × 6 × replicates)",
                    hint: "lower 'inference.bootstrap', cross fewer attributes in 'intersections', or band numeric attributes more coarsely");
            }
        }
        GroupStatistics[]? poisson = sampling && population.Finest is not null && population.FinestCells * 6L * options.BootstrapReplicates <= MaxPoissonSlots
            ? Bootstrap.PoissonBootstrap.Accumulate(population.GroupsOf(Enumerable.Range(0, population.Attributes.Count).ToArray()), population.Decisions, population.Labels, population.Weights, options.BootstrapReplicates, unchecked((int)options.Seed))
            : null;
        var ratios = sampling ? new ReplicateRatios() : null;
        if (!sampling)
        {
            // Each set's multinomial bootstrap has its own seed and its own frame, and writes only its own result: the sets
            // run in parallel (issue 21) and give the same intervals, in the same order, whatever the number of threads.
            RunInParallel(sets.Count, k =>
            {
                var source = BootstrapIntervals.Multinomial(tables[k], options, unchecked((int)options.Seed + k));
                if (k < single.Count)
                {
                    single[k] = BootstrapIntervals.Apply(single[k], frames[k], rates, source, sampling);
                }
                else
                {
                    crossed[k - single.Count] = BootstrapIntervals.Apply(crossed[k - single.Count], frames[k], rates, source, sampling);
                }
            });
            return null;
        }
        for (var k = 0; k < sets.Count; k++)
        {
            IReadOnlyList<GroupStatistics>? replicates = !sampling ? null
                : poisson is not null
                    ? poisson.Select(r => r.Marginal(sets[k])).ToArray()
                    : Bootstrap.PoissonBootstrap.Accumulate(population.GroupsOf(sets[k]), population.Decisions, population.Labels, population.Weights, options.BootstrapReplicates, unchecked((int)options.Seed + k));
            var source = replicates is null
                ? BootstrapIntervals.Multinomial(tables[k], options, unchecked((int)options.Seed + k))
                : BootstrapIntervals.Over(replicates, options.Confidence);
            if (replicates is not null)
            {
                ratios!.Add(k, frames[k], replicates, family.Keys.Where(r => k < single.Count || r == GroupRate.SelectionRate));
            }
            if (k < single.Count)
            {
                single[k] = BootstrapIntervals.Apply(single[k], frames[k], rates, source, sampling);
            }
            else
            {
                crossed[k - single.Count] = BootstrapIntervals.Apply(crossed[k - single.Count], frames[k], rates, source, sampling);
            }
        }
        return ratios;
    }

    /// <summary>Threads the sets' bootstraps may use at once: −1, as many as the pool gives; 1, one after another (tests compare the two).</summary>
    internal static int MaxBootstrapThreads { get; set; } = -1;

    /// <summary>
    /// Runs <paramref name="body"/> for 0 .. count − 1 on the thread pool; an exception of the body is rethrown as it was
    /// thrown (the first one, by index), not wrapped in an <see cref="AggregateException"/>.
    /// </summary>
    internal static void RunInParallel(int count, Action<int> body)
    {
        if (count <= 1 || Environment.ProcessorCount == 1 || MaxBootstrapThreads == 1)
        {
            for (var k = 0; k < count; k++)
            {
                body(k);
            }
            return;
        }
        var failures = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = MaxBootstrapThreads }, k =>
        {
            try
            {
                body(k);
            }
            catch (Exception e)
            {
                failures[k] = e;
            }
        });
        if (failures.FirstOrDefault(e => e is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>Each verdict comparison's ratio to the reference over the Poisson bootstrap's replicates, by set, group and metric.</summary>
    private sealed class ReplicateRatios
    {
        private readonly Dictionary<(int Set, int Group, string Metric), List<double>> values = [];

        /// <summary>Adds the ratios of every comparison of the family in set <paramref name="set"/>, replicate by replicate.</summary>
        public void Add(int set, GroupFrame frame, IReadOnlyList<GroupStatistics> replicates, IEnumerable<GroupRate> metrics)
        {
            var compared = metrics.SelectMany(r => Enumerable.Range(0, frame.Count).Where(i => DisparityVerdict.InFamily(frame, r, i)).Select(i => (Rate: r, Group: i))).ToArray();
            foreach (var (rate, group) in compared)
            {
                values[(set, group, rate.Key)] = new List<double>(replicates.Count);
            }
            foreach (var statistics in replicates)
            {
                var replicate = frame.Replicate(statistics);
                foreach (var (rate, group) in compared)
                {
                    if (replicate.RatioToReference(rate, group) is { } ratio && double.IsFinite(ratio))
                    {
                        values[(set, group, rate.Key)].Add(ratio);
                    }
                }
            }
        }

        /// <summary>The replicate ratios of a comparison (empty when it had none).</summary>
        public double[] Of(int set, int group, GroupRate rate) => values.TryGetValue((set, group, rate.Key), out var found) ? [.. found] : [];
    }

    /// <summary>
    /// The result with each verdict metric's disparity given its verdict (<see cref="DisparityVerdict"/>): from the counts,
    /// or with sampling weights from the bootstrap replicates of the ratio, at the level 1 − α/m of the metric's family.
    /// </summary>
    private static AttributeResult WithVerdicts(AttributeResult result, GroupFrame frame, int set, IReadOnlyDictionary<GroupRate, int> family, FairnessOptions options, bool analytical, ReplicateRatios? replicates)
    {
        var groups = result.Groups.Select((g, i) =>
        {
            var disparities = new Dictionary<string, Disparity>(g.Disparities);
            foreach (var (rate, m) in family)
            {
                if (!disparities.TryGetValue(rate.Key, out var d) || !DisparityVerdict.InFamily(frame, rate, i))
                {
                    continue;
                }
                disparities[rate.Key] = d with
                {
                    Verdict = analytical
                        ? DisparityVerdict.OfFrame(frame, rate, i, m, options)
                        : DisparityVerdict.FromReplicates(frame.RatioToReference(rate, i), replicates?.Of(set, i, rate) ?? [], options.Confidence, m, options.Tolerance, DisparityVerdict.Swaps(rate)),
                };
            }
            return g with { Disparities = disparities };
        }).ToArray();
        return result with { Groups = groups };
    }

    /// <summary>The result for one attribute or intersection: its frame mapped to the result records.</summary>
    private static AttributeResult MapSet(
        GroupFrame frame,
        IReadOnlyList<AttributeInput> inputs,
        IReadOnlyList<GroupRate> rates,
        FairnessOptions options,
        bool allDisparities,
        bool analytical,
        IReadOnlyDictionary<GroupKey, ScoreSummary>? scoreSummaries = null,
        IReadOnlyDictionary<GroupKey, GradeSummary>? gradeSummaries = null)
    {
        if (inputs.Count == 1 && inputs[0].Reference is { } named && frame.ReferenceRule != ReferenceGroup.Explicit)
        {
            throw new AuditInputException($"the reference group '{named}' does not occur in the data", column: inputs[0].Groups.Attribute,
                expected: "one of " + string.Join(", ", frame.Keys.Select(k => k.Label)), found: named,
                hint: "fix 'reference' for this attribute in the plan, or write 'reference: largest'");
        }
        var groups = new List<GroupResult>();
        for (var i = 0; i < frame.Count; i++)
        {
            groups.Add(frame.IsSuppressed(i)
                ? SuppressedGroup(frame.Keys[i], rates, allDisparities)
                : ShownGroup(frame, i, rates, options, allDisparities, analytical) with
                {
                    Scores = scoreSummaries?.GetValueOrDefault(frame.Keys[i]),
                    Grades = gradeSummaries?.GetValueOrDefault(frame.Keys[i]),
                });
        }
        var between = rates.ToDictionary(r => r.Key, r => Spread(frame, r));
        // Label-hidden groups too: each group's mean benefit in the index gives its label counts back.
        var visible = Enumerable.Range(0, frame.Count).Where(i => !frame.IsSuppressed(i) && !frame.AreLabelMetricsHidden(i)).Select(frame.Counts).ToArray();
        InequalityResult? inequality = rates.Any(r => r.NeedsLabel)
            ? Inequality(InequalityIndex.BetweenGroups(visible, options.EntropyAlpha), InequalityIndex.BetweenGroups(visible, 1), options.EntropyAlpha)
            : null;
        var comparator = frame.FourFifthsComparator;
        var worst = frame.GroupMax(GroupRate.SelectionRate);
        return new AttributeResult(
            string.Join(" × ", frame.Attributes),
            frame.Attributes,
            inputs.Count == 1 ? inputs[0].Bands : null,
            frame.Keys[frame.Reference],
            frame.ReferenceRule,
            comparator < 0 ? null : frame.Keys[comparator],
            worst < 0 ? null : frame.Keys[worst],
            groups,
            between,
            analytical ? HomogeneityOf(frame) : null,
            inequality);
    }

    /// <summary>A group withheld by the disclosure policy: every number suppressed.</summary>
    private static GroupResult SuppressedGroup(GroupKey key, IReadOnlyList<GroupRate> rates, bool allDisparities)
    {
        var withheld = Metric.SuppressedCell();
        return new GroupResult(key, withheld, withheld, withheld, withheld,
            rates.ToDictionary(r => r.Key, _ => withheld),
            DisparityKeys(rates, allDisparities).ToDictionary(r => r.Key, _ => new Disparity(withheld, withheld, withheld, withheld, null)),
            withheld, withheld, withheld, null, withheld, withheld);
    }

    /// <summary>A shown group: its rates, its disparities to the reference and the population, its test and four-fifths figures.</summary>
    private static GroupResult ShownGroup(GroupFrame frame, int i, IReadOnlyList<GroupRate> rates, FairnessOptions options, bool allDisparities, bool analytical)
    {
        var counts = frame.Counts(i);
        var reference = frame.Reference;
        var referenceSuppressed = frame.IsSuppressed(reference);
        var groupRates = rates.ToDictionary(r => r.Key, r => r.NeedsLabel && frame.AreLabelMetricsHidden(i)
            ? Metric.SuppressedCell()
            : ToMetric(frame.Value(r, i), frame.Disclosure, r.IsProportion && analytical ? options.Confidence : null));
        var disparities = DisparityKeys(rates, allDisparities).ToDictionary(r => r.Key, r => Compare(
            frame, r, i,
            suppressed: groupRates[r.Key].Suppressed == true,
            referenceSuppressed: referenceSuppressed || (r.NeedsLabel && frame.AreLabelMetricsHidden(reference)) || IsSmall(frame.Value(r, reference), frame.Disclosure),
            // The reference compared with itself gets no interval: it is not an independent sample.
            analytical && i != reference ? options.Confidence : null));
        var (selection, minimumDetectable) = WithFlagRateTest(frame, i, disparities[GroupRate.SelectionRate.Key], analytical, options.Confidence);
        disparities[GroupRate.SelectionRate.Key] = selection;
        var (fourFifths, adverse) = FourFifths(frame, i);
        var shortfall = referenceSuppressed || frame.FlagShortfall(i) is not { } missing
            ? Metric.UndefinedBecause(referenceSuppressed ? "the reference group is suppressed to protect small groups" : "the reference group's weights sum to 0")
            : Metric.Of(missing);
        var totalWeight = frame.OverallCounts.Weight();
        var flaggedWeight = frame.OverallCounts.Weight(decision: 1);
        return new GroupResult(
            frame.Keys[i],
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
            minimumDetectable);
    }

    /// <summary>
    /// A test of the group's flag rate against the reference's (z, or Fisher's exact test for small expected counts),
    /// attached to the flag-rate disparity, and the minimum detectable difference at these group sizes.
    /// </summary>
    private static (Disparity Selection, Metric MinimumDetectable) WithFlagRateTest(GroupFrame frame, int i, Disparity selection, bool analytical, double confidence)
    {
        var reference = frame.Reference;
        var own = frame.Value(GroupRate.SelectionRate, i);
        var other = frame.Value(GroupRate.SelectionRate, reference);
        if (analytical && i != reference && !frame.IsSuppressed(reference) && own.Denominator > 0 && other.Value is { } baseline)
        {
            var test = ProportionTest.Compare(
                (int)Math.Round(own.Numerator), (int)Math.Round(own.Denominator),
                (int)Math.Round(other.Numerator), (int)Math.Round(other.Denominator));
            var testName = test.Test == ProportionTestKind.FisherExact ? "fisher" : "z";
            selection = selection with
            {
                DifferenceToReference = selection.DifferenceToReference with { P = test.P, Test = testName },
                RatioToReference = selection.RatioToReference with { P = test.P, Test = testName },
            };
            var alpha = 1 - confidence;
            var minimumDetectable = Power.MinimumDetectableDifference(baseline, own.Denominator, other.Denominator, alpha, MinimumDetectablePower) is { } mdd
                ? Metric.Of(mdd)
                : Metric.UndefinedBecause("no difference within [0, 1] reaches 80 % power at these group sizes");
            return (selection, minimumDetectable);
        }
        return (selection, i == reference
            ? Metric.UndefinedBecause("the reference group itself")
            : Metric.UndefinedBecause(analytical ? "the reference group is suppressed or empty" : "needs counts: not computed for sampling weights"));
    }

    /// <summary>The group's four-fifths ratio and verdict, from the frame (<see cref="FourFifthsRule"/>).</summary>
    private static (Metric Ratio, bool? AdverseImpact) FourFifths(GroupFrame frame, int i)
    {
        if (frame.Value(GroupRate.SelectionRate, i).Value is null)
        {
            return (Metric.UndefinedBecause("the group's weights sum to 0"), null);
        }
        if (frame.FourFifthsComparator < 0)
        {
            return (Metric.UndefinedBecause("every group is suppressed"), null);
        }
        return frame.FourFifthsRatio(i) is { } value
            ? (Metric.Of(value), frame.AdverseImpact(i))
            : (Metric.UndefinedBecause("everybody in the most favoured group is flagged"), null);
    }

    /// <summary>Power at which <see cref="GroupResult.MinimumDetectableDifference"/> is computed: 80 %, the convention of Cohen (1988).</summary>
    public const double MinimumDetectablePower = 0.8;

    /// <summary>Pearson's chi-square test that the unsuppressed groups share one flag rate.</summary>
    private static HomogeneityTest? HomogeneityOf(GroupFrame frame)
    {
        var shown = Enumerable.Range(0, frame.Count).Where(i => !frame.IsSuppressed(i) && frame.Value(GroupRate.SelectionRate, i).Denominator > 0).ToArray();
        if (shown.Length < 2)
        {
            return null;
        }
        var flagged = shown.Select(i => frame.Value(GroupRate.SelectionRate, i).Numerator).ToArray();
        var rows = shown.Select(i => frame.Value(GroupRate.SelectionRate, i).Denominator).ToArray();
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

    /// <summary>A metric of a group against the reference group's and the whole population's, from the frame.</summary>
    private static Disparity Compare(GroupFrame frame, GroupRate rate, int i, bool suppressed, bool referenceSuppressed, double? confidence)
    {
        if (suppressed)
        {
            var hidden = Metric.SuppressedCell();
            return new Disparity(hidden, hidden, hidden, hidden, rate.IsProportion ? hidden : null);
        }
        var group = frame.Value(rate, i);
        if (group.Value is null)
        {
            var none = Metric.UndefinedBecause(group.UndefinedReason);
            return new Disparity(none, none, none, none, rate.IsProportion ? none : null);
        }
        var reference = frame.Value(rate, frame.Reference);
        Metric diffRef, ratioRef;
        Metric? odds = null;
        if (referenceSuppressed || reference.Value is null)
        {
            diffRef = ratioRef = Metric.UndefinedBecause(referenceSuppressed
                ? "the reference group's value is suppressed to protect small groups"
                : "the reference group's value is undefined: " + reference.UndefinedReason);
            odds = rate.IsProportion ? diffRef : null;
        }
        else
        {
            diffRef = Metric.Of(frame.DifferenceToReference(rate, i)!.Value);
            ratioRef = frame.RatioToReference(rate, i) is { } ratio ? Metric.Of(ratio) : Metric.UndefinedBecause("the reference group's value is 0");
            if (rate.IsProportion && confidence is { } level)
            {
                // Intervals on the counts (or frequency-weight sums) behind the two proportions, as independent samples.
                diffRef = diffRef with { Ci = Bounds(ProportionInterval.NewcombeDifference(group.Numerator, group.Denominator, reference.Numerator, reference.Denominator, level)) };
                if (ratioRef.Value is not null)
                {
                    ratioRef = ratioRef with { Ci = Bounds(ProportionInterval.KatzLogRatio(group.Numerator, group.Denominator, reference.Numerator, reference.Denominator, level)) };
                }
            }
            if (rate.IsProportion)
            {
                odds = frame.OddsRatioToReference(rate, i) is { } oddsRatio
                    ? Metric.Of(oddsRatio) with
                    {
                        Ci = confidence is { } oddsLevel
                            ? Bounds(ProportionInterval.OddsRatioWoolf(group.Numerator, group.Denominator, reference.Numerator, reference.Denominator, oddsLevel))
                            : null,
                    }
                    : Metric.UndefinedBecause("an odds ratio needs values strictly between 0 and 1");
            }
        }
        var overall = frame.Overall(rate);
        var (diffAll, ratioAll) = overall.Value is null
            ? (Metric.UndefinedBecause("the population's value is undefined: " + overall.UndefinedReason), Metric.UndefinedBecause("the population's value is undefined: " + overall.UndefinedReason))
            : (Metric.Of(frame.DifferenceToOverall(rate, i)!.Value), frame.RatioToOverall(rate, i) is { } toAll ? Metric.Of(toAll) : Metric.UndefinedBecause("the population's value is 0"));
        return new Disparity(diffRef, ratioRef, diffAll, ratioAll, odds);
    }

    /// <summary>Fairlearn's between_groups spread over the groups whose value is shown (not suppressed, defined).</summary>
    private static BetweenGroups Spread(GroupFrame frame, GroupRate rate)
    {
        var min = frame.GroupMin(rate);
        var max = frame.GroupMax(rate);
        if (min < 0)
        {
            var none = Metric.UndefinedBecause("no group has a shown value");
            return new BetweenGroups(none, none, none, none, null, null);
        }
        return new BetweenGroups(Metric.Of(frame.Value(rate, min).Value!.Value), Metric.Of(frame.Value(rate, max).Value!.Value), Metric.Of(frame.SpreadDifference(rate)!.Value),
            frame.SpreadRatio(rate) is { } ratio ? Metric.Of(ratio) : Metric.UndefinedBecause("every shown value is 0"), frame.Keys[min], frame.Keys[max]);
    }

    private static InequalityResult Inequality(double? entropy, double? theil, double alpha) => new(
        entropy is { } e ? Metric.Of(e) : Metric.UndefinedBecause("no labelled rows, or every benefit is 0"),
        alpha,
        theil is { } t ? Metric.Of(t) : Metric.UndefinedBecause("no labelled rows, or every benefit is 0"));

    private static bool IsSmall(RateValue rate, DisclosurePolicy disclosure) => disclosure.IsSmall(rate.DenominatorRows, rate.Denominator);

    private static Metric ToMetric(RateValue rate, DisclosurePolicy disclosure, double? confidence = null)
    {
        if (IsSmall(rate, disclosure))
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

    internal static double[]? Bounds(Interval? interval) => interval is { } i ? [i.Lower, i.Upper] : null;
}
