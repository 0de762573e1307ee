using Audit.Results;
using Audit.Data;
using Audit.Explain;
using Audit.Plan;
using Audit.Recourse;
using Audit.Pipeline;

namespace Audit;

public static partial class Auditor
{
    /// <summary>The plan's explanation options, with the plan's seed, intervals and minimum cell size.</summary>
    public static ExplanationOptions OptionsOf(AuditPlan plan) => plan.Explanations with
    {
        Seed = plan.Seed,
        BootstrapReplicates = plan.BootstrapReplicates,
        Confidence = plan.Confidence,
        MinCellSize = plan.MinCellSize,
    };

    /// <summary>
    /// One person's explanation (<c>audit explain</c>), from the plan's decided population
    /// (<see cref="Decided(AuditPlan, StageProgress?)"/>, as <see cref="Run(AuditPlan, string, StageProgress?, Action{Models.IScoringModel, Table, double[], Policy.PolicyOutcome}?)"/>):
    /// a person of the data, found by the plan's id column, with the flag and cut-off the audit decided; or a person file
    /// appended to the population, which is then decided again by the same policy. For a partially published spec under
    /// the partial-model design the explanation is of the central model, with the person's ranges over the sampled models.
    /// </summary>
    /// <param name="personId">The value of the plan's id column, or null with <paramref name="personFile"/>.</param>
    /// <param name="personFile">A YAML/JSON file of the person's values, or null.</param>
    public static PersonExplanation ExplainPerson(AuditPlan plan, string? personId, string? personFile) =>
        ExplainPerson(plan, Decided(plan), ContextOf(plan), personId, personFile);

    /// <summary>
    /// Several people's explanations (<c>audit explain --person a,b,c</c>), from one decided population: each the same
    /// as <see cref="ExplainPerson(AuditPlan, string?, string?)"/> gives for that id alone, in the order given.
    /// </summary>
    public static IReadOnlyList<PersonExplanation> ExplainPeople(AuditPlan plan, IReadOnlyList<string> ids)
    {
        var people = Decided(plan);
        var context = ContextOf(plan);
        return [.. ids.Select(id => ExplainPerson(plan, people, context, id, null))];
    }

    private static PersonExplanation ExplainPerson(AuditPlan plan, DecidedPopulation people, StageContext context, string? personId, string? personFile)
    {
        var (table, decided) = (people.Table, new DecidedPeople(people.Scores, people.Grades, people.Policy, people.Outcome));
        int row;
        string person;
        if (personFile is not null)
        {
            (table, row, person) = WithPersonFile(plan, people, personFile);
            decided = Decide(plan, people.Model, table);
        }
        else
        {
            row = RowOf(plan, people.Table, personId, "audit explain")
                ?? throw new AuditInputException($"no person has the ID '{personId}' in the data", file: plan.Data.Display, column: plan.Id!.Name,
                    expected: $"a value of the id column '{plan.Id!.Name}'", found: personId,
                    hint: "check the ID, or describe the person in a file with --person-file");
            person = personId!;
        }
        PersonExplanation explanation;
        try
        {
            explanation = PersonExplanations.Build(person, people.Model, table, row, decided.Scores, decided.Grades, decided.Policy, decided.Outcome,
                context.Explanations, people.PartialSpec);
        }
        catch (AuditInputException e)
        {
            throw table.Locate(e, plan.Data.Display);
        }
        return explanation with
        {
            PartialModel = UnderSampledModels(people, context, table, row),
            SyntheticPeople = plan.Data.Format == DataFormat.Population ? true : null,
        };
    }

    /// <summary>
    /// One person's recourse (<c>audit recourse PLAN --person ID</c>), from the plan's decided population: the flag and
    /// cut-off the audit decided and, when flagged, the cheapest change. For a partially published spec under the
    /// partial-model design, the central model's recourse, with the person's ranges over the sampled models.
    /// </summary>
    /// <returns>Null when no row has that id.</returns>
    public static PersonReport? RecourseForPerson(AuditPlan plan, string id) => RecourseForPerson(plan, Decided(plan), ContextOf(plan), id);

    /// <summary>
    /// Several people's recourse (<c>audit recourse --person a,b,c</c>), from one decided population: each the same as
    /// <see cref="RecourseForPerson(AuditPlan, string)"/> gives for that id alone (null for an id no row has), in the order given.
    /// </summary>
    public static IReadOnlyList<PersonReport?> RecourseForPeople(AuditPlan plan, IReadOnlyList<string> ids)
    {
        var people = Decided(plan);
        var context = ContextOf(plan);
        return [.. ids.Select(id => RecourseForPerson(plan, people, context, id))];
    }

    private static PersonReport? RecourseForPerson(AuditPlan plan, DecidedPopulation people, StageContext context, string id)
    {
        Located(plan, () => { RecourseStep.CheckPolicy(people, context); return true; });
        if (RowOf(plan, people.Table, id, "audit recourse") is not { } row)
        {
            return null;
        }
        var (report, changed) = Located(plan, () => RecourseStep.ForPerson(people, context, row, id));
        return report with { PartialModel = UnderSampledModels(people, context, people.Table, row, changed) };
    }

    /// <summary>The row whose value in the plan's id column is <paramref name="id"/>; null when none.</summary>
    private static int? RowOf(AuditPlan plan, Table table, string? id, string verb)
    {
        var idColumn = plan.Id ?? throw new AuditInputException("the plan names no id column, so a person cannot be found by ID",
            file: plan.PlanDisplay, keyPath: "roles.id",
            hint: "add 'roles: { id: COLUMN }' to the plan" + (verb == "audit explain" ? ", or describe the person in a file with --person-file" : ""));
        var column = table[idColumn.Name];
        for (var i = 0; i < table.RowCount; i++)
        {
            if (column.FormatValue(i) == id)
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>The population with a person file's row appended, that row, and the person's name (the file's id, else the file's name).</summary>
    private static (Table Table, int Row, string Person) WithPersonFile(AuditPlan plan, DecidedPopulation people, string personFile)
    {
        var table = PersonFile.Append(people.Table, Path.GetFullPath(personFile), personFile);
        var row = table.RowCount - 1;
        try
        {
            CheckMagnitudes(table, people.Model.Features.Select(f => f.Name), personFile);
        }
        catch (AuditInputException e) when (e.Row == table.RowCount)
        {
            throw new AuditInputException(e.Problem, file: personFile, column: e.Column, expected: e.Expected, found: e.Found, hint: e.Hint);
        }
        // The person is named by the id the file gives (the plan's id column), as a person of the data is; the file's name only when it gives none.
        return (table, row, (plan.Id is { } idColumn ? table[idColumn.Name].FormatValue(row) : null) ?? Path.GetFileName(personFile));
    }
}
