using Audit.Plan;

namespace Audit.Tests.Robustness;

/// <summary>A plan from someone else must not make Audit read or write files outside the plan's folder unless it says so.</summary>
public sealed class PlanPathConfinementTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Plan(string dataPath, string extra = "") => $"""
        name: t
        data:
          path: {dataPath}
        model:
          score_column: s
          adverse: high
        policy:
          threshold: 0.5
        protected_attributes: [sex]
        {extra}
        """;

    [Theory]
    [InlineData("../secret.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../secret.csv")]
    public void DataPathLeavingThePlansFolderIsRefused(string path)
    {
        var plan = dir.Write("plans/plan.yaml", Plan(path));
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan));
        Assert.Contains("outside the plan's folder", error.Problem);
        Assert.Equal("data.path", error.KeyPath);
        Assert.Contains("--data", error.Hint);
    }

    [Fact]
    public void OutputLeavingThePlansFolderIsRefused()
    {
        var plan = dir.Write("plans/plan.yaml", Plan("people.csv", "output: ../../elsewhere"));
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan));
        Assert.Equal("output", error.KeyPath);
    }

    [Fact]
    public void PathsInsideThePlansFolderAreFine()
    {
        var plan = dir.Write("plans/plan.yaml", Plan("data/people.csv", "output: out"));
        var loaded = AuditPlanLoader.Load(plan);
        Assert.Equal(dir.File("plans/data/people.csv"), loaded.Data.Path);
    }

    [Fact]
    public void RootKeyWidensTheFolderExplicitly()
    {
        dir.Write("secret.csv", "a\n1\n");
        var plan = dir.Write("plans/plan.yaml", Plan("../secret.csv", "root: .."));
        Assert.Equal(dir.File("secret.csv"), AuditPlanLoader.Load(plan).Data.Path);

        var beyond = dir.Write("plans/beyond.yaml", Plan("../../x.csv", "root: .."));
        Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(beyond));
    }

    [Fact]
    public void CommandLineDataIsTheAuditorsChoiceAndIsNotConfined()
    {
        var outside = dir.Write("elsewhere/people.csv", "a\n1\n");
        var plan = dir.Write("plans/plan.yaml", Plan("../nope.csv"));
        Assert.Equal(outside, AuditPlanLoader.Load(plan, dataOverride: outside).Data.Path);
    }

    [Fact]
    public void ASymbolicLinkInsideTheFolderPointingOutsideIsRefused()
    {
        var secret = dir.Write("secret.csv", "a\n1\n");
        Directory.CreateDirectory(dir.File("plans"));
        File.CreateSymbolicLink(dir.File("plans/people.csv"), secret);
        var plan = dir.Write("plans/plan.yaml", Plan("people.csv"));
        var error = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan));
        Assert.Contains("a link to", error.Found);
    }

    [Fact]
    public void LimitsKeyIsReadAndValidated()
    {
        var plan = dir.Write("plans/plan.yaml", Plan("people.csv", "limits: { max_rows: 10, max_levels: 3 }"));
        var loaded = AuditPlanLoader.Load(plan);
        Assert.Equal(10, loaded.Limits.MaxRows);
        Assert.Equal(3, loaded.Limits.MaxLevels);
        Assert.Equal(Audit.Data.InputLimits.Default.MaxColumns, loaded.Limits.MaxColumns);

        var bad = dir.Write("plans/bad.yaml", Plan("people.csv", "limits: { max_rows: 0 }"));
        Assert.Equal("limits.max_rows", Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(bad)).KeyPath);
    }
}
