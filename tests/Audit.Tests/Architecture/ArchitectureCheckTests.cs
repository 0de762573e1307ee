using System.Text;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Audit.Tests.Architecture;

/// <summary>
/// The architecture tests' own tools, on small hand-made inputs whose answer is known: a test that cannot fail is a
/// defect, so the cycle finder must find a cycle drawn by hand, the line counter must count a method written with a
/// known number of lines, and the stage table must refuse a dependency pointing right.
/// </summary>
public sealed class ArchitectureCheckTests
{
    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Graph(params (string From, string To)[] edges) =>
        edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(e => e.To).ToHashSet());

    [Fact]
    public void CycleFinderNamesTheCyclePath()
    {
        // A → B → C → A is a cycle; C → D → E hangs off it and is not part of it.
        var cycles = DependencyCycles.Find(Graph(("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E")));
        var cycle = Assert.Single(cycles);
        Assert.Equal(["A", "B", "C", "A"], cycle);
    }

    [Fact]
    public void CycleFinderFindsEachSeparateCycleAndTheShortestPath()
    {
        // Two components: {P, Q} (P ⇄ Q) and {X, Y, Z} where X → Y → X is shorter than X → Z → Y → X.
        var cycles = DependencyCycles.Find(Graph(("P", "Q"), ("Q", "P"), ("X", "Z"), ("Z", "Y"), ("X", "Y"), ("Y", "X"), ("Q", "X")));
        Assert.Equal(2, cycles.Count);
        Assert.Equal(["P", "Q", "P"], cycles[0]);
        Assert.Equal(["X", "Y", "X"], cycles[1]);
    }

    [Fact]
    public void CycleFinderAcceptsAnAcyclicGraphAndSelfLoops()
    {
        Assert.Empty(DependencyCycles.Find(Graph(("A", "B"), ("A", "C"), ("B", "C"), ("C", "D"), ("D", "D"))));
    }

    /// <summary>A class whose method spans exactly <paramref name="lines"/> lines, from its signature to its closing brace.</summary>
    private static string ClassWithMethodOf(int lines)
    {
        var text = new StringBuilder("namespace N;\n\npublic class Outer\n{\n    [Obsolete]\n    public static int Long(int x)\n    {\n");
        for (var i = 0; i < lines - 4; i++)
        {
            text.Append("        x += 1;\n");
        }
        return text.Append("        return x;\n    }\n}\n").ToString();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(81)]
    public void LineCounterCountsFromSignatureToClosingBrace(int lines)
    {
        var measured = Assert.Single(MethodLengths.Measure(ClassWithMethodOf(lines), "src/N/Outer.cs"));
        Assert.Equal(new MethodLength("src/N/Outer.cs", "Outer.Long", lines), measured);
        Assert.Equal(lines > MethodLengthTests.MaximumLines, measured.Lines > MethodLengthTests.MaximumLines);
    }

    [Fact]
    public void LineCounterMeasuresConstructorsAccessorsAndLocalFunctionsByName()
    {
        const string source = """
            namespace N;
            public class Outer
            {
                public Outer() { }
                public int Value
                {
                    get
                    {
                        return 1;
                    }
                }
                public int Twice => 2;
                public abstract class Inner
                {
                    public abstract void NoBody();
                    public void Host()
                    {
                        int Local(int y) =>
                            y;
                    }
                }
            }
            """;
        var measured = MethodLengths.Measure(source, "f.cs").Select(m => $"{m.Name}={m.Lines}").ToList();
        Assert.Equal(["Outer.Outer=1", "Outer.Value.get=4", "Outer.Twice=1", "Outer.Inner.Host=5", "Outer.Inner.Host.Local=2"], measured);
    }

    [Fact]
    public void StageTableRefusesADependencyPointingRightOrSideways()
    {
        Assert.True(StageDependencyTable.Allows(new TypeDependency("Audit.Explain.KernelShap", "Audit.Fairness.Cells.GroupStatistics")));
        Assert.False(StageDependencyTable.Allows(new TypeDependency("Audit.Fairness.Cells.GroupStatistics", "Audit.Explain.KernelShap")));
        Assert.False(StageDependencyTable.Allows(new TypeDependency("Audit.Recourse.Any", "Audit.Explain.Any")));
        // A sub-namespace belongs to its stage; the one shared root type is allowed everywhere, the Auditor nowhere.
        Assert.True(StageDependencyTable.Allows(new TypeDependency("Audit.Fairness.Bootstrap.BinomialSampler", "Audit.Fairness.Cells.GroupStatistics")));
        Assert.True(StageDependencyTable.Allows(new TypeDependency("Audit.Models.Onnx.OnnxModel", "Audit.Models.IScoringModel")));
        Assert.True(StageDependencyTable.Allows(new TypeDependency("Audit.Data.Table", "Audit.AuditInputException")));
        Assert.False(StageDependencyTable.Allows(new TypeDependency("Audit.Data.Table", "Audit.Auditor")));
    }

    [Fact]
    public void RulesCatchEachKindOfViolation()
    {
        Assert.True(DependencyRuleTests.IsViolation(new TypeDependency("Audit.Reporting.HtmlReport", "Audit.Fairness.Cells.GroupStatistics")));
        Assert.True(DependencyRuleTests.IsViolation(new TypeDependency("Audit.Designs.Any", "Audit.Plan.AuditPlan")));
        Assert.True(DependencyRuleTests.IsViolation(new TypeDependency("Audit.Explain.Any", "Audit.Yaml.YamlMap")));
        Assert.True(DependencyRuleTests.IsViolation(new TypeDependency("Audit.Results.AuditResult", "Audit.Data.Table")));
        Assert.False(DependencyRuleTests.IsViolation(new TypeDependency("Audit.Synthetic.PopulationSpecLoader", "Audit.Yaml.YamlMap")));
        Assert.False(DependencyRuleTests.IsViolation(new TypeDependency("Audit.Cli.RunCommand", "Audit.Auditor")));
    }

    [Fact]
    public void LoaderSeesDependenciesInsideMethodBodiesAndLambdas()
    {
        // OutermostName folds compiler-generated closures and generic arities into the declaring type.
        Assert.Equal("Audit.Fairness.Cells.GroupStatistics", AuditDependencies.OutermostName("Audit.Fairness.Cells.GroupStatistics+<>c__DisplayClass3_0"));
        Assert.Equal("Audit.Results.Metric", AuditDependencies.OutermostName("Audit.Results.Metric`1"));
        // Every renderer reads the result: a dependency the loader must see, or it sees nothing.
        Assert.Contains(AuditDependencies.All, d => d.From.StartsWith("Audit.Reporting.", StringComparison.Ordinal) && d.To == "Audit.Results.AuditResult");
        Assert.Contains(AuditDependencies.All, d => d.From.StartsWith("Audit.Cli.", StringComparison.Ordinal) && StageDependencyTable.StageOf(d.To) == StageDependencyTable.Root);
    }

    [Fact]
    public void FluentRuleCatchesADependencyThatExists()
    {
        // The command line uses the Auditor: the same rule shape as NothingDependsOnTheCommandLine, pointed at a
        // dependency that exists, must report it (else that test would pass on an empty selection).
        var rule = Types().That().ResideInNamespace("Audit.Cli").Should().NotDependOnAnyTypesThat().ResideInNamespace("Audit");
        Assert.False(rule.HasNoViolations(AuditDependencies.Architecture));
    }
}
