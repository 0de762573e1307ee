using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>
/// models/caf-reconstructed.yaml on hand-made households. Every weight in the spec is illustrative (only its sign
/// is published), so these values check the arithmetic of the spec, not anything CNAF computes.
/// </summary>
public sealed class CafReconstructedSpecTests
{
    private static readonly LinearModel Model = LinearModelSpec.Load(NamedPeople.Spec("caf-reconstructed.yaml"), "caf-reconstructed.yaml");

    private static Dictionary<string, object> Household(double revenu, string situation, bool parentIsole, bool enfantPlus12, string activite,
        bool rsa, bool aah, bool quartier, double tauxEffort, bool demenagement) => new()
        {
            ["revenu"] = revenu,
            ["situation_familiale"] = situation,
            ["parent_isole"] = parentIsole,
            ["enfant_plus_12_ans"] = enfantPlus12,
            ["activite"] = activite,
            ["rsa"] = rsa,
            ["aah"] = aah,
            ["quartier_defavorise"] = quartier,
            ["taux_effort_logement"] = tauxEffort,
            ["demenagement_recent"] = demenagement,
        };

    private static readonly Table Households = NamedPeople.Of(
        // Claire, separated single mother of two (the elder is 14), 1,100 EUR a month, receives AAH and has a stable
        // part-time job, rent 30 % of resources.
        ("Claire", Household(1100, "separe", true, true, "emploi_stable", false, true, false, 30, false)),
        // Karim, in a couple without children, stable job, 2,600 EUR a month, rent 20 %.
        ("Karim", Household(2600, "couple", false, false, "emploi_stable", false, false, false, 20, false)),
        // Sandrine, divorced single mother of a 13-year-old, unemployed, on RSA, 700 EUR a month, lives in a
        // disadvantaged neighbourhood, rent 35 %, moved recently.
        ("Sandrine", Household(700, "divorce", true, true, "chomage", true, false, true, 35, true)),
        // Léo, single student, 600 EUR a month, rent 40 %, moved recently.
        ("Léo", Household(600, "celibataire", false, false, "etudiant", false, false, false, 40, true)));

    [Fact]
    public void HouseholdsScoreToHandComputedLogOddsAndProbabilities()
    {
        var eta = Model.LinearPredictor(Households);
        var p = Model.Score(Households);

        // The single-parent (0.71) and rent-burden (0.04 per point) weights are the fitted ones (docs/population-spec.md).
        // Claire: −2.2 (intercept) + 0 (1,100 EUR: 942–2,000 band) + 0.20 (separe) + 0.71 (parent isolé)
        //   + 0.25 (child over 12) + 0 (emploi_stable) + 0 (no RSA) + 0 (AAH main effect) + 0 (not disadvantaged area)
        //   + 0.04 × 30 (rent share) + 0 (no move) + 0.80 (AAH while in stable work) = 0.96;
        //   p = 1 / (1 + e^−0.96) = 0.723121805124390
        Assert.Equal(0.96, eta[0], 1e-12);
        Assert.Equal(0.7231218051243898, p[0], 1e-12);

        // Karim: −2.2 − 0.35 (2,600 EUR ≥ 2,000) + 0.04 × 20 = −1.75; p = 1 / (1 + e^1.75) = 0.148047198031689
        Assert.Equal(-1.75, eta[1], 1e-12);
        Assert.Equal(0.14804719803168948, p[1], 1e-12);

        // Sandrine: −2.2 + 0.45 (700 EUR < 942) + 0.20 (divorce) + 0.71 (parent isolé) + 0.25 (child over 12)
        //   + 0.40 (chomage) + 0.50 (RSA) + 0.30 (disadvantaged area) + 0.04 × 35 + 0.25 (recent move) = 2.26;
        //   p = 1 / (1 + e^−2.26) = 0.905509631049841
        Assert.Equal(2.26, eta[2], 1e-12);
        Assert.Equal(0.9055096310498407, p[2], 1e-12);

        // Léo: −2.2 + 0.45 (600 EUR < 942) + 0 (celibataire) − 0.50 (etudiant) + 0.04 × 40 + 0.25 (recent move) = −0.40;
        //   p = 1 / (1 + e^0.4) = 0.401312339887548
        Assert.Equal(-0.40, eta[3], 1e-12);
        Assert.Equal(0.401312339887548, p[3], 1e-12);
    }

    [Fact]
    public void ClairesLargestTermsAreHerRentBurdenThenReceivingAahWhileWorking()
    {
        var contributions = new double[Model.TermNames.Count];
        Model.Contributions(Households, 0, contributions);
        Assert.Equal(0.96 - Model.Intercept, contributions.Sum(), 1e-12);
        var order = contributions.Select((c, i) => (c, Model.TermNames[i])).OrderByDescending(x => x.c).Select(x => x.Item2).ToList();
        Assert.Equal(["taux_effort_logement", "aah_et_emploi_stable"], order.Take(2));
        Assert.Equal(0.80, contributions[Model.TermNames.ToList().IndexOf("aah_et_emploi_stable")], 1e-12);
    }

    [Fact]
    public void EveryVariableStatesItsLabelsUnitSourceAndActionability()
    {
        foreach (var term in Model.Terms)
        {
            Assert.False(string.IsNullOrEmpty(term.Info?.LabelFr), $"{term.Feature}: no French label");
            Assert.False(string.IsNullOrEmpty(term.Info?.LabelEn), $"{term.Feature}: no English label");
            Assert.False(string.IsNullOrEmpty(term.Info?.DataSource), $"{term.Feature}: no data source");
            Assert.False(string.IsNullOrEmpty(term.Info?.Source), $"{term.Feature}: no source");
            Assert.NotNull(term.Info?.Actionability);
        }
        Assert.Equal(Actionability.Immutable, Model.Terms.Single(t => t.Feature == "situation_familiale").Info!.Actionability);
        Assert.Equal(Actionability.Immutable, Model.Terms.Single(t => t.Feature == "aah").Info!.Actionability);
        Assert.Equal(Actionability.Free, Model.Terms.Single(t => t.Feature == "revenu").Info!.Actionability);
    }

    /// <summary>Every number is illustrative: each coefficient's source says so, or names it a reference level.</summary>
    [Fact]
    public void EveryCoefficientSaysItIsIllustrativeOrAReference()
    {
        var coefficients = new List<Coefficient> { Model.InterceptCoefficient };
        foreach (var term in Model.Terms)
        {
            coefficients.AddRange(term.LevelWeights.Values);
            coefficients.AddRange(term.Bins?.Select(b => b.Points) ?? []);
            if (term.LevelWeights.Count == 0 && term.Bins is null)
            {
                coefficients.Add(term.Weight);
            }
        }
        coefficients.AddRange(Model.Interactions.Select(i => i.Weight));
        foreach (var c in coefficients)
        {
            Assert.Matches("illustrative|reference", c.Source ?? "");
        }
    }
}
