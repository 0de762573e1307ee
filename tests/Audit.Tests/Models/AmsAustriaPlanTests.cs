using System.Text.Json;
using Audit.Cli;
using Audit.Data;
using Audit.Designs;
using Audit.Models;
using Audit.Plan;
using Audit.Synthetic;
using Audit.Tests.Cli;

namespace Audit.Tests.Models;

/// <summary>
/// The shipped AMS plan (datasets/plans/ams-austria-2018.yaml) on its generated job seekers. The oracle is the
/// published table written out again here (not read from the spec): intercept +0.10, woman −0.14, 30–49 −0.13
/// (unconfirmed), 50+ −0.70, EU +0.16 and third country −0.05 (unconfirmed), apprenticeship +0.27, Matura +0.01,
/// health impairment −0.67, care duties of a woman −0.15; the chance is the logistic of the sum, class A from 0.66.
/// </summary>
public sealed class AmsAustriaPlanTests : IDisposable
{
    private static readonly string PlanPath = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "ams-austria-2018.yaml");
    private const int Rows = 5_000;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static double Logistic(double eta) => 1 / (1 + Math.Exp(-eta));

    /// <summary>A generated person's values by column, as text.</summary>
    private static Dictionary<string, string> Person(Table table, int id)
    {
        var row = id - 1; // person_id is the 1-based row number
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), table["person_id"].FormatValue(row));
        return table.Columns.ToDictionary(c => c.Name, c => c.FormatValue(row) ?? "");
    }

    /// <summary>The log-odds of the published (and unconfirmed) terms, summed by hand.</summary>
    private static double PublishedEta(Dictionary<string, string> p)
    {
        var eta = 0.10;
        eta += p["geschlecht"] == "weiblich" ? -0.14 : 0;
        eta += p["altersgruppe"] switch { "30-49" => -0.13, "50+" => -0.70, _ => 0 };
        eta += p["staatengruppe"] switch { "eu" => 0.16, "drittstaat" => -0.05, _ => 0 };
        eta += p["ausbildung"] switch { "lehre" => 0.27, "matura_plus" => 0.01, _ => 0 };
        eta += p["beeintraechtigt"] == "true" ? -0.67 : 0;
        eta += p["geschlecht"] == "weiblich" && p["betreuungspflichten"] == "true" ? -0.15 : 0;
        return eta;
    }

    /// <summary>How many unpublished terms apply to the person (a non-reference level of an unknown variable).</summary>
    private static int UnknownTerms(Dictionary<string, string> p) =>
        (p["berufsgruppe"] != "dienstleistung" ? 1 : 0) + (p["rgs_typ"] != "1" ? 1 : 0) + (p["beschaeftigungsverlauf"] != "ab_75_prozent" ? 1 : 0)
        + (p["geschaeftsfalldauer"] != "keine_episode_180_tage" ? 1 : 0) + (p["geschaeftsfallfrequenz"] != "0" ? 1 : 0) + (p["massnahmenteilnahme"] != "keine" ? 1 : 0);

    /// <summary>A sampled model's log-odds for the person, summed by hand from the model's drawn coefficients.</summary>
    private static double SampledEta(LinearModel model, Dictionary<string, string> p)
    {
        var eta = model.Intercept;
        foreach (var t in model.Terms)
        {
            eta += t.Type == ColumnType.Categorical ? t.LevelWeights[p[t.Feature]].Value!.Value : p[t.Feature] == "true" ? t.Weight.Value!.Value : 0;
        }
        var care = model.Interactions.Single();
        return eta + (p["geschlecht"] == "weiblich" && p["betreuungspflichten"] == "true" ? care.Weight.Value!.Value : 0);
    }

    private static (AuditPlan Plan, Table Table, LinearModel Spec) Generated()
    {
        var plan = TrustedPlans.Load(PlanPath);
        plan = plan with { Data = plan.Data with { Population = new PopulationSource(Rows, PopulationPlanData.DrawOf(plan).Seed) } };
        var spec = Assert.IsType<LinearModel>(LinearModelSpec.Load(NamedPeople.Spec("ams-austria-2018.yaml"), "ams-austria-2018.yaml"));
        return (plan, SyntheticData.Generate(PopulationPlanData.DrawOf(plan)), spec);
    }

    /// <summary>
    /// Named generated job seekers: their chance under the central model (the published values, unknown terms at 0),
    /// their class, and their range over the plan's 200 sampled models, recomputed by hand. Each unknown weight is drawn
    /// in [−1, +1] (magnitude 1), so with k unknown terms applying the chance lies in [logistic(η − k), logistic(η + k)].
    /// </summary>
    [Fact]
    public void GeneratedJobSeekersScoreAndRangeAsTheirPublishedTermsSay()
    {
        var (plan, table, spec) = Generated();
        var partial = plan.Designs!.PartialModel!;
        Assert.Equal(1.0, partial.Magnitude);
        var central = PartialModelSampler.Central(spec, table, partial);
        var centralChance = central.Score(table);
        var centralClass = central.Grade(table, centralChance)!;
        var sampled = PartialModelSampler.Sampled(spec, table, partial, plan.Seed).ToList();
        Assert.Equal(200, sampled.Count);
        var sampledChances = sampled.Select(m => m.Score(table)).ToList();

        // id 340: woman, 0-29, EU citizen, compulsory school, care duties; every unknown variable at its reference.
        //   η = 0.10 − 0.14 + 0.16 − 0.15 = −0.03: chance 0.4925 under every model (nothing to sample).
        // id 344: man, 30-49, Austrian, apprenticeship; every unknown at its reference. η = 0.10 − 0.13 + 0.27 = 0.24: 0.5597.
        // id 102: man, 0-29, Austrian, apprenticeship, two past AMS episodes (unknown). η = 0.37: central 0.5915, range
        //   within [logistic(−0.63), logistic(1.37)] = [0.348, 0.797]: class A is possible under some models.
        // id 193: woman, 50+, Austrian, compulsory school, health impairment, regional type 5 (unknown).
        //   η = 0.10 − 0.14 − 0.70 − 0.67 = −1.41: central 0.1962, at most logistic(−0.41) = 0.399: "B or C" under every model.
        // id 1: man, 30-49, Austrian, compulsory school, production, regional type 5, under 75 % employed, one past episode
        //   (four unknowns). η = −0.03: central 0.4925, range within [logistic(−4.03), logistic(3.97)].
        var expected = new (int Id, double Eta, int Unknown)[] { (340, -0.03, 0), (344, 0.24, 0), (102, 0.37, 1), (193, -1.41, 1), (1, -0.03, 4) };
        foreach (var (id, eta, unknown) in expected)
        {
            var p = Person(table, id);
            Assert.Equal(eta, PublishedEta(p), 1e-12);
            Assert.Equal(unknown, UnknownTerms(p));
            var row = id - 1;
            Assert.Equal(Logistic(eta), centralChance[row], 1e-12);
            // Below 0.66 under the published values: "B or C".
            Assert.True(Logistic(eta) < 0.66);
            Assert.Equal("B or C", spec.Grades!.Bands[centralClass[row]].Name);

            var chances = sampled.Select((m, s) =>
            {
                var byHand = Logistic(SampledEta(m, p));
                Assert.Equal(byHand, sampledChances[s][row], 1e-12);
                return byHand;
            }).ToArray();
            Assert.InRange(chances.Min(), Logistic(eta - unknown) - 1e-12, Logistic(eta) + 1e-12);
            Assert.InRange(chances.Max(), Logistic(eta) - 1e-12, Logistic(eta + unknown) + 1e-12);
            if (unknown == 0)
            {
                Assert.Equal(chances.Min(), chances.Max(), 1e-12);
            }
            var inA = chances.Count(c => c >= 0.66);
            if (Logistic(eta + unknown) < 0.66)
            {
                Assert.Equal(0, inA);
            }
            var sampledClasses = sampled.Select((m, s) => m.Grades!.Bands[m.Grade(table, sampledChances[s])![row]].Name).ToArray();
            Assert.Equal(inA, sampledClasses.Count(c => c == "A"));
        }
        // id 102 reaches class A under some sampled models, and not under others: the range straddles 0.66.
        Assert.Contains(sampledChances, c => c[101] >= 0.66);
        Assert.Contains(sampledChances, c => c[101] < 0.66);
    }

    /// <summary>
    /// The "AMS's central model flags 100 %", reproduced: the largest published log-odds among the generated
    /// people, summed by hand, is below logit(0.66), so the central model puts everyone in "B or C" and the plan flags
    /// every row. The headline used to read "No disparity is established ... cannot tell a disparity from chance", as if
    /// the audit had looked and found nothing; it now says that a policy flagging everyone can show no disparity, and
    /// points to the sampled models' ranges.
    /// </summary>
    [Fact]
    public void TheShippedPlanRunsAndSaysItsCentralModelFlagsEveryone()
    {
        var (loaded, table, spec) = Generated();
        var best = Enumerable.Range(1, Rows).Max(id => PublishedEta(Person(table, id)));
        Assert.True(best <= 0.53 + 1e-12);
        Assert.True(Logistic(best) < 0.66);

        var planText = File.ReadAllText(PlanPath)
            .Replace("../populations/", Path.Combine(SharedData.RepositoryRoot, "datasets", "populations") + "/")
            .Replace("../../models/", Path.Combine(SharedData.RepositoryRoot, "models") + "/")
            .Replace("rows: 100000", $"rows: {Rows}");
        var plan = dir.Write("ams-austria-2018.yaml", planText);
        var outcome = TrustedPlans.Run("run", plan, "--out", dir.File("ams"), "--quiet");
        Assert.True(outcome.ExitCode == ExitCodes.Success, outcome.Error);
        Assert.Contains($"Audited {Rows:N0} rows", outcome.Out);
        Assert.Contains($"{Rows:N0} flagged", outcome.Out);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("ams"), "report.json")));
        var root = json.RootElement;
        var headline = root.GetProperty("fairness").GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("noneEstablished", headline.GetProperty("kind").GetString());
        var markdown = File.ReadAllText(Path.Combine(dir.File("ams"), "report.md"));
        Assert.Contains("No disparity can be shown", markdown);
        Assert.Contains("The policy flags everyone audited", markdown);
        Assert.DoesNotContain("cannot tell a disparity from chance", markdown);

        // The thirteen unpublished levels, counted by hand from the spec's notes: production 1, regional types 2-5 4,
        // employment history 1, long episode 1, episodes 1/2/3+ 3, programmes 3.
        var partial = root.GetProperty("designs").GetProperty("partialModel");
        Assert.Equal(13, partial.GetProperty("sampledCoefficients").GetArrayLength());
        Assert.Equal(200, partial.GetProperty("samples").GetInt32());

        // The share of women and of men kept out of class A under each sampled model, counted by hand (the chance summed
        // from the model's drawn coefficients, then compared with 0.66), against the report's ranges: what stands beside
        // the AMS's reported 91 % of women and 84 % of men outside class A.
        var people = Enumerable.Range(1, Rows).Select(id => Person(table, id)).ToArray();
        var women = new List<double>();
        var men = new List<double>();
        foreach (var model in PartialModelSampler.Sampled(spec, table, loaded.Designs!.PartialModel!, loaded.Seed))
        {
            double Rate(string sex) => people.Where(p => p["geschlecht"] == sex).Average(p => Logistic(SampledEta(model, p)) < 0.66 ? 1.0 : 0.0);
            women.Add(Rate("weiblich"));
            men.Add(Rate("maennlich"));
        }
        var sex = partial.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("attribute").GetString() == "geschlecht");
        void Same(List<double> byHand, JsonElement range)
        {
            var sorted = byHand.Order().ToArray();
            Assert.Equal(sorted[0], range.GetProperty("min").GetDouble(), 1e-12);
            Assert.Equal((sorted[99] + sorted[100]) / 2, range.GetProperty("median").GetDouble(), 1e-12);
            Assert.Equal(sorted[^1], range.GetProperty("max").GetDouble(), 1e-12);
        }
        Same(women, sex.GetProperty("flagRate"));
        Same(men, sex.GetProperty("referenceFlagRate"));
        Assert.Contains("flag rate (min – median – max)", File.ReadAllText(Path.Combine(dir.File("ams"), "report.html")));
    }
}
