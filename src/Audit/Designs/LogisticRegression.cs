using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Audit.Designs;

/// <summary>
/// A fitted logistic regression: coefficients on the log-odds scale with their model-based standard errors.
/// </summary>
/// <param name="Names">One name per column of the design (the first is the intercept).</param>
/// <param name="Coefficients">β, log-odds per unit of each column.</param>
/// <param name="StandardErrors">√ of the diagonal of (XᵀWX)⁻¹ at the maximum (the inverse Fisher information).</param>
/// <param name="Iterations">Newton (IRLS) steps taken.</param>
/// <param name="Converged">False when the deviance had not settled after <see cref="LogisticRegression.MaxIterations"/> steps (usually separation: a coefficient runs off to infinity).</param>
/// <param name="Deviance">−2 × the log-likelihood at the fit.</param>
/// <param name="Rows">Rows used (with non-zero weight).</param>
public sealed record LogisticFit(IReadOnlyList<string> Names, double[] Coefficients, double[] StandardErrors, int Iterations, bool Converged, double Deviance, long Rows)
{
    /// <summary>The index of a named column.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }
        throw new KeyNotFoundException($"The fit has no term '{name}'.");
    }

    /// <summary>exp(β) of a term: the odds ratio per unit (for a 0/1 dummy: against the reference level).</summary>
    public double OddsRatio(int term) => Math.Exp(Coefficients[term]);

    /// <summary>
    /// The Wald interval of the odds ratio, exp(β ± z·se), z = Φ⁻¹((1 + confidence) / 2); what R's
    /// <c>exp(confint.default(fit))</c> prints.
    /// </summary>
    public (double Lower, double Upper) OddsRatioInterval(int term, double confidence)
    {
        var z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        return (Math.Exp(Coefficients[term] - z * StandardErrors[term]), Math.Exp(Coefficients[term] + z * StandardErrors[term]));
    }

    /// <summary>The two-sided Wald test of β = 0: 2(1 − Φ(|β / se|)).</summary>
    public double WaldP(int term)
    {
        var z = Math.Abs(Coefficients[term] / StandardErrors[term]);
        return 2 * Normal.CDF(0, 1, -z);
    }

    /// <summary>
    /// The probability of the outcome for the reference person (every column 0 but the intercept):
    /// logistic(β₀). ProPublica call it the control group's probability.
    /// </summary>
    public double ControlProbability => 1 / (1 + Math.Exp(-Coefficients[0]));

    /// <summary>
    /// The odds ratio of a 0/1 term turned into a ratio of probabilities ("times as likely") at the reference
    /// person's probability p₀: RR = OR / (1 − p₀ + p₀ × OR) (Zhang and Yu 1998, JAMA 280:1690). This is the
    /// conversion ProPublica published for COMPAS ("Black defendants are 45 % more likely", 2016): it holds the other
    /// columns at the reference, it is not an average over the population.
    /// </summary>
    public double TimesAsLikely(int term) => TimesAsLikely(OddsRatio(term), ControlProbability);

    public static double TimesAsLikely(double oddsRatio, double controlProbability) =>
        oddsRatio / (1 - controlProbability + controlProbability * oddsRatio);
}

/// <summary>
/// Maximum-likelihood logistic regression by Newton's method (iteratively reweighted least squares; McCullagh and
/// Nelder 1989, §4.4), the method of R's <c>glm(family = binomial)</c>: starting from β = 0,
/// <code>
/// β ← β + (Xᵀ W X)⁻¹ Xᵀ (w ∘ (y − μ)),   μ = logistic(Xβ),   W = diag(w μ (1 − μ))
/// </code>
/// until the deviance changes by less than 10⁻¹⁰ relative (R's <c>glm.control</c> uses 10⁻⁸). The linear algebra is
/// MathNet.Numerics (Cholesky of the p × p information matrix). Row weights are frequency weights by default
/// (standard errors from the inverse information, as R's <c>glm</c> with <c>weights</c>). With sampling weights
/// (<c>robust: true</c>) the estimates are the pseudo-likelihood ones and the standard errors come from the sandwich
/// I⁻¹ (Σ wᵢ² (yᵢ − μᵢ)² xᵢxᵢᵀ) I⁻¹ (Huber 1967, White 1980; HC0, as R's <c>sandwich::vcovHC(type = "HC0")</c>),
/// which does not shrink when every weight is multiplied by a constant.
/// </summary>
public static class LogisticRegression
{
    public const int MaxIterations = 50;
    private const double Tolerance = 1e-10;

