using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;
using Audit.Tests.Cli;

namespace Audit.Tests.Reporting;

/// <summary>
/// The first-screen banner of what is built in (issue 18, item 5): present on the shipped CAF plan (synthetic
/// households, a reconstructed model with illustrative weights, two weights calibrated to Le Monde's 36 %), in
/// English and French, in HTML and Markdown, before the summary; absent on real data (the shipped COMPAS plan,
/// pseudonymised real defendants scored by the real COMPAS, and a plain CSV of real subjects).
/// </summary>
public sealed class BuiltInBannerTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly Lazy<AuditResult> Caf = new(() =>
    {
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"));
        // 20,000 households instead of 1,000,000, so that the test runs in seconds; what is built in does not depend on the size.
        plan = plan with { Data = plan.Data with { Population = new PopulationSource(20_000, 1) }, Recourse = null, BootstrapReplicates = 0 };
        return Auditor.Run(plan, "test");
    });

    [Fact]
    public void TheCafResultSaysWhatIsBuiltIn()
    {
        var r = Caf.Value;
        Assert.Equal(DataSubjects.Synthetic, r.Data.Subjects);
        Assert.Equal("reconstructed", r.Model.Status);
        // The spec's two fitted weights, read from models/caf-reconstructed.yaml's 'calibrated:' keys.
        Assert.Equal(["parent_isole", "taux_effort_logement"], r.Model.Calibrated!.Select(t => t.Term));
        Assert.Contains("36 %", r.Model.Calibrated![0].Figure);
        var singleParents = GroupKey.Of(["parent_isole"], ["true"]);
        Assert.Equal("parent_isole", Assert.Single(r.Model.CalibrationsOf(singleParents)).Term);
        Assert.Empty(r.Model.CalibrationsOf(GroupKey.Of(["sexe"], ["F"])));
        Assert.Single(r.Model.CalibrationsOf(GroupKey.Of(["sexe", "parent_isole"], ["F", "true"])));
    }

    [Theory]
    [InlineData("en", "Read this first: what is built in", "The people are synthetic", "The model is reconstructed", "Calibrated, not found")]
    [InlineData("fr", "À lire d'abord\u00A0: ce qui est construit, pas observé", "Les personnes sont synthétiques", "Le modèle est reconstitué", "Calibré, non découvert")]
    public void TheCafReportOpensWithTheBanner(string code, string title, string people, string model, string calibrated)
    {
        var language = ReportLanguage.Of(code);
        var html = System.Net.WebUtility.HtmlDecode(HtmlReport.Render(Caf.Value, language));
        // The first screen: the summary opens with the one-line banner, before the table of established disparities;
        // the full statements follow the summary, and the one-line banner links to them.
        var summary = html.IndexOf("<section id=\"summary\"", StringComparison.Ordinal);
        var line = html.IndexOf("<p class=\"built-in-short\"", StringComparison.Ordinal);
        Assert.True(summary > 0 && line > summary, "no one-line banner in the summary");
        Assert.True(line < html.IndexOf("<table class=\"first-screen\"", StringComparison.Ordinal), "the one-line banner is not before the disparities");
        Assert.Contains("href=\"#built-in\"", html[line..html.IndexOf("</p>", line, StringComparison.Ordinal)]);
        var banner = html.IndexOf("<section id=\"built-in\"", StringComparison.Ordinal);
        Assert.True(banner > summary, "no full banner after the summary");
        var section = html[banner..html.IndexOf("</section>", banner, StringComparison.Ordinal)];
        Assert.Contains(title, section);
        Assert.Contains(people, section);
        Assert.Contains("20" + (code == "fr" ? "\u202F" : ",") + "000", section);
        Assert.Contains(model, section);
        Assert.Contains(calibrated, section);
        Assert.Contains("parent_isole", section);
        // Every finding on single parents is marked, and only those.
        var marked = Caf.Value.Fairness.Findings.Count(f => f.Group.Parts.Any(p => p.Key == "parent_isole"));
        Assert.Equal(marked, BuiltInText.MarkedFindings(Caf.Value, language).Count);
    }

    [Fact]
    public void TheMarkdownReportOpensWithTheBannerToo()
    {
        var md = MarkdownReport.Render(Caf.Value);
        var banner = md.IndexOf("> **Read this first: what is built in**", StringComparison.Ordinal);
        Assert.True(banner > 0, "no banner in the Markdown report");
        Assert.True(banner < md.IndexOf("## Headline findings", StringComparison.Ordinal));
        Assert.Contains("> - Calibrated, not found: the weight of parent\\_isole", md);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void NoBannerOnRealData(string code)
    {
        dir.Write("people.csv", "pid,score,sex\np1,0.9,F\np2,0.5,M\np3,0.8,F\np4,0.2,M\n");
        var plan = AuditPlanLoader.Load(dir.Write("plan.yaml", """
            name: real
            data: { path: people.csv, subjects: real }
            roles: { id: pid }
            model: { score_column: score, adverse: high }
            policy: { budget: 2 }
            protected_attributes: [sex]
            min_cell_size: 1
            """));
        var result = Auditor.Run(plan, "test");
        Assert.Equal(DataSubjects.Real, result.Data.Subjects);
        Assert.DoesNotContain("id=\"built-in\"", HtmlReport.Render(result, ReportLanguage.Of(code)));
        Assert.DoesNotContain("Read this first", MarkdownReport.Render(result));
    }

    [Fact]
    public void NoBannerOnCompasWhoseDefendantsAreRealButPseudonymised()
    {
        var data = SharedData.PathOf("datasets/compas-scores-two-years.csv");
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "compas-propublica.yaml"), data);
        var result = Auditor.Run(plan with { BootstrapReplicates = 0 }, "test");
        Assert.Equal(DataSubjects.Pseudonymised, result.Data.Subjects);
        Assert.Null(result.Population);
        Assert.DoesNotContain("id=\"built-in\"", HtmlReport.Render(result, ReportLanguage.French));
        Assert.DoesNotContain("Read this first", MarkdownReport.Render(result));
    }
}
