using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Regulatory;

/// <summary>The words of a legal context (legal.*.json), shared by the HTML and Markdown reports.</summary>
public static class LegalWords
{
    /// <summary>"France, social welfare" in the report's language.</summary>
    public static string Context(LegalContext legal, ReportLanguage l) =>
        l.T("legal.contextPair", ("place", l.T("legal.place." + legal.Jurisdiction)), ("domain", l.T("legal.domain." + legal.Domain)));

    /// <summary>Every supported context as the plan writes it, for the hint on how to declare one.</summary>
    public static string SupportedList(ReportLanguage l) =>
        string.Join("; ", LegalContext.Supported.Select(c => $"{c.Jurisdiction} {c.Domain} ({Context(c, l)})"));

    /// <summary>The key of the context's note: what is and is not law there, and what the report may claim.</summary>
    public static string NoteKey(LegalContext legal) => $"legal.note.{legal.Jurisdiction}-{legal.Domain}";

    /// <summary>
    /// The four-fifths rule (29 CFR 1607.4(D)) is a US employment-selection guideline: the only context where the
    /// report may cite it as law. Elsewhere its figure is shown for information.
    /// </summary>
    public static bool FourFifthsIsLaw(LegalContext? legal) => legal is { Jurisdiction: "us", Domain: "employment" };

    /// <summary>
    /// A source as the report's language cites it: the mapping's sources are written as English citations (and so in
    /// docs/legal); a French report names the EU texts and courts the French way (RGPD, règlement IA, directive (UE),
    /// CJUE) with French spacing before the semicolon. Article numbers and case names do not change.
    /// </summary>
    public static string Source(string source, ReportLanguage l) => l.Code != "fr" ? source : source
        .Replace("GDPR", "RGPD", StringComparison.Ordinal)
        .Replace("AI Act", "règlement IA", StringComparison.Ordinal)
        .Replace("Directive (EU)", "directive (UE)", StringComparison.Ordinal)
        .Replace("Directive ", "directive ", StringComparison.Ordinal)
        .Replace("/EC ", "/CE ", StringComparison.Ordinal)
        .Replace("CJEU", "CJUE", StringComparison.Ordinal)
        .Replace("Annex ", "annexe ", StringComparison.Ordinal)
        .Replace("; ", "\u00A0; ", StringComparison.Ordinal);

    /// <summary>The words of an evidence status: "may contribute to evidencing", "partly", "not evidenced by this audit".</summary>
    public static string StatusKey(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Evidenced => "legal.status.evidenced",
        EvidenceStatus.Partly => "legal.status.partly",
        _ => "legal.status.not",
    };
}