    /// <param name="x">The design, one row per person; the first column should be the intercept (all ones).</param>
    /// <param name="y">0 or 1 per row.</param>
    /// <param name="weights">Per-row weights, or empty for 1.</param>
    /// <param name="robust">Sandwich standard errors (for sampling weights).</param>
    public static LogisticFit Fit(Matrix<double> x, ReadOnlySpan<byte> y, ReadOnlySpan<double> weights, IReadOnlyList<string> names, bool robust = false)
    {
        var n = x.RowCount;
        var p = x.ColumnCount;
        if (y.Length != n || (weights.Length != 0 && weights.Length != n))
        {
            throw new ArgumentException("The outcome and weights must have one value per row of the design.");
        }
        if (names.Count != p)
        {
            throw new ArgumentException("One name per column of the design is needed.", nameof(names));
        }
        var beta = Vector<double>.Build.Dense(p);
        var deviance = double.PositiveInfinity;
        var converged = false;
        var iterations = 0;
        var rows = x.ToRowArrays();
        var eta = new double[n];
        for (iterations = 1; iterations <= MaxIterations; iterations++)
        {
            var (info, score) = ScoreAndInformation(rows, eta, y, weights, p);
            beta += info.Cholesky().Solve(score);
            var newDeviance = Refit(rows, beta, eta, y, weights);
            if (Math.Abs(newDeviance - deviance) <= Tolerance * (Math.Abs(newDeviance) + 0.1))
            {
                deviance = newDeviance;
                converged = true;
                break;
            }
            deviance = newDeviance;
        }
        // The standard errors at the final β: recompute the information there.
        var covariance = InformationAt(rows, eta, weights, p).Inverse();
        if (robust)
        {
            var meat = SandwichMeat(rows, eta, y, weights, p);
            covariance = covariance * meat * covariance;
        }
        var se = new double[p];
        for (var a = 0; a < p; a++)
        {
            se[a] = Math.Sqrt(covariance[a, a]);
        }
        long used = 0;
        for (var i = 0; i < n; i++)
        {
            if (weights.Length == 0 || weights[i] != 0)
            {
                used++;
            }
        }
        return new LogisticFit(names, beta.ToArray(), se, Math.Min(iterations, MaxIterations), converged, deviance, used);
    }

    /// <summary>
    /// One Newton step's ingredients at η: the score Σ wᵢ(yᵢ − μᵢ)xᵢ and the Fisher information Σ wᵢμᵢ(1 − μᵢ)xᵢxᵢᵀ
    /// (upper triangle accumulated, then mirrored).
    /// </summary>
    private static (Matrix<double> Information, Vector<double> Score) ScoreAndInformation(double[][] rows, double[] eta, ReadOnlySpan<byte> y,
        ReadOnlySpan<double> weights, int p)
    {
        var info = Matrix<double>.Build.Dense(p, p);
        var score = Vector<double>.Build.Dense(p);
        var infoArray = info.AsColumnMajorArray() ?? throw new InvalidOperationException("Dense storage expected.");
        for (var i = 0; i < rows.Length; i++)
        {
            var w = weights.Length == 0 ? 1.0 : weights[i];
            if (w == 0)
            {
                continue;
            }
            var mu = 1 / (1 + Math.Exp(-eta[i]));
            var v = w * mu * (1 - mu);
            var r = w * (y[i] - mu);
            var row = rows[i];
            for (var a = 0; a < p; a++)
            {
                score[a] += row[a] * r;
                var va = v * row[a];
                if (va == 0)
                {
                    continue;
                }
                for (var b = a; b < p; b++)
                {
                    infoArray[b * p + a] += va * row[b];
                }
            }
        }
        for (var a = 0; a < p; a++)
        {
            for (var b = a + 1; b < p; b++)
            {
                infoArray[a * p + b] = infoArray[b * p + a];
            }
        }
        return (info, score);
    }

    /// <summary>Writes each row's η = xᵢᵀβ into <paramref name="eta"/> and returns the deviance −2 log L there.</summary>
    private static double Refit(double[][] rows, Vector<double> beta, double[] eta, ReadOnlySpan<byte> y, ReadOnlySpan<double> weights)
    {
        var deviance = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            var w = weights.Length == 0 ? 1.0 : weights[i];
            var row = rows[i];
            var e = 0.0;
            for (var a = 0; a < row.Length; a++)
            {
                e += row[a] * beta[a];
            }
            eta[i] = e;
            if (w != 0)
            {
                // −2 log L, written to stay finite for large |η|: log(1 + exp(η)) − y η.
                deviance += 2 * w * (Softplus(e) - y[i] * e);
            }
        }
        return deviance;
    }

    /// <summary>The sandwich's meat Σ rᵢ² xᵢxᵢᵀ with rᵢ = wᵢ(yᵢ − μᵢ), for standard errors robust to sampling weights.</summary>
    private static Matrix<double> SandwichMeat(double[][] rows, double[] eta, ReadOnlySpan<byte> y, ReadOnlySpan<double> weights, int p)
    {
        var meat = Matrix<double>.Build.Dense(p, p);
        for (var i = 0; i < rows.Length; i++)
        {
            var w = weights.Length == 0 ? 1.0 : weights[i];
            var r = w * (y[i] - 1 / (1 + Math.Exp(-eta[i])));
            if (r == 0)
            {
                continue;
            }
            var row = rows[i];
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b < p; b++)
                {
                    meat[a, b] += r * r * row[a] * row[b];
                }
            }
        }
        return meat;
    }

    private static Matrix<double> InformationAt(double[][] rows, double[] eta, ReadOnlySpan<double> weights, int p)
    {
        var info = Matrix<double>.Build.Dense(p, p);
        for (var i = 0; i < rows.Length; i++)
        {
            var w = weights.Length == 0 ? 1.0 : weights[i];
            var mu = 1 / (1 + Math.Exp(-eta[i]));
            var v = w * mu * (1 - mu);
            if (v == 0)
            {
                continue;
            }
            var row = rows[i];
            for (var a = 0; a < p; a++)
            {
                for (var b = a; b < p; b++)
                {
                    info[a, b] += v * row[a] * row[b];
                }
            }
        }
        for (var a = 0; a < p; a++)
        {
            for (var b = a + 1; b < p; b++)
            {
                info[b, a] = info[a, b];
            }
        }
        return info;
    }

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
