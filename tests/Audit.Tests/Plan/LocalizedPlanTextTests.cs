using Audit.Models;
using Audit.Plan;

namespace Audit.Tests.Plan;

/// <summary>
/// A plan's description and a spec's name and description may be given by language (issue 18: "the French screenshot
/// shows no English sentence"): a plain string as before, or a map { en: ..., fr: ... }. The texts below are written
/// by hand; the loader must keep each as given.
/// </summary>
public sealed class LocalizedPlanTextTests : IDisposable
{
    private const string Plan = """
        name: test
        data:
          path: people.csv
        model:
          spec: model.yaml
        policy:
          budget: 250
        protected_attributes: [sexe]
        """;

    private const string Spec = """
        name: {0}
        kind: linear
        adverse: high
        features:
          - name: age
            type: numeric
            weight: 1
        """;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private AuditPlan Load(string description) => AuditPlanLoader.Load(dir.Write("plan.yaml", Plan + "\ndescription: " + description + "\n"));

    [Fact]
    public void APlainDescriptionIsKeptAsBeforeWithNoLanguageMap()
    {
        var plan = Load("\"Who is flagged?\"");
        Assert.Equal("Who is flagged?", plan.Description);
        Assert.Null(plan.DescriptionByLanguage);
    }

    [Fact]
    public void ADescriptionByLanguageKeepsEachTextAndDefaultsToEnglish()
    {
        var plan = Load("{ fr: \"Qui est signalé ?\", en: \"Who is flagged?\" }");
        Assert.Equal("Who is flagged?", plan.Description);
        Assert.Equal("Qui est signalé ?", plan.DescriptionByLanguage!["fr"]);
        Assert.Equal("Who is flagged?", plan.DescriptionByLanguage["en"]);
    }

    [Fact]
    public void WithoutEnglishTheFirstTextGivenIsTheDefault()
    {
        var plan = Load("{ fr: \"Qui est signalé ?\", de: \"Wer wird markiert?\" }");
        Assert.Equal("Qui est signalé ?", plan.Description);
    }

    [Fact]
    public void ALanguageCodeThatIsNotOneIsRefusedWithItsKey()
    {
        var error = Assert.Throws<AuditInputException>(() => Load("{ French: \"Qui est signalé ?\" }"));
        Assert.Contains("language code", error.Message, StringComparison.Ordinal);
        Assert.Contains("French", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASpecNameByLanguageKeepsEachTextAndAPlainNameHasNoMap()
    {
        var localized = LinearModelSpec.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, Spec, "{ en: Risk score, fr: Score de risque }"), "model.yaml");
        Assert.Equal("Risk score", localized.Name);
        Assert.Equal("Score de risque", localized.NameByLanguage!["fr"]);
        var plain = LinearModelSpec.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, Spec, "Risk score"), "model.yaml");
        Assert.Equal("Risk score", plain.Name);
        Assert.Null(plain.NameByLanguage);
    }

    [Fact]
    public void EveryShippedPlanAndSpecGivesItsDescriptionAndNameInFrench()
    {
        var root = SharedData.RepositoryRoot;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "models"), "*.yaml"))
        {
            var spec = LinearModelSpec.Load(file, Path.GetFileName(file));
            Assert.True(spec.NameByLanguage?.ContainsKey("fr") == true, $"{file}: no French name");
            Assert.True(spec.Description is null || spec.DescriptionByLanguage?.ContainsKey("fr") == true, $"{file}: no French description");
        }
        foreach (var file in Directory.GetFiles(Path.Combine(root, "datasets", "plans"), "*.yaml"))
        {
            var text = File.ReadAllText(file);
            Assert.Matches(@"(?m)^description:\n  en: .*\n  fr: ", text);
        }
    }
}
