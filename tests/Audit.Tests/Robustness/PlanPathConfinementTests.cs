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
    public void RootKeyWidensTheFolderOnlyAsFarAsTheCommandLineGrants()
    {
        dir.Write("secret.csv", "a\n1\n");
        var plan = dir.Write("plans/plan.yaml", Plan("../secret.csv", "root: .."));
        // Issue 16, class 3: the plan's 'root' alone is refused; the auditor grants it with --root.
        var refused = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan));
        Assert.Equal("root", refused.KeyPath);
        Assert.Contains("--root", refused.Hint);
        Assert.Equal(dir.File("secret.csv"), AuditPlanLoader.Load(plan, grantedRoot: dir.Path).Data.Path);
        var narrower = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(plan, grantedRoot: dir.File("plans")));
        Assert.Contains("more than --root allows", narrower.Problem);

        var beyond = dir.Write("plans/beyond.yaml", Plan("../../x.csv", "root: .."));
        Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(beyond, grantedRoot: "/"));
    }

    [Fact]
    public void APlanCannotMakeAnErrorMessageQuoteASystemFile()
    {
        // root: / used to let data.path reach /etc/passwd, whose first line an error then quoted.
        var plan = dir.Write("plans/plan.yaml", Plan("/etc/passwd", "root: /"));
        var outcome = Audit.Tests.Cli.CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("key 'root'", outcome.Error);
        Assert.DoesNotContain("root:x:0", outcome.Error);
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
