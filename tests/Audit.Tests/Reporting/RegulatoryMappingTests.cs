using System.Text.RegularExpressions;
using Audit.Reporting;
using Audit.Reporting.Html.Sections;
using Audit.Reporting.Letters;
using Audit.Reporting.Regulatory;
using Audit.Reporting.Tables;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// The law of the place and of the domain (issue 18, item 7): the mapping, the templates and the letters' duties follow
/// the plan's legal context; without one, no legal claim. The oracles are the research notes of docs/legal/ (every
/// source the mapping cites must be written in its note) and, per context, the legal texts that must and must not
/// appear in the rendered report.
/// </summary>
public sealed class RegulatoryMappingTests
{
    private static readonly AuditResult[] Samples = [ReportSamples.Demo, ReportSamples.DemoWithEverySection, ReportSamples.DemoWithoutLabelOrInference];

    private static AuditResult In(AuditResult r, LegalContext? legal) => r with { Provenance = r.Provenance with { Legal = legal } };

    private static string NoteOf(LegalContext legal) => File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "legal", legal.NoteName()));

    /// <summary>The regulatory and templates sections of a rendered report (where legal claims are made).</summary>
    private static string LegalSections(string html) =>
        string.Concat(Regex.Matches(html, "<section id=\"(regulatory|templates)\"[\\s\\S]*?</section>").Select(m => m.Value));

    private static string Text(string key, ReportLanguage l) => HtmlText.Escape(l.T(key));

    public static TheoryData<string, string> Contexts() => [.. LegalContext.Supported.Select(c => (c.Jurisdiction, c.Domain))];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void EverySourceTheMappingCitesIsWrittenInTheNoteOfItsContext(string jurisdiction, string domain)
    {
        var legal = new LegalContext(jurisdiction, domain);
        var note = NoteOf(legal);
        var sources = Samples.SelectMany(r => RegulatoryMapping.Of(In(r, legal))).Select(d => d.Source)
            .Concat(LetterDuties.Of(legal).Select(d => d.Source)).Distinct().ToArray();
        Assert.NotEmpty(sources);
        var missing = sources.Where(s => !note.Contains(s, StringComparison.Ordinal)).ToArray();
        Assert.True(missing.Length == 0, $"{legal.NoteName()} does not hold: {string.Join(" | ", missing)}");
        // The check can fail: another context's sources are not all in this note.
        var others = LegalContext.Supported.Where(c => c.Jurisdiction != jurisdiction)
            .SelectMany(c => RegulatoryMapping.Of(In(ReportSamples.Demo, c))).Select(d => d.Source);
        Assert.Contains(others, s => !note.Contains(s, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void EveryDutyHasItsWordsInBothLanguagesAndTheReportNeverSaysSatisfied(string jurisdiction, string domain)
    {
        var legal = new LegalContext(jurisdiction, domain);
        foreach (var language in ReportLanguage.All)
        {
            Assert.True(language.Text.Contains(LegalWords.NoteKey(legal)), LegalWords.NoteKey(legal));
            foreach (var row in Samples.SelectMany(r => RegulatoryMapping.Of(In(r, legal))))
            {
                Assert.True(language.Text.Contains("reg." + row.Duty + ".duty"), row.Duty);
                Assert.True(language.Text.Contains(row.Reason), row.Reason);
            }
            foreach (var sample in Samples)
            {
                var section = LegalSections(HtmlReport.Render(In(sample, legal), language));
                Assert.DoesNotMatch("(?i)satisf|complies|conforme|respecte l", section);
            }
        }
    }

    [Fact]
    public void FrenchWelfareCitesTheCrpaAndGivesBothTemplatesAndTheLettersCiteItsItems()
    {
        var legal = new LegalContext("fr", "welfare");
        foreach (var language in ReportLanguage.All)
        {
            var html = HtmlReport.Render(In(ReportSamples.Demo, legal), language);
            var section = LegalSections(html);
            Assert.Contains("CRPA R311-3-1-2 1°", section);
            Assert.Contains(language.Code == "fr" ? "RGPD art. 22\u00A0; CJUE C-634/21 (SCHUFA)" : "GDPR art. 22; CJEU C-634/21 (SCHUFA)", section);
            Assert.Contains(Text("fria.title", language), section);
            Assert.Contains(Text("dpia.title", language), section);
            Assert.DoesNotContain("1607", section);
            Assert.DoesNotContain("1002", section);
            Assert.DoesNotContain("Loomis", section);
            Assert.Contains(Text("legal.fourFifths.forInformation", language), section);
        }
        Assert.Equal(["CRPA R311-3-1-2", "GDPR art. 15(1)(h); CJEU C-203/22"], LetterDuties.Of(legal).Select(d => d.Source));
    }

    [Fact]
    public void EuPlatformWorkCitesTheDirectiveAndGivesTheDpiaButNoFria()
    {
        var legal = new LegalContext("eu", "platform-work");
        foreach (var language in ReportLanguage.All)
        {
            var section = LegalSections(HtmlReport.Render(In(ReportSamples.Demo, legal), language));
            var directive = language.Code == "fr" ? "directive (UE) 2024/2831" : "Directive (EU) 2024/2831";
            Assert.Contains(directive + " art. 10(5)", section);
            Assert.Contains(directive + " art. 11(1)", section);
            Assert.Contains(Text("dpia.title", language), section);
            Assert.DoesNotContain(Text("fria.title", language), section);
            Assert.DoesNotContain("CRPA", section);
            Assert.DoesNotContain("1607", section);
        }
        Assert.Empty(LetterDuties.Of(legal));
    }

    [Fact]
    public void UsCriminalJusticeCitesLoomisAndNoCrpaFriaDpiaCreditOrEmploymentLaw()
    {
        var legal = new LegalContext("us", "criminal-justice");
        foreach (var language in ReportLanguage.All)
        {
            // The demo without the French contest-routes file of DemoWithEverySection, whose routes cite the CRPA as data.
            var html = HtmlReport.Render(In(ReportSamples.Demo, legal), language);
            foreach (var word in new[] { "CRPA", "FRIA", "DPIA", "AIPD", "fundamental-rights impact", "analyse d’impact sur les droits fondamentaux", "analyse d'impact sur les droits fondamentaux" })
            {
                Assert.DoesNotContain(word, html);
            }
            var section = LegalSections(html);
            Assert.Contains("State v. Loomis, 881 N.W.2d 749 (Wis. 2016)", section);
            foreach (var word in new[] { "ECOA", "Title VII", "1607", "1002", "Regulation B", "GDPR", "RGPD", "AI Act", "règlement IA" })
            {
                Assert.DoesNotContain(word, section);
            }
            Assert.Contains(Text("legal.fourFifths.forInformation", language), section);
            Assert.DoesNotContain("id=\"templates\"", html);
        }
        var md = MarkdownReport.Render(In(ReportSamples.Demo, legal));
        Assert.Contains("State v. Loomis", md);
        Assert.DoesNotContain("CRPA", md);
        Assert.Empty(LetterDuties.Of(legal));
    }

    [Fact]
    public void AFrenchReportCitesTheEuropeanTextsTheFrenchWay()
    {
        Assert.Equal("RGPD art. 22\u00A0; CJUE C-634/21 (SCHUFA)", LegalWords.Source("GDPR art. 22; CJEU C-634/21 (SCHUFA)", ReportLanguage.French));
        Assert.Equal("règlement IA art. 11-12, annexe IV\u00A0; art. 26(6)", LegalWords.Source("AI Act art. 11-12, Annex IV; art. 26(6)", ReportLanguage.French));
        Assert.Equal("directive 2000/43/CE art. 2(2)(b)\u00A0; Loi 2008-496 art. 1", LegalWords.Source("Directive 2000/43/EC art. 2(2)(b); Loi 2008-496 art. 1", ReportLanguage.French));
        Assert.Equal("directive (UE) 2024/2831 art. 8\u00A0; RGPD art. 35", LegalWords.Source("Directive (EU) 2024/2831 art. 8; GDPR art. 35", ReportLanguage.French));
        Assert.Equal("GDPR art. 22; CJEU C-634/21 (SCHUFA)", LegalWords.Source("GDPR art. 22; CJEU C-634/21 (SCHUFA)", ReportLanguage.English));
    }

    [Fact]
    public void AModelKnownOnlyByItsScoresHasNoKnownInputs()
    {
        // COMPAS in the data: the score column is listed as the model's one "feature", but it is no input.
        var legal = new LegalContext("us", "criminal-justice");
        var scores = In(ReportSamples.Demo, legal) with
        {
            Model = ReportSamples.Demo.Model with { Kind = "scores-in-data", Features = [new ModelFeature("decile_score", "numeric", null)] },
        };
        Assert.Equal(EvidenceStatus.Partly, RegulatoryMapping.Of(scores).Single(d => d.Duty == "protectedInputs").Status);
        Assert.Equal(EvidenceStatus.Evidenced, RegulatoryMapping.Of(In(ReportSamples.Demo, legal)).Single(d => d.Duty == "protectedInputs").Status);
    }

    [Fact]
    public void UsCreditCitesRegulationBAndTheLettersGiveTheAdverseActionReasons()
    {
        var legal = new LegalContext("us", "credit");
        foreach (var language in ReportLanguage.All)
        {
            var section = LegalSections(HtmlReport.Render(In(ReportSamples.DemoWithEverySection, legal), language));
            Assert.Contains("12 CFR 1002.9(b)(2)", section);
            Assert.Contains("ECOA, 15 U.S.C. 1691(d)", section);
            Assert.DoesNotContain("CRPA", section);
            Assert.DoesNotContain("1607", section);
            Assert.DoesNotContain("Title VII", section);
        }
        Assert.Equal(["12 CFR 1002.9(b)(2)"], LetterDuties.Of(legal).Select(d => d.Source));
    }

    [Fact]
    public void OnlyUsEmploymentCitesTheFourFifthsRuleAsLaw()
    {
        var legal = new LegalContext("us", "employment");
        foreach (var language in ReportLanguage.All)
        {
            var section = LegalSections(HtmlReport.Render(In(ReportSamples.Demo, legal), language));
            Assert.Contains("29 CFR 1607.4(D)", section);
            Assert.Contains("Title VII, 42 U.S.C. 2000e-2(k)(1)(A)(i)", section);
            Assert.DoesNotContain(Text("legal.fourFifths.forInformation", language), section);
            Assert.DoesNotContain("ECOA", section);
            Assert.DoesNotContain("CRPA", section);
        }
        // Brute force over every context: the rule's citation appears in exactly one.
        var citing = LegalContext.Supported.Where(c => RegulatoryMapping.Of(In(ReportSamples.Demo, c)).Any(d => d.Source.Contains("1607", StringComparison.Ordinal))).ToArray();
        Assert.Equal([legal], citing);
        Assert.Equal([legal], LegalContext.Supported.Where(LegalWords.FourFifthsIsLaw));
    }

    [Fact]
    public void ChineseSocialCreditCitesPiplAndSaysWhatIsNotLaw()
    {
        var legal = new LegalContext("cn", "social-credit");
        foreach (var language in ReportLanguage.All)
        {
            var html = HtmlReport.Render(In(ReportSamples.Demo, legal), language);
            var section = LegalSections(html);
            Assert.Contains("PIPL art. 24(1)", section);
            Assert.Contains("PIPL art. 24(3)", section);
            Assert.Contains(Text("legal.note.cn-social-credit", language), section);
            foreach (var word in new[] { "CRPA", "GDPR", "RGPD", "AI Act", "règlement IA", "1607", "1002", "Loomis" })
            {
                Assert.DoesNotContain(word, section);
            }
            Assert.DoesNotContain("id=\"templates\"", html);
        }
    }

    [Fact]
    public void ChineseInternetCreditCitesPiplAndTheAlgorithmicRecommendationProvisions()
    {
        var legal = new LegalContext("cn", "credit");
        var sources = RegulatoryMapping.Of(In(ReportSamples.Demo, legal)).Select(d => d.Source).ToArray();
        Assert.Contains("PIPL art. 24(1)", sources);
        Assert.Contains("互联网信息服务算法推荐管理规定 (2022) art. 21", sources);
        Assert.DoesNotContain(sources, s => s.Contains("CRPA", StringComparison.Ordinal) || s.Contains("GDPR", StringComparison.Ordinal));
        Assert.False(LegalTemplates.Fria(legal) || LegalTemplates.Dpia(legal));
    }

    [Fact]
    public void WithoutALegalContextTheReportMakesNoLegalClaimAndSaysHowToDeclareOne()
    {
        var result = In(ReportSamples.DemoWithEverySection, null);
        Assert.Empty(RegulatoryMapping.Of(result));
        Assert.Empty(LetterDuties.Of(null));
        Assert.Null(LetterDuties.Sentence(null, ReportLanguage.French));
        foreach (var language in ReportLanguage.All)
        {
            var html = HtmlReport.Render(result, language);
            var section = LegalSections(html);
            Assert.Contains(Text("legal.none", language), section);
            Assert.Contains("legal: { jurisdiction: fr, domain: welfare }", section);
            Assert.DoesNotContain("<table", section);
            Assert.DoesNotContain("id=\"templates\"", html);
            foreach (var word in new[] { "CRPA", "GDPR", "RGPD", "AI Act", "règlement IA", "PIPL", "Loomis", "1002", "1607", "Title VII", "Directive", "directive (UE)" })
            {
                Assert.DoesNotContain(word, section);
            }
        }
        var mapping = ReportTables.Of(result, ReportLanguage.English).Single(t => t.Name == "regulatory-mapping");
        Assert.Empty(mapping.Rows);
        var md = MarkdownReport.Render(result);
        Assert.Contains(MarkdownReport.Escape(ReportLanguage.English.T("legal.none")), md);
    }

    [Fact]
    public void TheMarkdownReportGivesTheSameDutiesAsTheHtml()
    {
        foreach (var legal in LegalContext.Supported)
        {
            var result = In(ReportSamples.DemoWithEverySection, legal);
            var md = MarkdownReport.Render(result);
            foreach (var row in RegulatoryMapping.Of(result))
            {
                Assert.Contains("| " + MarkdownReport.Escape(ReportLanguage.English.T("reg." + row.Duty + ".duty")) + " | " + MarkdownReport.Escape(row.Source) + " |", md);
            }
        }
    }

    [Fact]
    public void TheLetterCitesTheDutiesOfItsContextOnly()
    {
        var letter = new PersonLetter("p1", "flagged", 0.7, 0.9, "by a threshold", [new LetterInput("income", "100", null, 0.5)], 0.2, "log-odds", "scored",
            ["income"], null, [new AppealRoute("Court", "2 months", null, null)]);
        string Render(LegalContext? legal, ReportLanguage l) => HtmlLetter.Render(letter, ReportSamples.Demo.Provenance with { Legal = legal }, l);
        foreach (var language in ReportLanguage.All)
        {
            Assert.Contains("CRPA R311-3-1-2", Render(new LegalContext("fr", "welfare"), language));
            Assert.Contains("12 CFR 1002.9(b)(2)", Render(new LegalContext("us", "credit"), language));
            foreach (var other in new LegalContext?[] { null, new("us", "criminal-justice"), new("cn", "social-credit"), new("eu", "platform-work") })
            {
                var page = Render(other, language);
                Assert.DoesNotContain("CRPA", page);
                Assert.DoesNotContain("1002.9", page);
            }
        }
    }

    [Fact]
    public void ShippedPlansDeclareTheirLegalContext()
    {
        var plans = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans");
        LegalContext? Of(string name) => Audit.Plan.AuditPlanLoader.Load(Path.Combine(plans, name + ".yaml"), grantedRoot: SharedData.RepositoryRoot).Legal;
        Assert.Equal(new LegalContext("fr", "welfare"), Of("caf-reconstructed"));
        Assert.Equal(new LegalContext("us", "criminal-justice"), Of("compas-propublica"));
        Assert.Equal(new LegalContext("us", "criminal-justice"), Of("compas-propublica-adjusted"));
        Assert.Equal(new LegalContext("cn", "social-credit"), Of("rongcheng-points"));
        Assert.Equal(new LegalContext("fr", "welfare"), ReportSamples.Demo.Provenance.Legal);
    }

    [Fact]
    public void TheShowcaseReportsFollowTheirPlansLegalContext()
    {
        string Read(string plan, string file) => File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", plan, file));
        foreach (var compas in new[] { "compas-propublica", "compas-propublica-adjusted" })
        {
            foreach (var file in new[] { "report.html", "report.fr.html", "report.md" })
            {
                var text = Read(compas, file);
                foreach (var word in new[] { "CRPA", "FRIA", "DPIA", "AIPD", "ECOA", "Title VII" })
                {
                    Assert.DoesNotContain(word, text);
                }
                Assert.Contains("State v. Loomis", text);
            }
            Assert.DoesNotContain("1607", LegalSections(Read(compas, "report.html")));
            Assert.DoesNotContain("1607", LegalSections(Read(compas, "report.fr.html")));
        }
        foreach (var file in new[] { "report.html", "report.fr.html", "report.md" })
        {
            Assert.Contains("PIPL art. 24", Read("rongcheng-points", file));
            Assert.DoesNotContain("CRPA", Read("rongcheng-points", file));
            Assert.Contains("CRPA R311-3-1-2", Read("caf-reconstructed", file));
        }
        Assert.Contains("\"legal\":", Read("compas-propublica", "report.json"));
    }
}
