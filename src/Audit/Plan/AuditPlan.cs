using Audit.Data;
using Audit.Models;
using Audit.Policy;

namespace Audit.Plan;

/// <summary>
/// Everything an audit needs, read from one YAML file (docs/audit-plan.md), so that an audit is reproducible
/// from that file alone. Paths are absolute here (resolved from the plan's folder); display names are as written.
/// </summary>
public sealed record AuditPlan
{
    /// <summary>The plan's name (key <c>name</c>, default: the file name without extension); names the report folder.</summary>
    public required string Name { get; init; }

    /// <summary>The plan's description (key <c>description</c>): in English when the plan gives it by language, else the first text given.</summary>
    public string? Description { get; init; }

    /// <summary>The description by language code when the plan gives a map (<c>description: { en: ..., fr: ... }</c>); null for a plain string.</summary>
    public IReadOnlyDictionary<string, string>? DescriptionByLanguage { get; init; }

    /// <summary>The plan file (absolute) and the name the user knows it by.</summary>
    public required string PlanPath { get; init; }

    public required string PlanDisplay { get; init; }

    /// <summary>Bounds on the data file (plan key <c>limits</c>).</summary>
    public Audit.Data.InputLimits Limits { get; init; } = Audit.Data.InputLimits.Default;

    public required DataSource Data { get; init; }

    /// <summary>Declared column types (key <c>columns</c>).</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnTypes { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>The columns named under <c>columns</c>, with their lines, so that a misspelt name is reported.</summary>
    public IReadOnlyList<ColumnRef> DeclaredColumns { get; init; } = [];

    public ColumnRef? Id { get; init; }

    public ColumnRef? Label { get; init; }

    /// <summary>How the label codes its outcome (<c>roles.label: { column, outcome, values }</c>); null: 1 = the adverse outcome observed.</summary>
    public OutcomeCoding? LabelOutcome { get; init; }

    public ColumnRef? Weight { get; init; }

    /// <summary>Whether the weight column holds sampling weights (the default) or frequency weights.</summary>
    public WeightKind Weights { get; init; } = WeightKind.Sampling;

    public required ModelSource Model { get; init; }

    public required DecisionPolicy Policy { get; init; }

    public required IReadOnlyList<ProtectedAttributeSpec> ProtectedAttributes { get; init; }

    /// <summary>Cells with fewer rows are suppressed in every output (key <c>min_cell_size</c>, default 10).</summary>
    public int MinCellSize { get; init; } = DefaultMinCellSize;

    public long Seed { get; init; } = DefaultSeed;

    /// <summary>The sets of protected attributes to cross (key <c>intersections</c>: none, pairs, all, or explicit lists), as column names.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Intersections { get; init; } = [];

    /// <summary>The line of the plan's <c>intersections</c> key (of the plan itself when the key is absent), for errors.</summary>
    public long IntersectionsLine { get; init; }

    /// <summary>Confidence level of intervals (key <c>inference.confidence</c>, default 0.95).</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Multiple-testing correction (key <c>inference.correction</c>: holm (default), bh, none).</summary>
    public string Correction { get; init; } = "holm";

    /// <summary>Bootstrap replicates (key <c>inference.bootstrap</c>, default 1000; 0 turns the bootstrap off).</summary>
    public int BootstrapReplicates { get; init; } = Fairness.FairnessOptions.DefaultBootstrapReplicates;

    /// <summary>The tolerance of disparity verdicts (key <c>tolerance</c>, default 0.8).</summary>
    public double Tolerance { get; init; } = Fairness.FairnessOptions.DefaultTolerance;

    /// <summary>The most levels an attribute may have for the headlines to list its disparities one by one (key <c>fairness.display_levels</c>, default 20).</summary>
    public int DisplayLevels { get; init; } = Fairness.FairnessOptions.DefaultDisplayLevels;

    /// <summary>The recourse audit and the routes to contest (key <c>recourse</c>, docs/recourse.md); null when not asked for.</summary>
    public Audit.Recourse.RecourseOptions? Recourse { get; init; }
    /// <summary>The real-world audit designs to run (key <c>designs</c>, docs/designs.md); null when none.</summary>
    public Designs.DesignsPlan? Designs { get; init; }

