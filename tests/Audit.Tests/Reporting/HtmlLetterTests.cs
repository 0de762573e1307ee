using Audit.Reporting.Letters;
using Audit.Reporting.Text;

namespace Audit.Tests.Reporting;

public sealed class HtmlLetterTests
{
    private static PersonLetter Letter(string id = "H-0042", string value = "3") => new(
        id,
        "Your file was selected for a control.",
        Score: 0.62,
        Percentile: 0.93,
        "The score alone selected the file: the 10 % highest scores are controlled.",
        [new LetterInput("children", value, "benefit file, 2026-03", 0.8), new LetterInput("income", "1,200 €", null, -0.35), new LetterInput("age", "31", "civil register", 0.12)],
        Baseline: 0.05,
        Space: "log-odds",
        "Logistic model 'demo' scored the file; the top-10 % rule selected it.",
        ["number of children", "age"],
        "With an income above 1,650 € the file would not have been selected.",
        [new AppealRoute("Commission de recours amiable", "2 months", "CSS R142-1", null)]);

    [Fact]
    public void TheLetterFollowsTheFourItemsOfR311312AndShowsTheArithmetic()
    {
        var html = HtmlLetter.Render(Letter(), ReportSamples.Demo.Provenance, ReportLanguage.French);
        File.WriteAllText(Path.Combine(Chromium.ArtefactFolder, "letter-example.fr.html"), html);
        var items = new[] { "1° Degré et mode", "2° et 3° Les données", "4° Les opérations", "Comment contester" }.Select(t => html.IndexOf(t, StringComparison.Ordinal)).ToArray();
        Assert.All(items, i => Assert.True(i > 0));
        Assert.Equal(items.Order(), items);
        // Baseline + contributions = score, in French number format.
        Assert.Contains("0,05 + 0,570 = 0,62", html);
        Assert.Contains("93\u202F%", html);
        Assert.Contains("role=\"img\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.True(html.IndexOf("children", StringComparison.Ordinal) < html.IndexOf("income", StringComparison.Ordinal), "inputs are ordered by the size of their contribution");
    }

    [Fact]
    public void EveryTextInTheLetterIsEscapedAndTheFileNameIsSafe()
    {
        var html = HtmlLetter.Render(Letter("../../<b>x", "<img src=x onerror=alert(1)>"), ReportSamples.Demo.Provenance, ReportLanguage.English);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        var files = HtmlLetter.Files([Letter("../../<b>x")], ReportSamples.Demo.Provenance, ReportLanguage.English);
        Assert.Matches("^letters/b_x-[0-9a-f]{8}\\.html$", Assert.Single(files.Keys));
        Assert.Matches("^person-[0-9a-f]{8}$", HtmlLetter.SafeName("///"));
        Assert.Equal("H-0042", HtmlLetter.SafeName("H-0042"));
        Assert.NotEqual(HtmlLetter.SafeName("a/b"), HtmlLetter.SafeName("a:b"));
    }
}
