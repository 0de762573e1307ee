namespace Audit.Results;

/// <summary>
/// The level below which an adjusted p-value makes a headline difference "significant", defined once beside the
/// results: the Fairness stage marks its findings with it and the summary page words a p-value with it, and the pages
/// may read only Results.
/// </summary>
public static class Significance
{
    public const double Level = 0.05;
}
