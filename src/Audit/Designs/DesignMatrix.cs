using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using MathNet.Numerics.LinearAlgebra;

namespace Audit.Designs;

/// <summary>A column of a regression: a factor (one 0/1 dummy per level but the reference) or a number.</summary>
/// <param name="Column">The data column.</param>
/// <param name="Bands">Band edges for a numeric column read as a factor (as protected attributes are).</param>
/// <param name="Reference">The factor's reference level; null = the largest group.</param>
/// <param name="AsFactor">True for a factor; false for a numeric column entered as it is (one coefficient per unit).</param>
public sealed record RegressionTerm(string Column, IReadOnlyList<double>? Bands, string? Reference, bool AsFactor)
{
    /// <summary>A factor's groups as the audit formed them (a protected attribute's merged <c>groups:</c>); null: grouped from the column.</summary>
    public GroupAssignment? Groups { get; init; }
}

/// <summary>
/// The design matrix of a regression built from a table: an intercept, then per factor one 0/1 dummy per level
/// other than its reference (named <c>column=level</c>), per numeric term the value. Rows with a missing numeric
/// value are left out (weight 0), as R's <c>na.omit</c> does; a missing factor value is the level <c>(missing)</c>.
/// </summary>
public sealed class DesignMatrix
{
    private DesignMatrix(Matrix<double> x, IReadOnlyList<string> names, bool[] usable, IReadOnlyDictionary<string, string> references)
    {
        X = x;
        Names = names;
        Usable = usable;
        References = references;
    }

    public Matrix<double> X { get; }

    /// <summary>"(intercept)", then "column=level" per dummy and "column" per numeric term.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Rows with every numeric term present.</summary>
    public bool[] Usable { get; }

    /// <summary>The reference level of every factor, by column.</summary>
    public IReadOnlyDictionary<string, string> References { get; }

    public const string InterceptName = "(intercept)";

    /// <param name="rows">The rows to use (indices into the table), or null for every row.</param>
    public static DesignMatrix Build(Table table, IReadOnlyList<RegressionTerm> terms, IReadOnlyList<int>? rows = null)
    {
        var index = rows ?? Enumerable.Range(0, table.RowCount).ToArray();
        var n = index.Count;
        var columns = new List<double[]>();
        var names = new List<string> { InterceptName };
        var intercept = new double[n];
        Array.Fill(intercept, 1.0);
        columns.Add(intercept);
        var usable = Enumerable.Repeat(true, n).ToArray();
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            var column = table.Find(term.Column) ?? throw new AuditInputException($"the data has no column '{term.Column}'", column: term.Column);
            if (!term.AsFactor)
            {
                if (column is not NumericColumn numeric)
                {
                    throw new AuditInputException("a numeric control must be a numeric column", column: term.Column,
                        expected: "numbers", found: column.Type.ToString().ToLowerInvariant(), hint: "enter it as a factor instead ({ column: ..., factor: true })");
                }
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    values[i] = numeric[index[i]];
                    if (double.IsNaN(values[i]))
                    {
                        usable[i] = false;
                        values[i] = 0;
                    }
                }
                columns.Add(values);
                names.Add(term.Column);
                continue;
            }
            var groups = term.Groups ?? GroupAssignment.FromColumn(column, term.Bands);
            var reference = ReferenceOf(groups, term.Reference, index);
            references[term.Column] = groups.Levels[reference];
            for (var level = 0; level < groups.Levels.Length; level++)
            {
                if (level == reference)
                {
                    continue;
                }
                var dummy = new double[n];
                var any = false;
                for (var i = 0; i < n; i++)
                {
                    if (groups.Codes[index[i]] == level)
                    {
                        dummy[i] = 1;
                        any = true;
                    }
                }
                if (any)
                {
                    columns.Add(dummy);
                    names.Add(FactorName(term.Column, groups.Levels[level]));
                }
            }
        }
        var x = Matrix<double>.Build.Dense(n, columns.Count, (i, j) => columns[j][i]);
        return new DesignMatrix(x, names, usable, references);
    }

    /// <summary>The name of a factor level's coefficient, "sex=F": the text the regression's output shows, and how its coefficients are found.</summary>
    internal static string FactorName(string column, string level) => column + "=" + level;

    /// <summary>The named level, or the level with the most rows among the rows used.</summary>
    internal static int ReferenceOf(GroupAssignment groups, string? reference, IReadOnlyList<int> rows)
    {
        if (reference is not null)
        {
            var named = Array.IndexOf(groups.Levels, reference);
            return named >= 0
                ? named
                : throw new AuditInputException($"the reference level '{reference}' does not occur in '{groups.Attribute}'", column: groups.Attribute,
                    expected: "one of " + string.Join(", ", groups.Levels), found: reference);
        }
        var counts = new long[groups.Levels.Length];
        foreach (var i in rows)
        {
            counts[groups.Codes[i]]++;
        }
        return ReferenceGroup.LargestOf(counts.Select(c => (double)c).ToArray());
    }
}
