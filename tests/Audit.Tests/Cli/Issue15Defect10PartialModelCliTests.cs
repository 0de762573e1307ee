using System.Globalization;
using System.Text.Json;
using Audit.Data;
using Audit.Designs;
using Audit.Models;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Cli;

/// <summary>
/// Issue 15, defect 10: a plan on <c>models/caf-signs-only.yaml</c> with <c>designs: { partial_model: … }</c> ran, but
/// <c>audit explain --person</c> and <c>audit recourse --person</c> failed with "intercept is not known" and a hint that
/// sampling unknown coefficients "is not available yet". All three verbs now open the plan the same way: they use the
/// central model, say so, and give the person's ranges over the design's sampled models.
/// </summary>
public sealed class Issue15Defect10PartialModelCliTests : IDisposable
{
    private const int Samples = 30;
    private readonly TempDirectory folder = new();
    private readonly Table households = CafLikeHouseholds.Generate(1_200, seed: 10);
    private readonly string plan;

    public Issue15Defect10PartialModelCliTests()
    {
        CsvTableWriter.Write(households, folder.File("households.csv"));
        plan = folder.Write("plan.yaml", Plan($"""
            designs:
              partial_model: {"{"} samples: {Samples} {"}"}
            """));
    }

    public void Dispose() => folder.Dispose();

    private static string Plan(string designs) => $"""
        name: caf-signs-only
        root: /
        data: {"{"} path: households.csv {"}"}
        roles: {"{"} id: household_id {"}"}
        model: {"{"} spec: "{NamedPeople.Spec("caf-signs-only.yaml").Replace('\\', '/')}" {"}"}
        policy: {"{"} top_fraction: 0.1 {"}"}
        protected_attributes:
          - {"{"} column: sexe, reference: H {"}"}
          - column: parent_isole
        inference: {"{"} bootstrap: 0 {"}"}
        explanations: {"{"} background_rows: 50 {"}"}
        recourse:
          features:
            revenu: {"{"} actionability: increase_only, max_change: 600 {"}"}
            taux_effort_logement: {"{"} actionability: decrease_only, max_change: 20 {"}"}
        seed: 4
        {designs}
        """;

    /// <summary>The household the central model scores most adversely (flagged under a top 10 % policy).</summary>
    private string MostAdverse()
    {
        var spec = LinearModelSpec.Load(NamedPeople.Spec("caf-signs-only.yaml"), "caf-signs-only.yaml");
        var central = PartialModelSampler.Central(spec, households, new PartialModelPlan(Samples, PartialModelPlan.DefaultMagnitude, 0));
        var scores = central.Score(households);
        return ((NumericColumn)households["household_id"])[Array.IndexOf(scores, scores.Max())].ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public void RunExplainAndRecourseWorkOnAPartiallyPublishedSpecAndSayWhichModelTheyUse()
    {
        var output = folder.File("report");
        var run = TrustedPlans.Run("run", plan, "--out", output, "--quiet");
        Assert.True(run.ExitCode == 0, run.Error);

        var person = MostAdverse();
        var json = TrustedPlans.Run("explain", plan, "--person", person, "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Contains("central model", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("contribution").GetProperty("flagged").GetBoolean());
        var sampled = root.GetProperty("partialModel");
        Assert.Equal(Samples, sampled.GetProperty("samples").GetInt32());
        Assert.Equal(18, sampled.GetProperty("sampledCoefficients").GetInt32());
        Assert.InRange(sampled.GetProperty("flaggedIn").GetInt32(), 1, Samples);
        Assert.True(sampled.GetProperty("scoreMin").GetDouble() <= sampled.GetProperty("scoreMax").GetDouble());
        Assert.Equal(12, sampled.GetProperty("terms").GetArrayLength());

        var page = TrustedPlans.Run("explain", plan, "--person", person, "--lang", "en");
        Assert.True(page.ExitCode == 0, page.Error);
        Assert.Contains("this explanation uses its **central model**", page.Out);
        Assert.Contains($"Over the {Samples} models", page.Out);
        Assert.Contains("Range over the sampled models", page.Out);
        var fr = TrustedPlans.Run("explain", plan, "--person", person, "--lang", "fr");
        Assert.True(fr.ExitCode == 0, fr.Error);
        Assert.Contains("**modèle central**", fr.Out);

        var recourse = TrustedPlans.Run("recourse", plan, "--person", person);
        Assert.True(recourse.ExitCode == 0, recourse.Error);
        Assert.Contains("central model", recourse.Out);
        Assert.Contains($"of the {Samples} sampled models", recourse.Out);
    }

    [Fact]
    public void WithoutTheDesignTheErrorPointsToTheDesignThatExists()
    {
        var bare = folder.Write("bare.yaml", Plan(""));
        foreach (var args in new[] { new[] { "run", bare, "--out", folder.File("bare-report"), "--quiet" }, ["explain", bare, "--person", "1"], ["recourse", bare, "--person", "1"] })
        {
            var outcome = TrustedPlans.Run(args);
            Assert.Equal(2, outcome.ExitCode);
            Assert.Contains("intercept is not known", outcome.Error);
            Assert.Contains("partial_model", outcome.Error);
            Assert.DoesNotContain("not available yet", outcome.Error);
        }
    }
}
