using Audit.Data;
using Audit.Designs;
using Audit.Plan;
using MathNet.Numerics.LinearAlgebra;

namespace Audit.Tests.Designs;

/// <summary>
/// ProPublica's logistic regression on COMPAS (datasets/plans/compas-propublica-adjusted.yaml on the published file),
/// the logistic fit itself on a case solvable by hand, and the Mantel-Haenszel pooled odds ratio and CMH test on R's
/// textbook example.
/// </summary>
public sealed class AdjustedDisparityTests
{
    private static readonly string PlanPath = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "compas-propublica-adjusted.yaml");

    /// <summary>
    /// Published (Larson et al. 2016, notebook outputs): n = 6,172 after the filters; coefficients Black +0.47721, female
    /// +0.22127, under 25 +1.30839, intercept −1.52554; odds ratios 1.61, 1.25, 3.70; "times as likely" 1.45, 1.19, 2.50.
    /// </summary>
    [Fact]
    public void ReproducesProPublicasOddsRatiosAndTimesAsLikely()
    {
        var data = SharedData.PathOf("datasets/compas-scores-two-years.csv");
        var run = Auditor.Run(AuditPlanLoader.Load(PlanPath, data), "test");
        Assert.Equal(7214 - 6172, run.Data.Filter!.RowsRemoved);
        var result = run.Designs!.Adjusted!;

        Assert.Equal(6172, result.RowsUsed);
        // ProPublica's filters are the plan's filter: the whole audit is on the screened sample, the design filters no more.
        Assert.Equal(0, result.RowsFiltered);
        Assert.True(result.Converged);
        var effects = result.ProtectedEffects.ToDictionary(e => e.Attribute + "=" + e.Group);
        var black = effects["race=African-American"];
        var female = effects["sex=Female"];
        var young = effects["age_cat=Less than 25"];
        Assert.Equal(1.61, Math.Round(black.OddsRatio.Value!.Value, 2));
        Assert.Equal(1.25, Math.Round(female.OddsRatio.Value!.Value, 2));
        Assert.Equal(3.70, Math.Round(young.OddsRatio.Value!.Value, 2));
        Assert.Equal(1.45, Math.Round(black.TimesAsLikely.Value!.Value, 2));
        Assert.Equal(1.19, Math.Round(female.TimesAsLikely.Value!.Value, 2));
        Assert.Equal(2.50, Math.Round(young.TimesAsLikely.Value!.Value, 2));
        // The coefficients themselves, to ProPublica's printed precision.
        var coefficients = result.Coefficients.ToDictionary(c => c.Name);
        Assert.Equal(0.47721, coefficients["race=African-American"].Estimate, 5e-6);
        Assert.Equal(0.22127, coefficients["sex=Female"].Estimate, 5e-6);
        Assert.Equal(1.30839, coefficients["age_cat=Less than 25"].Estimate, 5e-6);
        Assert.Equal(-1.52554, coefficients["(intercept)"].Estimate, 5e-6);
        Assert.Equal("Caucasian", black.Reference);
        // Wald intervals exclude 1 and contain the estimate.
        Assert.True(black.OddsRatio.Ci![0] > 1 && black.OddsRatio.Ci[0] < 1.61 && black.OddsRatio.Ci[1] > 1.61);
        Assert.True(black.OddsRatio.P < 1e-6);
        // Mantel-Haenszel within charge degree × recidivism strata: the Black-white disparity survives stratification too.
        var stratified = result.Stratified.Single(s => s.Attribute == "race" && s.Group == "African-American");
        Assert.Equal(4, stratified.Strata);
        Assert.True(stratified.PooledOddsRatio.Ci![0] > 1);
        Assert.True(stratified.PooledOddsRatio.Value < stratified.CrudeOddsRatio.Value);
    }

    /// <summary>The same plan through <c>audit run</c>: report.json carries the odds ratios, report.md the designs part.</summary>
    [Fact]
    public void AuditRunWritesTheAdjustedOddsRatiosToTheReport()
    {
        var data = SharedData.PathOf("datasets/compas-scores-two-years.csv");
        using var dir = new TempDirectory();
        var outcome = Audit.Tests.Cli.CliRunner.Run("run", PlanPath, "--data", data, "--out", dir.File("out"), "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("out/report.json"))).RootElement;
        // Groups the fairness section hides (or whose label metrics it hides) have no value: skipped here.
        var effects = report.GetProperty("designs").GetProperty("adjusted").GetProperty("protectedEffects").EnumerateArray()
            .Where(e => e.GetProperty("oddsRatio").TryGetProperty("value", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number)
            .ToDictionary(e => e.GetProperty("group").GetString()!, e => e.GetProperty("oddsRatio").GetProperty("value").GetDouble());
        Assert.Equal(1.61, Math.Round(effects["African-American"], 2));
        Assert.Equal(3.70, Math.Round(effects["Less than 25"], 2));
        var md = File.ReadAllText(dir.File("out/report.md"));
        Assert.Contains("| race | African-American | Caucasian | 1.61 [1.41, 1.85] | <0.001 | 1.45 [1.31, 1.60] |", md);
    }

    /// <summary>An intercept and one 0/1 column. Exposed: 30 with the outcome, 70 without; unexposed: 10 with, 90 without.</summary>
    private static (Matrix<double> X, byte[] Y) OneDummy()
    {
        var rows = new List<(double X, byte Y)>();
        void Add(double x, byte y, int n) => rows.AddRange(Enumerable.Repeat((x, y), n));
        Add(1, 1, 30);
        Add(1, 0, 70);
        Add(0, 1, 10);
        Add(0, 0, 90);
        return (Matrix<double>.Build.Dense(rows.Count, 2, (i, j) => j == 0 ? 1 : rows[i].X), rows.Select(r => r.Y).ToArray());
    }

    /// <summary>
    /// A saturated model reproduces the table: with one 0/1 column, exp(β₁) is the 2 × 2 odds ratio (a d)/(b c) and its
    /// standard error Woolf's √(1/a + 1/b + 1/c + 1/d); the intercept is the reference group's log-odds.
    /// </summary>
    [Fact]
    public void LogisticFitOfOneDummyIsTheTablesOddsRatioWithWoolfsStandardError()
    {
        var (x, y) = OneDummy();
        var fit = LogisticRegression.Fit(x, y, [], ["(intercept)", "exposed"]);

        Assert.True(fit.Converged);
        Assert.Equal(30.0 * 90 / (70 * 10), fit.OddsRatio(1), 1e-9);
        Assert.Equal(Math.Sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 10 + 1.0 / 90), fit.StandardErrors[1], 1e-9);
        Assert.Equal(Math.Log(10.0 / 90), fit.Coefficients[0], 1e-9);
        // Times as likely at p0 = 0.1: the risk ratio 0.3 / 0.1 = 3, exactly.
        Assert.Equal(3.0, fit.TimesAsLikely(1), 1e-9);
    }

    /// <summary>
    /// Sampling weights: doubling every weight leaves the estimates and the sandwich standard errors as they were
    /// (in a saturated model HC0 equals the model-based variance), where frequency weights would halve the variance.
    /// </summary>
    [Fact]
    public void SandwichStandardErrorsDoNotShrinkWhenSamplingWeightsAreScaled()
    {
        var (x, y) = OneDummy();
        var two = Enumerable.Repeat(2.0, y.Length).ToArray();
        var plain = LogisticRegression.Fit(x, y, [], ["(intercept)", "exposed"]);
        var sampling = LogisticRegression.Fit(x, y, two, ["(intercept)", "exposed"], robust: true);
        var frequency = LogisticRegression.Fit(x, y, two, ["(intercept)", "exposed"]);
        Assert.Equal(plain.Coefficients[1], sampling.Coefficients[1], 1e-9);
        Assert.Equal(plain.StandardErrors[1], sampling.StandardErrors[1], 1e-9);
        Assert.Equal(plain.StandardErrors[1] / Math.Sqrt(2), frequency.StandardErrors[1], 1e-9);
    }

    /// <summary>
    /// R's <c>mantelhaen.test(Rabbits)</c> (the example of its help page: penicillin and delay, five strata):
    /// X² = 3.9286, p = 0.04747, common odds ratio 7, 95 % interval 1.026713 to 47.725133.
    /// </summary>
    [Fact]
    public void MantelHaenszelMatchesRsRabbitsExample()
    {
        // (a, b, c, d): a = no delay & cured, b = no delay & died, c = 1.5 h delay & cured, d = delay & died.
        StratumTable[] rabbits = [new(0, 6, 0, 5), new(3, 3, 0, 6), new(6, 0, 2, 4), new(5, 1, 6, 0), new(2, 0, 5, 0)];
        var result = MantelHaenszel.Compute(rabbits);

        Assert.Equal(7.0, result.OddsRatio!.Value, 1e-12);
        Assert.Equal(3.9286, result.ChiSquare!.Value, 1e-4);
        Assert.Equal(0.04747, result.P!.Value, 1e-5);
        Assert.Equal(1.026713, result.Lower!.Value, 1e-6);
        Assert.Equal(47.725133, result.Upper!.Value, 1e-6);
        Assert.Equal(5, result.Strata);
    }

    /// <summary>
    /// R drops the continuity correction when |O - E| is below 1/2 (mantelhaen.test: YATES = 0.5 only if |DELTA| >= 0.5):
    /// for (5, 5, 4, 5), O = 5, E = 10 * 9 / 19, V = 10 * 9 * 9 * 10 / (19^2 * 18), so X^2 = (O - E)^2 / V, not 0.
    /// </summary>
    [Fact]
    public void TheContinuityCorrectionIsDroppedForDeviationsBelowOneHalfAsInR()
    {
        var result = MantelHaenszel.Compute([new(5, 5, 4, 5)]);
        var deviation = 5 - 10.0 * 9 / 19;
        var variance = 10.0 * 9 * 9 * 10 / (19.0 * 19 * 18);
        Assert.Equal(deviation * deviation / variance, result.ChiSquare!.Value, 1e-12);
    }

    /// <summary>With one stratum the pooled odds ratio is the crude one, and a stratum without the comparison is ignored.</summary>
    [Fact]
    public void OneStratumPoolsToTheCrudeOddsRatio()
    {
        var result = MantelHaenszel.Compute([new(30, 70, 10, 90), new(1, 0, 0, 0)]);
        Assert.Equal(30.0 * 90 / (70 * 10), result.OddsRatio!.Value, 1e-12);
        Assert.Equal(1, result.Strata);
    }

    /// <summary>Simpson's paradox: crude odds ratio far from 1, none within strata; the pooled odds ratio says 1.</summary>
    [Fact]
    public void PooledOddsRatioRemovesConfoundingByTheStrata()
    {
        // Stratum 1: both groups flagged at 80 %; stratum 2: both at 10 %. Group A is mostly in stratum 1.
        StratumTable[] strata = [new(80, 20, 8, 2), new(1, 9, 10, 90)];
        var result = MantelHaenszel.Compute(strata);
        Assert.Equal(1.0, result.OddsRatio!.Value, 1e-12);
        Assert.True(result.P > 0.5);
        var crude = (81.0 * 92) / (29 * 18);
        Assert.True(crude > 10);
    }

    /// <summary>A control that repeats a protected attribute makes the design singular: a clear error, not NaN in the report.</summary>
    [Fact]
    public void CollinearControlsAreRefusedWithAHint()
    {
        var rows = 200;
        var sex = Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "F" : "M").ToArray();
        var table = new Audit.Data.Table([
            Audit.Data.CategoricalColumn.FromValues("sexe", sex),
            new Audit.Data.NumericColumn("female", sex.Select(s => s == "F" ? 1.0 : 0).ToArray()),
            new Audit.Data.NumericColumn("score", Enumerable.Range(0, rows).Select(i => (double)(i * 7919 % 101)).ToArray()),
        ]);
        var input = DesignInputs.For(table, new Audit.Models.ScoresInData("score", Audit.Models.AdverseTail.High), new Audit.Policy.ThresholdPolicy(50), ("sexe", null, "M"));
        var plan = new AdjustedPlan([new ControlSpec(new ColumnRef("female", 1, "designs.adjusted.controls[0]"), false, null)], [], null, []);
        var e = Assert.Throws<AuditInputException>(() => AdjustedDisparity.Run(input, plan));
        Assert.Contains("collinear", e.Message);
        Assert.Equal("designs.adjusted.controls", e.KeyPath);
    }
}
