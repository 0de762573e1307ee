using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// The recourse section's sentences are worded from its facts (issue 17 item 5): each is checked against the sentence
/// report.json held before, written out by hand, in both languages (the English ones); the French ones, translated by issue 18, are checked against hand-written French.
/// </summary>
public sealed class RecourseTextTests
{
    private static RecourseSection Section(string adverse, bool ranked, bool exact, params RecourseNote[] notes) => new()
    {
        Method = exact ? "exact-additive" : "search",
        ProvenOptimal = exact,
        Adverse = adverse,
        Cutoff = 0.1234567,
        CutoffMovesWithCapacity = ranked,
        Cost = RecourseSection.PercentileShiftCost,
        Resolution = exact ? new RecourseResolution(1e-4, 1e-6) : null,
        Features = [],
        Flagged = 0,
        DistinctInputs = 0,
        NoRecourse = Metric.UndefinedBecause("test"),
        MeanCost = Metric.UndefinedBecause("test"),
        MedianCost = Metric.UndefinedBecause("test"),
        ByGroup = [],
        Levers = [],
        Notes = notes,
    };

    public static TheoryData<string> Languages => ["en"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void TheTargetNamesTheSideAwayFromTheAdverseTail(string language)
    {
        var l = ReportLanguage.Of(language);
        Assert.Equal("a score strictly below the cut-off 0.123457", RecourseText.Target(Section("high", false, true), l));
        Assert.Equal("a score strictly above the cut-off 0.123457", RecourseText.Target(Section("low", false, true), l));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void OnlyACapacityCutoffMovesAndOnlyTheExactSolversHaveAResolution(string language)
    {
        var l = ReportLanguage.Of(language);
        Assert.Null(RecourseText.CutoffNote(Section("high", false, true), l));
        Assert.StartsWith("The cut-off is the score of the last person flagged under the capacity in force", RecourseText.CutoffNote(Section("high", true, true), l));
        Assert.Null(RecourseText.Resolution(Section("high", false, false), l));
        Assert.Equal("Exact on integers: score changes rounded towards the adverse side to 0.0001 of the model's explanation space (log-odds, points or margin), "
            + "so every change found truly unflags; costs rounded to 1E-06. A change within one resolution step per input of the cut-off may be missed.",
            RecourseText.Resolution(Section("high", false, true), l));
        Assert.StartsWith("The sum over changed inputs of the shift in the input's population percentile", RecourseText.CostDefinition(Section("high", false, true), l));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void NotesQuoteTheirPeopleAndInputs(string language)
    {
        var l = ReportLanguage.Of(language);
        Assert.Equal("For 7 flagged people the exact answer failed re-scoring by the model itself (its scores and its structure disagree near the cut-off, "
            + "as single-precision models can): their changes come from the search and are not proven cheapest.",
            RecourseText.Note(new RecourseNote(RecourseNote.SearchFallback, People: 7), l));
        Assert.Equal("Inputs whose actionability neither the model spec nor the plan states are treated as immutable: age, rsa. Declare them under recourse.features to count them as levers.",
            RecourseText.Note(new RecourseNote(RecourseNote.UnstatedActionability, Inputs: ["age", "rsa"]), l));
        Assert.StartsWith("The model is a black box to recourse", RecourseText.Note(new RecourseNote(RecourseNote.BlackBox), l));
    }

    [Fact]
    public void TheFrenchSentencesAreFrenchWithFrenchNumbers()
    {
        var l = ReportLanguage.French;
        Assert.Equal("un score strictement inférieur au seuil 0,123457", RecourseText.Target(Section("high", false, true), l));
        Assert.Equal("un score strictement supérieur au seuil 0,123457", RecourseText.Target(Section("low", false, true), l));
        Assert.StartsWith("Le seuil est le score de la dernière personne signalée", RecourseText.CutoffNote(Section("high", true, true), l));
        Assert.StartsWith("Exact en nombres entiers : les variations de score sont arrondies du côté défavorable à 0,0001 de l'espace d'explication", RecourseText.Resolution(Section("high", false, true), l));
        Assert.Contains("les coûts sont arrondis à 1E\u221206.", RecourseText.Resolution(Section("high", false, true), l));
        Assert.StartsWith("Pour 7 personnes signalées, la réponse exacte", RecourseText.Note(new RecourseNote(RecourseNote.SearchFallback, People: 7), l));
        Assert.Contains("sont traitées comme immuables : age, rsa.", RecourseText.Note(new RecourseNote(RecourseNote.UnstatedActionability, Inputs: ["age", "rsa"]), l));
    }
}
