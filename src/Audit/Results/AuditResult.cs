namespace Audit.Results;

/// <summary>
/// Everything an audit found, as plain immutable records (CONTRACTS.md, "Results"). Each stage fills its
/// section; every renderer reads only this. Serialised by <see cref="AuditResultJson"/>.
/// </summary>
public sealed record AuditResult
{
    /// <summary>Bumped on any breaking change of the JSON layout.</summary>
    public const int CurrentSchemaVersion = 5;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required Provenance Provenance { get; init; }

    public required DataSection Data { get; init; }

    public required ModelSection Model { get; init; }

    public required PolicySection Policy { get; init; }

    /// <summary>The audited outcome when the plan says it (an outcome, codes, a label-only audit), with AIF360's disparate impact; null otherwise.</summary>
    public OutcomeSection? Outcome { get; init; }

    public required FairnessSection Fairness { get; init; }

    /// <summary>Where the rows came from when they were generated (synthetic-population stage); null for real data.</summary>
    public PopulationSection? Population { get; init; }

    /// <summary>Global explanations, proxies and the disparity decomposition (explanations stage); null when not run.</summary>
    public ExplanationsSection? Explanations { get; init; }

    /// <summary>The recourse audit and the routes to contest (appeal-paths stage); null when not run.</summary>
    public RecourseSection? Recourse { get; init; }

    /// <summary>Real-world audit designs: selective labels, composition, conditional disparity, time... (designs stage); null when not run.</summary>
    public DesignsSection? Designs { get; init; }

    public required IReadOnlyList<Caveat> Caveats { get; init; }
}

/// <summary>What was run on what, so that anyone can check and re-run it.</summary>
/// <param name="ToolkitVersion">Semantic version of Audit (never a commit hash).</param>
/// <param name="Command">The command that produced the result, e.g. <c>audit run datasets/demo/plan.yaml</c>.</param>
/// <param name="PlanDescription">The plan's own description of the audit, when it gives one.</param>
public sealed partial record Provenance(string ToolkitVersion, string PlanName, string? PlanDescription, FileHash Plan, FileHash? Model, FileHash Data, long Seed, string Command)
{
    /// <summary>The plan's description by language code, when the plan gives it in several languages; null otherwise (the report then uses <see cref="PlanDescription"/>).</summary>
    public IReadOnlyDictionary<string, string>? PlanDescriptionByLanguage { get; init; }
}

/// <summary>A file and its SHA-256 (lower-case hex). <see cref="Path"/> is as the plan wrote it.</summary>
public sealed record FileHash(string Path, string Sha256);

public sealed record DataSection(string Source, string Format, long Rows, IReadOnlyList<ColumnSummary> Columns, string? Weights, double? TotalWeight, string? Label)
{
    /// <summary>
    /// Who the rows are (plan key <c>data.subjects</c>): <see cref="DataSubjects.Synthetic"/>,
    /// <see cref="DataSubjects.Pseudonymised"/> or <see cref="DataSubjects.Real"/> (the default).
    /// </summary>
    public string Subjects { get; init; } = DataSubjects.Real;

    /// <summary>The plan's <c>filter:</c>: rows read, kept and removed per condition; null when the plan keeps every row.</summary>
    public RowFilterSummary? Filter { get; init; }

    /// <summary>The columns the plan derived (<c>derive:</c>), before the filter; null when none.</summary>
    public IReadOnlyList<DerivedColumnSummary>? Derived { get; init; }

    /// <summary>When the audit ran on a counts table (<c>data.counts</c>, docs/counts-format.md) rather than on rows: the table, and what needs rows; null otherwise.</summary>
    public CountsSummary? Counts { get; init; }
}

/// <summary>
/// A run on a counts table (docs/counts-format.md): its rows and non-empty cells, whether it had score histograms, and
/// every section the plan asks for that counts cannot give, with the reason (the report lists them).
/// </summary>
/// <param name="TableRows">The rows of the counts table.</param>
/// <param name="Cells">The cells (crossing of every protected attribute × label × decision) with at least one row.</param>
/// <param name="ScoreBins">Whether the table had a <c>score_bin</c> column: its histograms were summed over, not read.</param>
/// <param name="Absent">The sections left out, in a fixed order.</param>
public sealed record CountsSummary(int TableRows, int Cells, bool ScoreBins, IReadOnlyList<AbsentSection> Absent)
{
    /// <summary>When the counts were computed in the source's engine (<c>data.counting</c>, docs/databases.md): the query it ran; null for a counts file.</summary>
    public string? Query { get; init; }
}

/// <summary>A section of the report that a run on counts cannot compute, and why (<see cref="AbsentSection.Sections"/>, <see cref="AbsentSection.Reasons"/>).</summary>
/// <param name="Section">What is absent: one of <see cref="Sections"/>.</param>
/// <param name="Reason">Why: one of <see cref="Reasons"/>.</param>
public sealed record AbsentSection(string Section, string Reason)
{
    /// <summary>The sections a counts run may leave out: explanations, recourse, designs, the per-person table, ids, score and grade metrics per group, the cut-off, the bootstrap, the filter and derived columns.</summary>
    public static readonly IReadOnlyList<string> Sections = ["explanations", "recourse", "designs", "people", "id", "scores", "grades", "cutoff", "bootstrap", "filter", "derive"];

