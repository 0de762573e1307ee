using Audit.Plan;
using Audit.Results;

namespace Audit.Tests.Plan;

/// <summary>The plan's <c>legal:</c> key (docs/legal/README.md): the supported pairs, none, and the errors that help.</summary>
public sealed class LegalPlanReaderTests : IDisposable
{
    private const string Base = """
        name: test
        data:
          path: people.csv
        model:
          spec: model.yaml
        policy:
          threshold: 0.5
        protected_attributes:
          - sexe
        """;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private AuditPlan Load(string legal) => AuditPlanLoader.Load(dir.Write("plan.yaml", Base + "\n" + legal + "\n"));

    [Fact]
    public void WithoutTheKeyOrWithNoneThereIsNoLegalContext()
    {
        Assert.Null(Load("").Legal);
        Assert.Null(Load("legal: { jurisdiction: none }").Legal);
    }

    [Fact]
    public void EverySupportedPairIsReadAndNoOtherIs()
    {
        // Brute force over every pair of codes: exactly the supported ones load.
        foreach (var jurisdiction in LegalContext.Jurisdictions)
        {
            foreach (var domain in LegalContext.Domains)
            {
                var text = $"legal:\n  jurisdiction: {jurisdiction}\n  domain: {domain}";
                var expected = new LegalContext(jurisdiction, domain);
                if (LegalContext.Supported.Contains(expected))
                {
                    Assert.Equal(expected, Load(text).Legal);
                }
                else
                {
                    var e = Assert.Throws<AuditInputException>(() => Load(text));
                    Assert.Contains("no legal mapping", e.Message);
                    Assert.Contains("fr welfare", e.Hint);
                }
            }
        }
    }

    [Fact]
    public void AFileNameIsRefusedWithAHintAboutRecourseJurisdiction()
    {
        var e = Assert.Throws<AuditInputException>(() => Load("legal: { jurisdiction: ../jurisdictions/fr-caf.yaml, domain: welfare }"));
        Assert.Contains("recourse.jurisdiction", e.Hint);
    }

    [Fact]
    public void MistakesNameTheKey()
    {
        Assert.Contains("did you mean 'us'", Assert.Throws<AuditInputException>(() => Load("legal: { jurisdiction: usa, domain: credit }")).Message);
        Assert.Contains("domain", Assert.Throws<AuditInputException>(() => Load("legal: { jurisdiction: fr }")).Message);
        Assert.Throws<AuditInputException>(() => Load("legal: { jurisdiction: none, domain: welfare }"));
        Assert.Throws<AuditInputException>(() => Load("legal: { jurisdiction: fr, domain: welfare, country: fr }"));
    }
}
