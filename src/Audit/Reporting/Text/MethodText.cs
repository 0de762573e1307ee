using System.Globalization;
using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The words of the method every report states, from the facts of <see cref="InferenceSettings"/> and
/// <see cref="Conventions"/>: which interval and test go with which number (<c>inference.*</c>) and the definitions
/// (<c>conventions.*</c>). Numbers are written with invariant digits, as the sentences always printed them.
/// </summary>
public static class MethodText
{
    /// <summary>Which interval goes with which number.</summary>
    public static string Intervals(InferenceSettings i, ReportLanguage l)
    {
        var text = l.T(i.Analytical ? "inference.intervals.analytical" : "inference.intervals.sampling");
        if (i.BootstrapReplicates > 0)
        {
            var kind = !i.Analytical ? "sampling" : i.Weighted ? "frequency" : "analytical";
            text += l.T("inference.bootstrap." + kind, ("replicates", i.BootstrapReplicates.ToString(CultureInfo.InvariantCulture)));
        }
        return text;
    }

    /// <summary>Which test gives the p-values.</summary>
    public static string Tests(ReportLanguage l) => l.T("inference.tests");

    /// <summary>The comparisons the correction runs over.</summary>
    public static string Family(ReportLanguage l) => l.T("inference.family");

    /// <summary>Why tests (and without a bootstrap, intervals) are missing with sampling weights.</summary>
    public static string Limitation(int bootstrapReplicates, ReportLanguage l) =>
        l.T(bootstrapReplicates > 0 ? "inference.limitation.bootstrap" : "inference.limitation.pointEstimates");

    /// <summary>A definition the report states: flagRateRatio, flagRateDifference, fourFifths, referenceGroup, suppression, tolerance or inequality.</summary>
    public static string Convention(string name, Conventions c, ReportLanguage l) => l.T("conventions." + name,
        ("low", Invariant(c.ToleranceLow)), ("high", Invariant(c.ToleranceHigh)), ("alpha", Invariant(c.EntropyAlpha)));

    private static string Invariant(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
