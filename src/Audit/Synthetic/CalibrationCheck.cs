namespace Audit.Synthetic;

/// <summary>
/// Compares a generated population with the figures its spec cites (issue 4, item 7): every published (cited)
/// probability of a table, among the rows that table row applies to, and every target. A line fails when the
/// difference exceeds max(3 standard errors of the generated figure, the spec's tolerance): the standard error of
/// a share p among n rows is √(p(1 − p) / n) at the target p; that of a mean is the sample standard deviation / √n.
/// </summary>
public static class CalibrationCheck
{
    /// <summary>How many standard errors a difference may reach before the check fails (issue 4: three).</summary>
    public const double StandardErrors = 3;

    public static CalibrationReport Run(PopulationSpec spec, PopulationColumns columns)
    {
        var lines = new List<CalibrationLine>();
        foreach (var variable in spec.Variables.Where(v => !v.IsDerived))
        {
            for (var r = 0; r < variable.Rows.Count; r++)
            {
                var row = variable.Rows[r];
                if (!row.IsCited)
                {
                    continue;
                }
                lines.AddRange(TableLines(variable, r, row, columns));
            }
        }
        foreach (var target in spec.Targets)
        {
            lines.Add(TargetLine(target, columns));
        }
        return new CalibrationReport(spec.Display, columns.Rows, lines);
    }

    private static IEnumerable<CalibrationLine> TableLines(VariableSpec variable, int rowIndex, TableRow row, PopulationColumns columns)
    {
        // Which generated rows this table row applied to, and what they got.
        long n = 0;
        double[] counts;
        string[] labels;
        double[] targets;
        double[] values = [];
        switch (variable.Type)
        {
            case VariableType.Categorical:
                labels = [.. variable.Levels];
                targets = row.Probabilities;
                break;
            case VariableType.Boolean when row.ProbabilityTrue!.IsConstant:
                labels = ["true"];
                targets = [row.ProbabilityTrue.Evaluate(PopulationColumns.Empty, 0)];
                break;
            case VariableType.Numeric when row.Distribution == NumericDistribution.Discrete:
                (values, targets) = Generated(variable, row);
                labels = values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                break;
            default:
                yield break;
        }
        counts = new double[labels.Length];
        for (var i = 0; i < columns.Rows; i++)
        {
            if (columns.TableRowOf(variable, i) != rowIndex)
            {
                continue;
            }
            n++;
            switch (variable.Type)
            {
                case VariableType.Categorical:
                    counts[columns.Codes(variable.Index)[i]]++;
                    break;
                case VariableType.Boolean:
                    counts[0] += columns.Boolean(variable.Index)[i];
                    break;
                default:
                    var k = Array.IndexOf(values, columns.Numeric(variable.Index)[i]);
                    if (k >= 0)
                    {
                        counts[k]++;
                    }
                    break;
            }
        }
        for (var k = 0; k < labels.Length; k++)
        {
            var name = $"{variable.Name} = {labels[k]}";
            yield return Share(name, row.Condition.Length == 0 ? null : row.Condition, targets[k], counts[k], n, row.Tolerance, row.Source, row.Line);
        }
    }

    /// <summary>
    /// The values a discrete row can produce once the variable's clip and rounding apply (as the generator does), with
    /// their probabilities: values that clip or round to the same number pool their probabilities. Compared as written,
    /// a discrete row with 'round' or 'clip' found none of its values in the generated column and failed every line.
    /// </summary>
    internal static (double[] Values, double[] Probabilities) Generated(VariableSpec variable, TableRow row)
    {
        var values = new List<double>();
        var probabilities = new List<double>();
        for (var k = 0; k < row.Values.Length; k++)
        {
            var value = Math.Clamp(row.Values[k], variable.ClipMin, variable.ClipMax);
            if (variable.Round is { } decimals)
            {
                value = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            }
            var at = values.IndexOf(value);
            if (at < 0)
            {
                values.Add(value);
                probabilities.Add(row.Probabilities[k]);
            }
            else
            {
                probabilities[at] += row.Probabilities[k];
            }
        }
        return ([.. values], [.. probabilities]);
    }

    private static CalibrationLine Share(string name, string? among, double target, double hits, long n, double tolerance, string source, long line)
    {
        var generated = n == 0 ? double.NaN : hits / n;
        var se = n == 0 ? double.NaN : Math.Sqrt(target * (1 - target) / n);
        return Line(name, among, "share", target, generated, se, n, tolerance, source, line);
    }

    private static CalibrationLine Line(string name, string? among, string kind, double target, double generated, double se, long n, double tolerance, string source, long line)
    {
        var allowed = Math.Max(StandardErrors * (double.IsNaN(se) ? 0 : se), tolerance);
        var difference = generated - target;
        return new CalibrationLine(name, among, kind, target, generated, difference, se, allowed, n, n > 0 && Math.Abs(difference) <= allowed + 1e-12, source, line);
    }

    private static CalibrationLine TargetLine(TargetSpec target, PopulationColumns columns)
    {
        long n = 0;
        double sum = 0, sumSquares = 0;
        for (var i = 0; i < columns.Rows; i++)
        {
            if (target.Among is { } among && among.Evaluate(columns, i) == 0)
            {
                continue;
            }
            var x = target.Of.Evaluate(columns, i);
            if (target.Kind == TargetKind.Share)
            {
                x = x != 0 ? 1 : 0;
            }
            n++;
            sum += x;
            sumSquares += x * x;
        }
        if (target.Kind == TargetKind.Share)
        {
            return Share(target.Name, target.AmongExpression, target.Value, sum, n, target.Tolerance, target.Source, target.Line);
        }
        var mean = n == 0 ? double.NaN : sum / n;
        var variance = n < 2 ? double.NaN : Math.Max(0, (sumSquares - n * mean * mean) / (n - 1));
        return Line(target.Name, target.AmongExpression, "mean", target.Value, mean, Math.Sqrt(variance / n), n, target.Tolerance, target.Source, target.Line);
    }
}

/// <summary>The calibration check of one generated sample.</summary>
public sealed record CalibrationReport(string Spec, int Rows, IReadOnlyList<CalibrationLine> Lines)
{
    public bool Passed => Lines.All(l => l.Passed);
}

/// <param name="Name">What is compared: "sexe = F", or a target's name.</param>
/// <param name="Among">The rows compared (a table row's condition or a target's 'among'); null for every row.</param>
/// <param name="Kind">share or mean.</param>
/// <param name="Allowed">max(3 standard errors, the spec's tolerance).</param>
/// <param name="Rows">Generated rows the figure rests on.</param>
/// <param name="Line">The spec line of the number.</param>
public sealed record CalibrationLine(string Name, string? Among, string Kind, double Target, double Generated, double Difference, double StandardError,
    double Allowed, long Rows, bool Passed, string Source, long Line);
