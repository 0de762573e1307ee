using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Plan;
using Audit.Results;
using Audit.Yaml;

namespace Audit;

/// <summary>Progress of a long stage: the stage's name, work done and total work (in the stage's own unit).</summary>
public delegate void StageProgress(string stage, long done, long total);

/// <summary>
/// The audit pipeline of ARCHITECTURE.md, left to right: read the people, score them, decide, compute group
/// statistics and metrics, and gather everything into an <see cref="AuditResult"/>. Stages are called in
/// order; nothing here renders.
/// </summary>
public static partial class Auditor
{
    /// <summary>The toolkit's semantic version (from the assembly's informational version).</summary>
    public static string ToolkitVersion { get; } =
        typeof(Auditor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="command">The command line that started the run, recorded in the provenance.</param>
    /// <param name="decided">Called once people are scored and decided (the model, table, scores and outcome), for <c>audit bench</c>; null otherwise.</param>
    public static AuditResult Run(AuditPlan plan, string command, StageProgress? progress = null, Action<IScoringModel, Table, double[], Policy.PolicyOutcome>? decided = null)
    {
        var (model, table, partialSpec) = Open(plan, progress);
        var dataName = plan.Data.Display;
        var (scores, grades, policyToApply, outcome) = Decide(plan, model, table, progress);
        decided?.Invoke(model, table, scores, outcome);

        byte[] labels = [];
        if (plan.Label is { } labelRef)
        {
            try
            {
                labels = BinaryColumn.Read(table, labelRef.Name, "label", "the label is 1 when the adverse outcome was observed, 0 when not, empty when unknown");
            }
            catch (AuditInputException e)
            {
                throw table.Locate(e, dataName);
            }
        }
        var weights = plan.Weight is { } weightRef ? ReadWeights(table, weightRef.Name, dataName, plan.Weights) : [];

        var attributes = new List<AttributeInput>();
        foreach (var spec in plan.ProtectedAttributes)
        {
            GroupAssignment groups;
            try
            {
                groups = GroupAssignment.FromColumn(table[spec.Column.Name], spec.Bands);
            }
            catch (AuditInputException e)
            {
                throw new AuditInputException(e.Problem, file: plan.PlanDisplay, line: spec.Line, keyPath: spec.KeyPath,
                    column: e.Column, expected: e.Expected, found: e.Found, hint: e.Hint);
            }
            if (spec.Reference is { } reference && !groups.Levels.Contains(reference))
            {
                throw new AuditInputException($"the reference group '{reference}' does not occur in the data",
                    file: plan.PlanDisplay, line: spec.Line, keyPath: spec.KeyPath + ".reference", column: spec.Column.Name,
                    expected: "one of " + string.Join(", ", groups.Levels), found: reference,
                    hint: "name a group that occurs, or write 'reference: largest'");
            }
            plan.Limits.CheckGroups(groups.Levels.Length, spec.Column.Name, plan.PlanDisplay, spec.Line, spec.KeyPath);
            attributes.Add(new AttributeInput(groups, spec.Bands, spec.Reference));
        }
        CheckCrossings(plan, attributes);
        progress?.Invoke("statistics", 0, attributes.Count);
        var columns = plan.ProtectedAttributes.Select(a => a.Column.Name).ToList();
        var options = new FairnessOptions
        {
            MinCellSize = plan.MinCellSize,
            FrequencyWeights = plan.Weights == WeightKind.Frequency,
            Tolerance = plan.Tolerance,
            Confidence = plan.Confidence,
            Correction = plan.Correction,
            BootstrapReplicates = plan.BootstrapReplicates,
            Seed = plan.Seed,
            Intersections = plan.Intersections.Select(set => (IReadOnlyList<int>)set.Select(name => columns.IndexOf(name)).ToArray()).ToArray(),
        };
        // Score-based metrics need scores that vary; decisions in the data are only 0/1.
        var scoreInput = model is DecisionsInData ? null : new ScoreInput(scores, model.Adverse, model.ScoreIsProbability);
        var gradeInput = model.Grades is { } scale && grades is not null ? new GradeInput(grades, scale) : null;
        FairnessSection fairness;
        try
        {
            fairness = FairnessAnalysis.Analyze(attributes, outcome.Flags, labels, weights, options, scoreInput, gradeInput,
                progress is null ? null : () => progress("bootstrap", 0, options.BootstrapReplicates));
        }
        catch (AuditInputException e) when (e.Row is not null && e.File is null)
        {
            throw table.Locate(e, dataName); // a score the histograms cannot place names its row and file line
        }
        progress?.Invoke("statistics", attributes.Count, attributes.Count);

        var flagRate = fairness.Overall.Rates[GroupRate.SelectionRate.Key];
        var policy = new PolicySection(
            policyToApply.Kind,
            policyToApply.Describe(model.Adverse),
            policyToApply switch
            {
                Policy.ThresholdPolicy t => t.Threshold,
                Policy.TopFractionPolicy f => f.Fraction,
                Policy.BudgetPolicy b => b.Count,
                _ => null,
            },
            outcome.Cutoff, outcome.Flagged, flagRate, outcome.TiedAtCutoff, outcome.TiedAtCutoffFlagged);

        var population = plan.Data.Format == DataFormat.Population ? Synthetic.SyntheticData.Describe(plan, table) : null;
        return new AuditResult
        {
            Provenance = ProvenanceOf(plan, command),
            Data = Summarise(plan, table),
            Model = Describe(model),
            Policy = policy,
            Fairness = fairness,
            Population = population,
            Explanations = Explanations(plan, model, table, outcome.Flags, attributes, fairness, weights, progress),
            Recourse = plan.Recourse is null ? null
                : Recourse.RecourseStage.Run(plan, model, table, scores, outcome, attributes.Select(a => a.Groups).ToArray(), options.Intersections, progress, DisclosurePolicy.Of(fairness, options.FrequencyWeights)),
            Designs = plan.Designs is { } designs
                ? Designs.DesignsStage.Run(designs, new Designs.DesignInput(table, model, policyToApply, scores, outcome, labels, weights, attributes, options with { Disclosure = DisclosurePolicy.Of(fairness, options.FrequencyWeights) }, plan.PlanDisplay) { PartialSpec = partialSpec })
                : null,
            Caveats = population is null ? Caveats(plan, outcome, fairness) : [.. Caveats(plan, outcome, fairness), .. Synthetic.SyntheticData.Caveats(population)],
        };
    }

    internal static IScoringModel LoadModel(ModelSource source, string planFile) => source switch
    {
        ModelSpecFile spec => LinearModelSpec.Load(spec.Path, spec.Display),
        ModelFileSource file => file.Loaders.Load(file.Spec, planFile),
        ModelObject given => given.Model,
        ScoreColumnSource scores => new ScoresInData(scores.Column.Name, scores.Adverse),
        DecisionColumnSource decisions => new DecisionsInData(decisions.Column.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    internal static Table ReadData(AuditPlan plan, IScoringModel model, StageProgress? progress)
    {
        // Types the plan or the model declare; the plan wins. Everything else is inferred.
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var feature in model.Features)
        {
            // Boolean inputs are declared too: the reader then takes true/false, yes/no and 1/0, and an all-empty
            // column is a boolean column of missing values (for a 'missing' weight), not text.
            types[feature.Name] = feature.Type;
        }
        if (plan.Weight is { } weight)
        {
            types[weight.Name] = ColumnType.Numeric;
        }
        foreach (var (name, type) in plan.ColumnTypes)
        {
            types[name] = type;
        }
        Action<long, long>? report = progress is null ? null : (done, total) => progress("read", done, total);
        return plan.Data.Format switch
        {
            DataFormat.Table => plan.Data.Table!,
            DataFormat.Population => Synthetic.SyntheticData.Generate(plan, report),
            DataFormat.Parquet => ParquetTableReader.Read(plan.Data.Path, new ParquetReadOptions { ColumnTypes = types, Progress = report, Limits = plan.Limits }) is { RowCount: > 0 } rows
                ? rows
                : throw ParquetTableReader.NoRows(plan.Data.Display),
            _ => CsvTableReader.Read(plan.Data.Path, new CsvReadOptions
            {
                Delimiter = plan.Data.Delimiter,
                DecimalComma = plan.Data.DecimalComma,
                Encoding = TextEncodings.FromName(plan.Data.Encoding),
                MissingTokens = plan.Data.MissingTokens,
                ColumnTypes = types,
                Progress = report,
                DisplayName = plan.Data.Display,
                Limits = plan.Limits,
            }),
        };
    }

    /// <summary>Checks that every column the plan or the model names exists, and gives the table its roles.</summary>
    internal static Table BindRoles(AuditPlan plan, IScoringModel model, Table table)
    {
        var roles = new Dictionary<string, ImmutableSortedSet<ColumnRole>>(StringComparer.Ordinal);
        void Add(string column, ColumnRole role) =>
            roles[column] = (roles.TryGetValue(column, out var set) ? set : []).Add(role);

        void Require(ColumnRef reference, ColumnRole role)
        {
            if (table.Find(reference.Name) is null)
            {
                throw MissingColumn(plan, table, reference.Name, plan.PlanDisplay, reference.Line, reference.KeyPath);
            }
            Add(reference.Name, role);
        }

        foreach (var declared in plan.DeclaredColumns)
        {
            if (table.Find(declared.Name) is null)
            {
                throw MissingColumn(plan, table, declared.Name, plan.PlanDisplay, declared.Line, declared.KeyPath);
            }
        }
        foreach (var attribute in plan.ProtectedAttributes)
        {
            Require(attribute.Column, ColumnRole.Protected);
        }
        if (plan.Id is { } id)
        {
            Require(id, ColumnRole.Id);
        }
        if (plan.Label is { } label)
        {
            Require(label, ColumnRole.Label);
        }
        if (plan.Weight is { } weight)
        {
            Require(weight, ColumnRole.Weight);
        }
        switch (plan.Model)
        {
            case ScoreColumnSource s:
                Require(s.Column, ColumnRole.Score);
                break;
            case DecisionColumnSource d:
                Require(d.Column, ColumnRole.Decision);
                break;
            case ModelSpecFile or ModelFileSource or ModelObject:
                var modelFileName = plan.Model switch
                {
                    ModelSpecFile s1 => s1.Display,
                    ModelFileSource f1 => f1.Spec.Display,
                    _ => plan.PlanDisplay,
                };
                foreach (var feature in model.Features)
                {
                    if (table.Find(feature.Name) is null)
                    {
                        throw MissingColumn(plan, table, feature.Name, modelFileName, null, null);
                    }
                    Add(feature.Name, ColumnRole.Feature);
                }
                break;
        }
        var bound = table.WithRoles(roles);
        CheckMagnitudes(bound, bound.Schema.Where(s => s.Roles.Any(r => r is not (ColumnRole.Id or ColumnRole.Protected))).Select(s => s.Name), plan.Data.Display);
        if (plan.Id is { } idColumn)
        {
            CheckUniqueIds(bound, idColumn.Name, plan.Data.Display);
        }
        return bound;
    }

    /// <summary>
    /// Every score must be finite before the policy and the statistics use it: with every input and coefficient within
    /// ±10^15 a spec's score stays finite, but a model file can give anything, and an infinite score ended in an
    /// internal error (issue 16, class 4).
    /// </summary>
    internal static void CheckScores(IScoringModel model, double[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            // A linear spec's points may reach 10^34 (inputs and weights each within 10^15): finite, and every statistic of
            // them stays finite, so only a non-finite score is refused.
            if (!double.IsFinite(scores[i]) && model is not DecisionsInData)
            {
                throw new AuditInputException($"the model gives no finite score for this row ({scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture)})",
                    row: i + 1, expected: "a finite score",
                    hint: "check the row's values against the model's inputs (a value far outside the range the model was built for?)");
            }
        }
    }

    /// <summary>
    /// Checks that every number the audit computes with lies within ±10^15 (<see cref="NumericMagnitude"/>): model inputs,
    /// scores, weights and the columns the designs read. Beyond it sums overflow or lose their units (issue 16, class 4).
    /// </summary>
    internal static void CheckMagnitudes(Table table, IEnumerable<string> columns, string dataName)
    {
        foreach (var name in columns.Distinct(StringComparer.Ordinal))
        {
            if (table.Find(name) is NumericColumn numeric)
            {
                var roles = table.SchemaOf(name).Roles;
                var what = roles.Contains(ColumnRole.Feature) ? "a model input"
                    : roles.Contains(ColumnRole.Score) ? "the score column"
                    : roles.Contains(ColumnRole.Weight) ? "the weight column"
                    : "a column the audit computes with";
                try
                {
                    NumericMagnitude.Check(numeric, dataName, what);
                }
                catch (AuditInputException e)
                {
                    throw table.Locate(e, dataName);
                }
            }
        }
    }

    /// <summary>
    /// With an id column (<c>roles.id</c>), no two rows may share an id (issue 16, class 5): an id names one person, and
    /// <c>audit explain --person</c> used to explain whichever row came first. Missing ids are not compared.
    /// </summary>
    internal static void CheckUniqueIds(Table table, string name, string dataName)
    {
        var column = table[name];
        long first = -1, second = -1;
        switch (column)
        {
            case CategoricalColumn categorical:
                {
                    var codes = categorical.Codes;
                    var seenAt = new int[categorical.Levels.Count];
                    for (var i = 0; i < codes.Length && second < 0; i++)
                    {
                        var code = codes[i];
                        if (code == CategoricalColumn.Missing)
                        {
                            continue;
                        }
                        if (seenAt[code] > 0)
                        {
                            (first, second) = (seenAt[code] - 1, i);
                        }
                        seenAt[code] = i + 1;
                    }
                    break;
                }
            case NumericColumn numeric:
                {
                    // Sorting a copy of the ids with their rows keeps the memory to two arrays, even for a national file. The
                    // row reported is the first that repeats an earlier id, as for text ids: in each run of equal ids, its
                    // second-smallest row.
                    var values = numeric.Values;
                    var rows = new List<int>(values.Length);
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!double.IsNaN(values[i]))
                        {
                            rows.Add(i);
                        }
                    }
                    var order = rows.ToArray();
                    var keys = new double[order.Length];
                    for (var k = 0; k < order.Length; k++)
                    {
                        keys[k] = values[order[k]];
                    }
                    Array.Sort(keys, order);
                    for (var k = 0; k < keys.Length;)
                    {
                        var end = k + 1;
                        int low = order[k], next = int.MaxValue;
                        for (; end < keys.Length && keys[end] == keys[k]; end++)
                        {
                            var row = order[end];
                            if (row < low)
                            {
                                (low, next) = (row, low);
                            }
                            else if (row < next)
                            {
                                next = row;
                            }
                        }
                        if (next != int.MaxValue && (second < 0 || next < second))
                        {
                            (first, second) = (low, next);
                        }
                        k = end;
                    }
                    break;
                }
            default:
                {
                    var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < column.Length && second < 0; i++)
                    {
                        if (column.FormatValue(i) is { } value && !seen.TryAdd(value, i))
                        {
                            (first, second) = (seen[value], i);
                        }
                    }
                    break;
                }
        }
        if (second >= 0)
        {
            throw table.Locate(new AuditInputException($"the id on row {first + 1} is repeated: two rows name the same person", file: dataName,
                row: second + 1, column: name, expected: "a different id on every row (roles.id)", found: column.FormatValue((int)second),
                hint: "remove the duplicate row, or, if the column does not identify people, leave 'roles.id' out of the plan"), dataName);
        }
    }

    private static AuditInputException MissingColumn(AuditPlan plan, Table table, string name, string file, long? line, string? keyPath)
    {
        var suggestion = NameSuggestion.Closest(name, table.Columns.Select(c => c.Name));
        return new AuditInputException($"the data file {plan.Data.Display} has no column '{name}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
            file: file, line: line, keyPath: keyPath, column: name,
            hint: "columns in the data: " + AuditInputException.QuoteList([.. table.Columns.Select(c => c.Name)]));
    }

    /// <summary>Every intersection's cell count (the product of its attributes' group counts) within the plan's limit, before any counting.</summary>
    private static void CheckCrossings(AuditPlan plan, IReadOnlyList<AttributeInput> attributes)
    {
        var columns = plan.ProtectedAttributes.Select(a => a.Column.Name).ToList();
        foreach (var set in plan.Intersections)
        {
            var cells = 1L;
            foreach (var name in set)
            {
                var levels = attributes[columns.IndexOf(name)].Groups.Levels.Length;
                cells = cells > long.MaxValue / Math.Max(1, levels) ? long.MaxValue : cells * levels;
            }
            plan.Limits.CheckCells(cells, string.Join(" × ", set), plan.PlanDisplay, plan.IntersectionsLine, "intersections");
        }
    }

    private static double[] ReadWeights(Table table, string name, string dataName, WeightKind kind)
    {
        if (table[name] is not NumericColumn column)
        {
            throw new AuditInputException("the weight column is not numeric", file: dataName, column: name, expected: "numbers");
        }
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0) || double.IsInfinity(values[i]))
            {
                throw table.Locate(new AuditInputException(double.IsNaN(values[i]) ? "missing weight" : "negative weight", file: dataName, row: i + 1, column: name,
                    expected: "a weight of 0 or more on every row", found: column.FormatValue(i) ?? "",
                    hint: "fix the weight, or drop the row before the audit"), dataName);
            }
            if (kind == WeightKind.Frequency && values[i] != Math.Floor(values[i]))
            {
                throw table.Locate(new AuditInputException("a frequency weight is not a whole number", file: dataName, row: i + 1, column: name,
                    expected: "a whole number of identical people", found: column.FormatValue(i) ?? "",
                    hint: "survey weights are 'weights: sampling' (the default); frequency weights count people"), dataName);
            }
        }
        // Each weight is within ±1e15 (CheckMagnitudes), so the total is finite (issue 16, class 4).
        var total = 0.0;
        foreach (var w in values)
        {
            total += w;
        }
        if (total == 0)
        {
            // Every rate would be 0/0: it ended in the JSON writer's exception, an internal error.
            throw new AuditInputException("every weight is 0: the weights count no one", file: dataName, column: name,
                expected: "at least one weight above 0", hint: "check the weight column, or leave 'roles.weight' out to count every row once");
        }
        if (kind == WeightKind.Frequency && total > int.MaxValue)
        {
            // The tests of the fairness stage count people in 32-bit integers; a larger total ended in an OverflowException.
            throw new AuditInputException($"the frequency weights add up to {total:N0} people, more than the {int.MaxValue:N0} the tests can count", file: dataName, column: name,
                expected: $"frequency weights adding up to at most {int.MaxValue:N0}",
                hint: "check the weight column; survey weights are 'weights: sampling' (the default), which has no such bound");
        }
        return values.ToArray();
    }

    private static FileHash Hash(string path, string display)
    {
        using var stream = File.OpenRead(path);
        return new FileHash(ReportedFile.Name(display), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private static DataSection Summarise(AuditPlan plan, Table table)
    {
        var columns = table.Columns.Select((c, i) => new ColumnSummary(
            c.Name,
            c.Type.ToString().ToLowerInvariant(),
            table.Schema[i].Roles.Select(RoleName).ToArray(),
            c.MissingCount())).ToArray();
        double? total = plan.Weight is { } w ? ((NumericColumn)table[w.Name]).Values.ToArray().Sum() : null;
        return new DataSection(ReportedFile.Name(plan.Data.Display), plan.Data.Format.ToString().ToLowerInvariant(), table.RowCount, columns,
            plan.Weight is null ? null : plan.Weights.ToString().ToLowerInvariant(), total, plan.Label?.Name);
    }

    /// <summary>The role names of CONTRACTS.md (snake_case).</summary>
    public static string RoleName(ColumnRole role) => role switch
    {
        ColumnRole.RandomSample => "random_sample",
        ColumnRole.HumanDecision => "human_decision",
        _ => role.ToString().ToLowerInvariant(),
    };

    private static ModelSection Describe(IScoringModel model) => new(
        model.Name,
        model.Kind,
        model.Adverse.ToString().ToLowerInvariant(),
        model.Features.Select(f => new ModelFeature(f.Name, f.Type.ToString().ToLowerInvariant(), f.Description)).ToArray(),
        (model as IPublishedModel)?.ExplanationSpace,
        (model as IPublishedModel)?.Source,
        (model as IPublishedModel)?.Description,
        model.Grades is { } grades ? new GradeBands(grades.FavourableToAdverse, grades.Describe()) : null);

    /// <summary>Where a result comes from: toolkit version, plan, model, data (with their hashes), seed and command.</summary>
    public static Provenance ProvenanceOf(AuditPlan plan, string command) =>
        new Provenance(
            ToolkitVersion,
            plan.Name,
            plan.Description,
            plan.BuiltInCode is { } settings
                ? new FileHash(plan.PlanDisplay, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings))))
                : Hash(plan.PlanPath, Path.GetFileName(plan.PlanPath)),
            plan.Model switch
            {
                ModelSpecFile specFile => Hash(specFile.Path, specFile.Display),
                ModelFileSource modelFile => Hash(modelFile.Spec.Path, modelFile.Spec.Display),
                _ => null,
            },
            plan.Data.Table is { } table ? new FileHash(ReportedFile.Name(plan.Data.Display), TableFingerprint.Sha256(table)) : Hash(plan.Data.Path, plan.Data.Display),
            plan.Seed,
            command);
}
