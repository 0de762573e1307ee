using Audit.Data;
using Audit.Models;
using Audit.Tests.Cli;

namespace Audit.Tests.Models;

/// <summary>Defects found in the review of the model layer, each pinned by the case that showed it.</summary>
public sealed class ModelReviewTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private const string Scaled = """
        name: scaled
        kind: logistic
        adverse: low
        intercept: 0
        features:
          - name: x
            type: numeric
            weight: 1
        scaling: { base_score: 600, base_odds: 50, points_to_double_odds: 20, min: 950, max: 350 }
        """;

    [Fact]
    public void AScaleWhoseMinimumIsAboveItsMaximumIsASpecError()
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Scaled, "m.yaml"));
        Assert.Equal("scaling.max", error.KeyPath);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void ContributionsFillTermNamesInteractionsIncluded()
    {
        var caf = LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        Assert.Equal(caf.Terms.Count + caf.Interactions.Count, caf.TermNames.Count);
        Assert.True(caf.TermNames.Count > caf.Features.Count);
    }

    [Fact]
    public void AnEmptyBooleanColumnTakesTheMissingWeight()
    {
        dir.Write("people.csv", "id,g,b\n1,x,\n2,y,\n");
        dir.Write("model.yaml", """
            name: m
            kind: linear
            adverse: high
            intercept: 1
            features:
              - { name: b, type: boolean, weight: 2, missing: 0.5 }
            """);
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            model: { spec: model.yaml }
            policy: { threshold: 1.5 }
            protected_attributes: [g]
            min_cell_size: 1
            inference: { bootstrap: 0 }
            """);
        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"));
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("2 flagged", outcome.Out); // 1 + 0.5 = 1.5 ≥ 1.5 for both rows
    }

    [Fact]
    public void AnUnknownInterceptIsBlamedOnTheSpecNotTheData()
    {
        var model = LinearModelSpec.Parse(Scaled.Replace("intercept: 0", "intercept: unknown").Replace("min: 950, max: 350", "min: 350, max: 950"), "m.yaml");
        var error = Assert.Throws<AuditInputException>(() => model.LinearPredictor(new Table([new NumericColumn("x", [1])])));
        Assert.Equal("m.yaml", error.File);
        Assert.Equal("intercept", error.KeyPath);
        Assert.True(double.IsNaN(model.Intercept));
    }
}
