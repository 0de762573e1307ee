using System.Globalization;
using System.Text;
using System.Text.Json;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Synthetic;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;
using Audit.Pipeline;

namespace Audit;

/// <summary>
/// An audit plan written in C# instead of YAML (docs/api.md): each call sets what a plan key sets
/// (docs/audit-plan.md), and <see cref="Build"/> gives the same <see cref="AuditPlan"/> record the YAML reader gives,
/// so that a plan from code and a plan from a file run through one pipeline (<see cref="Auditor.Run(AuditPlan, string, StageProgress?, Action{Models.IScoringModel, Data.Table, double[], Policy.PolicyOutcome}?)"/>). Defaults
/// are the plan file's: minimum cell 10, tolerance 0.8, confidence 0.95, Holm correction, 1000 bootstrap
/// replicates, intersections of every pair of protected attributes. Get one from <see cref="AuditContext.Plan"/>.
/// </summary>
public sealed class AuditPlanBuilder
{
    /// <summary>What the plan calls itself in messages and in the provenance, in place of a file name.</summary>
    public const string CodeDisplay = "(plan built in code)";

    private readonly ModelLoaders loaders;
    private readonly List<ProtectedAttributeSpec> attributes = [];
    private readonly Dictionary<string, ColumnType> columnTypes = new(StringComparer.Ordinal);
    private AuditPlan plan;
    private IReadOnlyList<IReadOnlyList<string>>? intersections;
    private bool allIntersections;
    private bool labelOnly;

    internal AuditPlanBuilder(string name, long seed, ModelLoaders loaders)
    {
        this.loaders = loaders;
        plan = new AuditPlan
        {
            Name = name,
            PlanPath = "",
            PlanDisplay = CodeDisplay,
            Data = null!,
            Model = null!,
            Policy = null!,
            ProtectedAttributes = [],
            Seed = seed,
        };
    }

    /// <summary>A sentence on what the audit is for (plan key <c>description</c>).</summary>
    public AuditPlanBuilder Description(string description) => With(plan with { Description = description });

    /// <summary>The people, already in memory (from <see cref="TableBuilder"/>, a reader, or an ML.NET IDataView).</summary>
    /// <param name="name">How reports name the data, in place of a file name.</param>
    public AuditPlanBuilder Data(Table table, string name = "table")
    {
        ArgumentNullException.ThrowIfNull(table);
        return With(plan with { Data = new DataSource("", name, DataFormat.Table, null, false, [], 0) { Table = table } });
    }

    /// <summary>
    /// A counts table in place of the people (docs/counts-format.md): one row per cell of the protected attributes ×
    /// label × decision, with <c>n</c> (and <c>weight</c>), as <c>audit sql</c>'s query or an engine returns it. The plan
    /// audits it as <c>data: { counts: FILE }</c> does (<see cref="Auditor.RunCounts"/>).
    /// </summary>
    /// <param name="name">How reports name the table, in place of a file name.</param>
    /// <param name="total">The number of rows the counts must add up to (plan key <c>data.total</c>); null: not checked.</param>
    public AuditPlanBuilder Counts(Table counts, string name = "counts", long? total = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return With(plan with { Data = new DataSource("", name, DataFormat.Table, null, false, [], 0) { Table = counts, Counts = true, Total = total } });
    }

    /// <summary>A counts table in a CSV or Parquet file (by extension), read as a plan's <c>data.counts</c> key reads it.</summary>
    public AuditPlanBuilder CountsFile(string path, long? total = null)
    {
        var format = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? DataFormat.Parquet : DataFormat.Csv;
        return With(plan with { Data = new DataSource(Path.GetFullPath(path), path, format, null, false, ["NA"], 0) { Counts = true, Total = total } });
    }

    /// <summary>The people in a CSV or Parquet file (by extension), read as a plan's <c>data</c> key reads it.</summary>
    /// <param name="missing">The texts that mean "missing" in a CSV file (default "NA", as in a plan).</param>
    public AuditPlanBuilder DataFile(string path, char? delimiter = null, bool decimalComma = false, IReadOnlyList<string>? missing = null)
    {
        var format = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? DataFormat.Parquet : DataFormat.Csv;
        return With(plan with { Data = new DataSource(Path.GetFullPath(path), path, format, delimiter, decimalComma, missing ?? ["NA"], 0) });
    }

