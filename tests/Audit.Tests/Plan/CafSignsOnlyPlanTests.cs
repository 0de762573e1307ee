using Audit.Data;
using Audit.Designs;
using Audit.Models;
using Audit.Plan;
using Audit.Reporting.Text;
using Audit.Tests.Cli;
using Audit.Tests.Models;

namespace Audit.Tests.Plan;

/// <summary>
/// datasets/plans/caf-signs-only.yaml (issue 19, item 1): CAF's variables with their published signs only, households
/// from caf-france.yaml, findings as ranges over sampled models. Oracles: the central model's log-odds written out in
/// the test from the signs of models/caf-signs-only.yaml (each sign at ±M/2 with M = 1, per standard deviation of the
/// data for the per-point rent share; unknown intercept 0); the top 1.2029 % taken by hand; each group's flag-rate
/// range recomputed by hand (ranking and counting in the test) over the sampled models.
/// </summary>
public sealed class CafSignsOnlyPlanTests
{
    private static readonly string PlanPath = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-signs-only.yaml");

    private static AuditPlan Small(int rows, int samples)
    {
        var plan = TrustedPlans.Load(PlanPath);
        return plan with
        {
            Data = plan.Data with { Population = new PopulationSource(rows, plan.Data.Population!.Seed) },
            Designs = plan.Designs! with { PartialModel = plan.Designs!.PartialModel! with { Samples = samples } },
        };
    }

    /// <summary>The central model's log-odds, from the published signs (+ raises the risk, − lowers it), each at 0.5.</summary>
    private static double CentralLogOdds(Table t, int i, double rentSd)
    {
        const double h = 0.5;
        string Cat(string c) => ((CategoricalColumn)t.Find(c)!).FormatValue(i)!;
        bool Bool(string c) => t.Find(c)!.FormatValue(i) is "true" or "1";
        double Num(string c) => ((NumericColumn)t.Find(c)!).Values[i];
        var eta = 0.0; // the intercept is unknown: 0 in the central model (it does not change a ranking)
        var revenu = Num("revenu");
        eta += revenu < 942 ? h : revenu >= 2000 ? -h : 0;
        eta += Cat("situation_familiale") is "veuf" or "divorce" or "separe" ? h : 0;
        eta += Bool("parent_isole") ? h : 0;
        eta += Bool("enfant_plus_12_ans") ? h : 0;
        var activite = Cat("activite");
        eta += activite is "emploi_precaire" or "chomage" or "apprenti" ? h : activite == "etudiant" ? -h : 0;
        eta += Bool("rsa") ? h : 0;
        eta += Bool("quartier_defavorise") ? h : 0;
        eta += h / rentSd * Num("taux_effort_logement");
        eta += Bool("demenagement_recent") ? h : 0;
        eta += Bool("aah") && activite is "emploi_stable" or "emploi_precaire" ? h : 0; // the two AAH-and-work interactions
        return eta;
    }

    private static double SampleSd(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    /// <summary>The most adverse floor(f × n) rows, by score descending then row (docs/audit-plan.md).</summary>
    private static HashSet<int> TopFraction(double[] scores, double fraction) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take((int)Math.Floor(fraction * scores.Length)).ToHashSet();

    [Fact]
    public void TheShippedPlanScoresWithTheCentralModelOfTheSignsAndFlagsTheTopShareByHand()
    {
        var plan = Small(6000, 10);
        Table? table = null;
        double[] scores = [];
        byte[] flags = [];
        var result = Auditor.Run(plan, "test", decided: (_, t, s, outcome) => (table, scores, flags) = (t, s, outcome.Flags));

        var rentSd = SampleSd(((NumericColumn)table!.Find("taux_effort_logement")!).Values.ToArray());
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-CentralLogOdds(table, i, rentSd))), scores[i], 1e-9);
        }
        var top = TopFraction(scores, 0.0120289855);
        Assert.Equal(72, top.Count); // floor(0.0120289855 × 6000) = floor(72.17)
        Assert.Equal(Enumerable.Range(0, table.RowCount).Select(i => top.Contains(i) ? (byte)1 : (byte)0), flags);

        // Honest about what scores: the banner names the central guess, not "illustrative weights".
        var banner = BuiltInText.Statements(result, ReportLanguage.English);
        Assert.Contains(banner, s => s.Contains("central guess", StringComparison.Ordinal) && s.Contains("18 coefficients are unknown", StringComparison.Ordinal));
        Assert.DoesNotContain(banner, s => s.Contains("weights are illustrative", StringComparison.Ordinal));
        var bannerFr = BuiltInText.Statements(result, ReportLanguage.French);
        Assert.Contains(bannerFr, s => s.Contains("estimation centrale", StringComparison.Ordinal));
    }

    [Fact]
    public void EachGroupsFlagRateRangeIsTheLowestAndHighestRateOverTheSampledModelsCountedByHand()
    {
        const int samples = 12;
        var plan = Small(5000, samples);
        Table? table = null;
        var result = Auditor.Run(plan, "test", decided: (_, t, _, _) => table = t);
        var partial = result.Designs!.PartialModel!;
        Assert.Equal(samples, partial.Samples);

        // The same sampled models (the design's documented entry point), ranked and counted here.
        var spec = LinearModelSpec.Load(NamedPeople.Spec("caf-signs-only.yaml"), "caf-signs-only.yaml");
        var models = PartialModelSampler.Sampled(spec, table!, plan.Designs!.PartialModel!, plan.Seed).ToList();
        var single = table!.Find("parent_isole")!;
        var women = (CategoricalColumn)table.Find("sexe")!;
        var singleRates = new List<double>();
        var womenRates = new List<double>();
        foreach (var model in models)
        {
            var top = TopFraction(model.Score(table), 0.0120289855);
            double Rate(Func<int, bool> member)
            {
                var rows = Enumerable.Range(0, table.RowCount).Where(member).ToArray();
                return (double)rows.Count(top.Contains) / rows.Length;
            }
            singleRates.Add(Rate(i => single.FormatValue(i) is "true" or "1"));
            womenRates.Add(Rate(i => women.FormatValue(i) == "F"));
        }
        var singleFinding = partial.Findings.Single(f => f.Attribute == "parent_isole" && f.Group == "true");
        Assert.Equal(singleRates.Min(), singleFinding.FlagRate!.Min, 12);
        Assert.Equal(singleRates.Max(), singleFinding.FlagRate!.Max, 12);
        var womenFinding = partial.Findings.Single(f => f.Attribute == "sexe" && f.Group == "F");
        Assert.Equal(womenRates.Min(), womenFinding.FlagRate!.Min, 12);
        Assert.Equal(womenRates.Max(), womenFinding.FlagRate!.Max, 12);
        Assert.True(singleRates.Min() < singleRates.Max(), "the sampled models disagree: a range, not one number");
    }
}
