using System.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// One person's explanation as a Markdown page in French or English: a plain-language summary, the four items of
/// CRPA R311-3-1-2 (1° to 4°), the reason codes and the method with its additivity check. Reads only the record.
/// </summary>
public static class PersonExplanationMarkdown
{
    /// <param name="legal">The plan's legal context: the opening cites CRPA, GDPR and the AI Act only where the letter duties
    /// of <see cref="Regulatory.LetterDuties"/> are French welfare's; without one the page makes no legal claim.</param>
    public static string Render(PersonExplanation e, string language, LegalContext? legal = null)
    {
        var page = new Page(e, TextCatalog.Load("explain", language), language);
        page.Header(CitesCrpa(legal));
        page.Summary();
        page.Item1Decision();
        page.Item2Inputs();
        page.Item3Parameters();
        page.Item4Operations();
        page.ReasonCodes();
        page.MethodCheck();
        return page.Markdown.ToString();
    }

    /// <summary>Whether the legal context's letter duties are CRPA's (French welfare): only then does a page cite CRPA.</summary>
    internal static bool CitesCrpa(LegalContext? legal) =>
        Regulatory.LetterDuties.Of(legal).Any(d => d.Source.StartsWith("CRPA", StringComparison.Ordinal));

    /// <summary>
    /// The page being written: the record, its catalogue and what every block shares (labels in the page's language,
    /// the decision rule, the explanation space); one method per block, in the order of the page.
    /// </summary>
    private sealed class Page
    {
        private readonly PersonExplanation e;
        private readonly TextCatalog t;
        private readonly string language;
        private readonly Dictionary<string, string> labels;
        private readonly string space;
        private readonly string rule;
        private readonly string colon;
        private readonly LetterItems items;

        public Page(PersonExplanation explanation, TextCatalog catalog, string language)
        {
            e = explanation;
            t = catalog;
            this.language = language;
            labels = e.Inputs.ToDictionary(i => i.Feature, i => Label(i.Feature, i.LabelFr, i.LabelEn), StringComparer.Ordinal);
            space = t.Or("space." + e.ExplanationSpace, e.ExplanationSpace);
            rule = Esc(RuleOf(e.Contribution, e.Adverse, t));
            colon = t["colon"];
            items = LetterItems.Of(e, language);
        }

        public StringBuilder Markdown { get; } = new();

        private static string Esc(string text) => MarkdownReport.Escape(text);

        private string Label(string feature, string? fr, string? en) => (language == "fr" ? fr ?? en : en ?? fr) ?? feature;

        private string LabelOf(string feature) => labels.GetValueOrDefault(feature, feature);

        public void Header(bool citesCrpa)
        {
            var md = Markdown;
            md.Append("# ").Append(t["title"]).Append("\n\n");
            md.Append(t.Format(citesCrpa ? "intro" : "introPlain", Esc(e.Person), Esc(e.Model), Esc(e.ModelKind))).Append('\n');
            if (e.ModelSource is { } source)
            {
                md.Append('\n').Append(t.Format("model_source", Esc(source))).Append('\n');
            }
            if (e.PartialModel is { } sampled)
            {
                md.Append('\n').Append(t.Format("partial_model", sampled.SampledCoefficients, t.Number(sampled.Magnitude / 2), t.Count(sampled.Samples), sampled.Seed,
                    t.Number(sampled.ScoreMin), t.Number(sampled.ScoreMax), t.Number(sampled.PercentileMin, "0.#"), t.Number(sampled.PercentileMax, "0.#"),
                    t.Count(sampled.FlaggedIn))).Append('\n');
            }
        }

        public void Summary()
        {
            var md = Markdown;
            var c = e.Contribution;
            md.Append("\n## ").Append(t["summary_heading"]).Append("\n\n");
            md.Append(t.Format(c.Flagged ? "summary_flagged" : "summary_not_flagged", t.Number(c.Score), t.Number(c.Percentile, "0.#"),
                t.Count(c.Population), t.Count(c.Rank), rule)).Append(' ');
            md.Append(e.ReasonCodes.Count > 0
                ? t.Format("summary_reasons", string.Join(", ", e.ReasonCodes.Select(r => Esc(LabelOf(r.Feature)))))
                : t["summary_no_reasons"]).Append("\n\n");
        }