    /// <summary>Declares a column's type where inference would guess wrong (plan key <c>columns</c>).</summary>
    public AuditPlanBuilder Column(string name, ColumnType type)
    {
        columnTypes[name] = type;
        return With(plan with { ColumnTypes = new Dictionary<string, ColumnType>(columnTypes), DeclaredColumns = [.. plan.DeclaredColumns, new ColumnRef(name, 0, "columns." + name)] });
    }

    /// <summary>A model object: a <see cref="LinearModel"/> built in code or loaded, or any <see cref="IScoringModel"/>.</summary>
    public AuditPlanBuilder Model(IScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return With(plan with { Model = new ModelObject(model) });
    }

    /// <summary>A declarative model spec file (YAML, docs/model-spec.md), as the plan key <c>model.spec</c>.</summary>
    public AuditPlanBuilder ModelSpec(string path) => With(plan with { Model = new ModelSpecFile(Path.GetFullPath(path), path, 0) });

    /// <summary>A trained model file (ML.NET .zip, ONNX), read by a loader registered on the context's <see cref="AuditContext.Models"/>.</summary>
    /// <param name="output">The model output that is the score, when the file has several.</param>
    public AuditPlanBuilder ModelFile(string path, AdverseTail adverse, string? output = null) =>
        With(plan with { Model = new ModelFileSource(new ModelFileSpec(Path.GetFullPath(path), path, adverse, output, new Dictionary<string, string>(), null, 0)) { Loaders = loaders } });

    /// <summary>Scores already in the data (plan key <c>model.score_column</c>).</summary>
    public AuditPlanBuilder Scores(string column, AdverseTail adverse) =>
        With(plan with { Model = new ScoreColumnSource(Ref(column, "model.score_column"), adverse) });

    /// <summary>Decisions already in the data, 1 = flagged (plan key <c>model.decision_column</c>); there is no policy to apply.</summary>
    public AuditPlanBuilder Decisions(string column) =>
        With(plan with { Model = new DecisionColumnSource(Ref(column, "model.decision_column")), Policy = new DecisionsAsGiven() });

    /// <summary>
    /// Decisions already in the data, coded as <paramref name="coding"/> says (plan key
    /// <c>model.decision_column: { column, outcome, values }</c>): 1 = the favourable outcome, or codes such as 1/2.
    /// </summary>
    public AuditPlanBuilder Decisions(string column, OutcomeCoding coding) =>
        With(plan with { Model = new DecisionColumnSource(Ref(column, "model.decision_column")) { Outcome = coding with { KeyPath = "model.decision_column.values" } }, Policy = new DecisionsAsGiven() });

    /// <summary>
    /// No model and no policy (a plan without <c>model</c>): only the composition design runs
    /// (<see cref="Designs(Audit.Designs.DesignsPlan)"/> with <c>Composition</c> alone).
    /// </summary>
    public AuditPlanBuilder WithoutModel() => With(plan with { Model = new NoModelSource(), Policy = new DecisionsAsGiven() });

    /// <summary>
    /// A label-only audit (plan key <c>model: { label: true }</c>): the observed outcome of <see cref="Label(string, OutcomeCoding)"/>
    /// is the decision; no model and no policy; error rates are not computed.
    /// </summary>
    public AuditPlanBuilder LabelOnly()
    {
        labelOnly = true;
        return this;
    }

    /// <summary>Flags everyone whose score is on the adverse side of <paramref name="threshold"/> (plan key <c>policy.threshold</c>).</summary>
    public AuditPlanBuilder Threshold(double threshold) => Policy(new ThresholdPolicy(threshold));

    /// <summary>Flags the given share of the population with the most adverse scores (plan key <c>policy.top_fraction</c>).</summary>
    public AuditPlanBuilder TopFraction(double fraction) => Policy(new TopFractionPolicy(fraction));

    /// <summary>Flags a fixed number of people, the most adverse scores first (plan key <c>policy.budget</c>).</summary>
    public AuditPlanBuilder Budget(long count) => Policy(new BudgetPolicy(count));

    /// <summary>Flags the people in these grades of the model's scale (plan key <c>policy.grades</c>).</summary>
    public AuditPlanBuilder FlagGrades(params string[] grades) => Policy(new GradesPolicy(grades, 0, "policy.grades"));

    /// <summary>Any decision policy (<see cref="Audit.Policy"/>).</summary>
    public AuditPlanBuilder Policy(DecisionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return With(plan with { Policy = policy });
    }

