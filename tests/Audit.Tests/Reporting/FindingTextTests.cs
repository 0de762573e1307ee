using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>A finding is a kind and its numbers; its sentences come from the catalogue, in both languages.</summary>
public sealed class FindingTextTests
{
    private static GroupKey Group(string value) => new([new("sex", value)]);

    private static readonly Finding Ratio = new("sex", Group("F"), Finding.FlagRateRatio, 2.345, Group("M"), 0.25, 0.1066, 0.0123, PAdjusted: true, Significant: true);

    [Fact]
    public void AFlagRateRatioFindingReadsAsItsNumbersSayInEveryWording()
    {
        Assert.Equal("sex = F is flagged 2.35 times as often as the reference group M (25.0 % vs 10.7 %; adjusted p = 0.012).",
            FindingText.Plain(Ratio, ReportLanguage.English));
        Assert.Equal("sex = F is flagged 2.35 times as often as the reference group M (25.0 % vs 10.7 %; not significant, p < 0.001).",
            FindingText.Plain(Ratio with { P = 0.0004, PAdjusted = false, Significant = false }, ReportLanguage.English));
        Assert.Equal("sex = F is flagged 2.35 times as often as the reference group M (25.0 % vs 10.7 %).",
            FindingText.Plain(Ratio with { P = null, Significant = null }, ReportLanguage.English));
        Assert.Contains("2,35 fois", FindingText.Plain(Ratio, ReportLanguage.French));
        Assert.Contains("2,35", FindingText.Page(Ratio, ReportLanguage.French));
    }

    [Fact]
    public void AFourFifthsFindingPrintsItsRatioWithTheDigitsItCarries()
    {
        var fourFifths = new Finding("sex", Group("F"), Finding.FourFifths, 0.79996, Group("M"), ValueDigits: 5);
        Assert.Equal("sex = F: adverse impact under the four-fifths rule (ratio 0.79996 < 0.8 against M).", FindingText.Plain(fourFifths, ReportLanguage.English));
        Assert.Contains("0,79996", FindingText.Page(fourFifths, ReportLanguage.French));
    }

    [Fact]
    public void EveryFindingKindReadsInBothLanguagesWithEveryPlaceholderFilled()
    {
        foreach (var kind in new[] { Finding.FlagRateRatio, Finding.FourFifths, Finding.WorstOffSubgroup })
        {
            foreach (var language in ReportLanguage.All)
            {
                var finding = Ratio with { Kind = kind, ValueDigits = 2 };
                Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", FindingText.Plain(finding, language));
                Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", FindingText.Page(finding, language));
            }
        }
    }
}
