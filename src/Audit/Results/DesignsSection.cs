namespace Audit.Results;

/// <summary>Results of the real-world audit designs. Filled by the designs stage.</summary>
public sealed record DesignsSection
{
}
