using Audit.Data;

namespace Audit.Synthetic;

/// <summary>
/// Households with the columns of <c>models/caf-reconstructed.yaml</c> plus protected traits (sexe, nationalite,
/// age), for tests and benchmarks of the explanations at any size. ILLUSTRATIVE, not calibrated: the shares are round
/// numbers chosen so that single parents are mostly women, poorer and more often on RSA, which is what makes
/// proxies and a disparity to decompose; the calibrated population is the synthetic-population work's.
/// Deterministic for a seed; about 1 s per million rows.
/// </summary>
public static class CafLikeHouseholds
{
    public static Table Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var id = new double[rows];
        var revenu = new double[rows];
        var effort = new double[rows];
        var age = new double[rows];
        var parent = new byte[rows];
        var child12 = new byte[rows];
        var rsa = new byte[rows];
        var aah = new byte[rows];
        var quartier = new byte[rows];
        var move = new byte[rows];
        var situation = new int[rows];
        var activite = new int[rows];
        var sexe = new int[rows];
        var nationalite = new int[rows];
        string[] situations = ["couple", "celibataire", "veuf", "divorce", "separe"];
        string[] activites = ["emploi_stable", "emploi_precaire", "chomage", "apprenti", "etudiant", "inactif"];
        for (var i = 0; i < rows; i++)
        {
            id[i] = i + 1;
            var u = random.NextDouble();
            situation[i] = u < 0.45 ? 0 : u < 0.75 ? 1 : u < 0.80 ? 2 : u < 0.93 ? 3 : 4;
            parent[i] = (byte)(situation[i] != 0 && random.NextDouble() < 0.45 ? 1 : 0);
            sexe[i] = random.NextDouble() < (parent[i] == 1 ? 0.82 : 0.48) ? 1 : 0;
            nationalite[i] = random.NextDouble() < 0.88 ? 0 : random.NextDouble() < 0.4 ? 1 : 2;
            age[i] = Math.Clamp(Math.Round(38 + 12 * Gaussian(random)), 18, 90);
            var a = random.NextDouble();
            activite[i] = age[i] < 25 && a < 0.35 ? 4 : a < 0.45 ? 0 : a < 0.62 ? 1 : a < 0.78 ? 2 : a < 0.82 ? 3 : a < 0.86 ? 4 : 5;
            var median = (situation[i] == 0 ? 2300.0 : 1300.0) * (parent[i] == 1 ? 0.8 : 1) * (activite[i] == 0 ? 1.3 : 0.8) * (nationalite[i] == 0 ? 1 : 0.85);
            revenu[i] = Math.Round(median * Math.Exp(0.5 * Gaussian(random)));
            rsa[i] = (byte)(revenu[i] < 1000 && random.NextDouble() < 0.6 ? 1 : 0);
            aah[i] = (byte)(random.NextDouble() < 0.06 ? 1 : 0);
            child12[i] = (byte)((situation[i] == 0 || parent[i] == 1) && random.NextDouble() < 0.4 ? 1 : 0);
            quartier[i] = (byte)(random.NextDouble() < (nationalite[i] == 0 ? 0.10 : 0.30) + (revenu[i] < 1000 ? 0.1 : 0) ? 1 : 0);
            effort[i] = Math.Round(Math.Clamp(25 + 12 * Gaussian(random) + (revenu[i] < 1000 ? 10 : 0), 0, 100), 1);
            move[i] = (byte)(random.NextDouble() < 0.12 ? 1 : 0);
        }
        return new Table([
            new NumericColumn("household_id", id),
            new NumericColumn("revenu", revenu),
            new CategoricalColumn("situation_familiale", situation, situations),
            new BooleanColumn("parent_isole", parent),
            new BooleanColumn("enfant_plus_12_ans", child12),
            new CategoricalColumn("activite", activite, activites),
            new BooleanColumn("rsa", rsa),
            new BooleanColumn("aah", aah),
            new BooleanColumn("quartier_defavorise", quartier),
            new NumericColumn("taux_effort_logement", effort),
            new BooleanColumn("demenagement_recent", move),
            new CategoricalColumn("sexe", sexe, ["H", "F"]),
            new CategoricalColumn("nationalite", nationalite, ["francaise", "ue", "hors_ue"]),
            new NumericColumn("age", age),
        ]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
