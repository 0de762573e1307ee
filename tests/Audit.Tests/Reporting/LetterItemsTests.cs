using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Audit.Reporting;
using Audit.Reporting.Letters;
using Audit.Reporting.Text;
using Audit.Results;
using Audit.Tests.Cli;

namespace Audit.Tests.Reporting;

/// <summary>
/// The HTML letter and the Markdown page of one person (issue 18, item 8): the same items 2° and 3° of CRPA
/// R311-3-1-2, one score scale, the routes in the letter's language, the "average person" named, and the
/// illustration banner when the people are synthetic. The person comes from the shipped CAF population spec and model
/// (3,000 generated households) with the shipped French jurisdiction file.
/// </summary>
public sealed partial class LetterItemsTests : IDisposable
{
    private const int BackgroundRows = 40;
    private readonly TempDirectory folder = new();
    private readonly Lazy<(PersonExplanation Explanation, PersonReport? Recourse)> person;

    public LetterItemsTests()
    {
        person = new(() =>
        {
            var plan = TrustedPlans.Load(Plan());
            return (Audit.Auditor.ExplainPerson(plan, Flagged(plan), null), null);
        });
    }

    public void Dispose() => folder.Dispose();

    private string Plan()
    {
        string Shipped(string relative) => Path.Combine(SharedData.RepositoryRoot, relative).Replace('\\', '/');
        return folder.Write("letters.yaml", $"""
            name: caf-letters-synthetic
            root: /
            data: {"{"} population: {Shipped("datasets/populations/caf-france.yaml")}, rows: 3000, seed: 5 {"}"}
            roles: {"{"} id: foyer_id {"}"}
            model: {"{"} spec: {Shipped("models/caf-reconstructed.yaml")} {"}"}
            policy: {"{"} top_fraction: 0.1 {"}"}
            protected_attributes:
              - column: sexe
            inference: {"{"} bootstrap: 0 {"}"}
            explanations: {"{"} background_rows: {BackgroundRows} {"}"}
            recourse: {"{"} jurisdiction: {Shipped("datasets/jurisdictions/fr-caf.yaml")}, decision_types: [family_benefits] {"}"}
            seed: 3
            """);
    }

    /// <summary>The id of the first flagged household (its letter has reasons and routes).</summary>
    private static string Flagged(Audit.Plan.AuditPlan plan)
    {
        for (var id = 1; id < 3000; id++)
        {
            var e = Audit.Auditor.ExplainPerson(plan, id.ToString(CultureInfo.InvariantCulture), null);
            if (e.Contribution.Flagged)
            {
                return e.Person;
            }
        }
        throw new InvalidOperationException("nobody flagged");
    }

    private (string Html, string Markdown, PersonExplanation E) Pages(ReportLanguage l)
    {
        var (e, _) = person.Value;
        var plan = TrustedPlans.Load(Plan());
        var recourse = Audit.Auditor.RecourseForPerson(plan, e.Person);
        var letter = PersonLetterBuilder.Build(e, recourse, l);
        var html = HtmlLetter.Render(letter, Audit.Auditor.ProvenanceOf(plan, "audit explain"), l);
        return (html, PersonExplanationMarkdown.Render(e, l.Code), e);
    }

    [Fact]
    public void TheHtmlAndMarkdownLettersStateTheSameItems2And3()
    {
        var (html, markdown, e) = Pages(ReportLanguage.French);
        // Item 2°: label, value, unit, source: the HTML table's cells equal the Markdown table's, row by row.
        var htmlData = HtmlRows(html, "letter-data");
        var mdData = MarkdownRows(markdown, "## 2°").Select(r => (IReadOnlyList<string>)[Regex.Replace(r[0], @" \(`[^`]*`\)$", ""), r[1], r[2], r[3]]).ToList();
        Assert.Equal(e.Inputs.Count, htmlData.Count);
        Assert.Equal(mdData, htmlData);
        // Against the record itself: every input's value, as the data holds it, in its row.
        Assert.Equal(e.Inputs.Select(i => i.Value.Length == 0 ? "(manquante)" : i.Value), htmlData.Select(r => r[1]));

        // Item 3°: parameter, weight, applied, contribution, attribution: the same cells on both pages.
        var htmlParameters = HtmlRows(html, "letter-parameters");
        var mdParameters = MarkdownRows(markdown, "## 3°").Select(r => (IReadOnlyList<string>)[Regex.Replace(r[0], @" \(`[^`]*`\)$", ""), .. r.Skip(1)]).ToList();
        Assert.Equal(e.Parameters.Count, htmlParameters.Count);
        Assert.Equal(mdParameters, htmlParameters);
        // The numbers are the record's, read back from the page (French decimals): each contribution, and the sum from the constant.
        for (var i = 0; i < e.Parameters.Count; i++)
        {
            Assert.Equal(e.Parameters[i].Contribution, French(htmlParameters[i][3]), 4);
        }
        Assert.Equal(e.Value, e.Intercept!.Value + htmlParameters.Sum(r => French(r[3])), 3);
    }

