using Audit.Data;

namespace Audit.Models;

/// <summary>
/// No model and no policy (a plan without <c>model</c>, docs/audit-plan.md#model): the audit decides nobody, and only
/// the designs that read columns alone run (the composition design: a random sample against the selected set). Every
/// "score" is 0, so nobody is flagged; the report leaves out the sections about flags and says why.
/// </summary>
public sealed class NoModel : IScoringModel
{
    /// <summary>The kind the report reads to leave out the sections about flags.</summary>
    public const string NoneKind = "none";

    public string Name => "no model";

    public string Kind => NoneKind;

    public AdverseTail Adverse => AdverseTail.High;

    public IReadOnlyList<FeatureSpec> Features => [];

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        progress?.Invoke(table.RowCount, table.RowCount);
        return new double[table.RowCount];
    }
}
