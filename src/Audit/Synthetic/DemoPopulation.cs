using System.Globalization;
using Audit.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Audit.Synthetic;

/// <summary>
/// The bundled demo: a small, clearly synthetic population of benefit-claiming households, an illustrative
/// logistic risk model and an audit plan, written by <c>audit demo</c>. The figures are invented to make the
/// audit's mechanics visible (disparities built in through the model's inputs); they are not calibrated to
/// CAF statistics and no real model's coefficients are used. Deterministic for a seed: MathNet's
/// xoshiro256** generator, whose sequence is fixed by its published algorithm, not by the .NET version.
/// </summary>
public static class DemoPopulation
{
    public const int DefaultRows = 5_000;
    public const int DefaultSeed = 20261124;

    public const string DataFile = "households.csv";
    public const string ModelFile = "model.yaml";
    public const string PlanFile = "plan.yaml";

    /// <summary>Generates the households.</summary>
    public static Table Generate(int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var ids = new double[rows];
        var sexe = new string?[rows];
        var age = new double[rows];
        var situation = new string?[rows];
        var children = new double[rows];
        var income = new double[rows];
        var aah = new byte[rows];
        var nationality = new string?[rows];
        var overpaid = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i + 1;
            var u = random.NextDouble();
            situation[i] = u < 0.40 ? "seul" : u < 0.75 ? "couple" : "monoparental";
            // Single parents are mostly mothers; other reference persons are more evenly split.
            var pFemale = situation[i] == "monoparental" ? 0.85 : situation[i] == "seul" ? 0.45 : 0.50;
            sexe[i] = random.NextDouble() < pFemale ? "F" : "M";
            age[i] = Math.Clamp(Math.Round(Normal.Sample(random, situation[i] == "seul" ? 38 : 42, 13)), 18, 85);
            children[i] = situation[i] == "seul" ? 0 : Math.Min(4, Poisson.Sample(random, situation[i] == "couple" ? 1.4 : 1.2) + (situation[i] == "monoparental" ? 1 : 0));
            var n = random.NextDouble();
            nationality[i] = n < 0.84 ? "FR" : n < 0.90 ? "UE" : "hors_UE";
            aah[i] = random.NextDouble() < (age[i] > 45 ? 0.12 : 0.06) ? (byte)1 : (byte)0;
            var median = situation[i] == "couple" ? 1900.0 : 1150.0;
            if (nationality[i] == "hors_UE")
            {
                median *= 0.8;
            }
            income[i] = Math.Round(LogNormal.Sample(random, Math.Log(median), 0.55));
            // The "true" chance of an overpayment: irregular incomes and complex files, not the protected traits themselves.
            var eta = -2.3 + 0.5 * (situation[i] == "monoparental" ? 1 : 0) - 0.0003 * (income[i] - 1400) + 0.15 * children[i];
            overpaid[i] = random.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
        }
        return new Table([
            new NumericColumn("household_id", ids),
            CategoricalColumn.FromValues("sexe", sexe),
            new NumericColumn("age", age),
            CategoricalColumn.FromValues("situation", situation),
            new NumericColumn("nb_enfants", children),
            new NumericColumn("revenu", income),
            new BooleanColumn("aah", aah),
            CategoricalColumn.FromValues("nationalite", nationality),
            new NumericColumn("indu", overpaid),
        ]);
    }

    /// <summary>The illustrative model: it reads disability (AAH) and family situation directly, as published CAF variables did.</summary>
    public const string ModelSpec = """
        # Illustrative logistic risk model for the Audit demo. Invented coefficients: not a real agency's model.
        name:
          en: Demo household risk score (illustrative)
          fr: Score de risque des foyers de la démonstration (illustratif)
        kind: logistic
        status: illustrative
        adverse: high
        source: "Invented for the Audit demo; the variables echo those reported for the CAF score (see docs), the weights do not."
        description:
          en: Probability that a household's file contains an overpayment, as the demo model estimates it.
          fr: "Probabilité que le dossier d'un foyer comporte un indu, telle que l'estime le modèle de la démonstration."
        intercept: -1.6
        features:
          - name: revenu
            type: numeric
            weight: -0.0006
            description: Monthly household income in euros (lower income, higher score).
            unit: EUR per month
            actionability: free
          - name: situation
            type: categorical
            weights: { couple: 0.0, seul: 0.5, monoparental: 0.8 }
            description: Family situation of the household (couple, single, single parent).
            actionability: immutable
          - name: nb_enfants
            type: numeric
            weight: 0.2
            description: Number of dependent children.
            actionability: immutable
          - name: aah
            type: boolean
            weight: 0.6
            description: Receives the disability allowance (AAH).
            actionability: immutable
          - name: age
            type: numeric
            weight: -0.015
            description: Age of the reference person in years.
            unit: years
            actionability: increase_only
        """;

    /// <summary>French numbers for the French description (narrow no-break space between thousands).</summary>
    private static readonly NumberFormatInfo French = new() { NumberGroupSeparator = "\u202F", NumberDecimalSeparator = "," };

    public static string Plan(int rows, int seed) => $"""
        # Audit plan for the bundled demo (written by `audit demo`; synthetic data, illustrative model).
        name: demo
        description:
          en: Demo audit of an illustrative household risk score on {rows.ToString(CultureInfo.InvariantCulture)} synthetic households (seed {seed.ToString(CultureInfo.InvariantCulture)}).
          fr: "Audit de démonstration d'un score de risque illustratif sur {rows.ToString("N0", French)} foyers synthétiques (graine {seed.ToString(CultureInfo.InvariantCulture)})."
        data:
          path: {DataFile}
          subjects: synthetic
        roles:
          id: household_id
          label: indu
        model:
          spec: {ModelFile}
        policy:
          top_fraction: 0.1
        legal:
          jurisdiction: fr
          domain: welfare
        protected_attributes:
          - column: sexe
            reference: M
          - column: age
            bands: [25, 35, 50, 65]
          - column: nationalite
            reference: FR
          - column: aah
          - column: situation
        min_cell_size: 10
        seed: {seed.ToString(CultureInfo.InvariantCulture)}
        # No 'output': `audit demo` writes to out/demo beside datasets/ (git ignores out/), and `audit run` of this
        # plan to out/demo under the folder it runs from. reports/ holds only the committed showcase.
        """;

    /// <summary>Writes households.csv, model.yaml and plan.yaml into a folder; returns the plan's path.</summary>
    public static string WriteFiles(string folder, int rows, int seed)
    {
        Directory.CreateDirectory(folder);
        var table = Generate(rows, seed);
        CsvTableWriter.Write(table, Path.Combine(folder, DataFile));
        File.WriteAllText(Path.Combine(folder, ModelFile), ModelSpec + "\n");
        var plan = Path.Combine(folder, PlanFile);
        File.WriteAllText(plan, Plan(rows, seed) + "\n");
        return plan;
    }
}
