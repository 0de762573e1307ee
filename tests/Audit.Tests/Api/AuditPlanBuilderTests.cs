using Audit.Plan;

namespace Audit.Tests.Api;

/// <summary>What the plan builder refuses and what it fills in, against the plan file's rules (docs/audit-plan.md).</summary>
public sealed class AuditPlanBuilderTests
{
    [Fact]
    public void APlanWithoutAPolicyIsRefusedWhenBuilt()
    {
        var builder = new AuditContext().Plan().Data(ApiPeople.Table()).Model(ApiPeople.Model()).Protect("sex");

        var error = Assert.Throws<AuditInputException>(builder.Build);

        Assert.Equal("the plan has no decision policy", error.Problem);
        Assert.Equal(AuditPlanBuilder.CodeDisplay, error.File);
    }

    [Fact]
    public void AnIntersectionOfAnUnprotectedColumnIsRefused()
    {
        var builder = new AuditContext().Plan().Data(ApiPeople.Table()).Model(ApiPeople.Model()).Threshold(0.5).Protect("sex").Intersect("sex", "region");

        var error = Assert.Throws<AuditInputException>(builder.Build);

        Assert.Equal("region", error.Found);
    }

    [Fact]
    public void DefaultsAreThePlanFilesAndIntersectionsDefaultToEveryPair()
    {
        var plan = new AuditContext(seed: 42).Plan().Data(ApiPeople.Table()).Model(ApiPeople.Model()).Threshold(0.5)
            .Protect("sex").Protect("age", bands: [30]).Protect("region").Build();

        Assert.Equal(42, plan.Seed);
        Assert.Equal(AuditPlan.DefaultMinCellSize, plan.MinCellSize);
        Assert.Equal(0.95, plan.Confidence);
        Assert.Equal("holm", plan.Correction);
        Assert.Equal(1000, plan.BootstrapReplicates);
        Assert.Equal(0.8, plan.Tolerance);
        // Three attributes: the pairs sex×age, sex×region, age×region, as 'intersections' left out of a plan file gives.
        Assert.Equal([["sex", "age"], ["sex", "region"], ["age", "region"]], plan.Intersections.Select(s => s.ToArray()).ToArray());
        Assert.Empty(plan.InputFiles());
    }

    [Fact]
    public void DecisionsInTheDataNeedNoPolicy()
    {
        var plan = new AuditContext().Plan().Data(ApiPeople.Table()).Decisions("fraud").Protect("sex").Build();

        Assert.IsType<Audit.Policy.DecisionsAsGiven>(plan.Policy);
        Assert.IsType<DecisionColumnSource>(plan.Model);
    }
}
