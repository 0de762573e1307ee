using Audit.Explain;
using Audit.Plan;

namespace Audit.Tests.Plan;

/// <summary>The plan's <c>explanations</c> key: defaults, options, errors, and whether the stage runs.</summary>
public sealed class ExplanationPlanKeysTests : IDisposable
{
    private const string Base = """
        data:
          path: people.csv
        model:
          spec: model.yaml
        policy:
          top_fraction: 0.1
        protected_attributes:
          - sexe
        """;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private AuditPlan Load(string extra) => AuditPlanLoader.Load(dir.Write("plan.yaml", Base + "\n" + extra));

    [Fact]
    public void WithoutTheKeyTheDefaultsApplyAndTheStageFollowsTheModel()
    {
        var options = Load("").Explanations;
        Assert.Null(options.Enabled);
        Assert.Equal(ExplanationOptions.DefaultBackgroundRows, options.BackgroundRows);
        Assert.Equal(4, options.ReasonCodes);
        var caf = Audit.Models.LinearModelSpec.Load(Audit.Tests.Models.NamedPeople.Spec("caf-reconstructed.yaml"), "caf.yaml");
        Assert.True(ExplanationStage.ShouldRun(caf, options));
        Assert.False(ExplanationStage.ShouldRun(new Audit.Models.ScoresInData("score", Audit.Models.AdverseTail.High), options));
        Assert.False(ExplanationStage.ShouldRun(caf, options with { Enabled = false }));
    }

    [Fact]
    public void EveryOptionIsRead()
    {
        var options = Load("""
            explanations:
              enabled: false
              reason_codes: 3
              background_rows: 50
              top_features: 2
              max_rows: 1000
              method: kernel
              space: score
              kernel_pairs: 64
              permutations: 2
            """).Explanations;
        Assert.Equal(new ExplanationOptions
        {
            Enabled = false, ReasonCodes = 3, BackgroundRows = 50, TopFeatures = 2, MaxRows = 1000, Method = "kernel", Space = "score",
            KernelPairs = 64, Permutations = 2,
        }, options);
    }

    [Fact]
    public void AnOutOfRangeValueNamesTheKey()
    {
        var error = Assert.Throws<AuditInputException>(() => Load("explanations:\n  background_rows: 0\n"));
        Assert.Contains("explanations.background_rows", error.Message);
        var method = Assert.Throws<AuditInputException>(() => Load("explanations:\n  method: shapley\n"));
        Assert.Contains("explanations.method", method.Message);
    }
}