    /// <summary>The legal context (key <c>legal</c>, docs/legal/README.md); null when the plan declares none (no legal claims).</summary>
    public Results.LegalContext? Legal { get; init; }

    /// <summary>New columns computed from formulas over the row (key <c>derive</c>), in order, before the filter; empty when none.</summary>
    public IReadOnlyList<Synthetic.DerivedColumn> Derive { get; init; } = [];

    /// <summary>The conditions a row must all meet to be audited (key <c>filter</c>), applied after <see cref="Derive"/>; empty: every row.</summary>
    public IReadOnlyList<RowCondition> Filter { get; init; } = [];

    /// <summary>Where keys whose records carry no position were written, for errors (<see cref="PlanPositions"/>).</summary>
    public PlanPositions Positions { get; init; } = PlanPositions.Empty;

    /// <summary>The output folder (absolute), or null for <c>out/&lt;name&gt;</c> under the current folder.</summary>
    public string? Output { get; init; }

    /// <summary>Every file the audit reads (plan, data or population spec, model, jurisdiction, compared spec): a report folder may hold none of them.</summary>
    public IEnumerable<string> InputFiles()
    {
        if (BuiltInCode is null)
        {
            yield return PlanPath;
        }
        if (Data.Format != DataFormat.Table && Data.Path.Length > 0)
        {
            yield return Data.Path;
        }
        switch (Model)
        {
            case ModelSpecFile spec:
                yield return spec.Path;
                break;
            case ModelFileSource file:
                yield return file.Spec.Path;
                break;
        }
        if (Recourse?.Jurisdiction is { } jurisdiction)
        {
            yield return jurisdiction;
        }
        if (Designs?.Compare is { } compare)
        {
            yield return compare.SpecPath;
        }
    }

    /// <summary>
    /// A plan built in C# (<see cref="AuditPlanBuilder"/>) has no file: this is its settings as canonical text, hashed in the
    /// provenance in place of a plan file's bytes; null for a plan read from a file.
    /// </summary>
    public string? BuiltInCode { get; init; }

    /// <summary>The explanations stage's options (key <c>explanations</c>); seed, intervals and cell size come from the plan.</summary>
    public Explain.ExplanationOptions Explanations { get; init; } = new();

    /// <summary>Whether the run writes the per-person table <c>tables/people.csv</c> (plan key <c>exports.people</c>; <c>audit run --people</c>).</summary>
    public bool ExportPeople { get; init; }

    /// <summary>The default minimum cell size: 10, the threshold common in official statistics' disclosure control.</summary>
    public const int DefaultMinCellSize = 10;

    public const long DefaultSeed = 1;
}

/// <summary>Where the people come from.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Display">As written in the plan (or on the command line).</param>
/// <param name="Format">csv or parquet.</param>
public sealed record DataSource(string Path, string Display, DataFormat Format, char? Delimiter, bool DecimalComma, IReadOnlyList<string> MissingTokens, long Line)
{
    /// <summary>The CSV text encoding by name (see <see cref="TextEncodings.Names"/>); UTF-8 by default.</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>With <see cref="DataFormat.Table"/>: the people, already in memory (a plan built in C#).</summary>
    public Table? Table { get; init; }

    /// <summary>With <see cref="DataFormat.Population"/>: how many rows to generate from the population spec at <see cref="Path"/>, and with which seed.</summary>
    public PopulationSource? Population { get; init; }

    /// <summary>Who the rows are (plan key <c>data.subjects</c>): synthetic, pseudonymised or real (<see cref="Audit.Results.DataSubjects"/>).</summary>
    public string Subjects { get; init; } = Audit.Results.DataSubjects.Real;

    /// <summary>
    /// The file (or, with <see cref="DataFormat.Table"/>, the table) holds counts per cell, not people (plan key
    /// <c>data.counts</c>; the format of docs/counts-format.md): the audit runs on <see cref="CountsTable"/>.
    /// </summary>
    public bool Counts { get; init; }

    /// <summary>With <see cref="Counts"/>: the number of rows the counts must add up to (plan key <c>data.total</c>), or null to take them as they are.</summary>
    public long? Total { get; init; }

    /// <summary>With <see cref="DataFormat.Database"/>: the engine, where and what (docs/databases.md); <see cref="Path"/> is the DuckDB or data file, or empty for PostgreSQL.</summary>
    public DatabaseSource? Database { get; init; }

