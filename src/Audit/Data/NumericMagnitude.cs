using System.Globalization;

namespace Audit.Data;

/// <summary>
/// The largest magnitude of a number the audit computes with, in the data (model inputs, scores, weights, the columns
/// the designs read) and in a model spec (coefficients, points, scaling): 10^15 (issue 16, class 4).
/// </summary>
/// <remarks>
/// A double holds every whole number exactly only up to 2^53 ≈ 9.0 × 10^15; beyond, a sum of such values loses its
/// units, and a sum over millions of rows of values near 10^300 overflows to infinity. A feature of 1e300, a weight of
/// 1e308 or a coefficient of 1e306 used to end in an internal error (the JSON writer refusing an infinity, the
/// additivity check of the explanations failing). Within ±10^15 for every input, every sum, product and mean the audit
/// computes stays finite: a term is at most 10^30, a row's sum of up to 10,000 terms at most 10^34, a sum over
/// 200 million rows at most 10^43. No scorecard, log-odds or income comes near the bound; a value beyond it is a unit
/// error or a code for "missing" (9.99e300).
/// </remarks>
public static class NumericMagnitude
{
    /// <summary>The bound: every number the audit reads lies in [−10^15, 10^15].</summary>
    public const double Max = 1e15;

    public static bool IsWithin(double value) => Math.Abs(value) <= Max;

    /// <summary>The bound as the messages write it.</summary>
    public const string Range = "a number between -1e15 and 1e15";

    /// <summary>
    /// Checks every value of a numeric column (missing values, NaN, pass), throwing an <see cref="AuditInputException"/>
    /// with the file, the 1-based row and the column for the first one beyond the bound.
    /// </summary>
    /// <param name="what">What the column is to the audit ("a model input", "the weight"), for the message.</param>
    public static void Check(NumericColumn column, string file, string what)
    {
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (Math.Abs(values[i]) > Max)
            {
                throw new AuditInputException($"a number too large for the audit in {what}", file: file, row: i + 1, column: column.Name,
                    expected: Range, found: values[i].ToString("R", CultureInfo.InvariantCulture),
                    hint: "check the value: a unit error, or a code such as 9.99e300 for 'missing'? Write a missing value empty (or NA); " +
                          "if the values are genuine, rescale the column (thousands of euros, say)");
            }
        }
    }
}
