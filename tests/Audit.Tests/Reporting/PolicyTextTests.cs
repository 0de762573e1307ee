using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// The decision rule is worded from the policy's facts (issue 17 item 5): each sentence is checked against the words
/// the report printed when the rule was a sentence in report.json, written out by hand, in English; the French, translated by issue 18, against
/// hand-written French with French numbers.
/// </summary>
public sealed class PolicyTextTests
{
    private static readonly GradeBands Points = new(["A", "B", "C", "D"],
        [new GradeRange("D", null), new GradeRange("C", 600), new GradeRange("B", 850), new GradeRange("A", 960)]);

    private static PolicySection Policy(string kind, double? parameter, string adverse = "high", IReadOnlyList<string>? grades = null) =>
        new(kind, parameter, adverse, grades, null, 0, Metric.UndefinedBecause("test"), 0, 0);

    public static TheoryData<string> Languages => ["en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EachKindReadsAsTheReportAlwaysPrintedIt(string language)
    {
        var l = ReportLanguage.Of(language);
        Assert.Equal("flagged when the score is at or above 0.5", PolicyText.Rule(Policy("threshold", 0.5), null, l));
        Assert.Equal("flagged when the score is at or below 612.25", PolicyText.Rule(Policy("threshold", 612.25, "low"), null, l));
        Assert.Equal("the 12.5 % most adverse scores are flagged (floor of 0.125 × rows; ties at the cut-off broken by row order)",
            PolicyText.Rule(Policy("top_fraction", 0.125), null, l));
        Assert.Equal("a budget of 500 controls: the 500 most adverse scores are flagged (ties at the cut-off broken by row order)",
            PolicyText.Rule(Policy("budget", 500), null, l));
        Assert.Equal("the decisions recorded in the data (1 = flagged)", PolicyText.Rule(Policy("as_given", null), null, l));
        Assert.Equal("flagged when the grade is C or D (grades: D: below 600; C: 600 to below 850; B: 850 to below 960; A: 960 or more)",
            PolicyText.Rule(Policy("grades", null, "low", ["C", "D"]), Points, l));
    }

    [Fact]
    public void TheBandsOfAScaleAreItsGradesByIncreasingScore() =>
        Assert.Equal("D: below 600; C: 600 to below 850; B: 850 to below 960; A: 960 or more", PolicyText.Bands(Points, ReportLanguage.English));

    [Fact]
    public void EachKindReadsInFrenchWithFrenchNumbers()
    {
        var l = ReportLanguage.French;
        Assert.Equal("signalé quand le score est supérieur ou égal à 0,5", PolicyText.Rule(Policy("threshold", 0.5), null, l));
        Assert.Equal("signalé quand le score est inférieur ou égal à 612,25", PolicyText.Rule(Policy("threshold", 612.25, "low"), null, l));
        Assert.Equal("les 12,5\u202F% de scores les plus défavorables sont signalés (partie entière de 0,125 × lignes ; les ex æquo au seuil sont départagés par l'ordre des lignes)",
            PolicyText.Rule(Policy("top_fraction", 0.125), null, l));
        Assert.Equal("un budget de 1\u202F500 contrôles : les 1\u202F500 scores les plus défavorables sont signalés (les ex æquo au seuil sont départagés par l'ordre des lignes)",
            PolicyText.Rule(Policy("budget", 1500), null, l));
        Assert.Equal("signalé quand la classe est C ou D (classes : D : moins de 600 ; C : de 600 à moins de 850 ; B : de 850 à moins de 960 ; A : 960 ou plus)",
            PolicyText.Rule(Policy("grades", null, "low", ["C", "D"]), Points, l));
    }
}
