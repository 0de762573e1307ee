using Audit.Cli;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue15;

/// <summary>Issue 15, defect 15: <c>audit synth check</c> on a spec that cites no figure says there is nothing to check.</summary>
public sealed class Defect15SynthCheckWithoutFiguresTests
{
    [Fact]
    public void ASpecWhoseEveryFigureIsIllustrativeHasNothingToCheckAndSaysSo()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("all-illustrative.yaml", """
            spec_version: 1
            name: "all illustrative"
            unit: person
            id: person_id
            variables:
              - name: sexe
                type: categorical
                levels: [F, M]
                probabilities: { F: 0.5, M: 0.5 }
                source: "illustrative: no figure"
              - name: age
                type: numeric
                distribution: uniform
                low: 18
                high: 80
                source: "illustrative"
            """);

        var outcome = CliRunner.Run("synth", "check", spec, "--rows", "1000", "--quiet");

        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Out + outcome.Error);
        Assert.Contains("nothing to check", outcome.Out);
        Assert.Contains("targets", outcome.Out);
        Assert.DoesNotContain("Exception", outcome.Out + outcome.Error);
    }
}
