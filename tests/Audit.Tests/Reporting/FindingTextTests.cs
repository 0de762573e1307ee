using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>A finding is a kind and its numbers; its sentences come from the catalogue, in both languages.</summary>
public sealed class FindingTextTests
{
    private static GroupKey Group(string value) => new([new("sex", value)]);

    private static readonly Verdict Katz = new(Verdict.Against, 2.345, 1.5234, 3.61, 1 - 0.05 / 6, 6, Verdict.Katz) { Cases = 50, Size = 200, ReferenceCases = 32, ReferenceSize = 300 };

    private static readonly Finding Ratio = new("sex", Group("F"), Finding.Disparity, 2.345, Group("M"), 0.25, 0.1066, 0.0123, PAdjusted: true, Significant: true, ValueDigits: 2)
    {
        Metric = MetricKeys.SelectionRate, Verdict = Katz, FourFifthsRatio = 0.8394,
    };

    [Fact]
    public void AnEstablishedDisparityReadsAsItsNumbersSayInEveryWording()
    {
        Assert.Equal("Disparity against sex = F: its flag rate is 2.35 times that of the reference group M (25.0 % against 10.7 %; simultaneous 99.17 % interval 1.52 to 3.61). "
            + "Adjusted p = 0.012. Four-fifths rule (US employment guideline): 0.84.", FindingText.Plain(Ratio, ReportLanguage.English));
        Assert.Contains("2,35 fois", FindingText.Plain(Ratio, ReportLanguage.French));
        Assert.Contains("de 1,52 à 3,61", FindingText.Page(Ratio, ReportLanguage.French));
        Assert.StartsWith("Disparité au détriment de sex = F", FindingText.Page(Ratio, ReportLanguage.French));
        var favour = Ratio with { Verdict = Katz with { Direction = Verdict.InFavour, Ratio = 0.4, Low = 0.2, High = 0.6 }, Value = 0.4 };
        Assert.StartsWith("Disparity in favour of sex = F", FindingText.Plain(favour, ReportLanguage.English));
    }

    /// <summary>The plain sentence the issue asks for: "all 26 ... are flagged; none of the 412 ... is".</summary>
    [Fact]
    public void AnInfiniteRatioSaysWhoIsFlaggedInPlainCounts()
    {
        var infinite = new Verdict(Verdict.Against, null, 42.4, null, 0.9975, 20, Verdict.Exact) { Infinite = true, Cases = 26, Size = 26, ReferenceCases = 0, ReferenceSize = 412 };
        var finding = new Finding("origin", new([new("origin", "non-European")]), Finding.Disparity, null, new([new("origin", "European")]), 1, 0) { Metric = MetricKeys.SelectionRate, Verdict = infinite };
        Assert.Equal("Disparity against origin = non-European: all 26 people of origin = non-European are flagged; none of the 412 people of origin = European is flagged. "
            + "The ratio is infinite: at least 42.40 (simultaneous 99.75 % interval).", FindingText.Plain(finding, ReportLanguage.English));
        Assert.Contains("les 26 personnes de origin = non-European sont toutes signalées", FindingText.Page(finding, ReportLanguage.French));
        var some = finding with { Verdict = infinite with { Cases = 3 } };
        Assert.Contains("3 of the 26 people", FindingText.Plain(some, ReportLanguage.English));
    }

    [Fact]
    public void BoundsPrintApartUnlessTheyAreEqual()
    {
        Assert.Equal(2, FindingText.BoundDigits(1.5, 3.6));
        Assert.Equal(4, FindingText.BoundDigits(0.80041, 0.80049));
        Assert.Equal(2, FindingText.BoundDigits(0.8, 0.8));
        Assert.Equal(3, FindingText.BoundDigits(0.0123, 0.5)); // two significant digits below 0.1
    }

    [Fact]
    public void EveryFindingKindReadsInBothLanguagesWithEveryPlaceholderFilled()
    {
        var zero = Ratio with { Value = 0, Verdict = Katz with { Direction = Verdict.InFavour, Ratio = 0, Low = 0, High = 0.3, Cases = 0, Method = Verdict.Exact } };
        var findings = new[]
        {
            Ratio,
            zero,
            Ratio with { Metric = MetricKeys.FalsePositiveRate, FourFifthsRatio = null },
            Ratio with { Metric = MetricKeys.FalseNegativeRate, FourFifthsRatio = null, Verdict = Katz with { Direction = Verdict.InFavour } },
            Ratio with { Kind = Finding.NoneEstablished, Verdict = Katz with { Direction = Verdict.NotEstablished, Low = 0.9 } },
            Ratio with { Kind = Finding.ManyLevels, Levels = 31, DisplayLevels = 20, Others = 4 },
            Ratio with { Kind = Finding.MoreIntersections, Others = 7 },
            Ratio with { Verdict = Katz with { Method = Verdict.Bootstrap, TailReplicates = 1.5 } },
        };
        foreach (var finding in findings)
        {
            foreach (var language in ReportLanguage.All)
            {
                Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", FindingText.Plain(finding, language));
                Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", FindingText.Page(finding, language));
                Assert.DoesNotContain(finding.Kind, FindingText.Page(finding, language));
            }
        }
        Assert.Contains("about 1.5 replicates beyond each bound", FindingText.Plain(findings[^1], ReportLanguage.English));
    }

    /// <summary>An established bound prints on its side of the printed band: 0.79996 below 0.8 is "0.79996", never "0.80".</summary>
    [Fact]
    public void AnEstablishedBoundPrintsOutsideThePrintedBand()
    {
        var favour = new Verdict(Verdict.InFavour, 0.6, 0.45, 0.79996, 0.99, 5, Verdict.Katz) { Tolerance = 0.8 };
        Assert.Equal("0.45000 to 0.79996", FindingText.Interval(favour, ReportLanguage.English));
        var against = new Verdict(Verdict.Against, 1.6, 1.2501, 2, 0.99, 5, Verdict.Katz) { Tolerance = 0.8 };
        Assert.Equal("1.2501 to 2.0000", FindingText.Interval(against, ReportLanguage.English));
    }
}
