using Audit.Data;
using Audit.Plan;
using Audit.Tests.Cli;

namespace Audit.Tests.Plan;

/// <summary>
/// Issue 17, item 6: the records a stage takes carry no YAML position; an error a stage raises about a key of the plan
/// gets its line from the plan's side map of positions.
/// </summary>
public sealed class PlanPositionsTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AKeyWithoutALineTakesTheLineOfItsNearestRecordedEnclosingKey()
    {
        var positions = PlanPositions.Empty.With("recourse", 13).With("designs.partial_model", 20);
        Assert.Equal(13, positions.LineOf("recourse"));
        Assert.Equal(13, positions.LineOf("recourse.method"));
        Assert.Equal(20, positions.LineOf("designs.partial_model[0].samples"));
        Assert.Null(positions.LineOf("designs"));
        Assert.Null(positions.LineOf("recourse_more")); // a longer key is not inside 'recourse'
        Assert.Null(PlanPositions.Empty.LineOf("recourse"));
    }

    [Fact]
    public void ARecourseErrorRaisedByTheStageNamesTheLineOfTheRecourseKey()
    {
        File.WriteAllLines(folder.File("people.csv"), ["sex,flagged", .. Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "a" : "b")},{i % 3 % 2}")]);
        // Decisions in the data with no model: recourse has nothing a person could change, which the recourse stage finds
        // only once the people are decided.
        const string Text = """
            name: decisions
            data: { path: people.csv }
            model: { decision_column: flagged }
            protected_attributes: [sex]
            inference: { bootstrap: 0 }
            recourse:
              method: auto
            """;
        var plan = AuditPlanLoader.Load(folder.Write("plan.yaml", Text));
        var recourseLine = Text.Split('\n').ToList().FindIndex(l => l.StartsWith("recourse:", StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(plan, "test"));
        Assert.Contains("recourse needs the model that made the decisions", error.Message);
        Assert.Equal("recourse", error.KeyPath);
        Assert.InRange(error.Line!.Value, recourseLine, recourseLine + 1);
    }
}
