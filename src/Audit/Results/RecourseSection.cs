namespace Audit.Results;

/// <summary>
/// Recourse audit and legal routes (docs/recourse.md): what the flagged people could change, who can change nothing
/// the model looks at, what it costs by group, and where to contest. Filled by the appeal-paths stage.
/// </summary>
public sealed record RecourseSection
{
    /// <summary>"exact-additive" (dynamic programme, checked against CP-SAT), "exact-trees" (CP-SAT on the leaves) or "search" (growing spheres).</summary>
    public required string Method { get; init; }

    /// <summary>Whether every cost and every "no recourse" is proven (exact methods), or found by search (not proven optimal).</summary>
    public required bool ProvenOptimal { get; init; }

    /// <summary>Which tail of the score is adverse (high or low): a person escapes the flag with a score strictly on the other side of <see cref="Cutoff"/>.</summary>
    public required string Adverse { get; init; }

    /// <summary>The cut-off score a person must get strictly past.</summary>
    public double? Cutoff { get; init; }

    /// <summary>For a capacity policy (top fraction, budget): the cut-off moves with capacity and with everyone else's scores.</summary>
    public bool CutoffMovesWithCapacity { get; init; }

    /// <summary>For a grade policy: the grade a flagged person must reach (the first grade up that is not flagged), which starts at <see cref="Cutoff"/>; null otherwise.</summary>
    public string? TargetGrade { get; init; }

    /// <summary>For a grade policy: flagged people whose grade an override rule fixes on what they cannot change (no score lifts it): counted in <see cref="NoRecourse"/>; null for other policies.</summary>
    public long? FixedByOverride { get; init; }

    /// <summary>For decisions in the data: <see cref="Cutoff"/> is the cut-off the recorded decisions imply on the model's scores (true, else null).</summary>
    public bool? ImpliedCutoff { get; init; }

    /// <summary>How a change's cost is counted: <see cref="PercentileShiftCost"/> (the only cost model so far).</summary>
    public required string Cost { get; init; }

    /// <summary>The integer scaling of the exact solvers (none for the search).</summary>
    public RecourseResolution? Resolution { get; init; }

    /// <summary>The actionability of every model input.</summary>
    public required IReadOnlyList<RecourseFeature> Features { get; init; }

    public required long Flagged { get; init; }

    /// <summary>Distinct input rows among the flagged (people with identical inputs share one solution).</summary>
    public required long DistinctInputs { get; init; }

    /// <summary>Share of flagged people with no recourse within the actionability model ("flagged for who they are"), with its interval.</summary>
    public required Metric NoRecourse { get; init; }

    /// <summary>
    /// "Flagged for who they are": the share of flagged people who would not be flagged if every input they cannot
    /// change took the population's typical value (<see cref="TypicalValues"/>), with its interval.
    /// </summary>
    public Metric? ForWhoTheyAre { get; init; }

    /// <summary>The typical values given to the inputs people cannot change ("rsa = false", "age = 41").</summary>
    public IReadOnlyList<string> TypicalValues { get; init; } = [];

    /// <summary>Flagged people for whom the search found nothing (search only: not a proof).</summary>
    public long NotFound { get; init; }

    /// <summary>Mean cost of the cheapest change, among people with recourse.</summary>
    public required Metric MeanCost { get; init; }

    /// <summary>Median cost of the cheapest change, among people with recourse.</summary>
    public required Metric MedianCost { get; init; }

    /// <summary>The same figures by protected group and by intersection.</summary>
    public required IReadOnlyList<RecourseGroups> ByGroup { get; init; }

    /// <summary>How often each feature is part of a person's cheapest change.</summary>
    public required IReadOnlyList<RecourseLever> Levers { get; init; }

    /// <summary>Counterfactual quality: sparsity and plausibility (validity and the rules are checked for every change).</summary>
    public CounterfactualQuality? Quality { get; init; }

    /// <summary>Which single inputs, if wrongly recorded by a plausible amount, would unflag people: the data to check first.</summary>
    public DataErrorSummary? DataErrors { get; init; }

    /// <summary>The routes to contest, from the plan's jurisdiction file.</summary>
    public LegalRoutes? Routes { get; init; }

    /// <summary>What the reader must know about how the changes were found (codes of <see cref="RecourseNote"/>).</summary>
    public IReadOnlyList<RecourseNote> Notes { get; init; } = [];

    /// <summary>For a rating-window score (plan key <c>recourse.rating_window</c>): the way back by future ratings; null otherwise.</summary>
    public RatingDilutionSection? RatingDilution { get; init; }

    /// <summary>
    /// The cost of a change: the sum over changed inputs of the shift in the input's population percentile (Ustun,
    /// Spangher and Liu 2019), times its cost weight; a category change costs its change_cost; an input with
    /// cost_per_unit costs |change| × cost_per_unit.
    /// </summary>
    public const string PercentileShiftCost = "percentile-shift";
}

/// <summary>The integer scaling of the exact solvers: score changes rounded towards the adverse side to <paramref name="Score"/> of the model's explanation space, costs to <paramref name="Cost"/>.</summary>
public sealed record RecourseResolution(double Score, double Cost);

