using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The sentence of a <see cref="Caveat"/> in a language, from the catalogue (<c>caveats.LANG.json</c>). Two wordings
/// exist for some codes, as they did before the words left the results: the page's (<c>caveat.CODE</c>, numbers in the
/// language's format) and the plain one of the Markdown report and the caveats table (<c>caveat.CODE.md</c>, numbers
/// as invariant text). A code with no page wording is shown on the page in its plain wording.
/// </summary>
public static class CaveatText
{
    /// <summary>The sentence of the HTML page.</summary>
    public static string Page(Caveat caveat, ReportLanguage l)
    {
        var key = "caveat." + caveat.Code;
        if (!l.Text.Contains(key))
        {
            return Plain(caveat, l);
        }
        return caveat.Code switch
        {
            Caveat.SuppressedCells => PageSuppression(caveat, l),
            Caveat.MultipleComparisons when caveat.Name("correction") == "none" => l.T(key + ".none"),
            Caveat.NoInference => l.T(key, Limitation(caveat, l)),
            Caveat.TiesAtCutoff => l.T(key, ("tied", l.Count(caveat.Number("tied"))), ("tiedFlagged", l.Count(caveat.Number("tiedFlagged")))),
            _ => l.T(key, Names(caveat)),
        };
    }

    /// <summary>The sentence of the Markdown report and of <c>tables/caveats.csv</c>.</summary>
    public static string Plain(Caveat caveat, ReportLanguage l)
    {
        var key = "caveat." + caveat.Code;
        var plain = l.Text.Contains(key + ".md") ? key + ".md" : key;
        return caveat.Code switch
        {
            Caveat.SuppressedCells => PlainSuppression(caveat, l),
            Caveat.MultipleComparisons when caveat.Name("correction") == "none" => l.T(key + ".none.md"),
            Caveat.NoInference => l.T(plain, Limitation(caveat, l)),
            Caveat.SelectiveLabelsCorrected => l.T(plain, ("explanation", SelectiveExplanation(l, caveat.Name("method"), (long)caveat.Number("randomSample")))),
            Caveat.SyntheticData => l.T(plain, ("rows", Invariant(caveat.Number("rows"), "N0")), ("spec", caveat.Name("spec")), ("seed", caveat.Name("seed"))),
            _ => l.T(plain, [.. Names(caveat), .. PlainNumbers(caveat)]),
        };
    }

    /// <summary>How the selective-labels design estimated error rates, for the method the design reports.</summary>
    public static string SelectiveExplanation(ReportLanguage l, string method, long randomSample) =>
        l.T("selective.explanation." + method, ("randomSample", randomSample.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// What suppression hid on the page: how many groups are small, how many more were hidden to protect them, and a
    /// "review before publishing" warning when a hidden group is still exposed or the exact check could not run.
    /// </summary>
    private static string PageSuppression(Caveat caveat, ReportLanguage l)
    {
        var suppressed = ("suppressed", l.Count(caveat.Number("suppressed")));
        if (caveat.Numbers!.Count == 1)
        {
            return l.T("caveat.suppressed-cells.legacy", suppressed);
        }
        var text = l.T("caveat.suppressed-cells", suppressed, ("primary", l.Count(caveat.Number("primary"))),
            ("complementary", l.Count(caveat.Number("complementary"))), ("minCell", l.Count(caveat.Number("minCell"))));
        if (caveat.Number("labelMetrics") > 0)
        {
            text += " " + l.T("caveat.suppressed-cells.labelMetrics", ("labelMetrics", l.Count(caveat.Number("labelMetrics"))));
        }
        if (caveat.Number("unprotected") > 0)
        {
            text += " " + l.T("caveat.suppressed-cells.unprotected", ("unprotected", l.Count(caveat.Number("unprotected"))));
        }
        if (caveat.Number("exactCheck") == 0)
        {
            text += " " + l.T("caveat.suppressed-cells.notExact");
        }
        return text;
    }

    /// <summary>The same facts in the plain wording, whose parts come in another order.</summary>
    private static string PlainSuppression(Caveat caveat, ReportLanguage l)
    {
        var numbers = PlainNumbers(caveat);
        if (caveat.Numbers!.Count == 1)
        {
            return l.T("caveat.suppressed-cells.md.legacy", numbers);
        }
        var text = l.T("caveat.suppressed-cells.md", numbers)
            + (caveat.Number("labelMetrics") > 0 ? l.T("caveat.suppressed-cells.md.labelMetrics", numbers) : ".");
        if (caveat.Number("exactCheck") == 0)
        {
            text += l.T("caveat.suppressed-cells.md.notExact");
        }
        if (caveat.Number("unprotected") > 0)
        {
            text += l.T("caveat.suppressed-cells.md.unprotected", numbers);
        }
        return text;
    }

    private static (string Name, object? Value) Limitation(Caveat caveat, ReportLanguage l) =>
        ("limitation", MethodText.Limitation((int)caveat.Number("bootstrapReplicates"), l));

    private static (string Name, object? Value)[] Names(Caveat caveat) =>
        caveat.Names?.Select(n => (n.Key, (object?)n.Value)).ToArray() ?? [];

    private static (string Name, object? Value)[] PlainNumbers(Caveat caveat) =>
        caveat.Numbers?.Select(n => (n.Key, (object?)Invariant(n.Value, null))).ToArray() ?? [];

    private static string Invariant(double value, string? format) => value.ToString(format, CultureInfo.InvariantCulture);
}
