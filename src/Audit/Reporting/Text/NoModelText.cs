using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>A plan without a model (only the composition design): the report leaves out every section about flags and says so.</summary>
internal static class NoModelText
{
    /// <summary>The catalogue key of the sentence that says which sections are absent and why.</summary>
    public const string Key = "partA.noModel.absent";

    /// <summary>True when no model and no policy decided anyone (<c>model.kind</c> is <c>none</c>).</summary>
    public static bool Applies(AuditResult result) => result.Model.Kind == "none";
}
