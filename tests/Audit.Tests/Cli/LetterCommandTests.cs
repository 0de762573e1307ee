using Audit.Data;
using Audit.Plan;
using Audit.Reporting.Letters;
using Audit.Reporting.Text;
using Audit.Tests.Models;
using Audit.Tests.Recourse;

namespace Audit.Tests.Cli;

/// <summary><c>audit explain PLAN --person ID --html</c>: the person's letter, from the explanations and (with <c>recourse:</c>) the recourse stage.</summary>
public sealed class LetterCommandTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public LetterCommandTests()
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(800, seed: 31), folder.File("households.csv"));
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml"), folder.File("fr-caf.yaml"));
    }

    public void Dispose() => folder.Dispose();

    private static string Spec => NamedPeople.Spec("caf-reconstructed.yaml").Replace('\\', '/');

    private string Plan(bool recourse) => recourse
        ? folder.Write("with-recourse.yaml", CafLikeHouseholds.Plan("households.csv", Spec, "fr-caf.yaml") + "\nexplanations: { background_rows: 30 }\nseed: 3\n")
        : folder.Write("plain.yaml", $"""
            name: caf-letters
            root: /
            data: {"{"} path: households.csv {"}"}
            roles: {"{"} id: id {"}"}
            model: {"{"} spec: {Spec} {"}"}
            policy: {"{"} top_fraction: 0.1 {"}"}
            protected_attributes:
              - column: sexe
            inference: {"{"} bootstrap: 0 {"}"}
            explanations: {"{"} background_rows: 30 {"}"}
            seed: 3
            """);

    [Fact]
    public void WithRecourseTheLetterCarriesTheChangeAndTheRoutesIntoLettersFolder()
    {
        var outcome = TrustedPlans.Run("explain", Plan(recourse: true), "--person", "17", "--lang", "fr", "--html", folder.Path + "/out/");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var path = Path.Combine(folder.Path, "out", "letters", "17.html");
        Assert.True(File.Exists(path), outcome.Out);
        var html = File.ReadAllText(path);
        Assert.Contains("Votre dossier 17", html);
        Assert.Contains("Ce qui aurait changé le résultat", html);
        Assert.Contains("Comment contester la décision", html);
        Assert.DoesNotContain("Aucune voie de contestation", html);
        Assert.Contains("R142-1", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void WithoutRecourseTheLetterGoesToTheFileAndSaysNoRouteWasGiven()
    {
        var file = folder.File("letter.html");
        var outcome = TrustedPlans.Run("explain", Plan(recourse: false), "--person", "17", "--html", file);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var html = File.ReadAllText(file);
        Assert.Contains("Your file 17", html);
        Assert.DoesNotContain("What would have changed the result", html);
        Assert.Contains("No route to contest was given", html);
    }

    [Fact]
    public void TheLetterAddsUpFromTheBaselineToTheScore()
    {
        var plan = TrustedPlans.Load(Plan(recourse: false));
        var explanation = Auditor.ExplainPerson(plan, "17", null);
        var letter = PersonLetterBuilder.Build(explanation, null, ReportLanguage.English);
        Assert.Equal("17", letter.PersonId);
        Assert.NotEmpty(letter.Inputs);
        Assert.Equal(letter.Output ?? letter.Score, letter.Baseline + letter.Inputs.Sum(i => i.Contribution), 1e-6);
        Assert.InRange(letter.PrincipalReasons.Count, 0, 4);
        Assert.DoesNotContain("**", letter.Decision);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("a/b\\c:d")]
    [InlineData("")]
    [InlineData("x")]
    public void FileNamesFromDataAreSafeAndBounded(string id)
    {
        foreach (var candidate in new[] { id, id + new string('z', 500), new string('/', 300) + id })
        {
            var name = HtmlLetter.SafeName(candidate);
            Assert.NotEmpty(name);
            Assert.True(name.Length <= HtmlLetter.MaxNameLength, name);
            Assert.DoesNotContain("..", name);
            Assert.DoesNotContain('/', name);
            Assert.DoesNotContain('\\', name);
            Assert.Matches("^[A-Za-z0-9_-]+$", name);
            Assert.Equal(name, Path.GetFileName(name));
        }
        Assert.NotEqual(HtmlLetter.SafeName(new string('a', 100) + "1"), HtmlLetter.SafeName(new string('a', 100) + "2"));
    }
}
