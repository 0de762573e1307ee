using System.Reflection;
using System.Security.Cryptography;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Models;
using Audit.Plan;
using Audit.Results;
using Audit.Pipeline;

namespace Audit;

/// <summary>
/// The audit pipeline of ARCHITECTURE.md, left to right: read the people, score them, decide (the one
/// decided-population step, <see cref="Decided(AuditPlan, StageProgress?)"/>), then every stage as
/// <c>Run(DecidedPopulation, StageContext)</c>, gathered into an <see cref="AuditResult"/>. Nothing here renders.
/// </summary>
public static partial class Auditor
{
    /// <summary>The toolkit's semantic version (from the assembly's informational version).</summary>
    public static string ToolkitVersion { get; } =
        typeof(Auditor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// Audits a plan: the one decided-population step (<see cref="Decided(AuditPlan, StageProgress?)"/>), then every
    /// stage on it (<see cref="Run(DecidedPopulation, StageContext, AuditSubject)"/>).
    /// </summary>
    /// <param name="command">The command line that started the run, recorded in the provenance.</param>
    /// <param name="decided">Called once people are scored and decided (the model, table, scores and outcome); null otherwise.</param>
    public static AuditResult Run(AuditPlan plan, string command, StageProgress? progress = null, Action<IScoringModel, Table, double[], Policy.PolicyOutcome>? decided = null)
    {
        if (plan.Data.Counts)
        {
            // A counts table has no rows to score or decide: the audit of what counts support (docs/counts-format.md).
            return RunCounts(plan, command, progress);
        }
        var people = Decided(plan, progress);
        decided?.Invoke(people.Model, people.Table, people.Scores, people.Outcome);
        return Run(plan, people, command, progress);
    }

    /// <summary>Every stage of a plan on its decided population (<c>audit bench</c> keeps the population for its own measures).</summary>
    public static AuditResult Run(AuditPlan plan, DecidedPopulation people, string command, StageProgress? progress = null)
    {
        var context = ContextOf(plan, progress);
        // What the audit is about (the input files' SHA-256, every column's missing values) is worked out on another
        // thread while the fairness stage runs (issue 21): hashing a 25 MB data file and scanning a million rows per
        // column took most of what run.log reported as 'decide'. Its errors are thrown as they were, only later.
        var subject = Task.Run(() => SubjectOf(plan, people, command));
        return Located(plan, () => Run(people, context, () => subject.GetAwaiter().GetResult()));
    }

    /// <summary>Runs a stage of a plan; an error it raises about a key of the plan gets that key's line (<see cref="PlanPositions"/>).</summary>
    private static T Located<T>(AuditPlan plan, Func<T> stage)
    {
        try
        {
            return stage();
        }
        catch (AuditInputException e) when (plan.Positions.Locate(e, plan.PlanDisplay) is var located && !ReferenceEquals(located, e))
        {
            throw located;
        }
    }

    /// <summary>
    /// Every stage after the decision, each called as <c>Run(people, context)</c>: fairness first, then, hiding what
    /// it hides, the explanations, recourse and designs. The entry for a population decided in code as well as by a plan.
    /// </summary>
    public static AuditResult Run(DecidedPopulation people, StageContext context, AuditSubject subject) => Run(people, context, () => subject);

    /// <summary>As above, the subject asked for once the fairness and population stages are done.</summary>
    private static AuditResult Run(DecidedPopulation people, StageContext context, Func<AuditSubject> subjectOf)
    {
        var outcome = FairnessStep.Run(people, context);
        var fairness = outcome.Section;
        var after = context.After(outcome);
        var population = PopulationStep.Run(people, after);
        var subject = subjectOf();
        return new AuditResult
        {
            Provenance = subject.Provenance,
            Data = subject.Data,
            Model = Describe(people.Model),
            Policy = PolicyOf(people, fairness),
            Outcome = OutcomeOf(people, fairness),
            Fairness = fairness,
            Population = population,
            Explanations = ExplanationsStep.Run(people, after),
            Recourse = after.Recourse is null ? null : RecourseStep.Run(people, after),
            Designs = after.Designs is null ? null : DesignsStep.Run(people, after),
            Caveats = population is not null
                ? [.. Caveats(people, context, fairness, subject.ModelFile), .. Synthetic.SyntheticData.Caveats(population)]
                : Caveats(people, context, fairness, subject.ModelFile),
        };
    }

    /// <summary>
    /// The stages' context from a plan: the plan's inference settings, seed and minimum cell, its explanation, recourse
    /// and design options, the routes of the jurisdiction it names, and its file names for errors.
    /// </summary>
    public static StageContext ContextOf(AuditPlan plan, StageProgress? progress = null) => new()
    {
        Seed = plan.Seed,
        Fairness = new FairnessOptions
        {
            MinCellSize = plan.MinCellSize,
            FrequencyWeights = plan.Weights == WeightKind.Frequency,
            Tolerance = plan.Tolerance,
            DisplayLevels = plan.DisplayLevels,
            Confidence = plan.Confidence,
            Correction = plan.Correction,
            BootstrapReplicates = plan.BootstrapReplicates,
            Seed = plan.Seed,
        },
        Explanations = OptionsOf(plan),
        Recourse = plan.Recourse,
        Routes = JurisdictionFile.RoutesOf(plan),
        Designs = plan.Designs,
        Population = plan.Data.Format == DataFormat.Population ? PopulationPlanData.DrawOf(plan) : null,
        Progress = progress,
        PlanFile = plan.PlanDisplay,
        DataName = plan.Data.Display,
    };

    /// <summary>What the report says was audited, from a plan: provenance, the data's summary, the model file.</summary>
    public static AuditSubject SubjectOf(AuditPlan plan, DecidedPopulation people, string command) => new(
        plan.Data.Format == DataFormat.Database && plan.Data.Path.Length == 0
            // A PostgreSQL source has no file to hash: the audited rows' fingerprint stands for it (docs/databases.md).
            ? ProvenanceOf(plan, command) with { Data = new FileHash(plan.Data.Display, TableFingerprint.Sha256(people.Table)) }
            : ProvenanceOf(plan, command),
        Summarise(people, ReportedFile.Name(plan.Data.Display), plan.Data.Format.ToString().ToLowerInvariant()) with
        {
            Subjects = plan.Data.Subjects,
            Derived = plan.Derive.Count == 0 ? null : [.. plan.Derive.Select(d => new DerivedColumnSummary(d.Name, d.Formula, d.Type.ToString().ToLowerInvariant()))],
        },
        (plan.Model as ModelFileSource)?.Spec);

    private static PolicySection PolicyOf(DecidedPopulation people, FairnessSection fairness) =>
        PolicyOf(people.Model, people.Policy, people.Outcome.Cutoff, people.Outcome.Flagged, fairness, people.Outcome.TiedAtCutoff, people.Outcome.TiedAtCutoffFlagged);

    /// <summary>The policy section from its facts: the rule and its parameter, the cut-off, the flagged and the ties (for rows and for counts alike).</summary>
    private static PolicySection PolicyOf(IScoringModel model, Policy.DecisionPolicy policy, double? cutoff, long flagged, FairnessSection fairness, long tied, long tiedFlagged) => new(
        model switch
        {
            DecisionsInData { FromLabel: true } => "observed_outcome",
            DecisionsInData { Coding: not null } => "as_given_coded",
            _ => policy.Kind,
        },
        policy switch
        {
            Policy.ThresholdPolicy t => t.Threshold,
            Policy.TopFractionPolicy f => f.Fraction,
            Policy.BudgetPolicy b => b.Count,
            _ => null,
        },
        model.Adverse.ToString().ToLowerInvariant(),
        (policy as Policy.GradesPolicy)?.Flagged,
        cutoff, flagged, fairness.Overall.Rates[GroupRate.SelectionRate.Key], tied, tiedFlagged);

    private static FileHash Hash(string path, string display)
    {
        using var stream = File.OpenRead(path);
        return new FileHash(ReportedFile.Name(display), Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    /// <summary>The data section: the source as reported, its format, and every column with its roles and missing values.</summary>
    public static DataSection Summarise(DecidedPopulation people, string source, string format)
    {
        var table = people.Table;
        var columns = table.Columns.Select((c, i) => new ColumnSummary(
            c.Name,
            c.Type.ToString().ToLowerInvariant(),
            table.Schema[i].Roles.Select(RoleName).ToArray(),
            c.MissingCount())).ToArray();
        var weighted = people.Weights.Length > 0;
        return new DataSection(source, format, table.RowCount, columns,
            weighted ? (people.FrequencyWeights ? WeightKind.Frequency : WeightKind.Sampling).ToString().ToLowerInvariant() : null,
            weighted ? people.Weights.Sum() : null, people.LabelColumn) { Filter = people.Filter };
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
        model.Grades is { } grades ? new GradeBands(grades.FavourableToAdverse, [.. grades.Bands.Select((b, i) => new GradeRange(b.Name, i == 0 ? null : b.From))]) : null)
    {
        Status = (model as IPublishedModel)?.Status,
        Calibrated = (model as IPublishedModel)?.CalibratedTerms is { Count: > 0 } calibrated ? calibrated : null,
        NameByLanguage = (model as IPublishedModel)?.NameByLanguage,
        DescriptionByLanguage = (model as IPublishedModel)?.DescriptionByLanguage,
        DataColumn = model switch { ScoresInData s => s.Column, DecisionsInData d => d.Column, _ => null },
    };

    /// <summary>
    /// The lines run.log gives a database source: the engine and the statement Audit sent (never the connection string,
    /// which only the environment variable holds), each followed by a new line; empty for a file. With the
    /// <paramref name="result"/> of a source counted in the engine, the counts query it ran.
    /// </summary>
    public static string QueryLog(AuditPlan plan, AuditResult? result = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (result?.Data.Counts?.Query is { } counted)
        {
            // The query whole, each line indented, so that it can be copied and run again (its comments end at a line's end).
            return $"source: {plan.Data.Display}\ncounted in the engine, by this query:\n{string.Join("\n", counted.ReplaceLineEndings("\n").Split('\n').Select(line => "  " + line))}\n";
        }
        return plan.Data.Database is { } database
            ? $"source: {plan.Data.Display}\nquery: {database.Sql.ReplaceLineEndings(" ")}\n"
            : "";
    }

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
            plan.Data.Table is { } table ? new FileHash(ReportedFile.Name(plan.Data.Display), TableFingerprint.Sha256(table))
                : plan.Data.Path.Length == 0 ? new FileHash(plan.Data.Display, "")
                : Hash(plan.Data.Path, plan.Data.Display),
            plan.Seed,
            command) { Legal = plan.Legal, PlanDescriptionByLanguage = plan.DescriptionByLanguage };
}