    /// <summary>
    /// A protected attribute (plan key <c>protected</c>): a column whose groups are compared. A numeric column is cut
    /// into bands at <paramref name="bands"/> (edges [25, 35] give "&lt;25", "25-34", "35+").
    /// </summary>
    /// <param name="reference">The reference group's label; null for the largest group.</param>
    public AuditPlanBuilder Protect(string column, IReadOnlyList<double>? bands = null, string? reference = null)
    {
        var keyPath = $"protected[{attributes.Count}]";
        attributes.Add(new ProtectedAttributeSpec(new ColumnRef(column, 0, keyPath + ".column"), bands, reference, 0, keyPath));
        return With(plan with { ProtectedAttributes = attributes.ToArray() });
    }

    /// <summary>
    /// A protected attribute whose levels are merged into groups (plan key <c>groups</c>): each group names the levels
    /// it takes, or <c>"*"</c> (<see cref="LevelGroup.Rest"/>) for every level no other group names; a categorical or
    /// true/false column only.
    /// </summary>
    /// <param name="reference">The reference group's name; null for the largest group.</param>
    public AuditPlanBuilder ProtectGroups(string column, IReadOnlyList<LevelGroup> groups, string? reference = null)
    {
        if (LevelGroup.ProblemOf(groups) is { } problem)
        {
            throw new AuditInputException(problem.Problem, file: CodeDisplay, keyPath: $"protected[{attributes.Count}].groups", found: problem.Found,
                expected: "each level in one group, at most one group \"*\" for every other level");
        }
        Protect(column, null, reference);
        attributes[^1] = attributes[^1] with { Groups = groups };
        return With(plan with { ProtectedAttributes = attributes.ToArray() });
    }

    /// <summary>
    /// Keeps only the rows that meet this condition (plan key <c>filter</c>; call once per condition, all must hold):
    /// the value within [<paramref name="min"/>, <paramref name="max"/>], one of <paramref name="among"/>, none of
    /// <paramref name="notAmong"/>. A missing value meets no condition. Applied after <see cref="Derive"/>.
    /// </summary>
    public AuditPlanBuilder Filter(string column, double? min = null, double? max = null, IReadOnlyList<string>? among = null, IReadOnlyList<string>? notAmong = null)
    {
        var keyPath = $"filter[{plan.Filter.Count}]";
        Require(min is not null || max is not null || among is not null || notAmong is not null, "a row condition needs min, max, among or notAmong", "Filter(\"age\", min: 18)");
        return With(plan with { Filter = [.. plan.Filter, new RowCondition(new ColumnRef(column, 0, keyPath + ".column"), min, max, among, notAmong)] });
    }

    /// <summary>
    /// A new column computed from a formula over the row (plan key <c>derive</c>), in the formula language of population
    /// specs (docs/population-spec.md, "Formulas"); a categorical column's formula gives the 0-based position of its level
    /// in <paramref name="levels"/> (<c>cut(age, [25, 45])</c>). Derived in the order given, before the filter.
    /// </summary>
    public AuditPlanBuilder Derive(string name, string formula, ColumnType type = ColumnType.Numeric, IReadOnlyList<string>? levels = null)
    {
        Require((type == ColumnType.Categorical) == (levels is { Count: > 0 }), "a categorical derived column needs its levels, and only it has levels", "Derive(\"age_band\", \"cut(age, [25, 45])\", ColumnType.Categorical, [\"<25\", \"25-44\", \"45+\"])");
        Require(plan.Derive.All(d => d.Name != name), $"the column '{name}' is derived twice", "one Derive per new column");
        return With(plan with { Derive = [.. plan.Derive, new DerivedColumn(name, formula, type, levels, 0, $"derive[{plan.Derive.Count}]")] });
    }

    /// <summary>Crosses these protected attributes (plan key <c>intersections</c> as a list); call once per set.</summary>
    public AuditPlanBuilder Intersect(params string[] columns)
    {
        intersections = [.. intersections ?? [], columns];
        allIntersections = false;
        return this;
    }

    /// <summary>No intersections (plan key <c>intersections: none</c>).</summary>
    public AuditPlanBuilder NoIntersections()
    {
        intersections = [];
        allIntersections = false;
        return this;
    }

    /// <summary>Every combination of two or more protected attributes (plan key <c>intersections: all</c>).</summary>
    public AuditPlanBuilder AllIntersections()
    {
        intersections = null;
        allIntersections = true;
        return this;
    }

    /// <summary>The observed outcome, 1 when the adverse outcome was observed (plan key <c>roles.label</c>).</summary>
    public AuditPlanBuilder Label(string column) => With(plan with { Label = Ref(column, "roles.label") });

