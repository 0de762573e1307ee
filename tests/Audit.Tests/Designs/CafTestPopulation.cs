using Audit.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Audit.Tests.Designs;

/// <summary>
/// A small synthetic population with the columns models/caf-reconstructed.yaml reads, plus the protected traits it
/// does not (sexe, nationalite). The proportions are rough and illustrative, chosen so that the model's published
/// directions produce visible disparities: single parents are mostly women, claimants born outside the EU have
/// lower incomes and live more often in disadvantaged neighbourhoods. Not calibrated to CAF statistics (the synthetic
/// population work does that); deterministic for a seed.
/// </summary>
internal static class CafTestPopulation
{
    public static Table Generate(int rows, int seed)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var sexe = new string?[rows];
        var nationalite = new string?[rows];
        var situation = new string?[rows];
        var parent = new byte[rows];
        var child12 = new byte[rows];
        var activite = new string?[rows];
        var rsa = new byte[rows];
        var aah = new byte[rows];
        var quartier = new byte[rows];
        var revenu = new double[rows];
        var effort = new double[rows];
        var moved = new byte[rows];
        var month = new string?[rows];
        var overpaid = new double[rows];
        var sample = new byte[rows];
        var controlled = new byte[rows];
        var final = new byte[rows];
        var zone = new string?[rows];
        var pOutside = new double[rows];
        byte Bit(double p) => random.NextDouble() < p ? (byte)1 : (byte)0;
        string Pick(params (string Value, double P)[] choices)
        {
            var u = random.NextDouble();
            foreach (var (value, p) in choices)
            {
                if ((u -= p) < 0)
                {
                    return value;
                }
            }
            return choices[^1].Value;
        }
        for (var i = 0; i < rows; i++)
        {
            nationalite[i] = Pick(("FR", 0.86), ("UE", 0.05), ("hors_UE", 0.09));
            situation[i] = Pick(("couple", 0.45), ("celibataire", 0.25), ("divorce", 0.12), ("separe", 0.10), ("veuf", 0.08));
            parent[i] = situation[i] == "couple" ? (byte)0 : Bit(0.45);
            sexe[i] = random.NextDouble() < (parent[i] == 1 ? 0.82 : 0.5) ? "F" : "M";
            var children = parent[i] == 1 || (situation[i] == "couple" && random.NextDouble() < 0.6);
            child12[i] = children ? Bit(0.4) : (byte)0;
            activite[i] = Pick(("emploi_stable", 0.40), ("emploi_precaire", 0.20), ("chomage", 0.15), ("apprenti", 0.03), ("etudiant", 0.07), ("inactif", 0.15));
            rsa[i] = Bit(0.08 + (activite[i] is "chomage" or "inactif" ? 0.25 : 0) + 0.1 * parent[i]);
            aah[i] = Bit(0.07);
            quartier[i] = Bit(nationalite[i] == "hors_UE" ? 0.30 : 0.15);
            var median = (situation[i] == "couple" ? 2300.0 : 1500.0) * (nationalite[i] == "hors_UE" ? 0.75 : 1) * (parent[i] == 1 ? 0.8 : 1);
            revenu[i] = Math.Round(LogNormal.Sample(random, Math.Log(median), 0.5));
            effort[i] = Math.Round(Math.Clamp(Normal.Sample(random, 25, 10), 0, 100));
            moved[i] = Bit(0.12);
            // Audit-design columns: the month of the decision, whether the file was controlled (a 5 % random sample,
            // plus files that look risky), the overpayment found when controlled, and the caseworker's final decision.
            month[i] = $"2024-{1 + random.Next(6):00}";
            sample[i] = Bit(0.05);
            controlled[i] = (byte)(sample[i] | Bit(rsa[i] == 1 || parent[i] == 1 ? 0.5 : 0.05));
            var risk = 1 / (1 + Math.Exp(2.5 - 0.8 * rsa[i] - 0.5 * parent[i] + 0.0003 * (revenu[i] - 1500)));
            overpaid[i] = controlled[i] == 1 ? Bit(risk) : double.NaN;
            final[i] = Bit(controlled[i] == 1 ? 0.6 : 0.02);
            // A proxy: the zone of residence, with the share of households born outside the EU in each zone (illustrative).
            var z = random.Next(5);
            zone[i] = "z" + z;
            pOutside[i] = 0.04 + 0.05 * z;
        }
        return new Table([
            new NumericColumn("id", Enumerable.Range(1, rows).Select(i => (double)i).ToArray()),
            CategoricalColumn.FromValues("sexe", sexe),
            CategoricalColumn.FromValues("nationalite", nationalite),
            new NumericColumn("revenu", revenu),
            CategoricalColumn.FromValues("situation_familiale", situation),
            new BooleanColumn("parent_isole", parent),
            new BooleanColumn("enfant_plus_12_ans", child12),
            CategoricalColumn.FromValues("activite", activite),
            new BooleanColumn("rsa", rsa),
            new BooleanColumn("aah", aah),
            new BooleanColumn("quartier_defavorise", quartier),
            new NumericColumn("taux_effort_logement", effort),
            new BooleanColumn("demenagement_recent", moved),
            CategoricalColumn.FromValues("mois", month),
            new BooleanColumn("aleatoire", sample),
            new BooleanColumn("controle", controlled),
            new NumericColumn("indu", overpaid),
            new BooleanColumn("decision_finale", final),
            CategoricalColumn.FromValues("zone", zone),
            new NumericColumn("p_hors_ue", pOutside),
            new NumericColumn("p_autre", pOutside.Select(p => 1 - p).ToArray()),
        ]);
    }
}
