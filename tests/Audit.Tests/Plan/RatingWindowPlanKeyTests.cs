using Audit.Plan;
using Audit.Tests.Cli;

namespace Audit.Tests.Plan;

/// <summary>The plan key <c>recourse.rating_window</c> (docs/audit-plan.md#recourse): what it reads and what it refuses, with the key named.</summary>
public sealed class RatingWindowPlanKeyTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Repo(params string[] parts) => Path.Combine([SharedData.RepositoryRoot, .. parts]);

    private AuditPlan Load(string window) => TrustedPlans.Load(dir.Write("plan.yaml", $"""
        name: platform-test
        root: /
        data:
          population: {Repo("datasets", "populations", "platform-drivers.yaml")}
          rows: 3000
          seed: 1
        model:
          spec: {Repo("models", "platform-rating-deactivation.yaml")}
        policy:
          grades: [deactivation risk]
        protected_attributes:
          - column: origin
        recourse:
          rating_window:
        {window}
        """));

    private const string Valid = """
            count: window
            shares: [share_1_star, share_2_star, share_3_star, share_4_star]
            threshold: 4.6
            group: origin
        """;

    [Fact]
    public void ReadsTheColumnsTheThresholdAndTheDefaultWindow()
    {
        var window = Load(Valid).Recourse!.RatingWindow!;
        Assert.Equal("window", window.Count);
        Assert.Equal(["share_1_star", "share_2_star", "share_3_star", "share_4_star"], window.Shares);
        Assert.Equal(4.6, window.Threshold);
        Assert.Equal("origin", window.Group);
        Assert.Equal(500, window.Size);
        Assert.Null(window.Bias);
    }

    [Fact]
    public void RefusesThreeShareColumns()
    {
        var error = Assert.Throws<AuditInputException>(() => Load(Valid.Replace(", share_4_star", "")));
        Assert.Contains("rating_window.shares", error.Message);
    }

    [Fact]
    public void RefusesAGroupThatIsNotAProtectedAttribute()
    {
        var plan = Load(Valid.Replace("group: origin", "group: sex"));
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(plan, "test"));
        Assert.Contains("rating_window.group", error.Message);
    }

    /// <summary>A threshold that is not the policy's (4.7 against the grade boundary 4.6) stops the run: drivers between them are unflagged yet below it.</summary>
    [Fact]
    public void RefusesAThresholdThatDisagreesWithThePolicy()
    {
        var plan = Load(Valid.Replace("threshold: 4.6", "threshold: 4.7"));
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(plan, "test"));
        Assert.Contains("rating_window.threshold", error.Message);
    }
}
