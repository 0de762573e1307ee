using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>Reads and checks an audit plan (docs/audit-plan.md). Every error names the key path and line.</summary>
public static class AuditPlanLoader
{
    internal static readonly string[] TopKeys =
        ["name", "description", "data", "columns", "roles", "weights", "model", "policy", "protected_attributes", "intersections", "tolerance", "inference", "min_cell_size", "seed", "output", "root", "limits", "explanations", "recourse", "designs", "exports", "legal", "fairness", "filter", "derive"];
    private static readonly string[] DataKeys = ["path", "counts", "total", "format", "delimiter", "decimal_comma", "missing", "encoding", "population", "rows", "seed", "subjects", "duckdb", "postgres", "table", "query", "engine", "counting"];
    private static readonly string[] RoleKeys = ["id", "label", "weight"];
    private static readonly string[] ModelKeys = ["spec", "file", "score_column", "decision_column", "label", "adverse", "output", "inputs", "features"];
    private static readonly string[] ModelSourceKeys = ["spec", "file", "score_column", "decision_column", "label"];
    private static readonly string[] PolicyKeys = ["threshold", "top_fraction", "budget", "grades"];
    private static readonly string[] ProtectedKeys = ["column", "bands", "reference", "order", "groups"];
    private static readonly string[] InferenceKeys = ["confidence", "correction", "bootstrap"];
    private static readonly string[] FairnessKeys = ["display_levels"];

    /// <param name="path">The plan file.</param>
    /// <param name="dataOverride">A data file given on the command line (<c>--data</c>), which replaces <c>data.path</c>.</param>
    /// <param name="granted">
    /// The limits the command line grants (<c>--limit</c>; the defaults otherwise): the plan's <c>limits</c> may lower
    /// them, never raise them, since a plan may come from someone else.
    /// </param>
    /// <param name="grantedRoot">
    /// The folder the command line lets the plan's paths reach (<c>--root</c>), or null: a plan whose <c>root</c> key
    /// asks for more than its own folder is refused unless the folder it asks for lies inside this one, since a plan may
    /// come from someone else (issue 16, class 3).
    /// </param>
    public static AuditPlan Load(string path, string? dataOverride = null, InputLimits? granted = null, string? grantedRoot = null)
    {
        var display = path;
        var full = Path.GetFullPath(path);
        var yaml = YamlDocument.Load(full, display, TopKeys);
        return FromYaml(yaml, full, display, dataOverride, new Grants(granted ?? InputLimits.Default, grantedRoot));
    }

    /// <summary>What the command line grants a plan: limits it may only lower, a folder its root may not exceed.</summary>
    private sealed record Grants(InputLimits Limits, string? Root);

