using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Data;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Cli;

/// <summary>
/// <c>audit explain</c> and <c>audit recourse</c> with several ids (issue 18, item 10): three ids give three documents
/// equal to three single runs, as a JSON array (<c>--json</c>) or a folder of pages (<c>--out</c>); an id list from a file
/// (<c>--persons</c>) is the same as on the command line.
/// </summary>
public sealed class BulkPersonCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly string plan;
    private static readonly string[] Ids = ["17", "250", "1203"];

    public BulkPersonCommandTests()
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(1_500, seed: 31), folder.File("households.csv"));
        plan = folder.Write("plan.yaml", $"""
            name: caf-bulk
            root: /
            data:
              path: households.csv
              subjects: synthetic
            roles:
              id: household_id
            model:
              spec: {NamedPeople.Spec("caf-reconstructed.yaml").Replace('\\', '/')}
            policy:
              top_fraction: 0.1
            protected_attributes:
              - column: sexe
                reference: H
            inference:
              bootstrap: 50
            explanations:
              background_rows: 50
            recourse:
              features:
                revenu:
                  actionability: increase_only
                  max_change: 300
            seed: 3
            """);
    }

    public void Dispose() => folder.Dispose();

    private string Single(string verb, string id, params string[] more)
    {
        var outcome = TrustedPlans.Run([verb, plan, "--person", id, .. more]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return outcome.Out;
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("recourse")]
    public void ThreeIdsGiveAJsonArrayOfTheThreeSingleDocuments(string verb)
    {
        var bulk = TrustedPlans.Run(verb, plan, "--person", string.Join(",", Ids), "--json");
        Assert.True(bulk.ExitCode == 0, bulk.Error);
        var array = JsonNode.Parse(bulk.Out)!.AsArray();
        Assert.Equal(Ids.Length, array.Count);
        for (var i = 0; i < Ids.Length; i++)
        {
            var single = JsonNode.Parse(Single(verb, Ids[i], "--json"))!;
            Assert.True(JsonNode.DeepEquals(single, array[i]), $"{verb} {Ids[i]}: the bulk document differs from the single run");
        }
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("recourse")]
    public void AFileOfIdsGivesAFolderOfTheThreeSinglePages(string verb)
    {
        var ids = folder.Write($"ids-{verb}.txt", "# three households\n" + string.Join("\n", Ids) + "\n\n");
        var pages = folder.File($"pages-{verb}");
        var bulk = TrustedPlans.Run(verb, plan, "--persons", ids, "--out", pages, "--lang", "fr");
        Assert.True(bulk.ExitCode == 0, bulk.Error);
        Assert.Equal(Ids.Select(id => id + ".md").Order(), Directory.GetFiles(pages).Select(Path.GetFileName).Order());
        foreach (var id in Ids)
        {
            Assert.Equal(Single(verb, id, "--lang", "fr"), File.ReadAllText(Path.Combine(pages, id + ".md")));
        }
    }

    [Fact]
    public void SeveralMarkdownPagesWithoutAFolderAreRefused()
    {
        var outcome = TrustedPlans.Run("recourse", plan, "--person", "17,250");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--out", outcome.Error);
    }

    [Fact]
    public void RecourseAsJsonStatesTheScoreAndFlagThatTheExplanationStates()
    {
        // Two routes to the same person: the recourse stage's record and the explanation's decision contribution.
        foreach (var id in Ids)
        {
            var recourse = JsonNode.Parse(Single("recourse", id, "--json"))!;
            var decision = JsonNode.Parse(Single("explain", id, "--json"))!["contribution"]!;
            Assert.Equal(id, recourse["id"]!.GetValue<string>());
            Assert.Equal(decision["score"]!.GetValue<double>(), recourse["score"]!.GetValue<double>());
            Assert.Equal(decision["flagged"]!.GetValue<bool>(), recourse["flagged"]!.GetValue<bool>());
        }
    }
}