    /// <summary>The observed outcome, coded as <paramref name="coding"/> says (plan key <c>roles.label: { column, outcome, values }</c>).</summary>
    public AuditPlanBuilder Label(string column, OutcomeCoding coding) =>
        With(plan with { Label = Ref(column, "roles.label"), LabelOutcome = coding with { KeyPath = "roles.label.values" } });

    /// <summary>The column that names each person (plan key <c>roles.id</c>).</summary>
    public AuditPlanBuilder Id(string column) => With(plan with { Id = Ref(column, "roles.id") });

    /// <summary>Per-row weights (plan keys <c>roles.weight</c> and <c>weights</c>): sampling (survey) weights unless told otherwise.</summary>
    public AuditPlanBuilder Weights(string column, WeightKind kind = WeightKind.Sampling) =>
        With(plan with { Weight = Ref(column, "roles.weight"), Weights = kind });

    /// <summary>Cells with fewer rows are suppressed in every output (plan key <c>min_cell_size</c>).</summary>
    public AuditPlanBuilder MinCellSize(int rows) => With(plan with { MinCellSize = rows });

    /// <summary>The tolerance of disparity verdicts (plan key <c>tolerance</c>).</summary>
    public AuditPlanBuilder Tolerance(double tolerance) => With(plan with { Tolerance = tolerance });

    /// <summary>The confidence level of intervals (plan key <c>inference.confidence</c>).</summary>
    public AuditPlanBuilder Confidence(double level) => With(plan with { Confidence = level });

    /// <summary>The multiple-testing correction: "holm", "bh" or "none" (plan key <c>inference.correction</c>).</summary>
    public AuditPlanBuilder Correction(string correction) => With(plan with { Correction = correction });

    /// <summary>Bootstrap replicates, 0 for none (plan key <c>inference.bootstrap</c>).</summary>
    public AuditPlanBuilder Bootstrap(int replicates) => With(plan with { BootstrapReplicates = replicates });

    /// <summary>The seed of every random draw (plan key <c>seed</c>; by default the context's).</summary>
    public AuditPlanBuilder Seed(long seed) => With(plan with { Seed = seed });

    /// <summary>The explanations stage's options (plan key <c>explanations</c>); seed, intervals and cell size come from the plan.</summary>
    public AuditPlanBuilder Explanations(Explain.ExplanationOptions options) => With(plan with { Explanations = options });

    /// <summary>The recourse audit (plan key <c>recourse</c>, docs/recourse.md).</summary>
    public AuditPlanBuilder Recourse(Audit.Recourse.RecourseOptions options) => With(plan with { Recourse = options });

    /// <summary>The real-world audit designs (plan key <c>designs</c>, docs/designs.md).</summary>
    public AuditPlanBuilder Designs(Audit.Designs.DesignsPlan designs) => With(plan with { Designs = designs });

    /// <summary>Bounds on the data (plan key <c>limits</c>).</summary>
    public AuditPlanBuilder Limits(InputLimits limits) => With(plan with { Limits = limits });

    /// <summary>The plan, as the YAML reader would give it for the same settings.</summary>
    /// <exception cref="AuditInputException">No data, no model, no policy or no protected attribute; an intersection of a column that is not protected.</exception>
    public AuditPlan Build()
    {
        Require(plan.Data is not null, "the plan has no data", "Data(table) or DataFile(path)");
        if (labelOnly)
        {
            Require(plan.Model is null && plan.Policy is null, "a label-only audit takes the observed outcome as the decision: there is no model or policy to give",
                "LabelOnly() without Model, ModelSpec, ModelFile, Scores, Decisions or a policy");
            Require(plan.Label is not null, "a label-only audit needs the label column", "Label(column) or Label(column, coding)");
            plan = plan with { Model = new DecisionColumnSource(plan.Label!) { Outcome = plan.LabelOutcome, FromLabel = true }, Policy = new DecisionsAsGiven() };
        }
        Require(plan.Model is not NoModelSource || plan.Designs?.Composition is not null, "a plan without a model runs only the composition design",
            "Designs(new DesignsPlan { Composition = ... }), or a model");
        Require(plan.Model is not null, "the plan has no model", "Model(model), ModelSpec(path), ModelFile(path, adverse), Scores(column, adverse) or Decisions(column)");
        Require(plan.Policy is not null, "the plan has no decision policy", "Threshold, TopFraction, Budget, FlagGrades or Policy");
        Require(attributes.Count > 0, "the plan protects no attribute", "Protect(column) once per protected attribute");
        var names = attributes.Select(a => a.Column.Name).ToArray();
        var sets = intersections
            ?? (allIntersections ? Fairness.FairnessOptions.AllCombinations(names.Length) : Fairness.FairnessOptions.Pairs(names.Length))
                .Select(s => (IReadOnlyList<string>)s.Select(i => names[i]).ToArray()).ToArray();
        foreach (var name in sets.SelectMany(s => s).Where(n => !names.Contains(n)))
        {
            throw new AuditInputException($"the intersection names '{name}', which is not a protected attribute", file: CodeDisplay, keyPath: "intersections",
                expected: "one of " + string.Join(", ", names), found: name, hint: "protect the column first with Protect");
        }
        var built = plan with { Intersections = sets };
        return built with { BuiltInCode = Canonical(built) };
    }

