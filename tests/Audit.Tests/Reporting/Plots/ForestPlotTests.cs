using System.Globalization;
using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting.Plots;

/// <summary>
/// Issue 18, item 3: the forest plot, the flag-rate axis and the tick labels. Oracles: hand-made verdicts with known
/// geometry, logarithms computed here, and bounds on the axis end derived from the 1-2-5 step by hand.
/// </summary>
public sealed class ForestPlotTests
{
    private static Verdict Katz(string direction, double ratio, double low, double high) => new(direction, ratio, low, high, 0.99, 5, Verdict.Katz);

    [Fact]
    public void TheReferenceAndUnestablishedVerdictsAreNeverInTheAdverseColour()
    {
        var neutral = new[] { new ForestRow("ref \u2605", null, IsReference: true), new ForestRow("a", Katz(Verdict.NotEstablished, 1.1, 0.7, 1.6)) };
        var svg = ForestPlot.Draw(neutral, 0.8, "f", "t", "d", ReportLanguage.English)!.Svg;
        Assert.DoesNotContain(PlotStyle.VerdictAgainstHex, svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(PlotStyle.VerdictNotEstablishedHex, svg, StringComparison.OrdinalIgnoreCase);
        var against = ForestPlot.Draw([.. neutral, new ForestRow("b", Katz(Verdict.Against, 3, 2, 4.5))], 0.8, "f", "t", "d", ReportLanguage.English)!.Svg;
        Assert.Contains(PlotStyle.VerdictAgainstHex, against, StringComparison.OrdinalIgnoreCase);
        var favour = ForestPlot.Draw([.. neutral, new ForestRow("c", Katz(Verdict.InFavour, 0.3, 0.2, 0.45))], 0.8, "f", "t", "d", ReportLanguage.English)!.Svg;
        Assert.DoesNotContain(PlotStyle.VerdictAgainstHex, favour, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(PlotStyle.VerdictInFavourHex, favour, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void InfiniteAndZeroRatiosAreLabelledAtTheEdges(string code)
    {
        var language = ReportLanguage.Of(code);
        var rows = new[]
        {
            new ForestRow("ref", null, IsReference: true),
            new ForestRow("all", new Verdict(Verdict.Against, null, 3.2, null, 0.99, 5, Verdict.Fisher) { Infinite = true }),
            new ForestRow("none", new Verdict(Verdict.InFavour, 0, 0, 0.4, 0.99, 5, Verdict.Fisher)),
        };
        var figure = ForestPlot.Draw(rows, 0.8, "f", "t", "d", language)!;
        var texts = SvgText.Labels(figure.Svg).Select(l => l.Text).ToArray();
        Assert.Contains(language.T("chart.forest.infinite"), texts);
        Assert.Contains(language.T("chart.forest.zero"), texts);
        Assert.Contains("\u221E", ForestPlot.RowText(rows[1], language));
    }

    [Fact]
    public void LogTicksAreAtTheirLogarithmsWithDistinctLabels()
    {
        var random = new Random(18);
        for (var trial = 0; trial < 500; trial++)
        {
            var left = -3 + 3 * random.NextDouble();
            var right = Math.Max(left + 0.61, 3 * random.NextDouble());
            foreach (var language in ReportLanguage.All)
            {
                var ticks = ForestPlot.LogTicks(left, right, language);
                Assert.Equal(ticks.Count, ticks.Select(t => t.Label).Distinct().Count());
                foreach (var tick in ticks)
                {
                    var value = double.Parse(tick.Label.Replace('\u202F', ' ').Replace(" ", "").Replace(',', '.'), CultureInfo.InvariantCulture);
                    Assert.Equal(Math.Log10(value), tick.Position, 9);
                    Assert.InRange(tick.Position, left, right);
                }
                var positions = ticks.Select(t => t.Position).ToArray();
                if (left <= Math.Log10(0.5) && right >= Math.Log10(2))
                {
                    // 0.5, 1 and 2 are kept however many decades the axis spans: the reader sees the scale is logarithmic.
                    Assert.Contains(positions, p => Math.Abs(p - Math.Log10(0.5)) < 1e-9);
                    Assert.Contains(positions, p => Math.Abs(p) < 1e-9);
                    Assert.Contains(positions, p => Math.Abs(p - Math.Log10(2)) < 1e-9);
                }
            }
        }
    }

    [Fact]
    public void TopIntersectionsAreRankedByTheNearerBoundsDistanceFromOne()
    {
        // Nearer bounds: 1.5 (log 0.405), 1 / 0.25 = 4 (log 1.386), 2.5 (log 0.916).
        Assert.Equal(Math.Log(1.5), ForestPlot.Distance(Katz(Verdict.Against, 2, 1.5, 3)), 12);
        Assert.Equal(Math.Log(4), ForestPlot.Distance(Katz(Verdict.InFavour, 0.2, 0.1, 0.25)), 12);
        Assert.Equal(Math.Log(2.5), ForestPlot.Distance(new Verdict(Verdict.Against, null, 2.5, null, 0.99, 5, Verdict.Fisher) { Infinite = true }), 12);
        Assert.Equal(0, ForestPlot.Distance(Katz(Verdict.NotEstablished, 1.1, 0.9, 1.4)));
    }

    [Fact]
    public void TheBarAxisEndsJustAboveTheLargestValue()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2000; trial++)
        {
            var high = Math.Pow(10, -3 + 5 * random.NextDouble());
            var items = new[] { new BarItem("a", high * random.NextDouble()), new BarItem("b", high * 0.9, high * 0.8, high) };
            var end = HorizontalBars.AxisEnd(items);
            // A 1-2-5 step of span / 10 is at most 2.5 × span / 10, so the end is at most (1 + 0.25) × 1.04 × the largest whisker.
            Assert.InRange(end, high, 1.3 * high);
            Assert.Equal(Math.Min(100, end), HorizontalBars.AxisEnd(items, 100));
        }
    }

    [Fact]
    public void NiceTicksLabelsDifferOnEveryRange()
    {
        var random = new Random(3);
        foreach (var language in ReportLanguage.All)
        {
            for (var trial = 0; trial < 1000; trial++)
            {
                var low = random.NextDouble() * Math.Pow(10, random.Next(-4, 4)) * (random.Next(4) == 0 ? -1 : 1);
                var span = Math.Pow(10, random.Next(-4, 4)) * (0.05 + random.NextDouble());
                var generator = new NiceTicks(language.Number, random.Next(0, 2));
                generator.Regenerate(new ScottPlot.CoordinateRange(low, low + span), ScottPlot.Edge.Bottom, new ScottPlot.PixelLength(600), null!, new ScottPlot.LabelStyle());
                var labels = generator.Ticks.Select(t => t.Label).ToArray();
                Assert.True(labels.Length >= 2, $"{labels.Length} ticks on [{low}, {low + span}]");
                Assert.True(labels.Distinct().Count() == labels.Length, $"labels alike on [{low}, {low + span}]: {string.Join(" | ", labels)}");
            }
        }
    }
}
