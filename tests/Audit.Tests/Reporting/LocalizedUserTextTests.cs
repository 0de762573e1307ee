using Audit.Reporting;
using Audit.Reporting.Letters;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// The texts the user wrote appear in the report's language (issue 18: "the French screenshot shows no English
/// sentence"): the plan's description and the model's name as the plan or spec gives them by language, the name of
/// scores read from a column worded by the catalogue, and no CRPA cited outside French welfare. The expected texts
/// are written by hand here (the demo plan's and spec's French, the catalogue's French words).
/// </summary>
public sealed class LocalizedUserTextTests
{
    private const string FrenchDescription = "Audit de démonstration d'un score de risque illustratif sur 3\u202F000 foyers synthétiques (graine 20261124).";
    private const string EnglishDescription = "Demo audit of an illustrative household risk score on 3000 synthetic households (seed 20261124).";

    private static AuditResult Demo => ReportSamples.Demo;

    [Fact]
    public void APlanWithADescriptionMapShowsEachLanguagesText()
    {
        Assert.Equal(Audit.Synthetic.DemoPopulation.DefaultSeed, 20261124);
        var french = System.Net.WebUtility.HtmlDecode(HtmlReport.Render(Demo, ReportLanguage.French));
        var english = System.Net.WebUtility.HtmlDecode(HtmlReport.Render(Demo, ReportLanguage.English));
        Assert.Contains(FrenchDescription, french, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo audit of", french, StringComparison.Ordinal);
        Assert.Contains(EnglishDescription, english, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit de démonstration", english, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpecNameMapShowsEachLanguagesName()
    {
        var french = HtmlReport.Render(Demo, ReportLanguage.French);
        var english = HtmlReport.Render(Demo, ReportLanguage.English);
        Assert.Contains("Score de risque des foyers de la démonstration (illustratif)", french, StringComparison.Ordinal);
        Assert.DoesNotContain("Demo household risk score", french, StringComparison.Ordinal);
        Assert.Contains("Demo household risk score (illustrative)", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Score de risque des foyers", english, StringComparison.Ordinal);
    }

    [Fact]
    public void AReportInALanguageNotGivenFallsBackToEnglishThenToTheFirstText()
    {
        Dictionary<string, string> frenchAndGerman = new() { ["fr"] = "Qui est signalé ?", ["de"] = "Wer wird markiert?" };
        Dictionary<string, string> englishAndGerman = new() { ["de"] = "Wer wird markiert?", ["en"] = "Who is flagged?" };
        Assert.Equal("Qui est signalé ?", UserText.Pick("Qui est signalé ?", frenchAndGerman, ReportLanguage.English));
        Assert.Equal("Who is flagged?", UserText.Pick("Who is flagged?", englishAndGerman, ReportLanguage.French));
        Assert.Equal("plain", UserText.Pick("plain", null, ReportLanguage.French));
    }

    [Fact]
    public void ScoresReadFromAColumnAreNamedInTheReportsLanguage()
    {
        var model = Demo.Model with { Name = "scores in column 'decile_score'", Kind = "scores-in-data", DataColumn = "decile_score", NameByLanguage = null };
        var result = Demo with { Model = model };
        var french = HtmlReport.Render(result, ReportLanguage.French);
        Assert.DoesNotContain("scores in column", french, StringComparison.Ordinal);
        Assert.Contains("scores de la colonne «\u00A0decile_score\u00A0»", System.Net.WebUtility.HtmlDecode(french), StringComparison.Ordinal);
        Assert.Contains("scores in column 'decile_score'", System.Net.WebUtility.HtmlDecode(HtmlReport.Render(result, ReportLanguage.English)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCompasFrenchReportHasNoScoresInColumn()
    {
        var json = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "compas-propublica", ReportWriter.JsonFile));
        var result = AuditResultJson.Deserialize(json);
        Assert.Equal("decile_score", result.Model.DataColumn);
        var french = System.Net.WebUtility.HtmlDecode(HtmlReport.Render(result, ReportLanguage.French));
        Assert.DoesNotContain("scores in column", french, StringComparison.Ordinal);
        Assert.DoesNotContain("ProPublica's COMPAS audit", french, StringComparison.Ordinal);
        Assert.Contains("L'audit de COMPAS par ProPublica", french, StringComparison.Ordinal);
        var committed = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "compas-propublica", "report.fr.html"));
        Assert.DoesNotContain("scores in column", System.Net.WebUtility.HtmlDecode(committed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us", "criminal-justice")]
    [InlineData("cn", "social-credit")]
    [InlineData(null, null)]
    public void AnExplainPageOutsideFrenchWelfareCitesNoCrpa(string? jurisdiction, string? domain)
    {
        var legal = jurisdiction is null ? null : new LegalContext(jurisdiction, domain!);
        var e = Explanation();
        foreach (var language in new[] { "en", "fr" })
        {
            var page = PersonExplanationMarkdown.Render(e, language, legal);
            Assert.DoesNotContain("CRPA", page, StringComparison.Ordinal);
            Assert.DoesNotContain("R311", page.Split('\n')[2], StringComparison.Ordinal);
        }
        var letter = HtmlLetter.Render(PersonLetterBuilder.Build(e, null, ReportLanguage.French), Demo.Provenance with { Legal = legal }, ReportLanguage.French);
        Assert.DoesNotContain("CRPA R311-3-1-1", letter, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrenchWelfareExplainPageStillCitesCrpa()
    {
        var legal = new LegalContext("fr", "welfare");
        var page = PersonExplanationMarkdown.Render(Explanation(), "fr", legal);
        Assert.Contains("R311-3-1-2", page.Split('\n')[2], StringComparison.Ordinal);
        var letter = HtmlLetter.Render(PersonLetterBuilder.Build(Explanation(), null, ReportLanguage.French), Demo.Provenance with { Legal = legal }, ReportLanguage.French);
        Assert.Contains("CRPA R311-3-1-1", letter, StringComparison.Ordinal);
    }

    private static readonly Lazy<PersonExplanation> Person = new(() =>
    {
        using var dir = new TempDirectory();
        var plan = Audit.Plan.AuditPlanLoader.Load(Audit.Synthetic.DemoPopulation.WriteFiles(dir.Path, 500, Audit.Synthetic.DemoPopulation.DefaultSeed));
        return Audit.Auditor.ExplainPerson(plan, "1", null);
    });

    private static PersonExplanation Explanation() => Person.Value;
}
