using Audit.Data;
using Audit.Explain;
using Audit.Fairness;
using Audit.Models;
using Audit.Plan;
using Audit.Results;

namespace Audit;

public static partial class Auditor
{
    /// <summary>
    /// The explanations stage when the plan asks for it, or by default when the model has exact attributions; the
    /// reference groups are those the fairness analysis used.
    /// </summary>
    private static ExplanationsSection? Explanations(AuditPlan plan, IScoringModel model, Table table, byte[] flags,
        IReadOnlyList<AttributeInput> attributes, FairnessSection fairness, double[] weights, StageProgress? progress)
    {
        var options = OptionsOf(plan);
        if (!ExplanationStage.ShouldRun(model, options))
        {
            return null;
        }
        var hiding = DisclosurePolicy.Of(fairness);
        var groups = attributes.Select((a, i) => new ExplanationStage.AttributeGroups(a.Groups, fairness.Attributes[i].Reference?.Label ?? a.Reference ?? "",
                a.Groups.Levels.Where(l => hiding.IsHidden(fairness.Attributes[i].Attribute, l)).ToHashSet()))
            .Where(a => a.Reference.Length > 0).ToArray();
        try
        {
            return ExplanationStage.Run(model, table, flags, groups, weights, options,
                progress is null ? null : (done, total) => progress("explanations", done, total));
        }
        catch (AuditInputException e)
        {
            throw table.Locate(e, plan.Data.Display);
        }
    }

    /// <summary>The plan's explanation options, with the plan's seed, intervals and minimum cell size.</summary>
    public static ExplanationOptions OptionsOf(AuditPlan plan) => plan.Explanations with
    {
        Seed = plan.Seed,
        BootstrapReplicates = plan.BootstrapReplicates,
        Confidence = plan.Confidence,
        MinCellSize = plan.MinCellSize,
    };

    /// <summary>
    /// One person's explanation (<c>audit explain</c>): the plan is opened, scored and decided as in <see cref="Run"/>
    /// (<see cref="Open"/>, <see cref="Decide"/>), and the person (a row found by the plan's id column, or a person file
    /// appended to the population) is explained against it. For a partially published spec under the partial-model
    /// design the explanation is of the central model, with the person's ranges over the sampled models.
    /// </summary>
    /// <param name="personId">The value of the plan's id column, or null with <paramref name="personFile"/>.</param>
    /// <param name="personFile">A YAML/JSON file of the person's values, or null.</param>
    public static PersonExplanation ExplainPerson(AuditPlan plan, string? personId, string? personFile)
    {
        var opened = Open(plan);
        var table = opened.Table;
        int row;
        string person;
        if (personFile is not null)
        {
            table = PersonFile.Append(table, Path.GetFullPath(personFile), personFile);
            row = table.RowCount - 1;
            try
            {
                CheckMagnitudes(table, opened.Model.Features.Select(f => f.Name), personFile);
            }
            catch (AuditInputException e) when (e.Row == table.RowCount)
            {
                throw new AuditInputException(e.Problem, file: personFile, column: e.Column, expected: e.Expected, found: e.Found, hint: e.Hint);
            }
            // The person is named by the id the file gives (the plan's id column), as a person of the data is; the file's name only when it gives none.
            person = (plan.Id is { } idColumn ? table[idColumn.Name].FormatValue(row) : null) ?? Path.GetFileName(personFile);
        }
        else
        {
            var id = plan.Id ?? throw new AuditInputException("the plan names no id column, so a person cannot be found by ID",
                file: plan.PlanDisplay, keyPath: "roles.id", hint: "add 'roles: { id: COLUMN }' to the plan, or describe the person in a file with --person-file");
            var column = table[id.Name];
            row = -1;
            for (var i = 0; i < table.RowCount && row < 0; i++)
            {
                row = column.FormatValue(i) == personId ? i : -1;
            }
            if (row < 0)
            {
                throw new AuditInputException($"no person has the ID '{personId}' in the data", file: plan.Data.Display, column: id.Name,
                    expected: $"a value of the id column '{id.Name}'", found: personId,
                    hint: "check the ID, or describe the person in a file with --person-file");
            }
            person = personId!;
        }
        var decided = Decide(plan, opened.Model, table);
        PersonExplanation explanation;
        try
        {
            explanation = PersonExplanations.Build(person, opened.Model, table, row, decided.Scores, decided.Grades, decided.Policy, decided.Outcome,
                OptionsOf(plan), opened.PartialSpec);
        }
        catch (AuditInputException e)
        {
            throw table.Locate(e, plan.Data.Display);
        }
        return explanation with { PartialModel = UnderSampledModels(plan, opened, table, row, decided.Policy) };
    }
}