    private static AuditPlan FromYaml(YamlMap plan, string planPath, string display, string? dataOverride, Grants granted)
    {
        var folder = Path.GetDirectoryName(planPath)!;
        var root = RootOf(plan, folder, granted.Root);
        string Resolve(YamlMap map, string key, string p) => Confine(map, key, Path.GetFullPath(Path.Combine(folder, p)), root);

        var data = plan.RequiredMap("data", DataKeys, hint: "add 'data: { path: people.csv }'");
        if (data.Has("population") && data.Has("counts"))
        {
            throw data.Error("counts", "'counts' and 'population' both name the data: a plan audits either a generated population or a counts table",
                hint: "keep one of them (docs/counts-format.md)");
        }
        if (dataOverride is null && data.Has("population"))
        {
            return FromYamlWithSource(plan, planPath, display,
                PopulationPlanData.Read(data, p => Resolve(data, "population", p)) with { Subjects = PeoplePlanKeys.SubjectsOf(data, generated: true) }, granted);
        }
        if (!data.Has("population"))
        {
            PopulationPlanData.RefuseWithoutPopulation(data);
        }
        if (data.Has("counts") && (data.Has("duckdb") || data.Has("postgres") || data.Has("engine")))
        {
            throw data.Error("counts", "'counts' names a counts file, and a database source names where the rows are: a plan gives one or the other",
                hint: "keep 'counts' for a table of counts (docs/counts-format.md), or the database keys for rows (docs/databases.md)");
        }
        if (dataOverride is null && DatabasePlanData.Read(data, p => Resolve(data, data.Has("duckdb") ? "duckdb" : "path", p), granted.Limits.AllowQuery) is { } database)
        {
            return FromYamlWithSource(plan, planPath, display, database with { Subjects = PeoplePlanKeys.SubjectsOf(data, generated: false) }, granted);
        }
        // A counts table (docs/counts-format.md) in place of the rows: the same file rules as 'path'.
        var counts = CountsKeysOf(data);
        var fileKey = counts ? "counts" : "path";
        var dataDisplay = dataOverride ?? data.RequiredString(fileKey, hint: "give the data file's path, relative to the plan");
        var dataPath = dataOverride is null ? Resolve(data, fileKey, dataDisplay) : Path.GetFullPath(dataOverride);
        var format = data.OptionalChoice("format", "csv", "parquet") switch
        {
            "csv" => DataFormat.Csv,
            "parquet" => DataFormat.Parquet,
            _ => dataPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? DataFormat.Parquet : DataFormat.Csv,
        };
        if (data.IsGivenEmpty("delimiter"))
        {
            throw data.Error("delimiter", "the delimiter is empty", expected: "',', ';' or 'tab', in quotes",
                hint: "write delimiter: \",\" (in YAML a bare ',' is not a value), or leave the key out to detect it");
        }
        var delimiterText = data.OptionalString("delimiter");
        char? delimiter = delimiterText switch
        {
            null => null,
            "," or ";" => delimiterText[0],
            "\t" or "tab" or "\\t" => '\t',
            _ => throw data.Error("delimiter", "not an allowed delimiter", expected: "',', ';' or 'tab'", found: delimiterText),
        };
        var missing = data.Has("missing") ? data.OptionalList("missing").Select(v => v.AsString()).ToList() : ["NA"];
        var encodingName = data.OptionalChoice("encoding", [.. TextEncodings.Names]) ?? "utf-8";
        var source = new DataSource(dataPath, dataDisplay, format, delimiter, data.OptionalBool("decimal_comma") ?? false, missing, data.Line)
        {
            Encoding = encodingName,
            Subjects = PeoplePlanKeys.SubjectsOf(data, generated: false),
            Counts = counts,
            Total = counts ? TotalOf(data) : null,
        };
        return FromYamlWithSource(plan, planPath, display, source, granted);
    }

    /// <summary>Whether <c>data</c> names a counts table (<c>counts:</c>), which excludes <c>path</c> and <c>population</c>; <c>total</c> goes with it only.</summary>
    private static bool CountsKeysOf(YamlMap data)
    {
        if (!data.Has("counts"))
        {
            if (data.Has("total"))
            {
                throw data.Error("total", "'total' is the number of rows a counts table adds up to, and applies only to 'data.counts'",
                    hint: "remove 'total', or give the counts table as 'counts: FILE' (docs/counts-format.md)");
            }
            return false;
        }
        if (data.Has("path"))
        {
            throw data.Error("counts", "'counts' and 'path' both name the data: a plan audits either rows or a counts table",
                hint: "keep 'path' for a file of people, or 'counts' for a table of counts (docs/counts-format.md)");
        }
        return true;
    }

