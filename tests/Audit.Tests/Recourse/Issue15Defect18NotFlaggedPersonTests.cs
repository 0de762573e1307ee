using System.Globalization;
using Audit.Data;
using Audit.Tests.Cli;

namespace Audit.Tests.Recourse;

/// <summary>
/// Issue 15, defect 18: <c>audit recourse --person</c> for someone who is not flagged printed the routes to contest
/// without first saying that the person is not flagged. It now says so plainly on the first line.
/// </summary>
public sealed class Issue15Defect18NotFlaggedPersonTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly Table households = CafLikeHouseholds.Generate(400, 18);
    private readonly string plan;

    public Issue15Defect18NotFlaggedPersonTests()
    {
        CsvTableWriter.Write(households, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        plan = folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction));
    }

    public void Dispose() => folder.Dispose();

    private int RowWith(Func<double[], double> pick)
    {
        var model = Audit.Models.LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf");
        var scores = model.Score(households);
        return Array.IndexOf(scores, pick(scores)) + 1;
    }

    [Fact]
    public void APersonWhoIsNotFlaggedIsToldSoBeforeAnythingElse()
    {
        var id = RowWith(scores => scores.Min()).ToString(CultureInfo.InvariantCulture);
        var outcome = TrustedPlans.Run("recourse", plan, "--person", id);
        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Out.Split('\n');
        Assert.StartsWith($"Person {id} is not flagged", lines[0]);
        Assert.DoesNotContain("Cheapest change", outcome.Out);
        // The routes still follow, after the statement.
        Assert.Contains("How to contest", outcome.Out);
        Assert.True(outcome.Out.IndexOf("How to contest", StringComparison.Ordinal) > lines[0].Length);
    }

    [Fact]
    public void AFlaggedPersonIsToldTheyAreFlaggedFirst()
    {
        var id = RowWith(scores => scores.Max()).ToString(CultureInfo.InvariantCulture);
        var outcome = TrustedPlans.Run("recourse", plan, "--person", id);
        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith($"Person {id} is flagged", outcome.Out.Split('\n')[0]);
    }
}
