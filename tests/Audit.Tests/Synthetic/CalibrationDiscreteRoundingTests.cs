using Audit.Synthetic;

namespace Audit.Tests.Synthetic;

/// <summary>
/// `audit synth check` on a discrete distribution with `round` or `clip` (issue 19, item 4): the check compared the
/// generated column, rounded or clipped by the generator, with the values as written, found none of them and failed
/// every line ("x = 0.4: generated 0 %"). Oracle: the shares the rounding or clipping gives, worked out by hand from
/// the written probabilities, and the generated column counted in the test.
/// </summary>
public sealed class CalibrationDiscreteRoundingTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private CalibrationReport Check(string variable, out PopulationColumns columns)
    {
        var spec = PopulationSpecLoader.Load(dir.Write("spec.yaml", $"""
            name: discrete
            variables:
            {variable}
            """));
        columns = PopulationGenerator.Generate(spec, 20_000, 5);
        return CalibrationCheck.Run(spec, columns);
    }

    [Fact]
    public void ARoundedDiscreteDistributionIsComparedWithTheValuesItRoundsTo()
    {
        // 0.4 and 0.6 round to 0 and 1 (half away from zero): 0 → 0.3, 1 → 0.3, 2 → 0.4.
        var report = Check("  - { name: x, type: numeric, probabilities: { 0.4: 0.3, 0.6: 0.3, 2: 0.4 }, round: 0, source: \"a survey\" }", out var columns);
        Assert.Equal(["x = 0", "x = 1", "x = 2"], report.Lines.Select(l => l.Name));
        Assert.Equal([0.3, 0.3, 0.4], report.Lines.Select(l => l.Target));
        var x = columns.Numeric(0);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(x.Count(v => v == k) / 20_000.0, report.Lines[k].Generated, 12);
        }
        Assert.True(report.Passed, string.Join("; ", report.Lines.Select(l => $"{l.Name}: {l.Generated}")));
    }

    [Fact]
    public void AClippedDiscreteDistributionPoolsTheValuesThatClipToTheSameNumber()
    {
        // clip [0, 1]: 1 and 2 both become 1, so 0 → 0.5 and 1 → 0.25 + 0.25 = 0.5.
        var report = Check("  - { name: x, type: numeric, probabilities: { 0: 0.5, 1: 0.25, 2: 0.25 }, clip: [0, 1], source: \"a survey\" }", out var columns);
        Assert.Equal(["x = 0", "x = 1"], report.Lines.Select(l => l.Name));
        Assert.Equal([0.5, 0.5], report.Lines.Select(l => l.Target));
        Assert.Equal(columns.Numeric(0).Count(v => v == 1) / 20_000.0, report.Lines[1].Generated, 12);
        Assert.True(report.Passed);
    }

    [Fact]
    public void AMiscalibratedRoundedDistributionStillFails()
    {
        // The spec says 0.9 of the values are 0.4 (→ 0), but a target says a half: the check must still catch it.
        var spec = PopulationSpecLoader.Load(dir.Write("off.yaml", """
            name: off
            variables:
              - { name: x, type: numeric, probabilities: { 0.4: 0.9, 3: 0.1 }, round: 0, source: illustrative }
            targets:
              - { name: zeros, share: "x == 0", value: 0.5, source: "a survey" }
            """));
        var report = CalibrationCheck.Run(spec, PopulationGenerator.Generate(spec, 20_000, 5));
        Assert.False(report.Passed);
        Assert.Equal(0.9, report.Lines.Single().Generated, 0.01);
    }
}
