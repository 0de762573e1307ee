using Audit.Data;
using Audit.Models;

namespace Audit.Explain;

/// <summary>
/// Closed-form attributions of an additive model (<see cref="IAdditiveModel"/>: scorecards, linear and logistic
/// specs) in its own space (points, log-odds). In the interventional game a term that reads one feature is that
/// feature's alone, so its Shapley value is <c>c_t(x) − mean_z c_t(z)</c>: the person's contribution minus its mean over
/// the background. A term that reads several features (an interaction) is shared among them by its exact Shapley
/// values over those features (its own small game, 2^k coalitions for k features, computed once per distinct
/// combination of their values). Terms are grouped back to the input features, so each input gets one number.
/// <c>Baseline</c> is the intercept plus every term's background mean: the mean of η over the background.
/// </summary>
internal sealed class AdditiveExplainer : LocalExplainer
{
    private readonly IAdditiveModel additive;
    private readonly double intercept;
    private readonly double[] termMean;
    private readonly int[][] termInputs;

    /// <summary>Shares of each interaction term per distinct combination of its inputs' values.</summary>
    private readonly Dictionary<(int Term, string Key), double[]> interactionShares = [];

    public AdditiveExplainer(IScoringModel model, IAdditiveModel additive, Table table, IReadOnlyList<int> background)
        : base(model, table, background)
    {
        this.additive = additive;
        intercept = additive.Intercept;
        if (!double.IsFinite(intercept))
        {
            throw new AuditInputException("the model's intercept is not known, so no attribution can be computed", keyPath: "intercept",
                hint: "give the intercept's value in the model spec if it is known; otherwise add 'designs: { partial_model: true }' to the plan, which explains the central model");
        }
        var names = Features.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        termInputs = additive.TermNames.Select((_, t) => additive.TermInputs(t).Select(name => names.TryGetValue(name, out var i) ? i
            : throw new InvalidOperationException($"Term '{additive.TermNames[t]}' reads '{name}', which is not a model input.")).ToArray()).ToArray();
        var terms = additive.AllContributions(Rows.Select(background));
        termMean = terms.Select(c => c.Average()).ToArray();
        Baseline = intercept + termMean.Sum();
    }

    public override string Method =>
        "closed form: each term's contribution minus its mean over the background (interactions shared among their features by exact Shapley values)";

    public override string MethodCode => "closed-form";

    public override string ExplanationSpace => additive.ExplanationSpace;

    public override bool Exact => true;

    public override double Baseline { get; }

    private protected override void ExplainChunk(IReadOnlyList<int> rows, Span<double> values, Span<double> contributions, Span<double> standardErrors)
    {
        var f = Features.Count;
        var terms = additive.AllContributions(Rows.Select(rows));
        for (var i = 0; i < rows.Count; i++)
        {
            var value = intercept;
            var phi = contributions.Slice(i * f, f);
            for (var t = 0; t < terms.Length; t++)
            {
                var c = terms[t][i];
                value += c;
                var inputs = termInputs[t];
                if (inputs.Length == 1)
                {
                    phi[inputs[0]] += c - termMean[t];
                }
                else
                {
                    var shares = InteractionShares(t, rows[i]);
                    for (var k = 0; k < inputs.Length; k++)
                    {
                        phi[inputs[k]] += shares[k];
                    }
                }
            }
            values[i] = value;
        }
    }

    /// <summary>The exact Shapley values of term t's own game over its inputs, for the inputs' values in the row.</summary>
    private double[] InteractionShares(int term, int row)
    {
        var inputs = termInputs[term];
        var key = string.Join('|', inputs.Select(k => BitConverter.DoubleToInt64Bits(Rows.Value(k, row))));
        if (interactionShares.TryGetValue((term, key), out var shares))
        {
            return shares;
        }
        var coalitions = new bool[1 << inputs.Length][];
        for (var s = 0; s < coalitions.Length; s++)
        {
            coalitions[s] = new bool[Features.Count];
            for (var k = 0; k < inputs.Length; k++)
            {
                coalitions[s][inputs[k]] = (s & (1 << k)) != 0;
            }
        }
        var game = CoalitionMeans(additive.AllContributions(Rows.Hybrid(row, Background, coalitions))[term], coalitions.Length);
        return interactionShares[(term, key)] = ShapleyBruteForce.FromGame(game, inputs.Length);
    }
}
