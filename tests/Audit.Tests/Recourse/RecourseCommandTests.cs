using Audit.Data;
using Audit.Tests.Cli;

namespace Audit.Tests.Recourse;

/// <summary><c>audit recourse PLAN [--person ID]</c> on the reconstructed CAF spec over synthetic households.</summary>
public sealed class RecourseCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly string plan;
    private readonly Table households = CafLikeHouseholds.Generate(1000, 11);

    public RecourseCommandTests()
    {
        CsvTableWriter.Write(households, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        plan = folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction));
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void UnknownPersonExitsWithTwo()
    {
        var outcome = TrustedPlans.Run("recourse", plan, "--person", "999999");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no person with id '999999'", outcome.Error);
    }

    [Fact]
    public void FlaggedPersonGetsTheCheapestChangeOrTheProofOfNoneAndTheRoutes()
    {
        // The household with the highest score is flagged under the top 10 %.
        var model = Audit.Models.LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf");
        var scores = model.Score(households);
        var top = Array.IndexOf(scores, scores.Max());
        var outcome = TrustedPlans.Run("recourse", plan, "--person", (top + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("flagged", outcome.Out);
        Assert.True(outcome.Out.Contains("Cheapest change (proven cheapest", StringComparison.Ordinal) || outcome.Out.Contains("No change within the stated rules", StringComparison.Ordinal), outcome.Out);
        Assert.Contains("Commission de recours amiable", outcome.Out);
        Assert.Contains("situation_familiale (legal event)", outcome.Out);
        Assert.Contains("R311-3-1-1", outcome.Out);
    }

    [Fact]
    public void WithoutAPersonItPrintsThePopulationSummary()
    {
        var outcome = TrustedPlans.Run("recourse", plan, "--quiet");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("## Appeal paths", outcome.Out);
        Assert.Contains("No recourse", outcome.Out);
    }
}
