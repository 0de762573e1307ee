using Audit.Reporting.Html;
using Audit.Reporting.Html.Sections;
using Audit.Reporting.Regulatory;
using Audit.Reporting.Text;
using Audit.Reporting;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>The review findings on the HTML report's wording: each test fails on the wording the review found.</summary>
public sealed class HtmlReviewFindingsTests
{
    private static AuditResult Demo => ReportSamples.Demo;

    private static AuditResult WithDisclosure(DisclosureControl disclosure) => Demo with
    {
        Fairness = Demo.Fairness with { Disclosure = disclosure },
        Caveats = [.. Demo.Caveats.Where(c => c.Code != Caveat.SuppressedCells), SuppressionCaveat(disclosure)],
    };

    /// <summary>The caveat the run would record for this disclosure control (its numbers, not its words).</summary>
    private static Caveat SuppressionCaveat(DisclosureControl d) => new(Caveat.SuppressedCells, new Dictionary<string, double>
    {
        ["suppressed"] = Demo.Fairness.Attributes.Concat(Demo.Fairness.Intersections).Sum(a => a.Groups.Count(g => g.Count.Suppressed == true)),
        ["primary"] = d.Primary, ["complementary"] = d.Complementary, ["minCell"] = Demo.Fairness.MinCellSize,
        ["labelMetrics"] = d.ComplementaryLabelMetrics, ["unprotected"] = d.Unprotected, ["exactCheck"] = d.ExactCheck ? 1 : 0,
    });

    [Fact]
    public void TheSuppressionCaveatSaysHowManyAreSmallAndHowManyWereHiddenToProtectThem()
    {
        var result = WithDisclosure(new DisclosureControl(2, 3, 1, "line rule", 0, true));
        var english = HtmlReport.Render(result, ReportLanguage.English);
        Assert.DoesNotContain("not applied yet", english);
        Assert.Contains(": 2 with fewer than " + Demo.Fairness.MinCellSize + " rows, and 3 more hidden so that none of the small ones", english);
        Assert.Contains("The error rates of 1 further group(s)", english);
        Assert.DoesNotContain("Review before publishing", english);
        var french = HtmlReport.Render(result, ReportLanguage.French);
        Assert.DoesNotContain("pas encore appliqué", french);
        Assert.Contains("2 de moins de", french);
    }

    [Fact]
    public void TheSuppressionCaveatWarnsWhenAHiddenGroupIsExposedOrTheExactCheckDidNotRun()
    {
        var exposed = HtmlReport.Render(WithDisclosure(new DisclosureControl(1, 0, 0, "line rule", 2, true)), ReportLanguage.English);
        Assert.Contains("Review before publishing: 2 hidden group(s) could not be protected", exposed);
        var unchecked_ = HtmlReport.Render(WithDisclosure(new DisclosureControl(1, 1, 0, "line rule", 0, false)), ReportLanguage.English);
        Assert.Contains("Review before publishing: there were too many hidden groups", unchecked_);
    }

    [Fact]
    public void SuppressedCellsAreSaidToProtectSmallGroupsNotToBeSmall()
    {
        foreach (var language in ReportLanguage.All)
        {
            foreach (var key in new[] { "cell.suppressed", "method.def.suppression", "disparate.intro", "summary.reading" })
            {
                Assert.DoesNotMatch("(?i)fewer people than the minimum|people are suppressed \\((shown as )?–|people are not shown|moins de \\{minCell\\} personnes sont masqués \\(", language.Text[key]);
            }
        }
        Assert.Contains("protect small groups", ReportLanguage.English.Text["cell.suppressed"]);
        Assert.Contains("protect small groups", ReportLanguage.English.Text["summary.reading"]);
        Assert.Contains("protéger les petits groupes", ReportLanguage.French.Text["cell.suppressed"]);
    }

    private static AuditResult WithoutCorrection() => Demo with
    {
        Fairness = Demo.Fairness with
        {
            Inference = Demo.Fairness.Inference with { Correction = "none" },
            Attributes = Demo.Fairness.Attributes.Select(a => a with
            {
                Groups = a.Groups.Select(g => g with
                {
                    FlagRateDifference = g.FlagRateDifference with { PAdjusted = null },
                    FlagRateRatio = g.FlagRateRatio with { PAdjusted = null },
                }).ToArray(),
            }).ToArray(),
            Intersections = [],
            // The findings carry their p-value's kind, as a run without correction records them.
            Findings = Demo.Fairness.Findings.Select(f => f with { PAdjusted = false }).ToArray(),
        },
    };

    [Fact]
    public void WithoutCorrectionNoPValueIsCalledAdjusted()
    {
        var result = WithoutCorrection();
        var english = HtmlReport.Render(result, ReportLanguage.English);
        Assert.DoesNotMatch("(?<!un)adjusted p ", english);
        Assert.DoesNotContain("Adjusted p", english);
        Assert.DoesNotContain("p (adjusted)", english);
        Assert.DoesNotContain("p-values are adjusted", english);
        Assert.Contains("unadjusted p", english);
        Assert.Contains("not adjusted for multiple comparisons", english);
        var french = HtmlReport.Render(result, ReportLanguage.French);
        Assert.DoesNotContain("p ajustée", french);
        // With a correction, the same sentences say "adjusted".
        Assert.Contains("adjusted p", HtmlReport.Render(Demo, ReportLanguage.English));
    }