    [Fact]
    public void TheLetterPrintsOneScoreAndGivesTheAdditiveScaleInANote()
    {
        var (html, _, e) = Pages(ReportLanguage.French);
        var text = Text(html);
        // The score the decision reads (a probability for this logistic model) once; the log-odds only in the note.
        Assert.True(e.Contribution.ScoreIsProbability);
        Assert.Contains("Votre score : " + ReportLanguage.French.Score(e.Contribution.Score) + ".", text);
        Assert.DoesNotContain("Votre score : " + ReportLanguage.French.Score(e.Value), text);
        Assert.Contains("au point de départ à " + ReportLanguage.French.Score(e.Value) + " pour vous", text);
        // 1 / (1 + e^-output) is the probability printed: the two scales are one score.
        Assert.Equal(e.Contribution.Score, 1 / (1 + Math.Exp(-e.Value)), 9);
    }

    [Fact]
    public void TheAveragePersonIsNamedOnBothPages()
    {
        var (html, markdown, e) = Pages(ReportLanguage.French);
        var sentence = $"sortie moyenne du modèle sur {BackgroundRows} personnes tirées au hasard, avec la graine du plan, parmi les 3\u202F000 personnes auditées";
        Assert.Contains(sentence, Text(html));
        Assert.Contains(sentence, markdown);
        Assert.Equal(BackgroundRows, e.BackgroundRows);
    }

    [Fact]
    public void ASyntheticPopulationsLetterSaysItIsAnIllustration()
    {
        var (html, _, e) = Pages(ReportLanguage.French);
        Assert.True(e.SyntheticPeople);
        Assert.Contains("les personnes de cet audit sont synthétiques", html);
        var english = HtmlLetter.Render(PersonLetterBuilder.Build(e with { SyntheticPeople = null }, null, ReportLanguage.English), ReportSamples.Demo.Provenance, ReportLanguage.English);
        Assert.DoesNotContain("synthetic", english);
    }

    [Fact]
    public void TheRoutesAreInTheLettersLanguage()
    {
        var (french, _, _) = Pages(ReportLanguage.French);
        var (english, _, _) = Pages(ReportLanguage.English);
        Assert.Contains("Commission de recours amiable (CRA) de la CAF", WebUtility.HtmlDecode(french));
        Assert.Contains("2 mois à compter de la notification", WebUtility.HtmlDecode(french));
        Assert.DoesNotContain("from the notification", french);
        Assert.Contains("2 months from the notification", english);
        // The French letter passes the report's English-vocabulary check once the data's own words (labels, values, sources) are out.
        var items = LetterItems.Of(person.Value.Explanation, "fr");
        var data = items.Data.SelectMany(d => new[] { d.Label, d.Value, d.Feature, d.Source, d.Unit ?? "" })
            .Concat(items.Parameters.SelectMany(p => new[] { p.Label, p.Term, p.Weight ?? "", p.Applied ?? "" }))
            .Concat([person.Value.Explanation.Person, "caf-letters-synthetic", "audit explain"]);
        var englishWords = FrenchVocabularyTests.EnglishWords(french, data);
        Assert.True(englishWords.Count == 0, string.Join("\n", englishWords));
    }

    private static double French(string number) => double.Parse(number.Replace('\u2212', '-').Replace(',', '.'), CultureInfo.InvariantCulture);

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<style>.*?</style>", "", RegexOptions.Singleline), "<[^>]+>", ""));

    /// <summary>The body rows of the table of a class, as decoded cell texts.</summary>
    private static List<IReadOnlyList<string>> HtmlRows(string html, string tableClass)
    {
        var table = Regex.Match(html, $"<table class=\"{tableClass}\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.True(table.Success, tableClass);
        return Regex.Matches(table.Groups[1].Value, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(r => (IReadOnlyList<string>)Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
                .Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToList())
            .ToList();
    }

    /// <summary>The body rows of the first table after a heading, cells unescaped.</summary>
    private static List<IReadOnlyList<string>> MarkdownRows(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, heading);
        var lines = markdown[start..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2);
        return lines.Select(l => (IReadOnlyList<string>)CellSplit().Split(l.Trim().Trim('|')).Select(c => Unescape(c.Trim())).ToList()).ToList();
    }

    private static string Unescape(string cell) => Regex.Replace(cell, @"\\(.)", "$1");

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();
}
