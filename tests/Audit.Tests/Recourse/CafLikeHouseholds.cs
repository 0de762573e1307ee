using Audit.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Audit.Tests.Recourse;

/// <summary>
/// Households with the columns models/caf-reconstructed.yaml reads, plus sexe, nationalite and age as protected
/// attributes, for the recourse tests and benchmark. The shares are invented to give every level and combination
/// some people; they are NOT calibrated to CAF statistics (the synthetic-population work does that). Deterministic
/// for a seed (MathNet's xoshiro256**). Incomes are rounded to whole euros and rent shares to whole percents, so
/// some households share identical inputs, as real files do.
/// </summary>
public static class CafLikeHouseholds
{
    public static Table Generate(int rows, int seed)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        double U() => random.NextDouble();
        string Pick(string[] levels, double[] shares)
        {
            var u = U();
            for (var i = 0; i < levels.Length - 1; i++)
            {
                if ((u -= shares[i]) < 0)
                {
                    return levels[i];
                }
            }
            return levels[^1];
        }
        var id = new double[rows];
        var revenu = new double[rows];
        var situation = new string?[rows];
        var parentIsole = new byte[rows];
        var enfant12 = new byte[rows];
        var activite = new string?[rows];
        var rsa = new byte[rows];
        var aah = new byte[rows];
        var quartier = new byte[rows];
        var effort = new double[rows];
        var demenagement = new byte[rows];
        var sexe = new string?[rows];
        var nationalite = new string?[rows];
        var age = new double[rows];
        string[] situations = ["couple", "celibataire", "divorce", "separe", "veuf"];
        string[] activities = ["emploi_stable", "emploi_precaire", "chomage", "apprenti", "etudiant", "inactif"];
        for (var i = 0; i < rows; i++)
        {
            id[i] = i + 1;
            situation[i] = Pick(situations, [0.45, 0.30, 0.12, 0.08, 0.05]);
            var children = (int)Math.Floor(U() * 4);
            parentIsole[i] = (byte)(situation[i] != "couple" && children > 0 ? 1 : 0);
            enfant12[i] = (byte)(children > 0 && U() < 0.5 ? 1 : 0);
            activite[i] = Pick(activities, [0.40, 0.20, 0.15, 0.03, 0.07, 0.15]);
            var median = activite[i] switch { "emploi_stable" => 2100.0, "emploi_precaire" => 1300.0, "chomage" => 900.0, _ => 700.0 };
            revenu[i] = Math.Round(Math.Exp(Normal.Sample(random, Math.Log(median), 0.5)));
            rsa[i] = (byte)(revenu[i] < 800 && U() < 0.7 ? 1 : 0);
            aah[i] = (byte)(U() < 0.06 ? 1 : 0);
            quartier[i] = (byte)(U() < (rsa[i] == 1 ? 0.3 : 0.1) ? 1 : 0);
            effort[i] = Math.Round(5 + U() * 55);
            demenagement[i] = (byte)(U() < 0.1 ? 1 : 0);
            sexe[i] = U() < (parentIsole[i] == 1 ? 0.85 : 0.5) ? "F" : "M";
            nationalite[i] = Pick(["francaise", "ue", "hors_ue"], [0.88, 0.04, 0.08]);
            age[i] = 18 + Math.Floor(U() * 62);
        }
        return new Table([
            new NumericColumn("id", id),
            new NumericColumn("revenu", revenu),
            CategoricalColumn.FromValues("situation_familiale", situation),
            new BooleanColumn("parent_isole", parentIsole),
            new BooleanColumn("enfant_plus_12_ans", enfant12),
            CategoricalColumn.FromValues("activite", activite),
            new BooleanColumn("rsa", rsa),
            new BooleanColumn("aah", aah),
            new BooleanColumn("quartier_defavorise", quartier),
            new NumericColumn("taux_effort_logement", effort),
            new BooleanColumn("demenagement_recent", demenagement),
            CategoricalColumn.FromValues("sexe", sexe),
            CategoricalColumn.FromValues("nationalite", nationalite),
            new NumericColumn("age", age),
        ]);
    }

    /// <summary>A plan auditing the reconstructed CAF spec over <paramref name="data"/>, flagging the top 10 %, with recourse.</summary>
    public static string Plan(string data, string spec, string jurisdiction) => $$"""
        name: caf-recourse
        # The spec and the routes are the repository's, named by absolute path: 'root' allows it explicitly.
        root: /
        data: { path: {{data}} }
        roles: { id: id }
        model: { spec: {{spec}} }
        policy: { top_fraction: 0.1 }
        protected_attributes:
          - column: sexe
          - column: nationalite
          - column: aah
        inference: { bootstrap: 0 }
        recourse:
          jurisdiction: {{jurisdiction}}
          decision_types: [family_benefits, rsa]
          features:
            revenu: { actionability: increase_only, max_change: 300, note: "at most 300 EUR more a month" }
            taux_effort_logement: { actionability: decrease_only, max_change: 10 }
            activite: { levels: [emploi_stable, emploi_precaire, chomage], change_cost: 1, note: "finding or changing work; studies and apprenticeships are not proposed" }
            quartier_defavorise: { actionability: free, change_cost: 0.5, note: "moving house" }
            situation_familiale: { actionability: legal_event }
        """;
}
