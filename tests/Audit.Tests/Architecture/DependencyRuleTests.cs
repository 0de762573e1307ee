using ArchUnitNET.xUnitV3;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static Audit.Tests.Architecture.StageDependencyTable;

namespace Audit.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/architecture.md ("Rules of the house"), on the compiled toolkit. Each rule is stated
/// whole; the dependencies that break it today are listed in <see cref="KnownViolationsBeingRemovedByIssue17"/>, so a
/// rule fails on any new violation, and <see cref="EveryKnownViolationStillExists"/> fails when a listed one is gone
/// (strike it from the list: the list only shrinks).
/// </summary>
public sealed class DependencyRuleTests
{
    /// <summary>
    /// Dependencies that broke a rule below when the rules were written; issue 17 removed all 83, so the list is empty
    /// and stays so (docs/architecture.md, "Known violations"). One entry per type-to-type dependency, "From.Type -> To.Type", outermost types only.
    /// </summary>
    public static readonly string[] KnownViolationsBeingRemovedByIssue17 =
    [
    ];

    private static IEnumerable<TypeDependency> Dependencies => AuditDependencies.All;

    [Fact]
    public void ReportingDependsOnlyOnResultsAndItself() =>
        AssertNoNewViolation("Reporting may use only Audit.Results and Audit.Reporting.*",
            Dependencies.Where(ReportingReachesBeyondResults));

    [Fact]
    public void NoStageDependsOnThePlanTheAuditorReportingOrTheCommandLine() =>
        AssertNoNewViolation("a stage may not use Audit.Plan, the root Audit namespace (Auditor), Audit.Reporting, Audit.Cli, nor Audit.Yaml (Models and Synthetic excepted)",
            Dependencies.Where(StageReachesTheDriver));

    [Fact]
    public void ResultsDependOnNoStage() =>
        AssertNoNewViolation("Audit.Results may use no other namespace of the toolkit",
            Dependencies.Where(ResultsReachOut));

    [Fact]
    public void DependenciesPointLeftToRight() =>
        AssertNoNewViolation("each stage may use only the stages its row of StageDependencyTable.Allowed names",
            Dependencies.Where(d => !Allows(d)));

    /// <summary>"The CLI knows everything and nothing knows the CLI" (ARCHITECTURE.md): no known violation, so stated with ArchUnitNET's own rule.</summary>
    [Fact]
    public void NothingDependsOnTheCommandLine() =>
        Types().That().DoNotResideInNamespace("Audit.Cli")
            .Should().NotDependOnAnyTypesThat().ResideInNamespace("Audit.Cli")
            .Check(AuditDependencies.Architecture);

    [Fact]
    public void SharedRootTypesAreLeaves()
    {
        var uses = Dependencies.Where(d => SharedRootTypes.Contains(d.From)).Select(d => d.ToString()).ToList();
        Assert.True(uses.Count == 0, "A type every stage may use must use no toolkit type (else it ties the stages to what it uses):\n" + string.Join('\n', uses));
        Assert.All(SharedRootTypes, type => Assert.Contains(Dependencies, d => d.To == type));
    }

    [Fact]
    public void EveryKnownViolationStillExists()
    {
        var current = Dependencies.Where(IsViolation).Select(d => d.ToString()).ToHashSet();
        var gone = KnownViolationsBeingRemovedByIssue17.Where(entry => !current.Contains(entry)).ToList();
        Assert.True(gone.Count == 0, "These known violations no longer exist: strike them from DependencyRuleTests.KnownViolationsBeingRemovedByIssue17:\n" + string.Join('\n', gone));
        Assert.Equal(KnownViolationsBeingRemovedByIssue17.Length, KnownViolationsBeingRemovedByIssue17.Distinct().Count());
    }

    internal static bool IsViolation(TypeDependency d) =>
        ReportingReachesBeyondResults(d) || StageReachesTheDriver(d) || ResultsReachOut(d) || !Allows(d);

    private static bool ReportingReachesBeyondResults(TypeDependency d) =>
        StageOf(d.From) == "Reporting" && StageOf(d.To) is not ("Reporting" or "Results") && !SharedRootTypes.Contains(d.To);

    private static bool StageReachesTheDriver(TypeDependency d)
    {
        var from = StageOf(d.From);
        var to = StageOf(d.To);
        if (!PipelineStages.Contains(from) || SharedRootTypes.Contains(d.To))
        {
            return false;
        }
        return to is "Plan" or Root or "Reporting" or "Cli" || (to == "Yaml" && from is not ("Models" or "Synthetic"));
    }

    private static bool ResultsReachOut(TypeDependency d) =>
        StageOf(d.From) == "Results" && StageOf(d.To) != "Results" && !SharedRootTypes.Contains(d.To);

    private static void AssertNoNewViolation(string rule, IEnumerable<TypeDependency> violations)
    {
        var fresh = violations.Select(d => d.ToString()).Where(entry => !KnownViolationsBeingRemovedByIssue17.Contains(entry)).ToList();
        Assert.True(fresh.Count == 0, $"Rule: {rule}. New violations ({fresh.Count}):\n" + string.Join('\n', fresh));
    }
}
