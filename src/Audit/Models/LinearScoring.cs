using Audit.Data;

namespace Audit.Models;

/// <summary>
/// A linear or logistic spec's η (and score) for every row in one pass over the rows, the rows split among the cores:
/// each row gets the intercept, then every term's contribution, then every interaction's, added in that order, which is
/// the order of <see cref="LinearModel.LinearPredictorByTerm"/> (a term at a time over all rows), so every row's η has
/// the same bits. The by-term pass reads and writes the whole η array once per term (13.8 M rows × 8 bytes, a dozen
/// times); this one reads each input once and writes η once. Anything it does not know how to do fast, and every
/// error (an unknown coefficient that applies, a missing value without a weight, a category without a weight), is
/// left to the by-term pass, which names the row and column it always named.
/// </summary>
internal sealed class LinearScoring
{
    /// <summary>Rows per task: large enough to amortise scheduling.</summary>
    private const int ChunkRows = 1 << 15;

    private readonly double intercept;
    private readonly Part[] parts;

    private LinearScoring(double intercept, Part[] parts)
    {
        this.intercept = intercept;
        this.parts = parts;
    }

    /// <summary>The fused pass for this model and table, or null when a term needs the by-term pass (bins, an unknown weight, a column of another type).</summary>
    public static LinearScoring? For(LinearModel model, Table table)
    {
        if (model.InterceptCoefficient.Value is not { } intercept)
        {
            return null;
        }
        var parts = new List<Part>();
        foreach (var term in model.Terms)
        {
            var column = table.Find(term.Feature);
            // A missing value adds the 'missing' weight; without a known one, the by-term pass names the row.
            var missing = term.Missing?.Value ?? double.NaN;
            switch (column)
            {
                case NumericColumn numeric when term.Type == ColumnType.Numeric && term.Bins is null && term.Weight.Value is { } weight:
                    parts.Add(new NumericPart(numeric, weight, missing));
                    break;
                case NumericColumn numeric when term.Type == ColumnType.Numeric && term.Bins is { Count: > 0 } bins && bins.All(b => b.Points.IsKnown):
                    parts.Add(new BinnedPart(numeric, [.. bins.Select(b => b.Min ?? double.NegativeInfinity)], [.. bins.Select(b => b.Max ?? double.PositiveInfinity)],
                        [.. bins.Select(b => b.Min is null)], [.. bins.Select(b => b.Max is null)], [.. bins.Select(b => b.Points.Value!.Value)], missing));
                    break;
                case BooleanColumn boolean when term.Type == ColumnType.Boolean && term.Weight.Value is { } weight:
                    parts.Add(new BooleanPart(boolean, weight, missing));
                    break;
                case CategoricalColumn categorical when term.Type == ColumnType.Categorical:
                    {
                        var byCode = new double[categorical.Levels.Count];
                        for (var code = 0; code < byCode.Length; code++)
                        {
                            var coefficient = term.LevelWeights.TryGetValue(categorical.Levels[code], out var w) ? w : term.Other;
                            // A level without a weight, or with an unknown one, is an error on the rows that have it: NaN marks it.
                            byCode[code] = coefficient?.Value ?? double.NaN;
                        }
                        parts.Add(new CategoricalPart(categorical, byCode, missing));
                        break;
                    }
                default:
                    return null;
            }
        }
        foreach (var interaction in model.Interactions)
        {
            if (interaction.Weight.Value is not { } weight)
            {
                return null;
            }
            var conditions = new List<Func<int, bool>>();
            foreach (var condition in interaction.When)
            {
                switch (table.Find(condition.Feature))
                {
                    case CategoricalColumn categorical:
                        {
                            var wanted = categorical.CodeOf(condition.Value);
                            conditions.Add(wanted < 0 ? _ => false : i => categorical.Code(i) == wanted);
                            break;
                        }
                    case BooleanColumn boolean:
                        {
                            var wanted = condition.Value == "true" ? (byte)1 : (byte)0;
                            conditions.Add(i => boolean.Values[i] == wanted);
                            break;
                        }
                    default:
                        return null;
                }
            }
            parts.Add(new InteractionPart([.. conditions], weight));
        }
        return new LinearScoring(intercept, [.. parts]);
    }

