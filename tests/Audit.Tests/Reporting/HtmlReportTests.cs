using System.Text.RegularExpressions;
using Audit.Fairness;
using Audit.Reporting;
using Audit.Reporting.Html;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

public sealed partial class HtmlReportTests
{
    private static readonly string English = HtmlReport.Render(ReportSamples.Demo, ReportLanguage.English);
    private static readonly string French = HtmlReport.Render(ReportSamples.Demo, ReportLanguage.French);

    [Fact]
    public void TheReportLoadsNothingFromOutsideTheFile()
    {
        var letter = Audit.Reporting.Letters.HtmlLetter.Render(new Audit.Reporting.Letters.PersonLetter("1", "selected", 1, null, "alone",
            [new("x", "1", null, 0.5)], 0.5, "points", "model", [], null, []), ReportSamples.Demo.Provenance, ReportLanguage.English);
        foreach (var html in new[] { English, French, HtmlReport.Render(ReportSamples.DemoWithEverySection, ReportLanguage.English), letter })
        {
            Assert.DoesNotMatch(@"(?i)<script", html);
            Assert.DoesNotMatch(@"(?i)<link\b", html);
            Assert.DoesNotMatch(@"(?i)@import", html);
            Assert.DoesNotMatch(@"(?i)<(img|iframe|object|embed|video|audio|source)\b", html);
            Assert.DoesNotMatch(@"(?i)\s(src|srcset|poster|data)\s*=", html);
            Assert.DoesNotMatch(@"(?i)(xlink:)?href\s*=\s*""(?!#|https?://)", html.Replace("<a href=\"#", "<a href=\"#"));
            // CSS url(): only fragments (SVG clip paths) and the embedded font.
            foreach (Match url in Url().Matches(html))
            {
                Assert.True(url.Groups[1].Value.StartsWith('#') || url.Groups[1].Value.StartsWith("data:font/ttf;base64,", StringComparison.Ordinal), url.Value[..Math.Min(80, url.Value.Length)]);
            }
            // External links are citations in <a href>, never loaded; SVG hrefs point inside the file.
            foreach (Match href in Href().Matches(html))
            {
                Assert.True(href.Groups[1].Value == "a" || href.Groups[2].Value.StartsWith('#'), href.Value);
            }
        }
    }

    [Fact]
    public void EveryStringFromTheDataOrPlanIsEscaped()
    {
        const string evil = "<script>alert('x')</script>&\"";
        var demo = ReportSamples.Demo;
        var attribute = demo.Fairness.Attributes[0];
        var renamed = attribute with
        {
            Attribute = evil,
            Groups = attribute.Groups.Select(g => g with { Group = new GroupKey([new(evil, evil + g.Group.Label)]) }).ToArray(),
        };
        var result = demo with
        {
            Provenance = demo.Provenance with { PlanName = evil, PlanDescription = evil, Command = "audit run " + evil },
            Model = demo.Model with { Name = evil, Description = evil },
            Policy = demo.Policy with { Kind = "grades", FlaggedGrades = [evil] },
            Data = demo.Data with { Source = evil },
            Fairness = demo.Fairness with { Attributes = [renamed, .. demo.Fairness.Attributes.Skip(1)] },
            Caveats = [new Caveat(Caveat.LabelsAsGiven, Names: new Dictionary<string, string> { ["label"] = evil })],
        };
        foreach (var language in ReportLanguage.All)
        {
            var html = HtmlReport.Render(result, language);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("alert('x')", html);
            Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;", html);
        }
    }

    [Fact]
    public void TheHtmlAndTheMarkdownShowTheJsonNumbersOfEveryGroup()
    {
        var result = AuditResultJson.Deserialize(AuditResultJson.Serialize(ReportSamples.Demo));
        var markdown = MarkdownReport.Render(result);
        var checkedGroups = 0;
        foreach (var attribute in result.Fairness.Attributes.Concat(result.Fairness.Intersections))
        {
            var table = Regex.Match(English, $"<table id=\"table-[^\"]*\" class=\"flags\">\\s*<caption>Who is flagged, by {Regex.Escape(HtmlText.Escape(attribute.Attribute))}</caption>.*?</table>", RegexOptions.Singleline);
            Assert.True(table.Success, attribute.Attribute);
            var mdSection = markdown[markdown.IndexOf("### " + MarkdownReport.Escape(attribute.Attribute) + "\n", StringComparison.Ordinal)..];
            foreach (var g in attribute.Groups.Where(g => g.Count.Suppressed != true))
            {
                var row = Regex.Match(table.Value, $"<tr[^>]*><td>{Regex.Escape(HtmlText.Escape(g.Group.Label))}</td>(.*?)</tr>").Groups[1].Value;
                var mdRow = mdSection.Split('\n').First(l => l.StartsWith("| " + MarkdownReport.Escape(g.Group.Label) + " ", StringComparison.Ordinal));
                var rate = g.Rates[GroupRate.SelectionRate.Key].Value!.Value;
                var percent = (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
                var count = g.Count.Value!.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains($">{percent}\u00A0%", row);
                Assert.Contains($"{percent} %", mdRow);
                Assert.Contains($">{count}<", row);
                Assert.Contains($"| {count} |", mdRow);
                if (g.FlagRateRatio.Value is { } ratio)
                {
                    var text = ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Contains($">{text}", row);
                    Assert.Contains($"| {text}", mdRow);
                }
                if (g.FourFifthsRatio.Value is { } ff)
                {
                    Assert.Contains(ff.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), row);
                }
                checkedGroups++;
            }
        }
        Assert.True(checkedGroups >= 20, $"only {checkedGroups} groups checked");
        var flagged = result.Policy.Flagged.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<b>{flagged}</b>", English);
        Assert.Contains(result.Provenance.Data.Sha256, English);
        Assert.Contains(result.Provenance.Plan.Sha256, English);
    }

