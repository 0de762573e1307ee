using Audit.Reporting;

namespace Audit.Tests.Reporting;

public sealed class TextCatalogTests
{
    [Fact]
    public void EveryLanguageHasEveryTextOfThePage()
    {
        var english = TextCatalog.Load("explain", "en");
        var french = TextCatalog.Load("explain", "fr");
        Assert.Equal(english.Keys.Order(), french.Keys.Order());
        Assert.All(french.Keys, key => Assert.NotEqual("", french[key]));
    }

    [Fact]
    public void FrenchNumbersUseADecimalCommaAndSpacedThousands()
    {
        var french = TextCatalog.Load("explain", "fr");
        Assert.Equal("0,25", french.Number(0.25));
        Assert.Equal("13\u202F800\u202F000", french.Count(13_800_000));
        Assert.Equal("13,800,000", TextCatalog.Load("explain", "en").Count(13_800_000));
    }

    [Fact]
    public void AOnePersonPageReadsTheOneCatalogueUnderItsPagePrefix()
    {
        foreach (var language in TextCatalog.Languages)
        {
            var page = TextCatalog.Load("explain", language);
            var catalogue = Audit.Reporting.Text.ReportText.For(language);
            Assert.True(page.Keys.Count > 50, $"{page.Keys.Count} keys");
            Assert.All(page.Keys, key => Assert.Equal(catalogue["explain." + key], page[key]));
        }
        Assert.Throws<KeyNotFoundException>(() => TextCatalog.Load("explain", "en")["no-such-key"]);
    }

    [Fact]
    public void AnUnknownLanguageIsBadInput() =>
        Assert.Throws<AuditInputException>(() => TextCatalog.Load("explain", "de"));
}
