using Audit.Data;
using Audit.Explain;
using Audit.Models;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Explain;

/// <summary>
/// The one entry point picks the method from the model's capabilities, and each method computes the Shapley values
/// of the same interventional game: closed form = enumeration for additive models, additivity everywhere.
/// </summary>
public sealed class LocalExplainerTests(ITestOutputHelper output)
{
    private static readonly LinearModel Caf = LinearModelSpec.Load(NamedPeople.Spec("caf-reconstructed.yaml"), "caf-reconstructed.yaml");

    [Fact]
    public void AdditiveAttributionsAddUpToTheLinearPredictor()
    {
        var table = CafLikeHouseholds.Generate(3_000, seed: 5);
        var explainer = LocalExplainer.For(Caf, table, new ExplanationOptions());
        Assert.Equal("log-odds", explainer.ExplanationSpace);
        Assert.True(explainer.Exact);
        var set = explainer.Explain(Enumerable.Range(0, table.RowCount).ToArray());
        var eta = Caf.LinearPredictor(table);
        output.WriteLine($"additivity error {set.MaxAdditivityError:R}; {set.DistinctCount} distinct of {set.Count}");
        Assert.True(set.MaxAdditivityError < 1e-9, set.MaxAdditivityError.ToString("R"));
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(eta[i], set.Value(i), 12);
        }
        // The baseline is η's mean over the background rows.
        Assert.Equal(explainer.Background.Average(r => eta[r]), set.Baseline, 12);
    }

    [Fact]
    public void ClosedFormEqualsEnumerationIncludingInteractions()
    {
        // The CAF spec in points (kind: linear), so that the score itself is the additive space and the black-box
        // enumeration plays the same game. Its AAH-and-work interactions are shared between aah and activite.
        var linear = LinearModelSpec.Parse(File.ReadAllText(NamedPeople.Spec("caf-reconstructed.yaml")).Replace("kind: logistic", "kind: linear"), "caf-linear.yaml");
        var table = CafLikeHouseholds.Generate(400, seed: 6);
        var options = new ExplanationOptions { BackgroundRows = 30 };
        var closed = LocalExplainer.For(linear, table, options);
        var enumerated = LocalExplainer.For(linear, table, options with { Method = "enumerate" });
        Assert.Contains("closed form", closed.Method);
        Assert.Contains("enumerating", enumerated.Method);
        // People receiving AAH who work, and others.
        var aah = ((BooleanColumn)table["aah"]).Values.ToArray();
        var rows = Enumerable.Range(0, table.RowCount).Where(i => aah[i] == 1).Take(4).Concat([0, 1, 2]).ToArray();
        var a = closed.Explain(rows);
        var b = enumerated.Explain(rows);
        var largest = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            for (var f = 0; f < a.Features.Count; f++)
            {
                largest = Math.Max(largest, Math.Abs(a.Contribution(i, f) - b.Contribution(i, f)));
            }
        }
        output.WriteLine($"largest difference closed form vs enumeration: {largest:R}");
        Assert.True(largest < 1e-9, largest.ToString("R"));
        Assert.Equal(a.Baseline, b.Baseline, 12);
        // Somebody's AAH interaction gives aah a non-zero share although its main effect is 0.
        var aahIndex = a.Features.ToList().IndexOf("aah");
        Assert.Contains(Enumerable.Range(0, rows.Length), i => Math.Abs(a.Contribution(i, aahIndex)) > 0.05);
    }

    [Fact]
    public void AnAttributionSetThatDoesNotAddUpIsRefused()
    {
        var set = new AttributionSet(["a", "b"], baseline: 1, values: [2, 3], contributions: [0.5, 0.5, 1, 0.9], standardErrors: null, indexOf: [0, 1]);
        Assert.Equal(0.1, set.MaxAdditivityError, 12);
        Assert.Throws<InvalidOperationException>(() => set.EnsureAdditive());
        var fine = new AttributionSet(["a", "b"], 1, [2], [0.25, 0.75], null, [0]);
        Assert.Same(fine, fine.EnsureAdditive());
    }

    [Fact]
    public void PeopleWithIdenticalInputsShareOneExplanation()
    {
        var table = CafLikeHouseholds.Generate(50, seed: 7);
        var rows = Enumerable.Range(0, 50).Concat(Enumerable.Range(0, 50)).ToArray();
        var set = LocalExplainer.For(Caf, table, new ExplanationOptions { BackgroundRows = 20 }).Explain(rows);
        Assert.Equal(100, set.Count);
        Assert.True(set.DistinctCount <= 50);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(set[i].Contributions, set[i + 50].Contributions);
        }
    }

    [Fact]
    public void TheLogisticModelsProbabilityIsExplainedByEnumerationAndSaysSo()
    {
        var table = CafLikeHouseholds.Generate(200, seed: 8);
        var explainer = LocalExplainer.For(Caf, table, new ExplanationOptions { BackgroundRows = 8, Space = "score" });
        Assert.Equal("probability", explainer.ExplanationSpace);
        Assert.Contains("enumerating", explainer.Method);
        var set = explainer.Explain([0, 1, 2]);
        var scores = Caf.Score(table);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(scores[i], set.Value(i), 12);
        }
        Assert.True(set.MaxAdditivityError < 1e-9);
    }

    [Fact]
    public void KernelShapIsWithinThreeStandardErrorsOfExactShapleyValues()
    {
        // A black box of 8 numeric features with interactions and non-linearities, and no capability.
        var model = new BlackBox();
        var random = new Random(21);
        var columns = Enumerable.Range(0, 8).Select(f => Enumerable.Range(0, 120).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
        var table = new Table(columns.Select((c, f) => (Column)new NumericColumn($"x{f}", c)));
        var options = new ExplanationOptions { BackgroundRows = 20, Method = "kernel", KernelPairs = 256, Seed = 3 };
        var explainer = LocalExplainer.For(model, table, options);
        Assert.False(explainer.Exact);
        Assert.Contains("KernelSHAP", explainer.Method);
        var people = Enumerable.Range(0, 50).ToArray();
        var estimated = explainer.Explain(people);
        var background = explainer.Background.Select(r => columns.Select(c => c[r]).ToArray()).ToArray();
        int within = 0, total = 0;
        var largestZ = 0.0;
        foreach (var i in people)
        {
            var exact = ShapleyBruteForce.Explain(BlackBox.F, columns.Select(c => c[i]).ToArray(), background);
            for (var f = 0; f < 8; f++)
            {
                var se = estimated.StandardError(i, f);
                var z = Math.Abs(estimated.Contribution(i, f) - exact.Contributions[f]) / se;
                largestZ = Math.Max(largestZ, z);
                within += z <= 3 ? 1 : 0;
                total++;
            }
            Assert.Equal(exact.Baseline, estimated.Baseline, 10);
        }
        output.WriteLine($"{within} of {total} within 3 SE; largest |error|/SE {largestZ:F2}; additivity {estimated.MaxAdditivityError:R}");
        Assert.True(within >= 0.95 * total, $"{within} of {total}");
        Assert.True(estimated.MaxAdditivityError < 1e-9);
    }

    [Fact]
    public void KernelShapIsDeterministicForASeed()
    {
        var model = new BlackBox();
        var random = new Random(2);
        var table = new Table(Enumerable.Range(0, 8).Select(f => (Column)new NumericColumn($"x{f}", Enumerable.Range(0, 30).Select(_ => random.NextDouble()).ToArray())));
        var options = new ExplanationOptions { BackgroundRows = 10, Method = "kernel", KernelPairs = 64 };
        var a = LocalExplainer.For(model, table, options).Explain([3]);
        var b = LocalExplainer.For(model, table, options).Explain([3]);
        Assert.Equal(a[0].Contributions, b[0].Contributions);
    }

    /// <summary>f(x) = sin(x0)·x1 + x2² − x3·x4·x5 + exp(x6/2) + |x7|: no structure Audit can read.</summary>
    private sealed class BlackBox : IScoringModel
    {
        public static double F(double[] x) => Math.Sin(x[0]) * x[1] + x[2] * x[2] - x[3] * x[4] * x[5] + Math.Exp(x[6] / 2) + Math.Abs(x[7]);

        public string Name => "black box";

        public string Kind => "test";

        public AdverseTail Adverse => AdverseTail.High;

        public IReadOnlyList<FeatureSpec> Features { get; } = Enumerable.Range(0, 8).Select(f => new FeatureSpec($"x{f}", ColumnType.Numeric)).ToArray();

        public double[] Score(Table table, Action<long, long>? progress = null)
        {
            var columns = Features.Select(f => (NumericColumn)table[f.Name]).ToArray();
            var x = new double[8];
            var scores = new double[table.RowCount];
            for (var i = 0; i < scores.Length; i++)
            {
                for (var f = 0; f < 8; f++)
                {
                    x[f] = columns[f][i];
                }
                scores[i] = F(x);
            }
            return scores;
        }
    }
}
