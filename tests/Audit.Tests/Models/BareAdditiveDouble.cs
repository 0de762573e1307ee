using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>The same scores and terms with none of the spec's capabilities: what a bare additive model offers.</summary>
internal sealed class BareAdditiveDouble : IScoringModel, IAdditiveModel
{
    private readonly BinnedScorecardDouble inner = new();

    public string Name => inner.Name;

    public string Kind => inner.Kind;

    public AdverseTail Adverse => inner.Adverse;

    public IReadOnlyList<FeatureSpec> Features => inner.Features;

    public string ExplanationSpace => inner.ExplanationSpace;

    public double Intercept => inner.Intercept;

    public IReadOnlyList<string> TermNames => inner.TermNames;

    public void Contributions(Table table, int row, Span<double> contributions) => inner.Contributions(table, row, contributions);

    public double[] Score(Table table, Action<long, long>? progress = null) => inner.Score(table, progress);
}
