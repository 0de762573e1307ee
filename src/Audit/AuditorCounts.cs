using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Cells;
using Audit.Models;
using Audit.Pipeline;
using Audit.Plan;
using Audit.Policy;
using Audit.Results;

namespace Audit;

public static partial class Auditor
{
    /// <summary>
    /// Audits a plan whose data is a counts table (<c>data: { counts: FILE }</c>, docs/counts-format.md, or
    /// <see cref="AuditPlanBuilder.Counts"/>): the table read and checked by <see cref="CountsTable.Read"/>, then the
    /// fairness section by <see cref="FairnessAnalysis.FromStatistics"/>, the mapping a run over rows uses (no metric,
    /// interval, test, bootstrap, suppression or verdict is written a second time), and the sections around it that
    /// counts allow: provenance, the data's summary, the model and policy as declared, the outcome, the caveats.
    /// Every section the plan asks for that needs rows is listed in <see cref="DataSection.Counts"/> with its reason.
    /// </summary>
    /// <remarks>
    /// With sampling weights the bootstrap is skipped, and said to be (the Poisson bootstrap draws each row's own weight);
    /// the verdicts then have no interval and are "not established", as in a run over rows whose bootstrap is off.
    /// </remarks>
    public static AuditResult RunCounts(AuditPlan plan, string command, StageProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.Data.Counts)
        {
            throw new AuditInputException("the plan's data are rows, not counts", file: plan.PlanDisplay, keyPath: "data", expected: "data: { counts: FILE }");
        }
        return Located(plan, () =>
        {
            var model = LoadModel(plan.Model, plan.PlanDisplay);
            var policy = plan.Policy is GradesPolicy grades ? grades.Bind(model.Grades, plan.PlanDisplay) : plan.Policy;
            progress?.Invoke("read", 0, 1);
            var groups = GroupsOf(plan);
            var (counted, layout, intersections) = Counted(plan, groups);
            progress?.Invoke("read", 1, 1);

            var context = ContextOf(plan, progress);
            var sampling = layout.Weight && !layout.FrequencyWeights;
            var options = context.Fairness with
            {
                FrequencyWeights = layout.FrequencyWeights,
                Intersections = intersections,
                // The Poisson bootstrap of sampling weights draws each row's weight, which counts do not keep: skipped, and said.
                BootstrapReplicates = sampling ? 0 : context.Fairness.BootstrapReplicates,
            };
            progress?.Invoke("statistics", 0, counted.Attributes.Count);
            var fairness = FairnessAnalysis.FromStatistics(counted.Statistics, counted.Attributes, layout.Weight, options).Section;
            progress?.Invoke("statistics", counted.Attributes.Count, counted.Attributes.Count);
            var summary = new CountsSummary(counted.TableRows, CountsTable.NonEmptySlots(counted.Statistics), counted.ScoreBins,
                Absent(plan, model, policy, sampling && plan.BootstrapReplicates > 0)) { Query = plan.Data.EngineQuery };
            return new AuditResult
            {
                Provenance = ProvenanceOf(plan, command),
                Data = CountedData(plan, groups, counted, layout) with { Counts = summary },
                Model = Describe(model),
                // The policy as the plan states it, with the rows the counts say were flagged; no cut-off score but a threshold's own.
                // The counts' decisions were made by the query that counted: a ranking's ties broken there, by the id column
                // in the query of 'audit sql' (docs/national-scale.md), not by this run's row order.
                Policy = PolicyOf(model, policy, (policy as ThresholdPolicy)?.Threshold, counted.Statistics.Overall().Count(decision: 1), fairness, 0, 0)
                    with { TiesBy = policy is Policy.RankingPolicy ? "counted" : null },
                Outcome = OutcomeOf(model, fairness),
                Fairness = fairness,
                Caveats = Caveats(groups.Label, 0, 0, sampling, context, fairness, (plan.Model as ModelFileSource)?.Spec),
            };
        });
    }

    /// <summary>The plan's counts table read and checked, its groups and crossings within the plan's limits, and the crossings as indices.</summary>
    private static (CountedPopulation Counted, CountsLayout Layout, IReadOnlyList<IReadOnlyList<int>> Intersections) Counted(AuditPlan plan, PopulationGroups groups)
    {
        var layout = new CountsLayout(groups.Attributes)
        {
            Label = groups.Label is not null,
            Weight = groups.Weight is not null,
            FrequencyWeights = groups.FrequencyWeights,
            Total = plan.Data.Total,
        };
        var counted = CountsTable.Read(ReadCounts(plan), layout, plan.Data.Display);
        for (var i = 0; i < counted.Attributes.Count; i++)
        {
            var site = plan.ProtectedAttributes[i];
            plan.Limits.CheckGroups(counted.Attributes[i].Groups.Levels.Length, site.Column.Name, plan.PlanDisplay, site.Line, site.KeyPath);
        }
        var names = groups.Attributes.Select(a => a.Column).ToList();
        var crossings = groups.Intersections ?? [.. FairnessOptions.Pairs(names.Count).Select(set => (IReadOnlyList<string>)[.. set.Select(i => names[i])])];
        CheckCrossings(crossings, names, counted.Attributes, plan.Limits, plan.PlanDisplay, plan.IntersectionsLine);
        return (counted, layout, [.. crossings.Select(set => (IReadOnlyList<int>)set.Select(name => names.IndexOf(name)).ToArray())]);
    }

    /// <summary>The data section of a run on counts: the rows counted, and per protected attribute and label the rows counted with a missing value.</summary>
    private static DataSection CountedData(AuditPlan plan, PopulationGroups groups, CountedPopulation counted, CountsLayout layout)
    {
        var columns = new List<ColumnSummary>();
        columns.AddRange(groups.Attributes.Select(a => new ColumnSummary(a.Column, "categorical", [RoleName(ColumnRole.Protected)], counted.Missing.GetValueOrDefault(a.Column))));
        if (groups.Label is { } label)
        {
            columns.Add(new ColumnSummary(label, "numeric", [RoleName(ColumnRole.Label)], counted.Missing.GetValueOrDefault(CountsTable.LabelColumn)));
        }
        if (groups.Weight is { } weight)
        {
            columns.Add(new ColumnSummary(weight, "numeric", [RoleName(ColumnRole.Weight)], 0));
        }
        return new DataSection(ReportedFile.Name(plan.Data.Display), plan.Data.Format.ToString().ToLowerInvariant(), counted.Rows, columns,
            layout.Weight ? (layout.FrequencyWeights ? WeightKind.Frequency : WeightKind.Sampling).ToString().ToLowerInvariant() : null,
            counted.TotalWeight, groups.Label)
        {
            Subjects = plan.Data.Subjects,
        };
    }

    /// <summary>The counts table of a plan: in memory, or read from CSV or Parquet with the attributes as text and the numbers as numbers.</summary>
    private static Table ReadCounts(AuditPlan plan)
    {
        if (plan.Data.Format == DataFormat.Table)
        {
            return plan.Data.Table!;
        }
        if (plan.Data.Format == DataFormat.Parquet)
        {
            // Each value is read through its text (CountsTable.Read): a string, number or boolean column as the engine wrote it.
            return ParquetTableReader.Read(plan.Data.Path, new ParquetReadOptions { Limits = plan.Limits }) is { RowCount: > 0 } read
                ? read
                : throw ParquetTableReader.NoRows(plan.Data.Display);
        }
        // Every column as text, so that a group keeps its spelling ("01", "2.50") and each value is checked by CountsTable.Read, with its row and column.
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var name in plan.ProtectedAttributes.Select(a => a.Column.Name)
            .Concat([CountsTable.LabelColumn, CountsTable.DecisionColumn, CountsTable.CountColumn, CountsTable.WeightColumn, CountsTable.ScoreBinColumn, CountsTable.PartColumn]))
        {
            types[name] = ColumnType.Categorical;
        }
        return CsvTableReader.Read(plan.Data.Path, new CsvReadOptions
            {
                Delimiter = plan.Data.Delimiter,
                DecimalComma = plan.Data.DecimalComma,
                Encoding = TextEncodings.FromName(plan.Data.Encoding),
                MissingTokens = plan.Data.MissingTokens,
                ColumnTypes = types,
                DisplayName = plan.Data.Display,
                Limits = plan.Limits,
            });
    }

    /// <summary>Every section the plan asks for that a run on counts cannot give, in <see cref="AbsentSection.Sections"/>' order.</summary>
    private static List<AbsentSection> Absent(AuditPlan plan, IScoringModel model, DecisionPolicy policy, bool bootstrapSkipped)
    {
        var absent = new List<AbsentSection>();
        void Add(bool when, string section, string reason)
        {
            if (when)
            {
                absent.Add(new AbsentSection(section, reason));
            }
        }
        var scored = model is not (DecisionsInData or NoModel);
        Add(scored && Explain.ExplanationStage.ShouldRun(model, plan.Explanations), "explanations", "needs_rows");
        Add(plan.Recourse is not null, "recourse", "needs_rows");
        Add(plan.Designs is not null, "designs", "needs_rows");
        Add(plan.ExportPeople, "people", "needs_rows");
        Add(plan.Id is not null, "id", "needs_rows");
        Add(scored, "scores", "needs_scores");
        Add(scored && model.Grades is not null, "grades", "needs_scores");
        Add(policy is RankingPolicy, "cutoff", "not_in_counts");
        Add(bootstrapSkipped, "bootstrap", "needs_row_weights");
        Add(plan.Filter.Count > 0, "filter", "applied_where_counted");
        Add(plan.Derive.Count > 0, "derive", "applied_where_counted");
        return absent;
    }
}