    /// <summary>
    /// needs_rows: each person's inputs; needs_scores: each row's exact score; not_in_counts: a figure of the run that
    /// made the counts (the cut-off score, ties); needs_row_weights: each row's own sampling weight (the Poisson
    /// bootstrap); applied_where_counted: a step of the plan the counts' query applied, taken as done.
    /// </summary>
    public static readonly IReadOnlyList<string> Reasons = ["needs_rows", "needs_scores", "not_in_counts", "needs_row_weights", "applied_where_counted"];
}

/// <summary>The values of <see cref="DataSection.Subjects"/>: who the rows of the data are (issue 18, item 10).</summary>
public static class DataSubjects
{
    /// <summary>Made-up people: a population drawn by the toolkit or another generator.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Real people under a code instead of their names (a published dataset such as ProPublica's COMPAS data).</summary>
    public const string Pseudonymised = "pseudonymised";

    /// <summary>Real, identifiable people: the default, the one that needs the most care.</summary>
    public const string Real = "real";

    public static readonly IReadOnlyList<string> All = [Synthetic, Pseudonymised, Real];
}

public sealed record ColumnSummary(string Name, string Type, IReadOnlyList<string> Roles, long Missing);

/// <param name="ExplanationSpace">The space in which the model's terms add up exactly (log-odds, points), when it has one.</param>
/// <param name="Grades">The model's grades from the most favourable to the most adverse, with their score bands, when it declares grades.</param>
public sealed record ModelSection(string Name, string Kind, string Adverse, IReadOnlyList<ModelFeature> Features, string? ExplanationSpace, string? Source, string? Description, GradeBands? Grades = null)
{
    /// <summary>What the model spec says of its numbers (key <c>status</c>): published, reconstructed or illustrative; null when it does not say.</summary>
    public string? Status { get; init; }

    /// <summary>The terms whose weight was fitted to a published figure (model spec key <c>calibrated:</c>); null when none.</summary>
    public IReadOnlyList<CalibratedTerm>? Calibrated { get; init; }

    /// <summary>
    /// The calibrated terms a group reads (one per attribute of the group that is a calibrated term's name): a finding on
    /// such a group is "calibrated, not found" (issue 18, item 5). Empty when none; the findings and the banner ask this.
    /// </summary>
    public IReadOnlyList<CalibratedTerm> CalibrationsOf(GroupKey group) =>
        [.. (Calibrated ?? []).Where(t => group.Parts.Any(p => p.Key == t.Term))];

    /// <summary>The model's name by language code, when the spec gives it in several languages; null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? NameByLanguage { get; init; }

    /// <summary>The spec's description by language code, when it gives it in several languages; null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? DescriptionByLanguage { get; init; }

    /// <summary>
    /// The data column the scores or decisions are read from, when the audited system's output is in the data
    /// (kinds scores-in-data and decisions-in-data): the report words the model's name from it in its own language.
    /// </summary>
    public string? DataColumn { get; init; }

    /// <summary>Whether the spec says its numbers are not the real system's (status reconstructed or illustrative).</summary>
    public bool IsReconstructedOrIllustrative() => Status is "reconstructed" or "illustrative";
}

/// <summary>A model's grade scale as the report states it.</summary>
/// <param name="FavourableToAdverse">The grades from the most favourable to the most adverse.</param>
/// <param name="Bands">The score band of each grade, by increasing score.</param>
public sealed record GradeBands(IReadOnlyList<string> FavourableToAdverse, IReadOnlyList<GradeRange> Bands);

/// <summary>A grade and the lowest score of its band; the band runs up to the next band's <c>From</c>, excluded (the first band has no lower end).</summary>
public sealed record GradeRange(string Name, double? From);

public sealed record ModelFeature(string Name, string Type, string? Description);

/// <param name="Kind">threshold, top_fraction, budget, grades or as_given; as_given_coded for decisions read with the plan's codes, observed_outcome for a label-only audit (the label taken as the decision).</param>
/// <param name="Parameter">The threshold, the fraction flagged or the budget (a count), by kind; none for grades and as_given.</param>
/// <param name="Adverse">Which tail of the score is adverse: high or low (a threshold flags at or beyond it on that side).</param>
/// <param name="FlaggedGrades">The grades that count as flagged (grades policy only).</param>
/// <param name="Cutoff">The boundary score (threshold, or the score of the last flagged row).</param>
/// <param name="TiedAtCutoff">Rows tied at the cut-off when the cut-off split them (ranking policies); 0 otherwise.</param>
public sealed record PolicySection(string Kind, double? Parameter, string Adverse, IReadOnlyList<string>? FlaggedGrades,
    double? Cutoff, long Flagged, Metric FlagRate, long TiedAtCutoff, long TiedAtCutoffFlagged)
{
    /// <summary>
    /// How ties at a ranking policy's cut-off were broken when not by row order: "counted" when the decisions came with
    /// counts (a counts table, or a table counted in its engine), made by the query that counted, which (<c>audit
    /// sql</c>) takes equal scores in the id column's order; null: by row order, in this run.
    /// </summary>
    public string? TiesBy { get; init; }
}

