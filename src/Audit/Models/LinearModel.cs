using Audit.Data;

namespace Audit.Models;

/// <summary>
/// A declarative additive model: <c>eta = intercept + sum of terms</c>; with the logistic link the score is
/// the probability <c>1 / (1 + exp(-eta))</c>, otherwise the score is <c>eta</c> itself (points).
/// Its explanation space is log-odds (logistic) or points (linear): contributions there are exact.
/// </summary>
public sealed class LinearModel : IScoringModel, IAdditiveModel
{
    public LinearModel(string name, bool logistic, AdverseTail adverse, double intercept, IReadOnlyList<LinearTerm> terms, string? source = null, string? description = null, GradeScale? grades = null)
    {
        Grades = grades;
        Name = name;
        Logistic = logistic;
        Adverse = adverse;
        Intercept = intercept;
        Terms = terms;
        Source = source;
        Description = description;
        Features = terms.Select(t => new FeatureSpec(t.Feature, t.Type, t.Description)).ToArray();
    }

    public string Name { get; }

    public string Kind => Logistic ? "logistic" : "linear";

    public bool Logistic { get; }

    public AdverseTail Adverse { get; }

    public double Intercept { get; }

    public IReadOnlyList<LinearTerm> Terms { get; }

    /// <summary>Where the coefficients come from (a citation).</summary>
    public string? Source { get; }

    public string? Description { get; }

    /// <summary>The ordered grade bands the spec declares over the score, if any.</summary>
    public GradeScale? Grades { get; }

    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>"log-odds" or "points": the space in which the terms add up exactly.</summary>
    public string ExplanationSpace => Logistic ? "log-odds" : "points";

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        var n = table.RowCount;
        var eta = new double[n];
        Array.Fill(eta, Intercept);
        for (var t = 0; t < Terms.Count; t++)
        {
            AddTerm(table, Terms[t], eta);
            progress?.Invoke((long)(t + 1) * n, (long)Terms.Count * n);
        }
        if (Logistic)
        {
            for (var i = 0; i < n; i++)
            {
                eta[i] = 1.0 / (1.0 + Math.Exp(-eta[i]));
            }
        }
        return eta;
    }

    /// <summary>Each term's contribution to the linear predictor for one row (exact: the terms add up to eta − intercept).</summary>
    public void Contributions(Table table, int row, Span<double> contributions)
    {
        for (var t = 0; t < Terms.Count; t++)
        {
            var term = Terms[t];
            var one = new double[1];
            AddTerm(Slice(table, term.Feature, row), term, one);
            contributions[t] = one[0];
        }
    }

    /// <summary>A one-row table holding only one column's value at a row, so that scoring and contributions share one code path.</summary>
    private static Table Slice(Table table, string column, int row)
    {
        var source = table.Find(column)
            ?? throw new AuditInputException($"the model reads the column '{column}', which the data does not have", column: column);
        Column single = source switch
        {
            NumericColumn n => new NumericColumn(column, [n[row]]),
            BooleanColumn b => new BooleanColumn(column, [b.Values[row]]),
            CategoricalColumn c => new CategoricalColumn(column, [c.Code(row)], [.. c.Levels]),
            _ => throw new InvalidOperationException("Unknown column type."),
        };
        return new Table([single]);
    }

    private static void AddTerm(Table table, LinearTerm term, double[] eta)
    {
        var column = table.Find(term.Feature)
            ?? throw new AuditInputException($"the model reads the column '{term.Feature}', which the data does not have",
                column: term.Feature, hint: "rename the column in the data, or map it in the plan");
        switch (column)
        {
            case NumericColumn numeric when term.Type == ColumnType.Numeric:
                {
                    var values = numeric.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var x = values[i];
                        eta[i] += double.IsNaN(x) ? MissingContribution(term, i) : term.Weight * x;
                    }
                    break;
                }
            case BooleanColumn or NumericColumn when term.Type == ColumnType.Boolean:
                {
                    // A boolean feature may be stored as true/false or as 0/1; any other number is an error.
                    var values = BinaryColumn.Read(table, term.Feature, "boolean model input",
                        "a boolean feature takes true/false or 0/1; fix the value or declare the feature numeric in the model spec");
                    for (var i = 0; i < values.Length; i++)
                    {
                        eta[i] += values[i] switch
                        {
                            1 => term.Weight,
                            0 => 0.0,
                            _ => MissingContribution(term, i),
                        };
                    }
                    break;
                }
            case CategoricalColumn categorical when term.Type == ColumnType.Categorical:
                {
                    // One weight per level code, so the row loop is a table look-up.
                    var byCode = new double[categorical.Levels.Count];
                    var known = new bool[categorical.Levels.Count];
                    for (var code = 0; code < byCode.Length; code++)
                    {
                        if (term.LevelWeights.TryGetValue(categorical.Levels[code], out var w))
                        {
                            byCode[code] = w;
                            known[code] = true;
                        }
                        else if (term.OtherWeight is { } other)
                        {
                            byCode[code] = other;
                            known[code] = true;
                        }
                    }
                    var codes = categorical.Codes;
                    for (var i = 0; i < codes.Length; i++)
                    {
                        var code = codes[i];
                        if (code == CategoricalColumn.Missing)
                        {
                            eta[i] += MissingContribution(term, i);
                        }
                        else if (known[code])
                        {
                            eta[i] += byCode[code];
                        }
                        else
                        {
                            throw new AuditInputException($"the model has no weight for the category '{categorical.Levels[code]}'",
                                row: i + 1, column: term.Feature,
                                expected: "one of " + string.Join(", ", term.LevelWeights.Keys), found: categorical.Levels[code],
                                hint: "add the level to the model spec's weights, or give the feature an 'other' weight");
                        }
                    }
                    break;
                }
            default:
                throw new AuditInputException($"the model expects a {term.Type.ToString().ToLowerInvariant()} column",
                    column: term.Feature, expected: term.Type.ToString().ToLowerInvariant(), found: column.Type.ToString().ToLowerInvariant(),
                    hint: "declare the column's type in the plan's 'columns' key, or fix the model spec");
        }
    }

    private static double MissingContribution(LinearTerm term, int row) =>
        term.MissingWeight ?? throw new AuditInputException("missing value in a model input", row: row + 1, column: term.Feature,
            expected: "a value (the model spec gives no 'missing' weight for this feature)",
            hint: "complete the data, or give the feature a 'missing' weight in the model spec");
}
