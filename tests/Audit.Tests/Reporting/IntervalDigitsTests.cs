using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Reporting;
using Audit.Reporting.Html;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// Issue 18, item 5: an interval never prints as [x, x] unless its bounds are equal. The printed HTML (English and
/// French) and Markdown are parsed back and compared, on random values and intervals of every magnitude: whenever two of
/// value, low and high are further apart than 1.5 units of the cap's last digit (4 significant digits of the largest),
/// their printed forms differ. The oracle is the distance of the numbers, not the function's own loop.
/// </summary>
public sealed partial class IntervalDigitsTests
{
    [Theory]
    [InlineData(0.008123, 0.007932, 0.008301, "0.81 % [0.79, 0.83]")]
    [InlineData(0.0236, 0.0231, 0.0244, "2.36 % [2.31, 2.44]")]
    [InlineData(0.134, 0.121, 0.159, "13.4 % [12.1, 15.9]")]
    [InlineData(0.05, 0.05, 0.05, "5.0 % [5.0, 5.0]")]
    [InlineData(0.9762, 0.9758, 0.9766, "97.62 % [97.58, 97.66]")]
    public void HandComputedPercentages(double value, double low, double high, string expected)
    {
        var c = new HtmlReportContext(ReportSamples.Demo, ReportLanguage.English);
        var printed = Plain(c.PercentWithInterval(new Metric { Value = value, Ci = [low, high] }));
        Assert.Equal(expected, printed);
    }

    [Fact]
    public void TheUsualDecimalsStayWhenTheySuffice()
    {
        Assert.Equal(2, IntervalDigits.Decimals(9.61, 8.83, 10.47, 2));
        Assert.Equal(1, IntervalDigits.Decimals(2.4, 2.2, 2.6, 1));
        // 0.98 [0.98, 0.98] of a four-fifths ratio: 0.9760 [0.9755, 0.9765] needs four decimals, the cap for 0.98.
        Assert.Equal(4, IntervalDigits.Decimals(0.976, 0.9755, 0.9765, 2));
        Assert.Equal(4, IntervalDigits.MostDecimals(0.976, 0.9755, 0.9765, 2));
        // Beyond four significant digits the interval is printed as narrow as it is.
        Assert.Equal(4, IntervalDigits.Decimals(0.97601, 0.976005, 0.976015, 2));
    }

    [Fact]
    public void FormattedNumbersDifferWheneverTheNumbersDifferUpToTheCap()
    {
        var random = new Random(18);
        var c = new HtmlReportContext(ReportSamples.Demo, ReportLanguage.English);
        var fr = new HtmlReportContext(ReportSamples.Demo, ReportLanguage.French);
        for (var trial = 0; trial < 4000; trial++)
        {
            // Proportions of every magnitude below 1 (no thousands separator to parse).
            var scale = Math.Pow(10, random.Next(-5, 1));
            var value = scale * random.NextDouble();
            var spread = value * Math.Pow(10, -random.Next(0, 6)) * random.NextDouble();
            var low = Math.Max(0, value - spread * random.NextDouble());
            var high = value + spread * random.NextDouble();
            var metric = new Metric { Value = value, Ci = [low, high] };
            var largest = high;
            var step = Math.Pow(10, Math.Floor(Math.Log10(largest)) - (IntervalDigits.SignificantDigits - 1));
            // A ratio (at least two decimals) and a percentage (at least one), in English, French and Markdown.
            foreach (var (printed, unit, mostDecimals) in new[]
            {
                (Plain(c.NumberWithInterval(metric)), 1.0, Math.Max(2, IntervalDigits.MostDecimals(value, low, high, 2))),
                (Plain(fr.NumberWithInterval(metric)), 1.0, Math.Max(2, IntervalDigits.MostDecimals(value, low, high, 2))),
                (MarkdownReport.NumberWithInterval(metric), 1.0, Math.Max(2, IntervalDigits.MostDecimals(value, low, high, 2))),
                (Plain(c.PercentWithInterval(metric)), 100.0, Math.Max(1, IntervalDigits.MostDecimals(value * 100, low * 100, high * 100, 1))),
                (MarkdownReport.PercentWithInterval(metric), 100.0, Math.Max(1, IntervalDigits.MostDecimals(value * 100, low * 100, high * 100, 1))),
            })
            {
                var (v, lo, hi) = Parse(printed);
                var gap = 1.5 * step * unit;
                string Why(string pair) => $"{pair} print alike: {printed} for {value:R} [{low:R}, {high:R}]";
                Assert.True(Math.Abs(value - low) * unit < gap || v.Text != lo.Text, Why("value and low"));
                Assert.True(Math.Abs(high - value) * unit < gap || v.Text != hi.Text, Why("value and high"));
                Assert.True(Math.Abs(high - low) * unit < gap || lo.Text != hi.Text, Why("low and high"));
                // Never more decimals than the cap; and each printed number is the number, rounded.
                Assert.True(v.Decimals <= mostDecimals, $"{printed}: {v.Decimals} decimals, cap {mostDecimals}");
                Assert.Equal(value * unit, v.Number, Math.Pow(10, -v.Decimals) / 2 * 1.0001 + 1e-12);
                Assert.Equal(low * unit, lo.Number, Math.Pow(10, -lo.Decimals) / 2 * 1.0001 + 1e-12);
                Assert.Equal(high * unit, hi.Number, Math.Pow(10, -hi.Decimals) / 2 * 1.0001 + 1e-12);
            }
        }
    }

    private static string Plain(string html) => System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", ""))
        .Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private sealed record Printed(string Text, double Number, int Decimals);

    /// <summary>"12,5 % [12,0 ; 13,2]" or "0.81 [0.79, 0.83]" → the three numbers as printed.</summary>
    private static (Printed Value, Printed Low, Printed High) Parse(string printed)
    {
        var numbers = Number().Matches(printed).Select(m =>
        {
            var text = m.Value;
            var invariant = text.Replace(",", ".");
            var dot = invariant.IndexOf('.');
            return new Printed(text, double.Parse(invariant, CultureInfo.InvariantCulture), dot < 0 ? 0 : invariant.Length - dot - 1);
        }).ToArray();
        Assert.True(numbers.Length == 3, $"not a value and an interval: {printed}");
        return (numbers[0], numbers[1], numbers[2]);
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)?")]
    private static partial Regex Number();
}
