using Audit.Reporting;

namespace Audit.Tests.Reporting;

public sealed class MarkdownEscapingTests
{
    [Theory]
    [InlineData("my_data.csv", "`my_data.csv`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`edge", "`` `edge ``")]
    public void CodeSpansKeepTextVerbatim(string text, string expected) => Assert.Equal(expected, MarkdownReport.Code(text));

    [Theory]
    [InlineData("A&B", "A&amp;B")]
    [InlineData("<script>", "\\<script\\>")]
    [InlineData("a|b", "a\\|b")]
    [InlineData("hors_UE", "hors\\_UE")]
    public void DataTextCannotBecomeMarkup(string text, string expected) => Assert.Equal(expected, MarkdownReport.Escape(text));
}
