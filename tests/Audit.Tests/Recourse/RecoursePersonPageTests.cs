using System.Globalization;
using Audit.Data;
using Audit.Tests.Cli;

namespace Audit.Tests.Recourse;

/// <summary>
/// <c>audit recourse --person</c> renders its page from the catalogue (issue 17 item 5). The oracle for English is the
/// page the command printed before, when it built the sentences itself: captured once into <c>Golden/*.en.txt</c>
/// (rewrite with <c>AUDIT_WRITE_GOLDEN=1</c> only for a deliberate change of wording). French is checked by its words.
/// </summary>
public sealed class RecoursePersonPageTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly Table households = CafLikeHouseholds.Generate(400, 18);
    private readonly string plan;
    private readonly string partialPlan;

    public RecoursePersonPageTests()
    {
        CsvTableWriter.Write(households, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        plan = folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction));
        partialPlan = folder.Write("partial.yaml", $"""
            name: caf-signs-only
            root: /
            data: {"{"} path: households.csv {"}"}
            roles: {"{"} id: id {"}"}
            model: {"{"} spec: "{Audit.Tests.Models.NamedPeople.Spec("caf-signs-only.yaml").Replace('\\', '/')}" {"}"}
            policy: {"{"} top_fraction: 0.1 {"}"}
            protected_attributes:
              - column: sexe
            inference: {"{"} bootstrap: 0 {"}"}
            recourse:
              features:
                revenu: {"{"} actionability: increase_only, max_change: 600 {"}"}
                quartier_defavorise: {"{"} actionability: free {"}"}
            seed: 4
            designs:
              partial_model: {"{"} samples: 20 {"}"}
            """);
    }

    public void Dispose() => folder.Dispose();

    /// <summary>Ids of every third household among the 60 most adverse (the top 10 % are flagged: 40 of 400), and of the least adverse.</summary>
    private string[] People()
    {
        var model = Audit.Models.LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf");
        var scores = model.Score(households);
        var byScore = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        return byScore.Take(60).Where((_, rank) => rank % 3 == 0).Append(byScore[^1])
            .Select(i => (i + 1).ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static string Golden(string name) => Path.Combine(SharedData.RepositoryRoot, "tests", "Audit.Tests", "Recourse", "Golden", name);

    private static void AssertGolden(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("AUDIT_WRITE_GOLDEN") == "1")
        {
            File.WriteAllText(Golden(name), actual);
        }
        Assert.Equal(File.ReadAllText(Golden(name)), actual);
    }

    [Fact]
    public void TheEnglishPageIsThePageTheCommandPrintedBefore()
    {
        var pages = new List<string>();
        foreach (var id in People())
        {
            var outcome = TrustedPlans.Run("recourse", plan, "--person", id);
            Assert.True(outcome.ExitCode == 0, outcome.Error);
            pages.Add(outcome.Out);
        }
        AssertGolden("recourse-person.en.txt", string.Join("=====\n", pages));
    }

    [Fact]
    public void TheEnglishPageUnderAPartialModelIsThePageTheCommandPrintedBefore()
    {
        var outcome = TrustedPlans.Run("recourse", partialPlan, "--person", People()[0]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        AssertGolden("recourse-person-partial.en.txt", outcome.Out);
    }

    [Fact]
    public void TheFrenchPageSaysTheSameInFrench()
    {
        var ids = People();
        var flagged = TrustedPlans.Run("recourse", plan, "--person", ids[0], "--lang", "fr");
        Assert.True(flagged.ExitCode == 0, flagged.Error);
        var english = TrustedPlans.Run("recourse", plan, "--person", ids[0]).Out.Split('\n');
        var lines = flagged.Out.Split('\n');
        // The same statements, line for line, with the score written the French way (decimal comma).
        Assert.Equal(english.Length, lines.Length);
        Assert.Matches(@"^La personne \d+ est signalée \(score 0,\d+, seuil 0,\d+\)\.$", lines[0]);
        Assert.Equal(english[0].Replace("Person", "La personne").Replace("is flagged", "est signalée").Replace("cut-off", "seuil").Replace("0.", "0,"), lines[0]);
        Assert.Contains("Comment contester (", flagged.Out);
        Assert.Contains("  - le signalement : ", flagged.Out);
        Assert.Contains("Non proposés comme changements : situation_familiale (événement juridique)", flagged.Out);
        foreach (var sentence in new[] { "How to contest", "Deadline:", "Basis:", "Not proposed", "The cut-off is", "is flagged" })
        {
            Assert.DoesNotContain(sentence, flagged.Out);
        }
        var notFlagged = TrustedPlans.Run("recourse", plan, "--person", ids[^1], "--lang", "fr");
        Assert.StartsWith($"La personne {ids[^1]} n’est pas signalée", notFlagged.Out);
        Assert.Contains("Comment contester, si une décision", notFlagged.Out);
    }

    [Fact]
    public void AnUnknownLanguageIsRefusedWithTheChoices()
    {
        var outcome = TrustedPlans.Run("recourse", plan, "--person", People()[0], "--lang", "de");
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("en or fr", outcome.Error);
    }
}