    /// <summary>η of every row, or null when a row needs the by-term pass (an error to report).</summary>
    /// <param name="score">The score of η, applied to each row in the same pass; null for η itself.</param>
    public double[]? Compute(int rows, Func<double, double>? score, Action<long, long>? progress)
    {
        var eta = new double[rows];
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var failed = 0;
        long done = 0;
        bool Chunk(int chunk)
        {
            var start = chunk * ChunkRows;
            var end = Math.Min(rows, start + ChunkRows);
            var block = eta.AsSpan(start, end - start);
            block.Fill(intercept);
            foreach (var part in parts)
            {
                if (!part.Add(block, start))
                {
                    return false;
                }
            }
            if (score is not null)
            {
                for (var i = 0; i < block.Length; i++)
                {
                    block[i] = score(block[i]);
                }
            }
            progress?.Invoke(Interlocked.Add(ref done, end - start), rows);
            return true;
        }
        if (chunks <= 1)
        {
            // One person (explanations, recourse): no tasks.
            return chunks == 0 || Chunk(0) ? eta : null;
        }
        Parallel.For(0, chunks, (chunk, state) =>
        {
            if (!Chunk(chunk))
            {
                Interlocked.Exchange(ref failed, 1);
                state.Stop();
            }
        });
        return failed == 0 ? eta : null;
    }

    /// <summary>One term's contribution, added to a block of η that starts at row <c>start</c>; false when a row is an error.</summary>
    private abstract class Part
    {
        public abstract bool Add(Span<double> eta, int start);
    }

    private sealed class NumericPart(NumericColumn column, double weight, double missing) : Part
    {
        public override bool Add(Span<double> eta, int start)
        {
            var values = column.Values.Slice(start, eta.Length);
            for (var i = 0; i < eta.Length; i++)
            {
                var x = values[i];
                if (double.IsNaN(x))
                {
                    if (double.IsNaN(missing))
                    {
                        return false;
                    }
                    eta[i] += missing;
                }
                else if (x != 0)
                {
                    // A zero adds nothing at all (not even +0.0, which would turn a −0.0 sum into +0.0), as the by-term pass.
                    eta[i] += weight * x;
                }
            }
            return true;
        }
    }

    /// <summary>Points by bin: the first bin that contains the value, as <c>Bin.Contains</c> (x ≥ min unless open below, x &lt; max unless open above).</summary>
    private sealed class BinnedPart(NumericColumn column, double[] min, double[] max, bool[] openBelow, bool[] openAbove, double[] points, double missing) : Part
    {
        public override bool Add(Span<double> eta, int start)
        {
            var values = column.Values.Slice(start, eta.Length);
            for (var i = 0; i < eta.Length; i++)
            {
                var x = values[i];
                if (double.IsNaN(x))
                {
                    if (double.IsNaN(missing))
                    {
                        return false;
                    }
                    eta[i] += missing;
                    continue;
                }
                var bin = 0;
                while (bin < min.Length && !((openBelow[bin] || x >= min[bin]) && (openAbove[bin] || x < max[bin])))
                {
                    bin++;
                }
                if (bin == min.Length)
                {
                    // Outside every bin: the by-term pass names the row.
                    return false;
                }
                eta[i] += points[bin];
            }
            return true;
        }
    }

    private sealed class BooleanPart(BooleanColumn column, double weight, double missing) : Part
    {
        public override bool Add(Span<double> eta, int start)
        {
            var values = column.Values.Slice(start, eta.Length);
            for (var i = 0; i < eta.Length; i++)
            {
                switch (values[i])
                {
                    case 1:
                        eta[i] += weight;
                        break;
                    case 0:
                        // The by-term pass adds 0.0 for false: so does this one.
                        eta[i] += 0.0;
                        break;
                    default:
                        if (double.IsNaN(missing))
                        {
                            return false;
                        }
                        eta[i] += missing;
                        break;
                }
            }
            return true;
        }
    }

    private sealed class CategoricalPart(CategoricalColumn column, double[] byCode, double missing) : Part
    {
        public override bool Add(Span<double> eta, int start)
        {
            var codes = column.Codes.Slice(start, eta.Length);
            for (var i = 0; i < eta.Length; i++)
            {
                var code = codes[i];
                var add = code == CategoricalColumn.Missing ? missing : byCode[code];
                if (double.IsNaN(add))
                {
                    return false;
                }
                eta[i] += add;
            }
            return true;
        }
    }

    private sealed class InteractionPart(Func<int, bool>[] conditions, double weight) : Part
    {
        public override bool Add(Span<double> eta, int start)
        {
            for (var i = 0; i < eta.Length; i++)
            {
                var holds = true;
                foreach (var condition in conditions)
                {
                    holds &= condition(start + i);
                }
                if (holds)
                {
                    eta[i] += weight;
                }
            }
            return true;
        }
    }
}
