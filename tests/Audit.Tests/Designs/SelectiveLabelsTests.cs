using Audit.Designs;
using Audit.Fairness;
using MathNet.Numerics.Random;

namespace Audit.Tests.Designs;

/// <summary>
/// The selective-labels acceptance: labels only for the top-scored files (those flagged) plus a 2 % random control
/// sample. The random-sample FPR's interval covers the population's true FPR in at least 90 % of 200 seeds, while the
/// naive FPR over every investigated file is far off.
/// </summary>
public sealed class SelectiveLabelsTests
{
    private const int Rows = 10_000;
    private const double FlaggedShare = 0.10;
    private const double RandomShare = 0.02;

    private sealed record Simulation(byte[] Flags, byte[] Labels, byte[] Investigated, byte[] Random, double[] Probability, double TrueFpr);

    /// <summary>
    /// A population where the score carries the risk: y ~ Bernoulli(logistic(−2 + 1.5 s)), s ~ N(0, 1); the 10 % highest
    /// scores are flagged and investigated; a 2 % simple random sample of everyone is investigated too.
    /// </summary>
    private static Simulation Simulate(int seed)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var score = new double[Rows];
        var label = new byte[Rows];
        for (var i = 0; i < Rows; i++)
        {
            score[i] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
            label[i] = random.NextDouble() < 1 / (1 + Math.Exp(2 - 1.5 * score[i])) ? (byte)1 : (byte)0;
        }
        var flags = new Audit.Policy.TopFractionPolicy(FlaggedShare).Decide(score, Audit.Models.AdverseTail.High).Flags;
        var sample = new byte[Rows];
        var investigated = new byte[Rows];
        var probability = new double[Rows];
        long negatives = 0, falsePositives = 0;
        for (var i = 0; i < Rows; i++)
        {
            sample[i] = random.NextDouble() < RandomShare ? (byte)1 : (byte)0;
            investigated[i] = (byte)(flags[i] | sample[i]);
            // Known by design: a flagged file is always investigated; any other with the random sample's probability.
            probability[i] = flags[i] == 1 ? 1 : RandomShare;
            negatives += label[i] == 0 ? 1 : 0;
            falsePositives += label[i] == 0 && flags[i] == 1 ? 1 : 0;
        }
        // The labels an agency holds: only investigated files.
        var known = label.Select((y, i) => investigated[i] == 1 ? y : (byte)255).ToArray();
        return new Simulation(flags, known, investigated, sample, probability, (double)falsePositives / negatives);
    }

    private static readonly FairnessOptions Options = new() { MinCellSize = 1 };

    /// <summary>A group whose label metrics the fairness section hides gets no error rates here either.</summary>
    [Fact]
    public void GroupsTheFairnessSectionHidesGetNoErrorRates()
    {
        var s = Simulate(1);
        var groups = new GroupAssignment("half", Enumerable.Range(0, s.Flags.Length).Select(i => i % 2).ToArray(), ["a", "b"]);
        var shown = SelectiveLabels.Estimate(s.Flags, s.Labels, s.Investigated, s.Random, null, [], [groups], Options);
        Assert.All(shown.Groups, g => Assert.NotNull(g.Estimate.FalsePositiveRate.Value));
        var hiding = DisclosurePolicy.Of(Options.MinCellSize, [Audit.Results.GroupKey.Of(["half"], ["b"])]);
        var result = SelectiveLabels.Estimate(s.Flags, s.Labels, s.Investigated, s.Random, null, [], [groups], Options with { Disclosure = hiding });
        var b = result.Groups.Single(g => g.Group == "b");
        Assert.True(b.Estimate.FalsePositiveRate.Suppressed == true && b.Naive.Precision.Suppressed == true && b.Estimate.BaseRate.Value is null);
        Assert.NotNull(result.Groups.Single(g => g.Group == "a").Estimate.FalsePositiveRate.Value);
    }

    [Fact]
    public void RandomSampleFprCoversTheTrueFprWhileTheNaiveFprIsBiased()
    {
        int covered = 0, naiveCovered = 0;
        var naiveError = 0.0;
        const int seeds = 200;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var s = Simulate(seed);
            var result = SelectiveLabels.Estimate(s.Flags, s.Labels, s.Investigated, s.Random, null, [], [], Options);
            Assert.Equal(SelectiveLabels.RandomSampleMethod, result.Method);
            var ci = result.Overall.FalsePositiveRate.Ci!;
            covered += ci[0] <= s.TrueFpr && s.TrueFpr <= ci[1] ? 1 : 0;
            var naive = result.NaiveOverall.FalsePositiveRate;
            naiveCovered += naive.Ci![0] <= s.TrueFpr && s.TrueFpr <= naive.Ci[1] ? 1 : 0;
            naiveError += naive.Value!.Value - s.TrueFpr;
        }
        Assert.True(covered >= 180, $"the random-sample interval covered the true FPR in {covered} of {seeds} seeds");
        Assert.Equal(0, naiveCovered);
        // The true FPR is about 4.5 %; among investigated files without an overpayment nearly all were flagged.
        Assert.True(naiveError / seeds > 0.5, $"mean naive bias {naiveError / seeds}");
    }

    [Fact]
    public void InverseProbabilityWeightingAlsoCoversTheTrueFpr()
    {
        var covered = 0;
        const int seeds = 100;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var s = Simulate(1000 + seed);
            var result = SelectiveLabels.Estimate(s.Flags, s.Labels, s.Investigated, s.Random, s.Probability, [], [], Options);
            Assert.Equal(SelectiveLabels.WeightingMethod, result.Method);
            var ci = result.Overall.FalsePositiveRate.Ci!;
            covered += ci[0] <= s.TrueFpr && s.TrueFpr <= ci[1] ? 1 : 0;
        }
        Assert.True(covered >= 88, $"the weighted interval covered the true FPR in {covered} of {seeds} seeds");
    }

    /// <summary>Hand-checkable: 2 investigated flagged (one y = 0), a random sample of 4 (one flagged y = 0, three unflagged y = 0).</summary>
    [Fact]
    public void RandomSampleRatesUseOnlyTheSampleAndNaiveRatesEveryInvestigatedRow()
    {
        byte[] flags = [1, 1, 1, 0, 0, 0, 0];
        byte[] labels = [1, 0, 0, 0, 0, 0, 255];
        byte[] investigated = [1, 1, 1, 1, 1, 1, 0];
        byte[] sample = [0, 0, 1, 1, 1, 1, 0];
        var result = SelectiveLabels.Estimate(flags, labels, investigated, sample, null, [], [], Options);
        Assert.Equal(0.25, result.Overall.FalsePositiveRate.Value); // 1 flagged of 4 negatives in the sample
        Assert.Equal(2.0 / 5, result.NaiveOverall.FalsePositiveRate.Value); // 2 flagged of 5 investigated negatives
        Assert.Equal(6, result.Investigated);
        Assert.Equal(4, result.RandomSample);
        var none = SelectiveLabels.Estimate(flags, labels, investigated, null, null, [], [], Options);
        Assert.Equal(SelectiveLabels.NoCorrection, none.Method);
        Assert.Contains("depend on who was investigated", Audit.Reporting.Text.CaveatText.SelectiveExplanation(Audit.Reporting.Text.ReportLanguage.English, none.Method, none.RandomSample));
    }
}
