namespace Audit.Results;

/// <summary>Global explanations, proxy analysis and disparity decomposition. Filled by the explanations stage.</summary>
public sealed record ExplanationsSection
{
}
