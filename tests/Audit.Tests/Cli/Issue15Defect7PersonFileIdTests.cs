using System.Text.Json;
using Audit.Data;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Cli;

/// <summary>
/// Issue 15, defect 7: <c>audit explain --person-file</c> named the person after the file (<c>person.yaml</c>) instead
/// of the id written in it. The person is named by the plan's id column as the file gives it; a file without an id
/// keeps the file's name, since nothing else names the person.
/// </summary>
public sealed class Issue15Defect7PersonFileIdTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly string plan;

    public Issue15Defect7PersonFileIdTests()
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(400, seed: 7), folder.File("households.csv"));
        plan = folder.Write("plan.yaml", $"""
            name: caf-person-file
            root: /
            data: {"{"} path: households.csv {"}"}
            roles: {"{"} id: household_id {"}"}
            model: {"{"} spec: "{NamedPeople.Spec("caf-reconstructed.yaml").Replace('\\', '/')}" {"}"}
            policy: {"{"} top_fraction: 0.1 {"}"}
            protected_attributes:
              - column: sexe
            inference: {"{"} bootstrap: 0 {"}"}
            explanations: {"{"} background_rows: 50 {"}"}
            """);
    }

    public void Dispose() => folder.Dispose();

    private const string Household = """
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
        """;

    [Fact]
    public void APersonFileIsNamedByTheIdWrittenInIt()
    {
        var person = folder.Write("person.yaml", "household_id: 90417\n" + Household);
        var json = TrustedPlans.Run("explain", plan, "--person-file", person, "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("90417", document.RootElement.GetProperty("person").GetString());

        var page = TrustedPlans.Run("explain", plan, "--person-file", person, "--lang", "en");
        Assert.True(page.ExitCode == 0, page.Error);
        Assert.Contains("for person 90417", page.Out);
        Assert.DoesNotContain("person.yaml", page.Out);

        // The letter is filed under the id too.
        var letters = folder.File("out") + "/";
        var letter = TrustedPlans.Run("explain", plan, "--person-file", person, "--html", letters);
        Assert.True(letter.ExitCode == 0, letter.Error);
        Assert.True(File.Exists(Path.Combine(letters, "letters", "90417.html")), letter.Out);
    }

    [Fact]
    public void APersonFileWithoutAnIdKeepsTheFileName()
    {
        var person = folder.Write("someone.yaml", Household);
        var json = TrustedPlans.Run("explain", plan, "--person-file", person, "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal("someone.yaml", document.RootElement.GetProperty("person").GetString());
    }
}