    /// <summary>
    /// With <see cref="Counts"/> from a database source counted in the engine (<see cref="Sql.EngineCounts.CountInEngine"/>): the
    /// query the engine ran, which run.log and report.json (<c>data.counts.query</c>) keep; null otherwise.
    /// </summary>
    public string? EngineQuery { get; init; }

    /// <summary>With <see cref="DataFormat.Database"/>: the readers that speak to the engines (an <see cref="AuditContext"/>'s <see cref="AuditContext.Databases"/>).</summary>
    public DatabaseReaders Readers { get; init; } = new();
}

/// <summary>A synthetic population generated on the fly (key <c>data.population</c>): rows, and a seed of its own or null for the plan's.</summary>
public sealed record PopulationSource(int Rows, long? Seed);

public enum DataFormat
{
    Csv,
    Parquet,

    /// <summary>Rows generated from a population spec (docs/population-spec.md), never written to a file.</summary>
    Population,

    /// <summary>A table already in memory (<see cref="DataSource.Table"/>), given in C#: no file is read.</summary>
    Table,

    /// <summary>Rows read from a database engine (<see cref="DataSource.Database"/>): DuckDB or PostgreSQL.</summary>
    Database,
}

public enum WeightKind
{
    /// <summary>Survey (sampling) weights: each row stands for <c>w</c> people; counts stay row counts.</summary>
    Sampling,

    /// <summary>Frequency weights: each row is <c>w</c> identical people.</summary>
    Frequency,
}

/// <summary>The model of a plan: a spec file, or scores or decisions already in the data.</summary>
public abstract record ModelSource;

/// <summary>A declarative linear/logistic model spec (YAML).</summary>
public sealed record ModelSpecFile(string Path, string Display, long Line) : ModelSource;

public sealed record ScoreColumnSource(ColumnRef Column, AdverseTail Adverse) : ModelSource;

/// <summary>A trained model file (ML.NET .zip, ONNX), loaded by one of <see cref="Loaders"/>.</summary>
public sealed record ModelFileSource(ModelFileSpec Spec) : ModelSource
{
    /// <summary>The loaders that read the file: those of the <see cref="AuditContext"/> (or the CLI) that read the plan.</summary>
    public ModelLoaders Loaders { get; init; } = new();
}

/// <summary>A model given as an object in C# (a <see cref="LinearModel"/> built in code, any <see cref="IScoringModel"/>).</summary>
public sealed record ModelObject(IScoringModel Model) : ModelSource;

/// <summary>No model and no policy (the plan has no <c>model</c>): only designs that read columns alone run (<c>designs.composition</c>).</summary>
public sealed record NoModelSource : ModelSource;

/// <summary>Decisions already in the data (<c>model.decision_column</c>), or the label taken as the decision (<c>model.label: true</c>).</summary>
public sealed record DecisionColumnSource(ColumnRef Column) : ModelSource
{
    /// <summary>How the column codes its outcome; null: 1 = flagged (the adverse outcome).</summary>
    public OutcomeCoding? Outcome { get; init; }

    /// <summary>True for a label-only audit: the column is the label (<c>roles.label</c>), the observed outcome taken as the decision.</summary>
    public bool FromLabel { get; init; }
}

/// <summary>
/// A protected attribute: a column whose groups are compared. A numeric column is cut into bands at the given
/// edges: edges [18, 25, 35] give "&lt;18", "18-24", "25-34", "35+" where "18-24" means 18 ≤ x &lt; 25.
/// </summary>
/// <param name="Reference">The reference group's label, or null for the largest group (by weighted count).</param>
public sealed record ProtectedAttributeSpec(ColumnRef Column, IReadOnlyList<double>? Bands, string? Reference, long Line, string KeyPath)
{
    /// <summary>The order of the groups the plan declares (<c>order: [D1, D2, ..., D10]</c>); null: natural order.</summary>
    public IReadOnlyList<string>? Order { get; init; }

    /// <summary>The groups that merge the column's levels (<c>groups: { White: [Caucasian], Other: "*" }</c>); null: one group per level.</summary>
    public IReadOnlyList<Fairness.Cells.LevelGroup>? Groups { get; init; }
}
