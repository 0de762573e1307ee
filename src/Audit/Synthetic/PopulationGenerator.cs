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
        Action<long, long>? progress = null) =>
        Generate(spec, rows, seed, chunkRows, parallelism, progress, rowByRow: false);

    /// <param name="rowByRow">Fill every row alone (<see cref="FillRows"/>), the reference the tests hold the block fill to.</param>
    internal static PopulationColumns Generate(PopulationSpec spec, int rows, long seed, int chunkRows, int? parallelism,
        Action<long, long>? progress, bool rowByRow)
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
                        if (rowByRow)
                        {
                            FillRows(spec, variable, columns, (ulong)seed, start, end);
                        }
                        else
                        {
                            Fill(spec, variable, columns, (ulong)seed, start, end);
                        }
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

    /// <summary>Rows evaluated together: the scratch blocks of a formula stay in the core's cache.</summary>
    private const int BlockRows = 1024;

    private static void Fill(PopulationSpec spec, VariableSpec variable, PopulationColumns columns, ulong seed, int start, int end)
    {
        var plan = VariablePlan.Of(variable);
        var values = System.Buffers.ArrayPool<double>.Shared.Rent(BlockRows);
        var tableRows = System.Buffers.ArrayPool<int>.Shared.Rent(BlockRows);
        try
        {
            for (var block = start; block < end; block += BlockRows)
            {
                var n = Math.Min(BlockRows, end - block);
                FillBlock(spec, variable, plan, columns, seed, block, values.AsSpan(0, n), tableRows.AsSpan(0, n));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(tableRows);
            System.Buffers.ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>
    /// A block of rows, each with the same operations in the same order as <see cref="FillRows"/> (so the same bits):
    /// formulas evaluated a block at a time, the table row of every row found from its parents' codes in one pass,
    /// and the parameters that are constants evaluated once. Errors are then checked row by row in order. When a
    /// block's formulas throw (a function given impossible arguments, perhaps in a branch no row takes), the block is
    /// filled again row by row, which throws the error of the row met first, or none.
    /// </summary>
    private static void FillBlock(PopulationSpec spec, VariableSpec variable, VariablePlan plan, PopulationColumns columns, ulong seed, int start,
        Span<double> values, Span<int> tableRows)
    {
        var n = values.Length;
        var end = start + n;
        var stream = (uint)variable.Index;
        try
        {
            if (variable.Formula is { } formula)
            {
                formula.EvaluateBlock(columns, start, values);
            }
            else
            {
                columns.TableRowsOf(variable, start, tableRows);
                if (plan.Single is { } single)
                {
                    // One table row with a formula (a probability or a parameter that reads other variables): a block at a time.
                    single.EvaluateBlock(columns, start, values);
                }
            }
        }
        catch (ArgumentException)
        {
            FillRows(spec, variable, columns, seed, start, end);
            return;
        }
        switch (variable.Type)
        {
            case VariableType.Categorical:
                {
                    var codes = columns.Codes(variable.Index);
                    if (variable.Formula is not null)
                    {
                        for (var k = 0; k < n; k++)
                        {
                            var value = values[k];
                            if (!(value >= 0 && value < variable.Levels.Count) || value != Math.Floor(value))
                            {
                                throw RowError(spec, variable, start + k, "the formula does not give the position of a level",
                                    $"a whole number from 0 to {variable.Levels.Count - 1} (the position in 'levels')", value);
                            }
                            codes[start + k] = (int)value;
                        }
                    }
                    else
                    {
                        var rows = plan.Rows;
                        for (var k = 0; k < n; k++)
                        {
                            codes[start + k] = Pick(rows[tableRows[k]].Cumulative, CounterRandom.Uniform(seed, start + k, stream, 0));
                        }
                    }
                    break;
                }
            case VariableType.Boolean:
                {
                    var booleans = columns.Boolean(variable.Index);
                    if (variable.Formula is not null)
                    {
                        for (var k = 0; k < n; k++)
                        {
                            var value = values[k];
                            if (double.IsNaN(value))
                            {
                                throw RowError(spec, variable, start + k, "the formula gives no value", "true or false", value);
                            }
                            booleans[start + k] = value != 0 ? (byte)1 : (byte)0;
                        }
                    }
                    else
                    {
                        for (var k = 0; k < n; k++)
                        {
                            var i = start + k;
                            // A probability that reads other variables, in a table of several rows, is evaluated on its row.
                            var p = plan.Single is not null ? values[k]
                                : plan.Constants[tableRows[k]] is { } constant ? constant[0]
                                : plan.Rows[tableRows[k]].ProbabilityTrue!.Evaluate(columns, i);
                            if (!(p >= 0 && p <= 1))
                            {
                                throw RowError(spec, variable, i, "the probability is not between 0 and 1", "a probability from 0 to 1", p);
                            }
                            booleans[i] = CounterRandom.Uniform(seed, i, stream, 0) < p ? (byte)1 : (byte)0;
                        }
                    }
                    break;
                }
            default:
                {
                    var numbers = columns.Numeric(variable.Index);
                    for (var k = 0; k < n; k++)
                    {
                        var i = start + k;
                        var value = variable.Formula is not null ? values[k]
                            : plan.Constants[tableRows[k]] is { } constants
                                ? DrawConstant(spec, variable, plan.Rows[tableRows[k]], constants, i, CounterRandom.Uniform(seed, i, stream, 0))
                                // Parameters that read other variables are evaluated on the row, as Draw does.
                                : Draw(spec, variable, plan.Rows[tableRows[k]], columns, i, CounterRandom.Uniform(seed, i, stream, 0));
                        numbers[i] = Finish(spec, variable, i, value);
                    }
                    break;
                }
        }
    }

    /// <summary>A finite value clipped and rounded as the variable says; an error naming the row otherwise.</summary>
    private static double Finish(PopulationSpec spec, VariableSpec variable, int i, double value)
    {
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
        return value;
    }

    /// <summary>
    /// What a variable's fill can compute once: its table rows as an array, each row's parameters (or probability)
    /// when they are constants, and the one formula of a variable with a single table row whose formula reads other variables.
    /// </summary>
    private sealed class VariablePlan
    {
        public required TableRow[] Rows { get; init; }

        /// <summary>Per table row, its parameters' values (a boolean's probability is its one parameter); null for a row that is not constant.</summary>
        public required double[]?[] Constants { get; init; }

        /// <summary>The probability or the parameter of a variable with one table row and one non-constant formula; null otherwise.</summary>
        public Formula? Single { get; init; }

        public static VariablePlan Of(VariableSpec variable)
        {
            var rows = variable.Rows.ToArray();
            var constants = new double[]?[rows.Length];
            Formula? single = null;
            for (var r = 0; r < rows.Length; r++)
            {
                Formula[] formulas = variable.Type == VariableType.Boolean ? (rows[r].ProbabilityTrue is { } p ? [p] : []) : rows[r].Parameters;
                if (formulas.All(f => f is ConstantFormula))
                {
                    // A constant's Evaluate returns its value whatever the row.
                    constants[r] = [.. formulas.Select(f => f.Evaluate(PopulationColumns.Empty, 0))];
                }
            }
            if (variable.Formula is null && variable.Type == VariableType.Boolean && rows.Length == 1 && constants[0] is null)
            {
                single = rows[0].ProbabilityTrue;
            }
            return new VariablePlan { Rows = rows, Constants = constants, Single = single };
        }
    }

    /// <summary>A draw from a table row whose parameters are the constants given: <see cref="Draw"/> without evaluating them per row.</summary>
    private static double DrawConstant(PopulationSpec spec, VariableSpec variable, TableRow row, double[] parameters, int i, double u)
    {
        switch (row.Distribution)
        {
            case NumericDistribution.Discrete:
                return row.Values[Pick(row.Cumulative, u)];
            case NumericDistribution.Constant:
                return parameters[0];
            case NumericDistribution.Uniform:
                {
                    var low = parameters[0];
                    return low + (parameters[1] - low) * u;
                }
            case NumericDistribution.Normal:
                {
                    var sd = parameters[1];
                    if (!(sd >= 0))
                    {
                        throw RowError(spec, variable, i, "the standard deviation is negative", "sd >= 0", sd);
                    }
                    return parameters[0] + sd * PortableMath.NormalQuantile(u);
                }
            case NumericDistribution.LogNormal:
                {
                    var median = parameters[0];
                    var sigma = parameters[1];
                    if (!(median > 0) || !(sigma >= 0))
                    {
                        throw RowError(spec, variable, i, "the log-normal parameters are out of range", "median > 0 and sigma >= 0", median > 0 ? sigma : median);
                    }
                    return median * PortableMath.Exp(sigma * PortableMath.NormalQuantile(u));
                }
            default:
                {
                    var mean = parameters[0];
                    if (!(mean >= 0) || mean > MaxPoissonMean)
                    {
                        throw RowError(spec, variable, i, "the Poisson mean is out of range", $"a mean from 0 to {MaxPoissonMean}", mean);
                    }
                    return PoissonQuantile(mean, u);
                }
        }
    }

    /// <summary>The rows from <paramref name="start"/> to <paramref name="end"/>, one at a time (the reference for <see cref="FillBlock"/>).</summary>
    internal static void FillRows(PopulationSpec spec, VariableSpec variable, PopulationColumns columns, ulong seed, int start, int end)
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