    [Fact]
    public void SignificanceIsEvidencedOnlyWithACorrection()
    {
        // The demo plan is French welfare, where the duty is the CJEU's "statistics fit to carry a finding" (Enderby);
        // the same rule holds for US employment's "significance" (29 CFR 1607.4(D)).
        Assert.Equal(EvidenceStatus.Evidenced, RegulatoryMapping.Of(Demo).Single(d => d.Duty == "statistics").Status);
        var none = RegulatoryMapping.Of(WithoutCorrection()).Single(d => d.Duty == "statistics");
        Assert.Equal(EvidenceStatus.Partly, none.Status);
        Assert.Contains("not corrected", ReportLanguage.English.T(none.Reason));
        var employment = new LegalContext("us", "employment");
        Assert.Equal(EvidenceStatus.Evidenced, RegulatoryMapping.Of(Demo, employment).Single(d => d.Duty == "significance").Status);
        var unadjusted = RegulatoryMapping.Of(WithoutCorrection(), employment).Single(d => d.Duty == "significance");
        Assert.Equal(EvidenceStatus.Partly, unadjusted.Status);
        Assert.Contains("not corrected", ReportLanguage.English.T(unadjusted.Reason));
    }

    [Fact]
    public void WithEveryGroupSuppressedTheFourFifthsRuleCannotBeAssessed()
    {
        var a = Demo.Fairness.Attributes[0];
        var hidden = a with { FourFifthsComparator = null, WorstOff = null, Groups = a.Groups.Select(g => g with { AdverseImpact = null }).ToArray() };
        var result = Demo with { Fairness = Demo.Fairness with { Attributes = [hidden], Intersections = [] } };
        var html = HtmlReport.Render(result, ReportLanguage.English);
        var verdict = System.Text.RegularExpressions.Regex.Match(html, "<ul class=\"verdicts\">.*?</ul>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("cannot be assessed", verdict);
        Assert.DoesNotContain("no adverse impact", verdict);
        Assert.Contains("could not be assessed for: " + a.Attribute, html);
        Assert.DoesNotContain("No group or intersection subgroup shows adverse impact", html);
    }

    [Fact]
    public void TheImpactAssessmentCountsAdverseImpactInIntersections()
    {
        var x = Demo.Fairness.Intersections[0];
        var flagged = x.Groups.First(g => g.Count.Suppressed != true);
        var adverseIntersection = x with { Groups = x.Groups.Select(g => g == flagged ? g with { AdverseImpact = true } : g with { AdverseImpact = false }).ToArray() };
        var result = Demo with
        {
            Fairness = Demo.Fairness with
            {
                Attributes = Demo.Fairness.Attributes.Select(a => a with { Groups = a.Groups.Select(g => g with { AdverseImpact = g.AdverseImpact is null ? null : false }).ToArray() }).ToArray(),
                Intersections = [adverseIntersection],
            },
        };
        var html = HtmlReport.Render(result, ReportLanguage.English);
        Assert.Contains("Adverse impact under the four-fifths rule for: " + HtmlText.Escape(x.Attribute + " = " + flagged.Group.Label), html);
        Assert.DoesNotContain("No group or intersection subgroup shows adverse impact", html);
    }

    [Fact]
    public void FrenchIntervalsPartTheirEndsWithASemicolon()
    {
        Assert.Equal("[13,3\u00A0;\u00A015,9]", ReportLanguage.French.Interval(ReportLanguage.French.Number(13.3, 1), ReportLanguage.French.Number(15.9, 1)));
        Assert.Equal("[13.3, 15.9]", ReportLanguage.English.Interval("13.3", "15.9"));
        var french = HtmlReport.Render(Demo, ReportLanguage.French);
        Assert.Matches("<span class=\"ci\">\\[[0-9,\u202F\u2212]+\u00A0;\u00A0[0-9,\u202F\u2212]+\\]</span>", french);
        Assert.DoesNotMatch("<span class=\"ci\">\\[[0-9,]+, [0-9,]+\\]", french);
    }

    [Fact]
    public void AMissingValueIsADashNotZeroPercent()
    {
        var result = Demo with
        {
            Policy = Demo.Policy with { FlagRate = Metric.UndefinedBecause("no rows") },
            Fairness = Demo.Fairness with
            {
                Overall = Demo.Fairness.Overall with
                {
                    Rates = Demo.Fairness.Overall.Rates.ToDictionary(r => r.Key, r => r.Key == "selectionRate" ? Metric.UndefinedBecause("no rows") : r.Value),
                },
            },
        };
        var html = HtmlReport.Render(result, ReportLanguage.English);
        Assert.Contains(" people flagged (–).", html);
        Assert.Contains("flagged (–).</dd>", html.Replace(" <span class=\"fill\">[to complete by the deployer]</span>", ""));
        Assert.DoesNotContain("(0.0\u00A0%)", html);
    }

    [Fact]
    public void HumanOversightSaysWhatTheDataHoldsAboutHumanDecisions()
    {
        var without = TemplatesSection.HumanOversight(Demo, ReportLanguage.English);
        Assert.Contains("no human decisions in the data", without);
        var with = Demo with { Data = Demo.Data with { Columns = [.. Demo.Data.Columns, new ColumnSummary("agent_decision", "binary", ["human_decision"], 0)] } };
        var text = TemplatesSection.HumanOversight(with, ReportLanguage.English);
        Assert.DoesNotContain("no human decisions", text);
        Assert.Contains("agent_decision", text);
        Assert.Contains("not measured in this audit", text);
    }
}
