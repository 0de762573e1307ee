using Audit.Reporting;
using Audit.Tests.Cli;
using System.Text.RegularExpressions;
using Audit.Reporting.Html;
using Audit.Reporting.Text;
using Audit.Results;
using Audit.Tests.Designs;

namespace Audit.Tests.Reporting;

/// <summary>The explanations, recourse, designs and population sections are real report sections, not JSON dumps.</summary>
public sealed class HtmlStageSectionsTests
{
    private static readonly Lazy<AuditResult> Designs = new(() =>
    {
        using var caf = new CafDesignsTests();
        return caf.Run("{ top_fraction: 0.1 }", "  flip: [parent_isole]\n  drop_one: true\n  capacity: { fractions: [0.05, 0.1, 0.2] }",
            Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), rows: 2000);
    });

    private static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section id=\"{id}\".*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, id);
        return match.Value;
    }

    [Fact]
    public void NoOptionalSectionIsARawJsonDump()
    {
        foreach (var language in ReportLanguage.All)
        {
            var html = HtmlReport.Render(ReportSamples.DemoWithEverySection with { Designs = Designs.Value.Designs }, language);
            foreach (var id in new[] { "population", "explanations", "recourse", "designs" })
            {
                Assert.DoesNotContain("class=\"tree\"", Section(html, id));
            }
        }
    }

    [Fact]
    public void ExplanationsShowImportanceProxiesStrongestFirstAndWhereEachGapComesFrom()
    {
        var result = ReportSamples.DemoWithEverySection;
        var e = result.Explanations!;
        var html = Section(HtmlReport.Render(result, ReportLanguage.English), "explanations");
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"plot-importance\"", html);
        // Every input's importance is in the table, with its permutation importance and standard error.
        foreach (var f in e.Importance)
        {
            Assert.Contains($"<td>{HtmlText.Escape(f.Feature)}</td>", html);
        }
        Assert.Contains(" ± ", html);
        // Proxies: the association column decreases down the table.
        var proxies = Regex.Match(html, "<caption>Proxy strength.*?</table>", RegexOptions.Singleline).Value;
        var associations = Regex.Matches(proxies, "<tr><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td class=\"num\">([0-9.]+)</td>")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(e.Proxies.Count, associations.Length);
        Assert.Equal(associations.OrderByDescending(a => a), associations);
        // One sentence per decomposition, naming the input with the largest part.
        foreach (var d in e.Decompositions.Where(d => d.Gap.Value is not null))
        {
            var largest = d.Parts.Where(p => p.Difference.Value is not null).MaxBy(p => Math.Abs(p.Difference.Value!.Value))!;
            Assert.Contains($"between {HtmlText.Escape(d.Group)} and the reference {HtmlText.Escape(d.Reference)} comes from {HtmlText.Escape(largest.Feature)}", html);
        }
        Assert.Contains("Additivity check", html);
    }

    [Fact]
    public void RecourseShowsSharesCostsLeversAndRoutes()
    {
        var r = ReportSamples.DemoWithEverySection.Recourse!;
        var html = Section(HtmlReport.Render(ReportSamples.DemoWithEverySection, ReportLanguage.English), "recourse");
        Assert.Contains("Flagged with no recourse", html);
        Assert.Contains(new Audit.Reporting.Html.HtmlReportContext(ReportSamples.Demo, ReportLanguage.English).PercentWithInterval(r.NoRecourse), html);
        Assert.Contains("id=\"plot-recourse-", html);
        Assert.Contains("id=\"plot-recourse-cost-", html);
        Assert.Contains("Routes to contest", html);
        foreach (var route in r.Routes!.Routes)
        {
            Assert.Contains(HtmlText.Escape(route.Name), html);
        }
        var french = Section(HtmlReport.Render(ReportSamples.DemoWithEverySection, ReportLanguage.French), "recourse");
        Assert.Contains("Signalés sans recours", french);
    }

    [Fact]
    public void PopulationWarnsThatDataAndLabelAreSynthetic()
    {
        var html = Section(HtmlReport.Render(ReportSamples.DemoWithEverySection, ReportLanguage.English), "population");
        Assert.Contains("<b>Synthetic data.</b>", html);
        Assert.Contains("<b>Synthetic label.</b>", html);
        Assert.Contains(new string('a', 64), html);
        Assert.Contains("datasets/populations/caf-france.yaml", html);
        var notLabel = ReportSamples.DemoWithEverySection with { Population = ReportSamples.DemoWithEverySection.Population! with { LabelIsSynthetic = false } };
        Assert.DoesNotContain("Synthetic label.", Section(HtmlReport.Render(notLabel, ReportLanguage.English), "population"));
    }

    [Fact]
    public void DesignsGetTablesAndTheCapacitySweepAPlot()
    {
        var result = Designs.Value;
        var html = Section(HtmlReport.Render(result, ReportLanguage.English), "designs");
        Assert.Contains("Capacity sweep", html);
        Assert.Contains("id=\"plot-capacity-", html);
        Assert.Contains("Everyone with parent_isole set to each value", html);
        Assert.Contains("The model with one input dropped", html);
        foreach (var variant in result.Designs!.DropOne!)
        {
            Assert.Contains($"<td>{HtmlText.Escape(variant.Name)}</td>", html);
        }
        var french = Section(HtmlReport.Render(result, ReportLanguage.French), "designs");
        Assert.Contains("Balayage de la capacité", french);
    }

    [Fact]
    public void TheAdjustedOddsRatiosOfTheShowcaseAreShown()
    {
        var result = AuditResultJson.Deserialize(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "compas-propublica-adjusted", "report.json")));
        var html = Section(HtmlReport.Render(result, ReportLanguage.English), "designs");
        Assert.Contains("Adjusted odds ratios of the protected groups", html);
        // Groups the fairness section hides (Asian, Native American) have their odds ratios withheld; the rest are shown.
        var shown = result.Designs!.Adjusted!.ProtectedEffects.Where(e => e.OddsRatio.Value is not null).ToList();
        Assert.NotEmpty(shown);
        foreach (var effect in shown)
        {
            Assert.Contains(ReportLanguage.English.Number(effect.OddsRatio.Value!.Value, 2), html);
        }
    }

    [Fact]
    public void DataStringsInTheNewSectionsAreEscaped()
    {
        const string evil = "<script>x</script>";
        var full = ReportSamples.DemoWithEverySection;
        var e = full.Explanations!;
        var result = full with
        {
            Explanations = e with
            {
                Importance = e.Importance.Select((f, i) => i == 0 ? f with { Feature = evil } : f).ToArray(),
                Proxies = e.Proxies.Select(p => p with { Feature = evil }).ToArray(),
            },
            Population = full.Population! with { Name = evil },
            Recourse = full.Recourse! with { Notes = [new RecourseNote(RecourseNote.UnstatedActionability, Inputs: [evil])] },
        };
        var html = HtmlReport.Render(result, ReportLanguage.English);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html);
    }

    [Fact]
    public void TheMappingCountsDesignsOnlyWhereTheyEvidenceADuty()
    {
        static Audit.Reporting.Regulatory.EvidenceStatus Of(AuditResult r, string duty) => Audit.Reporting.Regulatory.RegulatoryMapping.Of(r).Single(d => d.Duty == duty).Status;
        // A human-decision column and a designs stage without decision-following: the contribution is only partly evidenced.
        var full = ReportSamples.DemoWithEverySection;
        Assert.Equal(Audit.Reporting.Regulatory.EvidenceStatus.Partly, Of(full, "contribution"));
        var following = new DecisionFollowingResult("agent_decision", 10, Metric.UndefinedBecause("x"), Metric.UndefinedBecause("x"), Metric.UndefinedBecause("x"), Metric.UndefinedBecause("x"), []);
        Assert.Equal(Audit.Reporting.Regulatory.EvidenceStatus.Evidenced, Of(full with { Designs = new DesignsSection { DecisionFollowing = following } }, "contribution"));
        Assert.Equal(Audit.Reporting.Regulatory.EvidenceStatus.Partly, Of(full, "persistence"));
        Assert.Equal(Audit.Reporting.Regulatory.EvidenceStatus.Evidenced, Of(full with { Designs = new DesignsSection { Time = new TimeResult("month", ["1", "2"], []) } }, "persistence"));
        // Explanations and recourse at population level never make the per-person duties evidenced.
        foreach (var duty in new[] { "weights", "meaningfulLogic", "aiRole", "appeal" })
        {
            Assert.Equal(Audit.Reporting.Regulatory.EvidenceStatus.Partly, Of(full, duty));
        }
        // The principal reasons of an adverse action are a duty of US credit (12 CFR 1002.9(b)(2)), not of the demo's French welfare.
        Assert.Equal(Audit.Reporting.Regulatory.EvidenceStatus.Partly, Audit.Reporting.Regulatory.RegulatoryMapping.Of(full, new LegalContext("us", "credit")).Single(d => d.Duty == "principalReasons").Status);
    }
}