    private static long? TotalOf(YamlMap data)
    {
        if (data.OptionalLong("total") is not { } total)
        {
            return null;
        }
        if (total < 0)
        {
            throw data.Error("total", "out of range", expected: "the number of rows the counts add up to: a whole number of 0 or more", found: total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return total;
    }

    private static AuditPlan FromYamlWithSource(YamlMap plan, string planPath, string display, DataSource source, Grants granted)
    {
        var folder = Path.GetDirectoryName(planPath)!;
        var root = RootOf(plan, folder, granted.Root);
        string Resolve(YamlMap map, string key, string p) => Confine(map, key, Path.GetFullPath(Path.Combine(folder, p)), root);

        var (columnTypes, declared) = ColumnTypesOf(plan);

        var roles = plan.OptionalMap("roles", RoleKeys);
        var id = ColumnRefOf(roles, "id");
        var (label, labelOutcome) = OutcomePlanReader.Read(roles, "label");
        var weight = ColumnRefOf(roles, "weight");
        var weights = plan.OptionalChoice("weights", "sampling", "frequency") == "frequency" ? WeightKind.Frequency : WeightKind.Sampling;
        if (plan.Has("weights") && weight is null)
        {
            throw plan.Error("weights", "'weights' says how to read the weight column, but no weight column is named",
                hint: "add 'roles: { weight: column }' or remove 'weights'");
        }

        // No model: only the designs that read columns alone (checked once the designs are read, below).
        ModelSource model = plan.Has("model") || !plan.Has("designs") ? ModelOf(plan, Resolve, label, labelOutcome) : new NoModelSource();
        var limits = LimitsOf(plan, id, granted.Limits);
        var policy = PolicyOf(plan, model);
        var attributes = ProtectedOf(plan);

        var minCell = plan.OptionalLong("min_cell_size") ?? AuditPlan.DefaultMinCellSize;
        if (minCell < 1 || minCell > int.MaxValue)
        {
            throw plan.Error("min_cell_size", "out of range", expected: "a whole number of at least 1", found: minCell.ToString());
        }
        var output = plan.OptionalString("output");
        var (tolerance, confidence, replicates, inference) = InferenceOf(plan);
        // Read in the initializer's order below, so that of two mistakes the same one is reported first as before.
        (Recourse.RecourseOptions? Options, PlanPositions Positions) recourse;
        return WithoutModelChecked(plan, new AuditPlan
        {
            Confidence = confidence,
            Correction = inference?.OptionalChoice("correction", "holm", "bh", "none") ?? "holm",
            BootstrapReplicates = replicates,
            Name = ReportName(plan, planPath),
            Description = plan.OptionalLocalized("description").Text,
            DescriptionByLanguage = plan.OptionalLocalized("description").ByLanguage,
            PlanPath = planPath,
            PlanDisplay = display,
            Data = source,
            ColumnTypes = columnTypes,
            DeclaredColumns = declared,
            Id = id,
            Label = label,
            LabelOutcome = labelOutcome,
            Weight = weight,
            Weights = weights,
            Model = model,
            Policy = policy,
            ProtectedAttributes = attributes,
            MinCellSize = (int)minCell,
            Intersections = IntersectionsOf(plan, attributes, limits, display),
            IntersectionsLine = plan.LineOf("intersections"),
            Tolerance = tolerance,
            DisplayLevels = DisplayLevelsOf(plan),
            Seed = plan.OptionalLong("seed") ?? AuditPlan.DefaultSeed,
            Output = output is null ? null : Resolve(plan, "output", output),
            Limits = limits,
            Explanations = ExplanationPlanKeys.Read(plan),
            Recourse = (recourse = RecoursePlanReader.Read(plan, p => Resolve(plan, "recourse", p), PlanPositions.Empty)).Options,
            Positions = recourse.Positions,
            Designs = DesignsPlanReader.Read(plan, p => Resolve(plan, "designs", p)),
            ExportPeople = PeoplePlanKeys.ExportPeopleOf(plan),
            Legal = LegalPlanReader.Read(plan),
            Derive = RowsPlanReader.DeriveOf(plan),
            Filter = RowsPlanReader.FilterOf(plan),
        });
    }

    /// <summary>
    /// A plan without <c>model</c> (and so without <c>policy</c>) runs only the composition design, which compares a random
    /// sample with the selected set from columns alone (issue 19): any other design, recourse or explanations need a model.
    /// </summary>
    private static AuditPlan WithoutModelChecked(YamlMap plan, AuditPlan built)
    {
        if (built.Model is not NoModelSource)
        {
            return built;
        }
        var d = built.Designs;
        var compositionOnly = d is { Composition: not null, Adjusted: null, SelectiveLabels: null, Capacity: null, Flips.Count: 0, DropOne: false, Compare: null,
            PartialModel: null, Time: null, DecisionFollowing: null, Subgroups: null, Proxy: null };
        if (!compositionOnly || built.Recourse is not null)
        {
            // The same message as before for a plan that needs a model.
            plan.RequiredMap("model", ModelKeys, hint: "name a model spec ('model: { spec: model.yaml }') or a score column ('model: { score_column: score, adverse: high }'); "
                + "only 'designs.composition' alone (no other design, no recourse) runs without a model");
        }
        return built;
    }

    /// <summary>The plan's <c>columns</c>: each declared type, and each name with where it was written.</summary>
    private static (Dictionary<string, ColumnType> Types, List<ColumnRef> Declared) ColumnTypesOf(YamlMap plan)
    {
        var columnTypes = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        var declared = new List<ColumnRef>();
        foreach (var (column, value) in plan.OptionalFreeMap("columns"))
        {
            declared.Add(new ColumnRef(column, value.Line, value.Path));
            columnTypes[column] = value.AsString() switch
            {
                "numeric" => ColumnType.Numeric,
                "categorical" => ColumnType.Categorical,
                "boolean" => ColumnType.Boolean,
                var other => throw value.Error("not a column type", expected: "numeric, categorical or boolean", found: other),
            };
        }
        return (columnTypes, declared);
    }

    /// <summary>The plan's <c>tolerance</c> and <c>inference</c> (confidence, bootstrap replicates), each checked; the inference map for its correction.</summary>
    private static (double Tolerance, double Confidence, int Replicates, YamlMap? Inference) InferenceOf(YamlMap plan)
    {
        var tolerance = plan.OptionalDouble("tolerance") ?? Fairness.FairnessOptions.DefaultTolerance;
        if (tolerance is <= 0 or > 1)
        {
            throw plan.Error("tolerance", "out of range", expected: "a ratio above 0 and at most 1, such as 0.8",
                found: tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var inference = plan.OptionalMap("inference", InferenceKeys);
        var confidence = inference?.OptionalDouble("confidence") ?? 0.95;
        if (confidence is < 0.5 or >= 1)
        {
            throw inference!.Error("confidence", "out of range", expected: "a level between 0.5 and 1, such as 0.95",
                found: confidence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var replicates = inference?.OptionalLong("bootstrap") ?? Fairness.FairnessOptions.DefaultBootstrapReplicates;
        if (replicates is < 0 or > 10_000)
        {
            throw inference!.Error("bootstrap", "out of range", expected: "a number of replicates from 0 (off) to 10000", found: replicates.ToString());
        }
        return (tolerance, confidence, (int)replicates, inference);
    }

    /// <summary>The plan's <c>fairness.display_levels</c>: the most levels an attribute may have for the headlines to list its disparities one by one.</summary>
    private static int DisplayLevelsOf(YamlMap plan)
    {
        var fairness = plan.OptionalMap("fairness", FairnessKeys);
        var levels = fairness?.OptionalLong("display_levels") ?? Fairness.FairnessOptions.DefaultDisplayLevels;
        if (levels is < 1 or > int.MaxValue)
        {
            throw fairness!.Error("display_levels", "out of range", expected: "a whole number of at least 1, such as 20", found: levels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return (int)levels;
    }

    private static ColumnRef? ColumnRefOf(YamlMap? map, string key)
    {
        var name = map?.OptionalString(key);
        return name is null ? null : new ColumnRef(name, map!.LineOf(key), map.KeyPath(key));
    }

    private static ModelSource ModelOf(YamlMap plan, Func<YamlMap, string, string, string> resolve, ColumnRef? label, OutcomeCoding? labelOutcome)
    {
        var model = plan.RequiredMap("model", ModelKeys,
            hint: "name a model spec ('model: { spec: model.yaml }') or a score column ('model: { score_column: score, adverse: high }')");
        var given = ModelSourceKeys.Where(model.Has).ToList();
        if (given.Count != 1)
        {
            throw new AuditInputException(given.Count == 0 ? "no model is named" : "more than one model is named: " + string.Join(", ", given),
                file: plan.File, line: model.Line, keyPath: "model",
                expected: "exactly one of 'spec', 'file', 'score_column', 'decision_column', 'label'");
        }
        var adverseText = model.OptionalChoice("adverse", "high", "low");
        AdverseTail? adverse = adverseText is null ? null : adverseText == "high" ? AdverseTail.High : AdverseTail.Low;
        foreach (var key in new[] { "output", "inputs", "features" })
        {
            if (model.Has(key) && given[0] != "file")
            {
                throw model.Error(key, $"'{key}' applies only to a model file ('model.file')", hint: $"remove '{key}'");
            }
        }
        switch (given[0])
        {
            case "file":
                if (adverse is null)
                {
                    throw model.Error("adverse", "the key 'adverse' is required with 'file'", expected: "high or low",
                        hint: "say whether a high output (high: e.g. the probability of fraud) or a low one (low) is worse for the person");
                }
                var file = model.RequiredString("file");
                var inputs = model.OptionalFreeMap("inputs").ToDictionary(p => p.Key, p => p.Value.AsString(), StringComparer.Ordinal);
                IReadOnlyList<string>? features = model.Has("features") ? model.OptionalList("features").Select(v => v.AsString()).ToArray() : null;
                return new ModelFileSource(new ModelFileSpec(resolve(model, "file", file), file, adverse.Value, model.OptionalString("output"), inputs, features, model.LineOf("file")));
            case "spec":
                if (adverse is not null)
                {
                    throw model.Error("adverse", "the model spec declares its adverse tail; the plan cannot override it", hint: "remove 'adverse' here");
                }
                var spec = model.RequiredString("spec");
                return new ModelSpecFile(resolve(model, "spec", spec), spec, model.LineOf("spec"));
            case "score_column":
                if (adverse is null)
                {
                    throw model.Error("adverse", "the key 'adverse' is required with 'score_column'", expected: "high or low",
                        hint: "say whether a high score (high) or a low score (low) is worse for the person");
                }
                return new ScoreColumnSource(ColumnRefOf(model, "score_column")!, adverse.Value);
            case "label":
                return LabelOnly(model, adverse, label, labelOutcome);
            default:
                if (adverse is not null)
                {
                    throw model.Error("adverse", "decisions in the data are 1 = flagged; 'adverse' does not apply",
                        hint: "remove 'adverse'; for other codes, write 'decision_column: { column: ..., outcome: favourable, values: { favourable: [...], adverse: [...] } }'");
                }
                var (decisions, coding) = OutcomePlanReader.Read(model, "decision_column");
                return new DecisionColumnSource(decisions!) { Outcome = coding };
        }
    }

    /// <summary>
    /// A label-only audit (<c>model: { label: true }</c>): the observed outcome of <c>roles.label</c> is the decision, read
    /// with the label's own coding; no model scores anyone and no policy decides.
    /// </summary>
    private static DecisionColumnSource LabelOnly(YamlMap model, AdverseTail? adverse, ColumnRef? label, OutcomeCoding? labelOutcome)
    {
        if (model.OptionalBool("label") != true)
        {
            throw model.Error("label", "'label: false' names no model", expected: "label: true (the observed outcome is the decision)",
                hint: "remove 'label', or name a model with 'spec', 'file', 'score_column' or 'decision_column'");
        }
        if (adverse is not null)
        {
            throw model.Error("adverse", "the label says which outcome is adverse; 'adverse' does not apply", hint: "remove 'adverse'; say the outcome under roles.label");
        }
        if (label is null)
        {
            throw model.Error("label", "a label-only audit needs the label column", expected: "roles.label naming the observed outcome",
                hint: "add 'roles: { label: { column: credit, outcome: favourable, values: { favourable: [1], adverse: [2] } } }'");
        }
        return new DecisionColumnSource(label) { Outcome = labelOutcome, FromLabel = true };
    }

    /// <summary>
    /// The folder every path in the plan must stay inside: the plan's own folder, or the folder its <c>root</c> key asks
    /// for (relative to the plan) when the command line grants it (<c>--root</c>, a folder that holds the one asked
    /// for). A plan from someone else can then neither make Audit read or write files elsewhere on the machine (an SSH
    /// key, /etc/passwd quoted in an error message) nor widen its own reach: only the auditor can. Files given on the
    /// command line (<c>--data</c>, <c>--out</c>) are the auditor's own choice and are not confined.
    /// </summary>
    private static string RootOf(YamlMap plan, string folder, string? grantedRoot)
    {
        var root = plan.OptionalString("root");
        if (root is null)
        {
            return folder;
        }
        var full = Path.GetFullPath(Path.Combine(folder, root));
        var suggestion = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        if (grantedRoot is null)
        {
            throw plan.Error("root", "the plan asks to read and write outside its own folder, which only the command line may allow",
                found: root, hint: $"if you trust this plan, run it with --root {(suggestion.Length == 0 ? "." : suggestion)}");
        }
        if (!Directory.Exists(full))
        {
            throw plan.Error("root", "the folder does not exist", found: root, hint: "give a folder relative to the plan, such as ../.. for the repository");
        }
        if (!RealPath.IsInside(RealPath.Of(full), RealPath.Of(Path.GetFullPath(grantedRoot))))
        {
            throw plan.Error("root", "the plan asks for more than --root allows", found: root,
                expected: "a folder inside the one given with --root", hint: $"if you trust this plan, run it with --root {suggestion}");
        }
        return full;
    }

    /// <summary>Longest plan name: it names a folder, and file systems allow 255 bytes for one.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// The plan's name, which names its report folder under out/: one plain folder name, never a path. "../../victim",
    /// "/abs/path", "", "." and ".." would have sent the report (and the replacement of the folder) elsewhere.
    /// </summary>
    private static string ReportName(YamlMap plan, string planPath)
    {
        var name = plan.OptionalString("name");
        if (name is null)
        {
            return Path.GetFileNameWithoutExtension(planPath);
        }
        var plain = name.Length is > 0 and <= MaxNameLength && name != "." && name != ".." && !name.StartsWith('.')
                    && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ') && name.Trim() == name;
        if (!plain)
        {
            throw plan.Error("name", "not a plain name", found: name,
                expected: $"1 to {MaxNameLength} letters, digits, '-', '_', '.' or inner spaces, not starting with '.': it names the report folder",
                hint: "write a name such as caf-2024; to write the report elsewhere use 'output' or --out");
        }
        return name;
    }

    private static string Confine(YamlMap map, string key, string full, string root)
    {
        // A symbolic link inside the root may point outside it, at the end of the path or in its middle
        // ("linkdir/secret.csv" with linkdir -> /outside): compare the real paths, every link followed.
        var target = RealPath.Of(full);
        if (!RealPath.IsInside(full, root) || !RealPath.IsInside(target, RealPath.Of(root)))
        {
            throw map.Error(key, "the path leads outside the plan's folder", found: target == full ? full : $"{full} (a link to {target})",
                expected: $"a path inside {root}",
                hint: "give the file on the command line (--data, --out) instead, or, if you trust the plan, let it ask for a wider folder with 'root: ../..' (relative to the plan) and grant that with --root on the command line");
        }
        return full;
    }

    /// <summary>
    /// The plan's <c>limits</c>: each at most what the command line granted (a plan may lower a limit, never raise it).
    /// </summary>
    private static InputLimits LimitsOf(YamlMap plan, ColumnRef? id, InputLimits granted)
    {
        var map = plan.OptionalMap("limits", [.. InputLimits.Keys]);
        var limits = granted;
        foreach (var key in InputLimits.Keys)
        {
            if (map?.OptionalLong(key) is not { } value)
            {
                continue;
            }
            var allowed = granted.Get(key);
            if (value < 1)
            {
                throw map.Error(key, "out of range", expected: $"a whole number from 1 to {allowed:N0}", found: value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (value > allowed)
            {
                throw map.Error(key, "a plan may lower a limit, not raise it", expected: $"a whole number from 1 to {allowed:N0}",
                    found: value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    hint: $"if you trust the plan and its data, raise it on the command line: --limit {key}={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
            limits = limits.With(key, value);
        }
        return limits with
        {
            ExemptFromLevelLimit = id is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>([id.Name], StringComparer.Ordinal),
        };
    }

    private static DecisionPolicy PolicyOf(YamlMap plan, ModelSource model)
    {
        var policy = plan.OptionalMap("policy", PolicyKeys);
        if (model is NoModelSource)
        {
            return policy is null ? new DecisionsAsGiven()
                : throw plan.Error("policy", "there is no model, so there is no policy to apply", hint: "remove 'policy', or name the model under 'model'");
        }
        if (model is DecisionColumnSource { FromLabel: true } && policy is not null)
        {
            throw plan.Error("policy", "a label-only audit takes the observed outcome as the decision, so there is no policy to apply",
                hint: "remove 'policy', or name a model to audit under 'model'");
        }
        if (model is DecisionColumnSource)
        {
            if (policy is not null)
            {
                throw plan.Error("policy", "the decisions come from the data, so there is no policy to apply", hint: "remove 'policy'");
            }
            return new DecisionsAsGiven();
        }
        if (policy is null)
        {
            throw plan.Error("policy", "the key 'policy' is required", expected: "one of 'threshold', 'top_fraction', 'budget', 'grades'",
                hint: "for example 'policy: { top_fraction: 0.1 }' flags the 10 % most adverse scores");
        }
        var given = PolicyKeys.Where(policy.Has).ToList();
        if (given.Count != 1)
        {
            throw new AuditInputException(given.Count == 0 ? "no policy is given" : "more than one policy is given: " + string.Join(", ", given),
                file: plan.File, line: policy.Line, keyPath: "policy", expected: "exactly one of 'threshold', 'top_fraction', 'budget', 'grades'");
        }
        switch (given[0])
        {
            case "grades":
                var grades = policy.OptionalList("grades").Select(v => v.AsString()).ToArray();
                if (grades.Length == 0)
                {
                    throw policy.Error("grades", "no grade is flagged", expected: "a list of the model's grades, such as [C, D]");
                }
                return new GradesPolicy(grades, policy.LineOf("grades"), policy.KeyPath("grades"));
            case "threshold":
                return new ThresholdPolicy(policy.OptionalDouble("threshold")!.Value);
            case "top_fraction":
                var fraction = policy.OptionalDouble("top_fraction")!.Value;
                if (fraction is <= 0 or > 1)
                {
                    throw policy.Error("top_fraction", "out of range", expected: "a fraction above 0 and at most 1 (0.1 for 10 %)",
                        found: fraction.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                return new TopFractionPolicy(fraction);
            default:
                var budget = policy.OptionalLong("budget")!.Value;
                if (budget < 0)
                {
                    throw policy.Error("budget", "out of range", expected: "a number of controls, 0 or more", found: budget.ToString());
                }
                return new BudgetPolicy(budget);
        }
    }

    /// <summary>
    /// <c>intersections: pairs</c> (the default: every pair of protected attributes), <c>all</c> (every set of two or
    /// more), <c>none</c>, or a list of lists of protected attribute columns, e.g. <c>[[sexe, age], [sexe, nationalite]]</c>.
    /// </summary>
    private static IReadOnlyList<IReadOnlyList<string>> IntersectionsOf(YamlMap plan, IReadOnlyList<ProtectedAttributeSpec> attributes, InputLimits limits, string display)
    {
        var names = attributes.Select(a => a.Column.Name).ToArray();
        // Counted before the sets are listed: 'all' over 30 attributes would be a billion sets.
        void Check(double count) => limits.CheckIntersections(count > int.MaxValue ? int.MaxValue : (int)count, display, plan.LineOf("intersections"));
        var n = names.Length;
        var pairs = n * (n - 1) / 2.0;
        IReadOnlyList<IReadOnlyList<string>> Named(IReadOnlyList<IReadOnlyList<int>> sets) =>
            sets.Select(s => (IReadOnlyList<string>)s.Select(i => names[i]).ToArray()).ToArray();
        if (!plan.Has("intersections"))
        {
            Check(pairs);
            return Named(Fairness.FairnessOptions.Pairs(names.Length));
        }
        var list = plan.IsList("intersections") ? plan.OptionalList("intersections") : null;
        if (list is null)
        {
            var choice = plan.OptionalChoice("intersections", "none", "pairs", "all");
            Check(choice switch { "none" => 0, "all" => Math.Pow(2, n) - n - 1, _ => pairs });
            return choice switch
            {
                "none" => [],
                "all" => Named(Fairness.FairnessOptions.AllCombinations(names.Length)),
                _ => Named(Fairness.FairnessOptions.Pairs(names.Length)),
            };
        }
        var sets = new List<IReadOnlyList<string>>();
        foreach (var item in list)
        {
            var columns = item.AsList().Select(v => v.AsString()).ToArray();
            if (columns.Length < 2 || columns.Distinct().Count() != columns.Length)
            {
                throw item.Error("an intersection crosses two or more different attributes", expected: "a list such as [sexe, age]");
            }
            foreach (var column in columns)
            {
                if (!names.Contains(column))
                {
                    var suggestion = NameSuggestion.Closest(column, names);
                    throw item.Error($"'{column}' is not a protected attribute" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                        expected: "columns listed under protected_attributes", found: column);
                }
            }
            // Crossed in plan order, so that [age, sexe] and [sexe, age] are the same intersection.
            var set = names.Where(columns.Contains).ToArray();
            if (sets.Any(s => s.SequenceEqual(set)))
            {
                throw item.Error("this intersection is listed twice", found: string.Join(", ", columns), hint: "the order inside a set does not matter; keep one");
            }
            sets.Add(set);
        }
        Check(sets.Count);
        return sets;
    }

    private static List<ProtectedAttributeSpec> ProtectedOf(YamlMap plan)
    {
        var items = plan.OptionalList("protected_attributes");
        if (items.Count == 0)
        {
            throw new AuditInputException("the key 'protected_attributes' is required", file: plan.File, line: plan.LineOf("protected_attributes"),
                keyPath: "protected_attributes", expected: "a list of protected attributes",
                hint: "for example 'protected_attributes: [{ column: sex }, { column: age, bands: [18, 25, 35, 50, 65] }]'");
        }
        var result = new List<ProtectedAttributeSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var map = item.IsScalar
                ? null
                : item.AsMap(ProtectedKeys);
            var column = map is null ? new ColumnRef(item.AsString(), item.Line, item.Path) : ColumnRefOf(map, "column")
                ?? throw map.Error("column", "the key 'column' is required", expected: "the name of a data column");
            if (!seen.Add(column.Name))
            {
                throw item.Error($"the attribute '{column.Name}' is listed twice", found: column.Name);
            }
            IReadOnlyList<double>? bands = null;
            if (map is not null && map.Has("bands"))
            {
                var edges = map.OptionalList("bands").Select(v => v.AsDouble()).ToList();
                if (edges.Count == 0)
                {
                    throw map.Error("bands", "no band edges", expected: "increasing edges such as [18, 25, 35, 50, 65]");
                }
                for (var i = 1; i < edges.Count; i++)
                {
                    if (edges[i] <= edges[i - 1])
                    {
                        throw map.Error("bands", "band edges must increase", expected: "increasing edges such as [18, 25, 35, 50, 65]",
                            found: string.Join(", ", edges));
                    }
                }
                bands = edges;
            }
            var reference = map?.OptionalString("reference");
            result.Add(new ProtectedAttributeSpec(column, bands, reference is null or "largest" ? null : reference, item.Line, item.Path) { Order = LevelOrderOf(map), Groups = ProtectedGroupsReader.Read(map) });
        }
        return result;
    }

    /// <summary>A protected attribute's declared order of groups (<c>order: [D1, D2, ..., D10]</c>): distinct labels; null when absent.</summary>
    private static List<string>? LevelOrderOf(YamlMap? map)
    {
        if (map is null || !map.Has("order"))
        {
            return null;
        }
        var labels = map.OptionalList("order").Select(v => v.AsString()).ToList();
        if (labels.Count == 0)
        {
            throw map.Error("order", "no groups in the order", expected: "the groups in the order to show them, such as [D1, D2, D3]");
        }
        var twice = labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw map.Error("order", $"the group '{twice.Key}' is listed twice in the order", expected: "each group once", found: twice.Key);
        }
        return labels;
    }
}