        /// <summary>Item 1°: the degree and mode of the algorithm's contribution to the decision.</summary>
        public void Item1Decision()
        {
            var md = Markdown;
            var c = e.Contribution;
            md.Append("## ").Append(t["item1_heading"]).Append("\n\n").Append(t["item1_mode"]).Append("\n\n");
            md.Append($"- {t[c.ScoreIsProbability ? "score_probability" : "score"]}{colon}**{t.Number(c.Score)}**\n");
            md.Append($"- {t["percentile"]}{colon}{t.Number(c.Percentile, "0.#")} %\n");
            md.Append($"- {t["rank"]}{colon}{t.Count(c.Rank)} / {t.Count(c.Population)}\n");
            if (c.Grade is { } grade)
            {
                md.Append($"- {t["grade"]}{colon}{Esc(grade)}\n");
            }
            md.Append($"- {t["rule"]}{colon}{rule}\n");
            if (c.Cutoff is { } cutoff)
            {
                md.Append($"- {t["cutoff"]}{colon}{t.Number(cutoff)}\n");
            }
            md.Append($"- {t["flagged_count"]}{colon}{t.Count(c.FlaggedCount)}\n");
            md.Append($"- {t["decision"]}{colon}**{t[c.Flagged ? "flagged" : "not_flagged"]}**\n\n");
        }

        /// <summary>Item 2°: the data processed and their sources (the rows of <see cref="LetterItems"/>, which the HTML letter prints too).</summary>
        public void Item2Inputs()
        {
            var md = Markdown;
            md.Append("## ").Append(t["item2_heading"]).Append("\n\n");
            md.Append($"| {t["input"]} | {t["value"]} | {t["unit"]} | {t["source"]} |\n|---|---|---|---|\n");
            foreach (var d in items.Data)
            {
                md.Append($"| {Esc(d.Label)} (`{d.Feature}`) | {Esc(d.Value)} | {Esc(d.Unit ?? "")} | {Esc(d.Source)} |\n");
            }
        }

        /// <summary>Item 3°: the processing parameters and their weighting as applied to this person (<see cref="LetterItems"/>).</summary>
        public void Item3Parameters()
        {
            var md = Markdown;
            md.Append("\n## ").Append(t["item3_heading"]).Append("\n\n");
            md.Append(Esc(items.Intro)).Append("\n\n").Append(Esc(items.Baseline)).Append("\n\n");
            var hasWeights = items.HasWeights;
            // For a partially published spec, each contribution's range over the sampled models in a last column.
            var ranges = e.PartialModel?.Terms.ToDictionary(r => r.Term, StringComparer.Ordinal);
            md.Append(hasWeights
                ? $"| {t["parameter"]} | {t["weight_spec"]} | {t["weight_applied"]} | {t["contribution"]} | {t["attribution"]} |"
                : $"| {t["parameter"]} | {t["contribution"]} |");
            md.Append(ranges is null ? "" : $" {t["contribution_range"]} |");
            md.Append(hasWeights ? "\n|---|---|---|--:|--:|" : "\n|---|--:|").Append(ranges is null ? "" : "--:|").Append('\n');
            foreach (var p in items.Parameters)
            {
                var name = Esc(p.Label) + (p.Labelled ? $" (`{p.Term}`)" : "");
                md.Append(hasWeights
                    ? $"| {name} | {Esc(p.Weight ?? "")} | {Esc(p.Applied ?? "")} | {p.ContributionText} | {p.AttributionText ?? ""} |"
                    : $"| {name} | {p.ContributionText} |");
                md.Append(ranges is null ? "" : ranges.TryGetValue(p.Term, out var range) ? $" {t.Number(range.Min)} – {t.Number(range.Max)} |" : " |").Append('\n');
            }
        }

        /// <summary>Item 4°: the operations carried out, numbered.</summary>
        public void Item4Operations()
        {
            var md = Markdown;
            md.Append("\n## ").Append(t["item4_heading"]).Append("\n\n");
            var step = 1;
            foreach (var operation in Operations(e, t, rule, space, Esc))
            {
                md.Append($"{step++}. ").Append(operation).Append('\n');
            }
        }

        public void ReasonCodes()
        {
            var md = Markdown;
            md.Append("\n## ").Append(t["reasons_heading"]).Append("\n\n");
            md.Append(t.Format("reasons_intro", Esc(t.Or("reasons." + e.ReasonCodeMethodCode, e.ReasonCodeMethod)))).Append("\n\n");
            if (e.ReasonCodes.Count == 0)
            {
                md.Append(t["reasons_none"]).Append('\n');
            }
            foreach (var r in e.ReasonCodes)
            {
                md.Append($"{r.Rank}. {Esc(LabelOf(r.Feature))} (`{r.Feature}`){colon}{t.Number(r.Push)} {space}\n");
            }
        }

        /// <summary>The explanation method and its additivity check (the contributions add up to the score).</summary>
        public void MethodCheck()
        {
            var md = Markdown;
            md.Append("\n## ").Append(t["check_heading"]).Append("\n\n");
            md.Append(Esc(Capitalised(t.Or("method." + e.MethodCode, e.Method)))).Append(".\n\n");
            md.Append(t.Format("check", t.Number(e.Baseline), t.Number(e.Value), e.AdditivityError.ToString("0.#E+0", System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
        }
    }

    /// <summary>Item 4°, one sentence per operation, in the page's language; <paramref name="escape"/> is applied to the record's strings.</summary>
    internal static IEnumerable<string> Operations(PersonExplanation e, TextCatalog t, string rule, string space, Func<string, string> escape)
    {
        foreach (var op in e.Operations)
        {
            var arguments = op.Arguments.Select(a => (object?)(double.TryParse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
                ? t.Number(x) : escape(a))).ToArray();
            if (op.Code == "add_terms")
            {
                arguments[2] = t.Or("space." + op.Arguments[2], op.Arguments[2]);
            }
            if (op.Code == "policy")
            {
                arguments[0] = rule;
                arguments[2] = t[op.Arguments[2] == "1" ? "flagged" : "not_flagged"];
            }
            if (op.Code == "explain")
            {
                arguments[0] = t.Or("method." + op.Arguments[0], op.Arguments[0]);
                arguments[2] = space;
            }
            yield return t.Format("op_" + op.Code, arguments);
        }
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The decision rule in the page's language, from its kind and parameter; the library's English description otherwise.</summary>
    internal static string RuleOf(DecisionContribution c, string adverse, TextCatalog t)
    {
        var arguments = c.PolicyArguments;
        if (arguments.Count == 0)
        {
            return c.Policy;
        }
        string Num(string text) => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) ? t.Number(x, "0.######") : text;
        return c.PolicyKind switch
        {
            "threshold" => t.Format(adverse == "high" ? "policy.threshold.high" : "policy.threshold.low", Num(arguments[0])),
            "top_fraction" => t.Format("policy.top_fraction", Num(arguments[0])),
            "budget" => t.Format("policy.budget", t.Count(long.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture))),
            "grades" => t.Format("policy.grades", string.Join(t["or"], arguments)),
            _ => c.Policy,
        };
    }
}
