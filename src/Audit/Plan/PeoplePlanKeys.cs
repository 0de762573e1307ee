using Audit.Results;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Who the rows are and whether the per-person table is written (issue 18, item 10; docs/audit-plan.md):
/// <c>data.subjects: synthetic | pseudonymised | real</c> (default real; a population the toolkit generates is
/// synthetic) and <c>exports: { people: true }</c> (default off), which asks for <c>tables/people.csv</c>.
/// </summary>
internal static class PeoplePlanKeys
{
    public static readonly string[] ExportKeys = ["people"];

    /// <summary>The plan's <c>data.subjects</c>; a generated population is synthetic and may not be declared otherwise.</summary>
    public static string SubjectsOf(YamlMap data, bool generated)
    {
        var declared = data.OptionalChoice("subjects", [.. DataSubjects.All]);
        if (generated && declared is not null && declared != DataSubjects.Synthetic)
        {
            throw data.Error("subjects", "a population generated from a spec is synthetic", expected: DataSubjects.Synthetic, found: declared,
                hint: "remove 'subjects' or write 'subjects: synthetic'");
        }
        return declared ?? (generated ? DataSubjects.Synthetic : DataSubjects.Real);
    }

    /// <summary>The plan's <c>exports.people</c>: whether the run writes <c>tables/people.csv</c> (off unless the plan or the command line asks).</summary>
    public static bool ExportPeopleOf(YamlMap plan) => plan.OptionalMap("exports", ExportKeys)?.OptionalBool("people") ?? false;
}