    [Fact]
    public void TheFrenchReportWritesNumbersTheFrenchWay()
    {
        var g = ReportSamples.Demo.Fairness.Attributes[0].Groups.First(x => x.Rates[GroupRate.SelectionRate.Key].Value is > 0.01);
        var rate = g.Rates[GroupRate.SelectionRate.Key].Value!.Value;
        var percent = (rate * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');
        Assert.Contains($">{percent}\u202F%", French);
        Assert.Contains("<html lang=\"fr\">", French);
        Assert.Contains("Effet disproportionné par attribut protégé", French);
        Assert.DoesNotContain("Disparate impact by protected attribute", French);
        Assert.Equal("1\u202F234,5", ReportLanguage.French.Number(1234.5, 1));
        Assert.Equal("1,234.5", ReportLanguage.English.Number(1234.5, 1));
        Assert.Equal("\u22120,25", ReportLanguage.French.Number(-0.25, 2));
        Assert.Equal("0,0", ReportLanguage.French.Number(-0.01, 1));
    }

    [Fact]
    public void OptionalSectionsAppearOnlyWhenTheirStageRan()
    {
        // The demo explains its additive model by default; it has no synthetic-population source, recourse or designs.
        Assert.Contains("<section id=\"explanations\"", English);
        foreach (var id in new[] { "population", "recourse", "designs" })
        {
            Assert.DoesNotContain($"<section id=\"{id}\"", English);
        }
        var full = HtmlReport.Render(ReportSamples.DemoWithEverySection, ReportLanguage.English);
        foreach (var id in new[] { "population", "explanations", "recourse", "designs" })
        {
            Assert.Contains($"<section id=\"{id}\"", full);
            Assert.Contains($"<li><a href=\"#{id}\">", full);
        }
        Assert.Contains("The rows are a synthetic population", full);
    }

    [Fact]
    public void EveryPlotIsAccessibleSvgWithUniqueIds()
    {
        var svgs = Regex.Matches(English, "<svg [^>]*>").Select(m => m.Value).ToArray();
        Assert.True(svgs.Length >= 2 * ReportSamples.Demo.Fairness.Attributes.Count, $"{svgs.Length} plots");
        foreach (var svg in svgs)
        {
            Assert.Contains("role=\"img\"", svg);
            Assert.Contains("aria-labelledby=", svg);
            Assert.Contains("viewBox=", svg);
        }
        Assert.Equal(svgs.Length, Regex.Matches(English, "<title id=").Count);
        Assert.Equal(svgs.Length, Regex.Matches(English, "<desc id=").Count);
        var ids = Regex.Matches(English, "\\sid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (Match reference in Regex.Matches(English, "url\\(#([^)]+)\\)"))
        {
            Assert.Contains(reference.Groups[1].Value, ids);
        }
        // ScottPlot's glyph lists end with a comma, which browsers reject: none may be left.
        Assert.DoesNotMatch(" (x|y)=\"[^\"]*,\\s*\"", English);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        Assert.Equal(English, HtmlReport.Render(ReportSamples.Demo, ReportLanguage.English));
    }

    [Fact]
    public void TheFourFifthsBandStartsWhereAdverseImpactStarts()
    {
        foreach (var attribute in ReportSamples.Demo.Fairness.Attributes)
        {
            var threshold = Audit.Reporting.Plots.FlagRatePlot.AdverseImpactThreshold(attribute);
            Assert.NotNull(threshold);
            foreach (var g in attribute.Groups.Where(g => g.AdverseImpact is not null))
            {
                var rate = g.Rates[GroupRate.SelectionRate.Key].Value!.Value;
                Assert.Equal(g.AdverseImpact, rate > threshold!.Value + 1e-12);
            }
        }
    }

    [GeneratedRegex(@"url\(\s*['""]?([^'"")]*)")]
    private static partial Regex Url();

    [GeneratedRegex(@"<(\w+)[^>]*?\s(?:xlink:)?href=""([^""]*)""")]
    private static partial Regex Href();
}
