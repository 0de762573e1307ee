using Audit.Data;

namespace Audit.Models;

/// <summary>
/// The linear predictor η of a <see cref="LinearModel"/> for a few rows, in exact decimal arithmetic
/// (<see cref="ExactDecimal"/>): the same terms as <see cref="LinearModel.LinearPredictor"/> (intercept, weight ×
/// value or bin points for a numeric feature, the weight when a boolean is true, the level's weight, the missing
/// weight, interactions whose conditions hold), each number read from its shortest round-trip text. Only rows the
/// double scoring has already accepted are asked for, so the data's errors were reported there; a coefficient not
/// known, or a sum decimal cannot hold exactly, makes the row's η null.
/// </summary>
internal static class ExactLinearPredictor
{
    public static decimal?[] Compute(LinearModel model, Table table, IReadOnlyList<int> rows)
    {
        var result = new decimal?[rows.Count];
        var intercept = Known(model.InterceptCoefficient);
        if (intercept is null)
        {
            return result;
        }
        var columns = model.Terms.Select(t => table.Find(t.Feature)).ToArray();
        var interactions = model.Interactions.Select(i => i.When.Select(c => (Column: table.Find(c.Feature), c.Value)).ToArray()).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            decimal? eta = intercept;
            for (var t = 0; t < model.Terms.Count && eta is not null; t++)
            {
                eta = Plus(eta, columns[t] is { } column ? Term(model.Terms[t], column, row) : null);
            }
            for (var k = 0; k < model.Interactions.Count && eta is not null; k++)
            {
                if (interactions[k].All(c => c.Column is { } column && Holds(column, c.Value, row)))
                {
                    eta = Plus(eta, Known(model.Interactions[k].Weight));
                }
            }
            result[r] = eta;
        }
        return result;
    }

    private static decimal? Plus(decimal? sum, decimal? term) => sum is { } s && term is { } t ? ExactDecimal.Add(s, t) : null;

    private static decimal? Known(Coefficient? coefficient) => coefficient?.Value is { } value ? ExactDecimal.Of(value) : null;

    /// <summary>One term's exact contribution for one row (as <c>LinearModel.AddTerm</c> adds it in double).</summary>
    private static decimal? Term(LinearTerm term, Column column, int row)
    {
        switch (column)
        {
            case NumericColumn numeric when term.Type == ColumnType.Numeric:
                {
                    var x = numeric[row];
                    if (double.IsNaN(x))
                    {
                        return Known(term.Missing);
                    }
                    if (term.Bins is { } bins)
                    {
                        // The bin is chosen by comparing doubles, as in scoring: a double's order is its text's order.
                        var bin = bins.FirstOrDefault(b => b.Contains(x));
                        return bin is null ? null : Known(bin.Points);
                    }
                    if (x == 0)
                    {
                        return 0m;
                    }
                    return Known(term.Weight) is { } w && ExactDecimal.Of(x) is { } value ? ExactDecimal.Multiply(w, value) : null;
                }
            case BooleanColumn or NumericColumn when term.Type == ColumnType.Boolean:
                return BinaryAt(column, row) switch
                {
                    1 => Known(term.Weight),
                    0 => 0m,
                    BooleanColumn.Missing => Known(term.Missing),
                    _ => null,
                };
            case CategoricalColumn categorical when term.Type == ColumnType.Categorical:
                {
                    var level = categorical[row];
                    if (level is null)
                    {
                        return Known(term.Missing);
                    }
                    return Known(term.LevelWeights.TryGetValue(level, out var weight) ? weight : term.Other);
                }
            default:
                return null;
        }
    }

    /// <summary>Whether a condition holds for one row (as <c>LinearModel.Holds</c> decides it for every row).</summary>
    private static bool Holds(Column column, string value, int row) => column switch
    {
        CategoricalColumn categorical when categorical.Levels.Count > 0 => categorical[row] == value,
        _ => BinaryAt(column, row) == (value == "true" ? 1 : 0),
    };

    /// <summary>A 0/1 column's value at one row as <see cref="BinaryColumn.Read"/> reads it: 0, 1, <see cref="BooleanColumn.Missing"/>, or 2 when it is not 0/1.</summary>
    private static byte BinaryAt(Column column, int row) => column switch
    {
        BooleanColumn boolean => boolean.Values[row],
        NumericColumn numeric => double.IsNaN(numeric[row]) ? BooleanColumn.Missing : numeric[row] == 0 ? (byte)0 : numeric[row] == 1 ? (byte)1 : (byte)2,
        CategoricalColumn { Levels.Count: 0 } => BooleanColumn.Missing,
        _ => 2,
    };
}
