using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Regulatory;

/// <summary>A legal item a one-person letter answers: a text key (legal.*.json) and the source it cites.</summary>
public sealed record LetterDuty(string Key, string Source);

/// <summary>
/// Which legal items a one-person letter cites, by legal context: the four items of CRPA R311-3-1-2 and the meaningful
/// information of GDPR art. 15(1)(h) for French welfare; the specific principal reasons of an adverse action
/// (12 CFR 1002.9(b)(2)) for US credit; none otherwise, and none without a legal context. The letter's language and
/// layout are the letters' own (Reporting/Letters); only the choice of duties is made here.
/// </summary>
public static class LetterDuties
{
    public static IReadOnlyList<LetterDuty> Of(LegalContext? legal) => legal switch
    {
        { Jurisdiction: "fr", Domain: "welfare" } =>
        [
            new("letterDuty.crpaItems", "CRPA R311-3-1-2"),
            new("letterDuty.meaningfulLogic", "GDPR art. 15(1)(h); CJEU C-203/22"),
        ],
        { Jurisdiction: "us", Domain: "credit" } => [new("letterDuty.adverseActionReasons", "12 CFR 1002.9(b)(2)")],
        _ => [],
    };

    /// <summary>The duties as one sentence in the letter's language, each with its source; null when the letter cites none.</summary>
    public static string? Sentence(LegalContext? legal, ReportLanguage language)
    {
        var duties = Of(legal);
        return duties.Count == 0 ? null : string.Join(" ", duties.Select(d => language.T(d.Key, ("source", LegalWords.Source(d.Source, language)))));
    }
}
