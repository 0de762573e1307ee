using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Models;
using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;
using Audit.Pipeline;

namespace Audit;

/// <summary>
/// The one object a C# caller starts from (docs/api.md), in the spirit of ML.NET's <c>MLContext</c>: it holds what
/// several audits of one program share (the seed, the catalogue of model-file loaders) and opens everything else:
/// a plan built in code (<see cref="Plan"/>) or read from a file (<see cref="ReadPlan"/>), the run
/// (<see cref="Run"/>), the report folder (<see cref="Report"/>), and the fairness analysis of counts computed
/// elsewhere (<see cref="Fairness"/>). A run gives the same <see cref="AuditResult"/> as <c>audit run</c>: both go
/// through <see cref="Auditor.Run(AuditPlan, string, StageProgress?, Action{Models.IScoringModel, Data.Table, double[], Policy.PolicyOutcome}?)"/>.
/// </summary>
/// <param name="seed">The seed of every plan this context builds (a plan's own <c>Seed</c> wins).</param>
public sealed class AuditContext(long seed = AuditPlan.DefaultSeed)
{
    /// <summary>What the provenance records as the command of a run started from C#.</summary>
    public const string ApiCommand = "AuditContext.Run";

    /// <summary>The seed of the plans this context builds.</summary>
    public long Seed { get; } = seed;

    /// <summary>
    /// The loaders of trained model files (ML.NET, ONNX: each lives in its own assembly, so that a caller loads only the
    /// runtime it needs). Register them before building or reading a plan that names a model file.
    /// </summary>
    public ModelLoaders Models { get; } = new();

    /// <summary>
    /// The readers of database sources (DuckDB, PostgreSQL: Audit.Data.Databases, an assembly of its own since DuckDB is
    /// a native runtime). Register them before running a plan whose data is a database (docs/databases.md).
    /// </summary>
    public DatabaseReaders Databases { get; } = new();

    /// <summary>Starts a plan in code; <see cref="AuditPlanBuilder.Build"/> gives the plan.</summary>
    /// <param name="name">The audit's name (the report folder's name under the CLI).</param>
    public AuditPlanBuilder Plan(string name = "audit") => new(name, Seed, Models);

    /// <summary>Reads a YAML plan (docs/audit-plan.md); a model file it names is read by this context's <see cref="Models"/>.</summary>
    /// <param name="dataOverride">A data file in place of the plan's (the CLI's <c>--data</c>).</param>
    /// <param name="granted">The limits the caller grants (a plan's own <c>limits</c> may only lower them).</param>
    /// <param name="grantedRoot">The folder a plan's paths may reach when it asks for a <c>root</c>.</param>
    public AuditPlan ReadPlan(string path, string? dataOverride = null, InputLimits? granted = null, string? grantedRoot = null)
    {
        var plan = AuditPlanLoader.Load(path, dataOverride, granted, grantedRoot);
        plan = plan.Data.Format == DataFormat.Database ? plan with { Data = plan.Data with { Readers = Databases } } : plan;
        return plan.Model is ModelFileSource file ? plan with { Model = file with { Loaders = Models } } : plan;
    }

    /// <summary>Reads a CSV file into a table (types inferred, or declared in <paramref name="options"/>).</summary>
    public Table ReadCsv(string path, CsvReadOptions? options = null) => CsvTableReader.Read(path, options);

    /// <summary>Reads a Parquet file into a table.</summary>
    public Table ReadParquet(string path, ParquetReadOptions? options = null) => ParquetTableReader.Read(path, options);

    /// <summary>Runs the audit a plan describes: the same pipeline, and the same result, as <c>audit run</c>.</summary>
    /// <param name="command">What the provenance records as the command that produced the result.</param>
    public AuditResult Run(AuditPlan plan, StageProgress? progress = null, string command = ApiCommand) =>
        Auditor.Run(plan, command, progress);

    /// <summary>
    /// Writes the report folder as <c>audit run</c> does (report.json, report.md, report.html, tables, letters, run.log),
    /// replacing the folder as a whole; a folder that holds one of <paramref name="plan"/>'s input files is refused.
    /// </summary>
    public void Report(AuditResult result, string folder, ReportLanguage? language = null, AuditPlan? plan = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var log = $"""
            command: {result.Provenance.Command}
            finished: {DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}
            toolkit: {Auditor.ToolkitVersion}
            rows: {result.Data.Rows}
            {(plan is null ? "" : Auditor.QueryLog(plan, result))}
            """;
        ReportWriter.Write(result, Path.GetFullPath(folder), log, language, plan?.InputFiles());
    }

    /// <summary>
    /// The fairness section from group statistics counted elsewhere (a <c>GROUP BY</c> in the engine where the data lives,
    /// <see cref="GroupByCounts.FromGroupBy"/>, or statistics merged across machines), with the same numbers as a run over
    /// the rows would give (docs/national-scale.md). See <see cref="CountedFairness"/>.
    /// </summary>
    public FairnessSection Fairness(GroupStatistics statistics, FairnessOptions options, IReadOnlyList<CountedAttribute>? attributes = null, WeightKind? weights = null) =>
        CountedFairness.Analyze(statistics, options, attributes, weights);
}
