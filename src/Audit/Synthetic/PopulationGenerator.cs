using System.Globalization;
using Audit.Data;

namespace Audit.Synthetic;

/// <summary>
/// Generates the rows a <see cref="PopulationSpec"/> describes. Row i's values depend only on the spec, the seed
/// and i (<see cref="CounterRandom"/>), so the population is the same whether it is made in one chunk or many,
/// on one core or all of them. Chunks run in parallel; within a chunk, variables are filled in declaration order.
/// </summary>
public static class PopulationGenerator
{
    /// <summary>Rows per chunk unless told otherwise: large enough to amortise scheduling, small enough to balance cores.</summary>
    public const int DefaultChunkRows = 1 << 16;

    /// <summary>A version of the generation method, recorded with every generated population: bumped when the same spec and seed would give other rows.</summary>
    public const string Method = "audit-synth-1 (SplitMix64 counter hash of seed, row, variable, draw; inverse-CDF sampling; fdlibm exp and log)";

    /// <summary>Generates the population as a <see cref="Table"/> (an id column first when the spec names one, then the variables in order).</summary>
    public static Table GenerateTable(PopulationSpec spec, int rows, long seed, int chunkRows = DefaultChunkRows, int? parallelism = null,
        Action<long, long>? progress = null) =>
        ToTable(spec, Generate(spec, rows, seed, chunkRows, parallelism, progress));

