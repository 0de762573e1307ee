namespace Audit.Results;

/// <summary>Recourse audit and legal routes. Filled by the appeal-paths stage.</summary>
public sealed record RecourseSection
{
}
