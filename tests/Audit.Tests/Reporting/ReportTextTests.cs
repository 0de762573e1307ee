using System.Text.RegularExpressions;
using Audit.Reporting.Html;
using Audit.Reporting.Regulatory;
using Audit.Reporting.Text;
using Audit.Reporting;

namespace Audit.Tests.Reporting;

public sealed partial class ReportTextTests
{
    [Fact]
    public void EveryReportTextHasAFrenchAndAnEnglishValue()
    {
        Assert.Equal(["en", "fr"], ReportText.Languages);
        var en = ReportText.For("en");
        var fr = ReportText.For("fr");
        Assert.True(en.Keys.Count > 200, $"{en.Keys.Count} keys");
        Assert.Equal(en.Keys, fr.Keys);
        foreach (var key in en.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(en[key]), key);
            Assert.False(string.IsNullOrWhiteSpace(fr[key]), key);
            // Both languages fill the same placeholders.
            Assert.Equal(Placeholders(en[key]), Placeholders(fr[key]));
        }
    }

    [Fact]
    public void EveryTextTheReportsUseExists()
    {
        // Rendering throws on a missing key; these results reach every section and every evidence status.
        foreach (var language in ReportLanguage.All)
        {
            foreach (var result in new[] { ReportSamples.Demo, ReportSamples.DemoWithEverySection, ReportSamples.DemoWithoutLabelOrInference })
            {
                var html = HtmlReport.Render(result, language);
                Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", html.Replace("{ font-family", "").Replace("{ --", ""));
            }
        }
        var statuses = new[] { ReportSamples.Demo, ReportSamples.DemoWithEverySection, ReportSamples.DemoWithoutLabelOrInference }
            .SelectMany(RegulatoryMapping.Of).Select(r => r.Status).Distinct().ToArray();
        Assert.Equal(3, statuses.Length);
    }

    [Fact]
    public void AnUnknownLanguageIsABadInputThatNamesTheChoices()
    {
        var e = Assert.Throws<AuditInputException>(() => ReportLanguage.Of("de"));
        Assert.Contains("en or fr", e.Expected);
    }

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{[a-zA-Z]+\}")]
    private static partial Regex Placeholder();
}