    /// <param name="parallelism">The most chunks generated at once; null for one per core.</param>
    /// <param name="progress">Called with (rows done, rows) as chunks complete, from worker threads.</param>
    public static PopulationColumns Generate(PopulationSpec spec, int rows, long seed, int chunkRows = DefaultChunkRows, int? parallelism = null,
        Action<long, long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var columns = new PopulationColumns(spec.Variables, rows);
        var chunks = (int)((rows + (long)chunkRows - 1) / chunkRows);
        var errors = new AuditInputException?[chunks];
        long done = 0;
        progress?.Invoke(0, rows);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount }, chunk =>
        {
            var start = (int)((long)chunk * chunkRows);
            var end = (int)Math.Min(rows, (long)start + chunkRows);
            try
            {
                foreach (var variable in spec.Variables)
                {
                    try
                    {
                        Fill(spec, variable, columns, (ulong)seed, start, end);
                    }
                    catch (ArgumentException e)
                    {
                        // Found by fuzzing: a formula function given impossible arguments (clamp with its lower bound above
                        // its upper bound, round to more than 15 digits) is the spec's error, not a crash.
                        throw new AuditInputException($"variable '{variable.Name}': a formula function was given impossible arguments ({e.Message})",
                            file: spec.Display, line: variable.Line, keyPath: variable.KeyPath,
                            hint: "check the bounds given to clamp(x, low, high) (low must not exceed high) and the digits given to round (0 to 15)");
                    }
                }
            }
            catch (AuditInputException e)
            {
                errors[chunk] = e;
                return;
            }
            progress?.Invoke(Interlocked.Add(ref done, end - start), rows);
        });
        // The error of the earliest row, whichever thread met it first.
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw error;
        }
        return columns;
    }

    public static Table ToTable(PopulationSpec spec, PopulationColumns columns)
    {
        var list = new List<Column>();
        if (spec.IdColumn is { } id)
        {
            var ids = new double[columns.Rows];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = i + 1;
            }
            list.Add(new NumericColumn(id, ids));
        }
        foreach (var v in spec.Variables)
        {
            list.Add(v.Type switch
            {
                VariableType.Categorical => new CategoricalColumn(v.Name, columns.Codes(v.Index), [.. v.Levels]),
                VariableType.Boolean => new BooleanColumn(v.Name, columns.Boolean(v.Index)),
                _ => new NumericColumn(v.Name, columns.Numeric(v.Index)),
            });
        }
        return new Table(list);
    }

    private static void Fill(PopulationSpec spec, VariableSpec variable, PopulationColumns columns, ulong seed, int start, int end)
    {
        var stream = (uint)variable.Index;
        switch (variable.Type)
        {
            case VariableType.Categorical:
                {
                    var codes = columns.Codes(variable.Index);
                    for (var i = start; i < end; i++)
                    {
                        if (variable.Formula is { } formula)
                        {
                            var value = formula.Evaluate(columns, i);
                            if (!(value >= 0 && value < variable.Levels.Count) || value != Math.Floor(value))
                            {
                                throw RowError(spec, variable, i, "the formula does not give the position of a level",
                                    $"a whole number from 0 to {variable.Levels.Count - 1} (the position in 'levels')", value);
                            }
                            codes[i] = (int)value;
                        }
                        else
                        {
                            var row = RowOf(variable, columns, i);
                            codes[i] = Pick(row.Cumulative, CounterRandom.Uniform(seed, i, stream, 0));
                        }
                    }
                    break;
                }
            case VariableType.Boolean:
                {
                    var values = columns.Boolean(variable.Index);
                    for (var i = start; i < end; i++)
                    {
                        if (variable.Formula is { } formula)
                        {
                            var value = formula.Evaluate(columns, i);
                            if (double.IsNaN(value))
                            {
                                throw RowError(spec, variable, i, "the formula gives no value", "true or false", value);
                            }
                            values[i] = value != 0 ? (byte)1 : (byte)0;
                        }
                        else
                        {
                            var p = RowOf(variable, columns, i).ProbabilityTrue!.Evaluate(columns, i);
                            if (!(p >= 0 && p <= 1))
                            {
                                throw RowError(spec, variable, i, "the probability is not between 0 and 1", "a probability from 0 to 1", p);
                            }
                            values[i] = CounterRandom.Uniform(seed, i, stream, 0) < p ? (byte)1 : (byte)0;
                        }
                    }
                    break;
                }
            default:
                {
                    var values = columns.Numeric(variable.Index);
                    for (var i = start; i < end; i++)
                    {
                        var value = variable.Formula is { } formula
                            ? formula.Evaluate(columns, i)
                            : Draw(spec, variable, RowOf(variable, columns, i), columns, i, CounterRandom.Uniform(seed, i, stream, 0));
                        if (!double.IsFinite(value))
                        {
                            throw RowError(spec, variable, i, variable.IsDerived ? "the formula gives no finite number" : "the distribution gives no finite number",
                                "a finite number (check divisions by zero and parameters)", value);
                        }
                        value = Math.Clamp(value, variable.ClipMin, variable.ClipMax);
                        if (variable.Round is { } decimals)
                        {
                            value = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
                        }
                        values[i] = value;
                    }
                    break;
                }
        }
    }

    private static TableRow RowOf(VariableSpec variable, PopulationColumns columns, int row) => variable.Rows[columns.TableRowOf(variable, row)];

    private static int Pick(double[] cumulative, double u)
    {
        for (var k = 0; k < cumulative.Length; k++)
        {
            if (u < cumulative[k])
            {
                return k;
            }
        }
        return cumulative.Length - 1;
    }

    private static double Draw(PopulationSpec spec, VariableSpec variable, TableRow row, PopulationColumns columns, int i, double u)
    {
        double Parameter(int k) => row.Parameters[k].Evaluate(columns, i);
        switch (row.Distribution)
        {
            case NumericDistribution.Discrete:
                return row.Values[Pick(row.Cumulative, u)];
            case NumericDistribution.Constant:
                return Parameter(0);
            case NumericDistribution.Uniform:
                {
                    var low = Parameter(0);
                    return low + (Parameter(1) - low) * u;
                }
            case NumericDistribution.Normal:
                {
                    var sd = Parameter(1);
                    if (!(sd >= 0))
                    {
                        throw RowError(spec, variable, i, "the standard deviation is negative", "sd >= 0", sd);
                    }
                    return Parameter(0) + sd * PortableMath.NormalQuantile(u);
                }
            case NumericDistribution.LogNormal:
                {
                    var median = Parameter(0);
                    var sigma = Parameter(1);
                    if (!(median > 0) || !(sigma >= 0))
                    {
                        throw RowError(spec, variable, i, "the log-normal parameters are out of range", "median > 0 and sigma >= 0", median > 0 ? sigma : median);
                    }
                    return median * PortableMath.Exp(sigma * PortableMath.NormalQuantile(u));
                }
            default:
                {
                    var mean = Parameter(0);
                    if (!(mean >= 0) || mean > MaxPoissonMean)
                    {
                        throw RowError(spec, variable, i, "the Poisson mean is out of range", $"a mean from 0 to {MaxPoissonMean}", mean);
                    }
                    return PoissonQuantile(mean, u);
                }
        }
    }

    /// <summary>Event counts of a person (traffic tickets, judgments): means far below this. The inversion below walks the counts one by one.</summary>
    public const double MaxPoissonMean = 1000;

    /// <summary>The smallest k with P(X ≤ k) > u for X ~ Poisson(mean), by summing the probabilities in log space (no underflow for large means).</summary>
    private static double PoissonQuantile(double mean, double u)
    {
        if (mean == 0)
        {
            return 0;
        }
        var logP = -mean;
        var sum = PortableMath.Exp(logP);
        var k = 0;
        var limit = mean + 40 * Math.Sqrt(mean) + 40;
        while (u >= sum && k < limit)
        {
            k++;
            logP += PortableMath.Log(mean / k);
            sum += PortableMath.Exp(logP);
        }
        return k;
    }

    private static AuditInputException RowError(PopulationSpec spec, VariableSpec variable, int row, string problem, string expected, double found) =>
        new($"variable '{variable.Name}': {problem} for generated row {(row + 1).ToString(CultureInfo.InvariantCulture)}",
            file: spec.Display, line: variable.Line, keyPath: variable.KeyPath, expected: expected,
            found: found.ToString("R", CultureInfo.InvariantCulture),
            hint: "guard the formula with if(...) or clip the parameters, so that every combination of earlier values gives a valid value");
}
