namespace Audit.Fairness.Inference;

/// <summary>
/// Argument checks shared by the inference routines. A count of successes and a number of trials are doubles so that
/// a caller with weighted data may pass an effective sample size (Kish 1965: n_eff = (Σw)² / Σw², and successes =
/// n_eff × the weighted proportion); they need not be whole numbers, but must be finite with 0 ≤ successes ≤ trials.
/// </summary>
internal static class ProportionArguments
{
    public static void CheckCounts(double successes, double trials, string successesName, string trialsName)
    {
        if (!double.IsFinite(trials) || trials < 0)
        {
            throw new ArgumentOutOfRangeException(trialsName, trials, "The number of trials must be finite and at least 0.");
        }
        if (!double.IsFinite(successes) || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(successesName, successes, $"The number of successes must lie between 0 and the number of trials ({trials}).");
        }
    }

    public static void CheckCounts(int successes, int trials, string successesName, string trialsName)
    {
        if (trials < 0)
        {
            throw new ArgumentOutOfRangeException(trialsName, trials, "The number of trials must be at least 0.");
        }
        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(successesName, successes, $"The number of successes must lie between 0 and the number of trials ({trials}).");
        }
    }

    public static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(name, p, "A proportion must lie between 0 and 1.");
        }
    }

    /// <summary>A level strictly between 0 and 1 (a confidence level, a significance level, a power).</summary>
    public static void CheckLevel(double level, string name)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(name, level, "The level must lie strictly between 0 and 1.");
        }
    }
}
