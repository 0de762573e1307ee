using System.Globalization;
using System.Text;
using Audit.Data;
using Audit.Fairness;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: NUL bytes were kept in group names and skipped after a number ("12\0" read as 12); a "-0" renamed
/// the group "0" of a numeric column to "-0" when it came first. Choices: a NUL in a CSV or Parquet value is refused (an
/// input error with row and column: no text holds one, and a file full of them is UTF-16 or binary); "-0" in a numeric
/// column is the number 0 (IEEE 754 holds them equal, so they are one group, always named "0"), while in a text
/// column "-0" stays a text group of its own, as every text is compared exactly.
/// </summary>
public sealed class Issue16Class5NulAndMinusZeroTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("F\0", "g")]
    [InlineData("\0", "g")]
    [InlineData("12\0", "x")]
    [InlineData("1\0 2", "x")]
    public void ANulInAValueIsAnInputErrorWithItsRowAndColumn(string value, string column)
    {
        var path = dir.Write("data.csv", $"id,g,x\n1,M,3\n2,{(column == "g" ? value : "F")},{(column == "x" ? value : "4")}\n3,M,5\n");
        var error = Assert.Throws<AuditInputException>(() => CsvTableReader.Read(path));
        Assert.Equal(2, error.Row);
        Assert.Equal(3, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains("NUL", error.Problem);
    }

    [Fact]
    public void ANulAfterANumberIsNotANumber()
    {
        Assert.False(ValueParsing.TryParseNumber("12\0", decimalComma: false, out _));
        Assert.False(ValueParsing.TryParseNumber("12\0\0\0", decimalComma: true, out _));
        Assert.True(ValueParsing.TryParseNumber("12", decimalComma: false, out var twelve));
        Assert.Equal(12, twelve);
    }

    [Fact]
    public void MinusZeroAndZeroAreOneNumericGroupNamedZeroWhicheverComesFirst()
    {
        var random = new Random(16_51);
        for (var n = 0; n < 200; n++)
        {
            var values = Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(4) switch { 0 => "-0", 1 => "0", 2 => "-0.0", _ => "1" }).ToList();
            var path = dir.Write("zero.csv", "id,x\n" + string.Concat(values.Select((v, i) => $"{i + 1},{v}\n")));
            var column = (NumericColumn)CsvTableReader.Read(path)["x"];
            var groups = GroupAssignment.FromColumn(column, bands: null);
            Assert.DoesNotContain("-0", groups.Levels);
            var zeros = values.Count(v => v != "1");
            if (zeros > 0)
            {
                var code = Array.IndexOf(groups.Levels, "0");
                Assert.Equal(zeros, groups.Codes.Count(c => c == code));
            }
        }
    }

    [Fact]
    public void MinusZeroInATextColumnStaysATextGroupOfItsOwn()
    {
        var path = dir.Write("text.csv", "id,g\n1,-0\n2,0\n3,M\n4,-0\n");
        var groups = GroupAssignment.FromColumn(CsvTableReader.Read(path)["g"], bands: null);
        Assert.Equal(["-0", "0", "M"], groups.Levels);
        Assert.Equal(2, groups.Codes.Count(c => c == 0));
    }
}