/// <summary>A note on the recourse figures: a stable code and the facts its sentence quotes.</summary>
/// <param name="People">For <see cref="SearchFallback"/>: the flagged people whose exact answer failed re-scoring.</param>
/// <param name="Inputs">For <see cref="UnstatedActionability"/>: the inputs treated as immutable.</param>
public sealed record RecourseNote(string Code, long? People = null, IReadOnlyList<string>? Inputs = null)
{
    /// <summary>The model is a black box to recourse: the changes come from a search, not proven cheapest.</summary>
    public const string BlackBox = "black-box";

    /// <summary>For some flagged people the exact answer failed re-scoring by the model: their changes come from the search.</summary>
    public const string SearchFallback = "search-fallback";

    /// <summary>Inputs whose actionability neither the model spec nor the plan states are treated as immutable.</summary>
    public const string UnstatedActionability = "unstated-actionability";
}

/// <param name="Actionability">immutable, legal_event, increase_only, decrease_only or free.</param>
/// <param name="Origin">Where it comes from: plan, model spec, or not stated (treated as immutable).</param>
/// <param name="Range">The allowed values in words ("0 to 4,000, step 50", "levels a, b").</param>
public sealed record RecourseFeature(string Name, string Type, string Actionability, string Origin, string? Range, string Cost, string? Note);

/// <summary>Recourse figures for the groups of one protected attribute or one intersection.</summary>
public sealed record RecourseGroups(IReadOnlyList<string> Attributes, IReadOnlyList<RecourseGroup> Groups);

/// <summary>One group's flagged people: how many, the share with no recourse, and the cost of recourse among the others.</summary>
/// <param name="ForWhoTheyAre">The share of the group's flagged who would not be flagged with typical values for what they cannot change.</param>
public sealed record RecourseGroup(GroupKey Group, Metric Flagged, Metric NoRecourse, Metric MeanCost, Metric MedianCost, Metric ForWhoTheyAre);

/// <summary>A feature as a lever: in how many cheapest changes it moves, and in how many it is the only change (each null,
/// and the share suppressed, below the minimum cell size).</summary>
public sealed record RecourseLever(string Feature, long? Used, Metric Share, long? Alone);

/// <summary>
/// The quality of the cheapest changes. Every one was re-scored favourable by the model (validity) and checked
/// against every rule; here, how many inputs they change, and how far they lie from the nearest real person compared
/// with the flagged people as they are (Σ of percentile shifts, 1 per different category; medians over a
/// deterministic sample).
/// </summary>
/// <param name="Changes">Mean number of inputs changed (sparsity), among people with recourse.</param>
/// <param name="NearestDistance">Median distance from a changed row to the nearest person of the population sample.</param>
/// <param name="NearestDistanceAsTheyAre">The same for the same people as they are (their own row excluded): the yardstick.</param>
public sealed record CounterfactualQuality(Metric Changes, double? NearestDistance, double? NearestDistanceAsTheyAre, int Measured, int PopulationSample);

/// <summary>
/// Data-error sensitivity: the share of flagged people whose flag a plausible error in one recorded input would lift
/// (a numeric input within <see cref="Band"/> of the person's population percentile, a boolean flipped, any other
/// category), and per input how many.
/// </summary>
public sealed record DataErrorSummary(double Band, Metric Share, IReadOnlyList<DataErrorInput> Inputs);

/// <param name="People">Flagged people whose flag a plausible error in this input alone would lift; null (and the share
/// suppressed) below the minimum cell size.</param>
public sealed record DataErrorInput(string Feature, long? People, Metric Share);

/// <summary>Routes to contest a flag and the decision that followed, from a jurisdiction file.</summary>
/// <param name="Mention">The mention the law requires on an algorithmic decision (CRPA R311-3-1-1 in France), when the file gives it.</param>
/// <param name="MissingRoutes">Decision types the plan names that have no route to contest the decision: an audit finding.</param>
public sealed record LegalRoutes(string Jurisdiction, string Name, string? Source, string? Mention, IReadOnlyList<LegalRoute> Routes, IReadOnlyList<string> MissingRoutes)
{
    /// <summary>The file's name and source in other languages than its English, by language code ("fr"); a report in that language prints them.</summary>
    public IReadOnlyDictionary<string, LegalRoutesWords>? Translations { get; init; }
}

/// <summary>A jurisdiction file's name and source in one language.</summary>
public sealed record LegalRoutesWords(string Name, string? Source);

/// <param name="Contests">"flag" (the score, the data and the algorithm) or "decision" (the decision that followed, e.g. an overpayment claim).</param>
/// <param name="DecisionTypes">The decision types it applies to (empty: all).</param>
public sealed record LegalRoute(string Id, string Contests, string Name, string Body, string? Deadline, string? Then, string LegalBasis, string? Source, IReadOnlyList<string> DecisionTypes, string? Note)
{
    /// <summary>The route's words in other languages than its English, by language code ("fr"); a letter or report in that language prints them.</summary>
    public IReadOnlyDictionary<string, LegalRouteWords>? Translations { get; init; }
}

/// <summary>A route's words in one language (the fields a reader reads; the identifiers and the source stay as the file gives them).</summary>
public sealed record LegalRouteWords(string Name, string Body, string? Deadline, string? Then, string LegalBasis, string? Note);
