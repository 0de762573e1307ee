using System.Text.RegularExpressions;
using Audit.Models;
using Audit.Plan;
using Audit.Tests.Cli;

namespace Audit.Tests.Models;

/// <summary>
/// Every spec in models/ and every plan in datasets/plans/ loads, says what is published and what is not, and is
/// listed in its folder's README: a new file cannot ship untested or undocumented. Golden tests of each spec's
/// scores are in the files named after the spec.
/// </summary>
public sealed class ShippedSpecsTests
{
    private static readonly string ModelsFolder = Path.Combine(SharedData.RepositoryRoot, "models");

    public static TheoryData<string> Specs()
    {
        var files = Directory.GetFiles(ModelsFolder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        return new TheoryData<string>(files!);
    }

    public static TheoryData<string> Plans() =>
        new(Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryShippedSpecLoadsAndStatesItsStatusNotesAndSource(string file)
    {
        var path = Path.Combine(ModelsFolder, file);
        var model = LinearModelSpec.Load(path, file);
        Assert.False(string.IsNullOrWhiteSpace(model.Source), $"{file}: no source");
        Assert.NotEmpty(model.Terms);

        var text = File.ReadAllText(path);
        Assert.StartsWith("# ", text); // a header comment saying what is published and what is not
        Assert.Matches(new Regex("^status: (published|reconstructed|illustrative)$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^notes: ", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^spec_version: 1$", RegexOptions.Multiline), text);
        foreach (var term in model.Terms)
        {
            Assert.False(string.IsNullOrEmpty(term.Info?.Source), $"{file}: '{term.Feature}' has no source");
            Assert.NotNull(term.Info?.Actionability);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryShippedSpecIsListedInTheModelsReadme(string file) =>
        Assert.Contains($"[`{file}`]({file})", File.ReadAllText(Path.Combine(ModelsFolder, "README.md")));

    /// <summary>Loading a plan does not read its data, so plans whose data users download themselves still load.</summary>
    [Theory]
    [MemberData(nameof(Plans))]
    public void EveryShippedPlanLoads(string file)
    {
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", file));
        Assert.NotEmpty(plan.ProtectedAttributes);
        Assert.DoesNotContain("shared", plan.Data.Display, StringComparison.Ordinal); // users have no ../shared folder
    }

    /// <summary>The models issue's acceptance: every variable with its weight, direction, actionability and source.</summary>
    [Fact]
    public void ModelInspectPrintsEveryCafVariableWithWeightDirectionActionabilityAndSource()
    {
        var path = Path.Combine(ModelsFolder, "caf-reconstructed.yaml");
        var outcome = TrustedPlans.Run("model", "inspect", path);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var lines = outcome.Out.Split('\n');
        Assert.Contains("variable", lines.Single(l => l.StartsWith("variable ", StringComparison.Ordinal)));

        var model = LinearModelSpec.Load(path, "caf-reconstructed.yaml");
        foreach (var name in model.TermNames)
        {
            Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        }
        string Row(string name) => lines.Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.Contains("0.71", Row("parent_isole")); // fitted (docs/population-spec.md)
        Assert.Contains("raises the score (adverse)", Row("parent_isole"));
        Assert.Contains("immutable", Row("parent_isole"));
        Assert.Contains("value illustrative; sign: LQDN 27 Nov 2023", Row("parent_isole"));
        Assert.Contains("free", Row("revenu"));
        Assert.Contains("[−∞, 942) 0.45", Row("revenu"));
        Assert.Contains("etudiant -0.5", Row("activite"));
        Assert.Contains("0.8", Row("aah_et_emploi_stable"));
        Assert.Contains("note: intercept -2.2", outcome.Out);
    }
}
