using Audit.Results;
using Audit.Reporting.Text;

namespace Audit.Reporting.Letters;

/// <summary>
/// Fills a <see cref="PersonLetter"/> from the explanations stage's <see cref="PersonExplanation"/> and, when the plan
/// has <c>recourse:</c>, the recourse stage's <see cref="PersonReport"/> (cheapest change, data to check, routes). The
/// words come from the explanation texts (Reporting/Texts/explain.*.json) and the letter texts (Reporting/Text/letters.*.json).
/// </summary>
public static class PersonLetterBuilder
{
    public static PersonLetter Build(PersonExplanation e, PersonReport? recourse, ReportLanguage language)
    {
        var t = TextCatalog.Load("explain", language.Code);
        static string Plain(string text) => text.Replace("**", "", StringComparison.Ordinal);
        static string Same(string text) => text;
        var c = e.Contribution;
        var space = t.Or("space." + e.ExplanationSpace, e.ExplanationSpace);
        var rule = PersonExplanationMarkdown.RuleOf(c, e.Adverse, t);
        var labels = e.Inputs.ToDictionary(i => i.Feature, i => (language.Code == "fr" ? i.LabelFr ?? i.LabelEn : i.LabelEn ?? i.LabelFr) ?? i.Feature, StringComparer.Ordinal);
        string LabelOf(string feature) => labels.GetValueOrDefault(feature, feature);
        var sources = e.Inputs.ToDictionary(i => i.Feature, i => i.DataSource, StringComparer.Ordinal);
        var values = e.Inputs.ToDictionary(i => i.Feature, i => i.Value.Length == 0 ? t["missing_value"] : i.Value + (i.Unit is { } u ? " " + u : ""), StringComparer.Ordinal);

        // The contributions add up from the baseline to the output: attributions against the background (Baseline), or,
        // when a term has no attribution, the model's own terms from its constant.
        var attributed = e.Parameters.Count > 0 && e.Parameters.All(p => p.Attribution is not null);
        var inputs = e.Parameters.Select(p => new LetterInput(LabelOf(p.Term), values.GetValueOrDefault(p.Term) ?? p.Applied ?? "", sources.GetValueOrDefault(p.Term),
            attributed ? p.Attribution!.Value : p.Contribution)).ToArray();
        var baseline = attributed ? e.Baseline : e.Intercept ?? e.Baseline;

        var decision = Plain(t.Format(c.Flagged ? "summary_flagged" : "summary_not_flagged", t.Number(c.Score), t.Number(c.Percentile, "0.#"),
            t.Count(c.Population), t.Count(c.Rank), rule));
        var contribution = t["item1_mode"] + " " + t["rule"] + t["colon"] + rule + (c.Cutoff is { } cut ? ". " + t["cutoff"] + t["colon"] + t.Number(cut) : "") + ".";
        var operations = string.Join(" ", PersonExplanationMarkdown.Operations(e, t, rule, space, Same));
        var reasons = e.ReasonCodes.Select(r => $"{LabelOf(r.Feature)}{t["colon"]}{t.Number(r.Push)} {space}").ToArray();

        string? counterfactual = null;
        var routes = new List<AppealRoute>();
        if (recourse is not null)
        {
            counterfactual = Counterfactual(recourse, language, LabelOf);
            foreach (var route in recourse.Routes?.Routes ?? [])
            {
                var words = RecourseText.Route(route, language);
                routes.Add(new AppealRoute(words.Name + " — " + words.Body, words.Deadline ?? language.T("letter.noDeadline"), words.LegalBasis, words.Then));
            }
        }
        // One score on the letter: the one the decision reads (a probability, points); the additive output only in a note when its scale differs.
        var output = Math.Abs(c.Score - e.Value) > 1e-9 ? e.Value : (double?)null;
        return new PersonLetter(e.Person, decision, c.Score, c.Percentile / 100, contribution, inputs, baseline, space, operations, reasons, counterfactual, routes,
            output, e.SyntheticPeople == true, LetterItems.Of(e, language.Code));
    }

    /// <summary>What would have changed the result, or why nothing would, then the data to check first.</summary>
    private static string Counterfactual(PersonReport report, ReportLanguage l, Func<string, string> labelOf)
    {
        if (!report.Flagged || report.Recourse is not { } r)
        {
            return l.T("letter.cf.notFlagged");
        }
        var text = r.Status switch
        {
            RecourseStatus.Found => l.T("letter.cf.change", ("changes", string.Join("; ", r.Changes.Select(x => l.T("letter.cf.item", ("input", labelOf(x.Name)), ("from", x.FromText), ("to", x.ToText))))),
                ("cost", l.Number(r.Cost, 2))) + (r.ProvenOptimal ? "" : " " + l.T("letter.cf.notProven")),
            RecourseStatus.None => l.T("letter.cf.none"),
            _ => l.T("letter.cf.notFound"),
        };
        if (r.ForWhoTheyAre)
        {
            text += " " + l.T("letter.cf.forWhoTheyAre");
        }
        if (r.SensitiveInputs.Count > 0)
        {
            text += " " + l.T("letter.cf.check", ("inputs", string.Join(", ", r.SensitiveInputs.Select(labelOf))));
        }
        return text;
    }
}
