using Audit.Models;
using System.Text.Json;
using Audit.Data;
using Audit.Results;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Cli;

/// <summary>
/// <c>audit explain</c> on the reconstructed CAF spec and synthetic households prints the four items of CRPA
/// R311-3-1-2, in French with <c>--lang fr</c>; and <c>audit run</c> puts the explanations into the report.
/// </summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly string plan;

    public ExplainCommandTests()
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(1_500, seed: 31), folder.File("households.csv"));
        plan = folder.Write("plan.yaml", $"""
            name: caf-explain
            # The spec is the repository's, named by absolute path: 'root' allows it explicitly.
            root: /
            data:
              path: households.csv
            roles:
              id: household_id
            model:
              spec: {NamedPeople.Spec("caf-reconstructed.yaml").Replace('\\', '/')}
            policy:
              top_fraction: 0.1
            # French welfare: the page's opening cites CRPA R311-3-1-2 only under this legal context (issue 18).
            legal:
              jurisdiction: fr
              domain: welfare
            protected_attributes:
              - column: sexe
                reference: H
              - column: parent_isole
            inference:
              bootstrap: 100
            explanations:
              background_rows: 50
            seed: 3
            """);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void InFrenchItPrintsTheFourItemsOfR311_3_1_2()
    {
        var outcome = TrustedPlans.Run("explain", plan, "--person", "17", "--lang", "fr");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var page = outcome.Out;
        Assert.Contains("# Explication individuelle", page);
        Assert.Contains("R311-3-1-2", page);
        Assert.Contains("## 1° Degré et mode de contribution du traitement algorithmique à la prise de décision", page);
        Assert.Contains("## 2° Données traitées et leurs sources", page);
        Assert.Contains("## 3° Paramètres de traitement et, le cas échéant, leur pondération, appliqués à la situation de l'intéressé", page);
        Assert.Contains("## 4° Opérations effectuées par le traitement", page);
        Assert.Contains("## Résumé", page);
        Assert.Contains("## Principales raisons (codes motifs)", page);
        // 2°: the French label and the declared source of an input.
        Assert.Contains("Ressources mensuelles du foyer (`revenu`)", page);
        Assert.Contains("déclaration trimestrielle de ressources", page);
        // 1°: the rule and the percentile; 4°: the logistic step; decimal commas.
        Assert.Contains("Règle de décision : les 10 % de scores les plus défavorables sont signalés", page);
        Assert.Contains("fonction logistique", page);
        Assert.Contains("log-cote (logit)", page);
        Assert.DoesNotContain("Summary", page);
        Assert.Contains("1\u202F500 personnes évaluées", page);
        Assert.Contains("par la forme exacte du modèle additif", page);
        Assert.Contains("par rapport à la personne moyenne (proche de la comparaison à la moyenne", page);
        Assert.Contains("terme constant -2,2", page);
    }

    [Fact]
    public void InEnglishTheSameItemsAndTheJsonRecordAgree()
    {
        var page = TrustedPlans.Run("explain", plan, "--person", "17", "--lang", "en");
        Assert.Equal(0, page.ExitCode);
        Assert.Contains("## 1° Degree and mode of contribution", page.Out);
        Assert.Contains("## 3° Parameters of the processing and their weighting, as applied to the person", page.Out);
        Assert.Contains("Household monthly resources", page.Out);

        var json = TrustedPlans.Run("explain", plan, "--person", "17", "--json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Equal("17", root.GetProperty("person").GetString());
        Assert.Equal("log-odds", root.GetProperty("explanationSpace").GetString());
        Assert.Equal("closed-form", root.GetProperty("methodCode").GetString());
        Assert.Equal("attribution", root.GetProperty("reasonCodeMethodCode").GetString());
        Assert.True(root.GetProperty("additivityError").GetDouble() < 1e-9);
        Assert.Equal(10, root.GetProperty("inputs").GetArrayLength());
        // Eleven terms: ten inputs and two interactions; the constant plus the contributions is the log-odds of the score.
        var parameters = root.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.Equal(12, parameters.Length);
        var eta = root.GetProperty("intercept").GetDouble() + parameters.Sum(p => p.GetProperty("contribution").GetDouble());
        var score = root.GetProperty("contribution").GetProperty("score").GetDouble();
        Assert.Equal(score, 1 / (1 + Math.Exp(-eta)), 12);
        Assert.Equal(eta, root.GetProperty("value").GetDouble(), 12);
        Assert.InRange(root.GetProperty("reasonCodes").GetArrayLength(), 0, 4);
    }

    [Fact]
    public void AnUnknownPersonIsBadInput()
    {
        var outcome = TrustedPlans.Run("explain", plan, "--person", "no-such-id");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no person has the ID 'no-such-id'", outcome.Error);
    }

    [Fact]
    public void APersonFileIsExplainedAgainstThePopulation()
    {
        var person = folder.Write("person.yaml", """
            revenu: 800
            situation_familiale: separe
            parent_isole: true
            enfant_plus_12_ans: true
            activite: chomage
            rsa: true
            aah: false
            quartier_defavorise: true
            taux_effort_logement: 45
            demenagement_recent: true
            """);
        var outcome = TrustedPlans.Run("explain", plan, "--person-file", person, "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        using var document = JsonDocument.Parse(outcome.Out);
        var root = document.RootElement;
        // Every input raises the score: the four largest are the reasons, parent_isole (0.6 × (1 − share)) first or close.
        var reasons = root.GetProperty("reasonCodes").EnumerateArray().Select(r => r.GetProperty("feature").GetString()).ToArray();
        Assert.Equal(4, reasons.Length);
        Assert.Contains("parent_isole", reasons);
        Assert.True(root.GetProperty("contribution").GetProperty("flagged").GetBoolean());
        Assert.Equal(1_501, root.GetProperty("contribution").GetProperty("population").GetInt64());
    }

    [Fact]
    public void NeitherPersonNorFileIsBadUsage()
    {
        Assert.Equal(2, TrustedPlans.Run("explain", plan).ExitCode);
        Assert.Equal(2, TrustedPlans.Run("explain", plan, "--person", "17", "--lang", "de").ExitCode);
    }

    [Fact]
    public void TheAuditReportCarriesImportanceProxiesAndTheDecomposition()
    {
        var output = folder.File("report");
        var outcome = TrustedPlans.Run("run", plan, "--out", output);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var result = AuditResultJson.Deserialize(File.ReadAllText(Path.Combine(output, "report.json")));
        var e = Assert.IsType<ExplanationsSection>(result.Explanations);
        Assert.Equal("log-odds", e.ExplanationSpace);
        Assert.True(e.AdditivityError < 1e-9);
        Assert.Equal(10, e.Importance.Count);
        Assert.NotNull(e.Weights);
        Assert.Equal(20, e.Proxies.Count);
        Assert.Equal(ExplanationOptionsDefaults.TopFeatures, e.Dependence.Count);
        var women = e.Decompositions.Single(d => d.Attribute == "sexe" && d.Group == "F");
        Assert.Equal(women.Gap.Value!.Value, women.Parts.Sum(p => p.Difference.Value!.Value), 12);
        Assert.NotNull(women.Gap.Ci);
        var single = e.Decompositions.Single(d => d.Attribute == "parent_isole");
        var weight = LinearModelSpec.Load(NamedPeople.Spec("caf-reconstructed.yaml"), "caf-reconstructed.yaml").Terms.Single(t => t.Feature == "parent_isole").Weight.Value!.Value;
        Assert.Equal(weight, single.Parts.Single(p => p.Feature == "parent_isole").Difference.Value!.Value, 12);
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("## Why the model scores as it does", markdown);
        Assert.Contains("### Where the gaps between groups come from", markdown);
        Assert.Contains("### Proxies", markdown);

        // The same plan and seed give byte-identical JSON.
        var again = folder.File("again");
        Assert.Equal(0, TrustedPlans.Run("run", plan, "--out", again).ExitCode);
        var second = AuditResultJson.Deserialize(File.ReadAllText(Path.Combine(again, "report.json")));
        Assert.Equal(AuditResultJson.Serialize(result with { Provenance = second.Provenance }), AuditResultJson.Serialize(second));
    }

    private static class ExplanationOptionsDefaults
    {
        public const int TopFeatures = Audit.Explain.ExplanationOptions.DefaultTopFeatures;
    }
}