    private static string Coding(OutcomeCoding coding) =>
        $"({coding.Outcome}{(coding.HasValues ? "; " + coding.Known : "")})";

    private AuditPlanBuilder With(AuditPlan next)
    {
        plan = next;
        return this;
    }

    private static ColumnRef Ref(string column, string keyPath) => new(column, 0, keyPath);

    private static void Require(bool condition, string problem, string expected)
    {
        if (!condition)
        {
            throw new AuditInputException(problem, file: CodeDisplay, expected: expected);
        }
    }

    /// <summary>
    /// The plan's settings as text, one per line in a fixed order, for the provenance's hash of a plan that has no file:
    /// two plans with the same settings hash alike. The data and a model file are hashed on their own, as for a plan file.
    /// </summary>
    private static string Canonical(AuditPlan plan)
    {
        var text = new StringBuilder();
        void Line(string key, object? value) => text.Append(key).Append(": ").Append(value switch
        {
            null => "~",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value, value.GetType()),
        }).Append('\n');
        Line("name", plan.Name);
        Line("description", plan.Description);
        Line("data", (plan.Data.Counts ? "counts: " : "") + plan.Data.Display);
        Line("columns", string.Join(",", plan.ColumnTypes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value)));
        Line("model", plan.Model switch
        {
            ModelObject given => $"{given.Model.Kind} {given.Model.Name} ({given.Model.Adverse}) " + string.Join(",", given.Model.Features.Select(f => f.Name)),
            ModelSpecFile spec => spec.Display,
            ModelFileSource file => file.Spec.Display,
            ScoreColumnSource scores => $"score_column {scores.Column.Name} ({scores.Adverse})",
            DecisionColumnSource { FromLabel: true } decisions => "label " + decisions.Column.Name,
            DecisionColumnSource decisions => "decision_column " + decisions.Column.Name + (decisions.Outcome is { } coding ? " " + Coding(coding) : ""),
            _ => plan.Model.ToString(),
        });
        Line("policy", plan.Policy.ToString());
        foreach (var a in plan.ProtectedAttributes)
        {
            Line("protected", $"{a.Column.Name} bands [{string.Join(",", (a.Bands ?? []).Select(b => b.ToString(CultureInfo.InvariantCulture)))}] reference {a.Reference ?? "largest"}");
        }
        Line("intersections", string.Join(";", plan.Intersections.Select(s => string.Join("×", s))));
        Line("label", plan.Label is { } label ? label.Name + (plan.LabelOutcome is { } labelCoding ? " " + Coding(labelCoding) : "") : null);
        Line("id", plan.Id?.Name);
        Line("weight", plan.Weight is { } w ? $"{w.Name} ({plan.Weights})" : null);
        Line("min_cell_size", plan.MinCellSize);
        Line("tolerance", plan.Tolerance);
        Line("confidence", plan.Confidence);
        Line("correction", plan.Correction);
        Line("bootstrap", plan.BootstrapReplicates);
        Line("seed", plan.Seed);
        Line("explanations", plan.Explanations);
        Line("recourse", plan.Recourse);
        Line("designs", plan.Designs);
        // Only when used, so that the hash of a plan without them stays what it was.
        foreach (var a in plan.ProtectedAttributes.Where(a => a.Groups is not null))
        {
            Line("groups", $"{a.Column.Name} " + string.Join("; ", a.Groups!.Select(g => g.Name + "=" + string.Join(",", g.Levels))));
        }
        foreach (var d in plan.Derive)
        {
            Line("derive", $"{d.Name} ({d.Type}) = {d.Formula}" + (d.Levels is { } levels ? " [" + string.Join(",", levels) + "]" : ""));
        }
        foreach (var c in plan.Filter)
        {
            Line("filter", c.Describe());
        }
        return text.ToString();
    }
}
