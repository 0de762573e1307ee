namespace Audit.Synthetic;

/// <summary>
/// A compiled formula of a population spec (docs/population-spec.md, "Formulas"): evaluated for one row of a
/// population being generated, reading only variables declared before the one that owns the formula. Every value
/// is a number: true is 1 and false is 0; a categorical variable is only compared with its levels
/// (<c>type_foyer == 'seul'</c>, <c>activite in ['chomage', 'inactif']</c>). No code is executed other than the
/// operators and functions the parser knows.
/// </summary>
public abstract class Formula
{
    /// <summary>The value of the formula for a row.</summary>
    public abstract double Evaluate(PopulationColumns columns, int row);

    /// <summary>
    /// The values of rows <paramref name="start"/> to <paramref name="start"/> + <c>output.Length</c> − 1, written to
    /// <paramref name="output"/>: on each row the same operations, in the same order, as <see cref="Evaluate(PopulationColumns, int)"/>,
    /// so the same bits, with one virtual call per node and block instead of per node and row. Both branches of an
    /// <c>if</c> are computed for the whole block and each row keeps its own, so this may throw (a function given
    /// impossible arguments on a row whose branch is not taken) where the row-by-row evaluation does not: a caller
    /// that meets an exception evaluates the block again row by row, which decides.
    /// </summary>
    internal virtual void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = Evaluate(columns, start + i);
        }
    }

    /// <summary>Rents a scratch block for an operand (returned with <see cref="Return"/>).</summary>
    private protected static double[] Rent(int length) => System.Buffers.ArrayPool<double>.Shared.Rent(length);

    private protected static void Return(double[] block) => System.Buffers.ArrayPool<double>.Shared.Return(block);

    /// <summary>True when the formula is a constant (a number written in the spec), whose value is then <see cref="Evaluate"/> of any row.</summary>
    public virtual bool IsConstant => false;

    /// <summary>Levels of the tree of operations (a number or a variable is 1): evaluation recurses this deep.</summary>
    public virtual int Depth => 1;

    internal static Formula Constant(double value) => new ConstantFormula(value);
}

internal sealed class ConstantFormula(double value) : Formula
{
    public double Value { get; } = value;

    public override bool IsConstant => true;

    public override double Evaluate(PopulationColumns columns, int row) => Value;

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output) => output.Fill(Value);
}

internal sealed class NumericVariableFormula(int variable) : Formula
{
    public override double Evaluate(PopulationColumns columns, int row) => columns.Numeric(variable)[row];

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output) =>
        columns.Numeric(variable).AsSpan(start, output.Length).CopyTo(output);
}

internal sealed class BooleanVariableFormula(int variable) : Formula
{
    public override double Evaluate(PopulationColumns columns, int row) => columns.Boolean(variable)[row];

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        var values = columns.Boolean(variable).AsSpan(start, output.Length);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = values[i];
        }
    }
}

/// <summary>1 when a categorical variable's code is one of a set of codes, else 0.</summary>
internal sealed class LevelTestFormula(int variable, int[] codes, bool negate) : Formula
{
    public override double Evaluate(PopulationColumns columns, int row)
    {
        var code = columns.Codes(variable)[row];
        var found = Array.IndexOf(codes, code) >= 0;
        return found != negate ? 1 : 0;
    }

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        var values = columns.Codes(variable).AsSpan(start, output.Length);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = Array.IndexOf(codes, values[i]) >= 0 != negate ? 1 : 0;
        }
    }
}

internal sealed class UnaryFormula(Func<double, double> operation, Formula operand) : Formula
{
    public override bool IsConstant => operand.IsConstant;

    public override int Depth { get; } = operand.Depth + 1;

    public override double Evaluate(PopulationColumns columns, int row) => operation(operand.Evaluate(columns, row));

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        operand.EvaluateBlock(columns, start, output);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = operation(output[i]);
        }
    }
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

internal sealed class BinaryFormula(BinaryOperator op, Formula left, Formula right) : Formula
{
    public override bool IsConstant => left.IsConstant && right.IsConstant;

    public override int Depth { get; } = Math.Max(left.Depth, right.Depth) + 1;

    public override double Evaluate(PopulationColumns columns, int row)
    {
        var a = left.Evaluate(columns, row);
        var b = right.Evaluate(columns, row);
        return op switch
        {
            BinaryOperator.Add => a + b,
            BinaryOperator.Subtract => a - b,
            BinaryOperator.Multiply => a * b,
            BinaryOperator.Divide => a / b,
            BinaryOperator.Equal => a == b ? 1 : 0,
            BinaryOperator.NotEqual => a != b ? 1 : 0,
            BinaryOperator.Less => a < b ? 1 : 0,
            BinaryOperator.LessOrEqual => a <= b ? 1 : 0,
            BinaryOperator.Greater => a > b ? 1 : 0,
            BinaryOperator.GreaterOrEqual => a >= b ? 1 : 0,
            BinaryOperator.And => a != 0 && b != 0 ? 1 : 0,
            BinaryOperator.Or => a != 0 || b != 0 ? 1 : 0,
            _ => throw new InvalidOperationException("unknown operator"),
        };
    }

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        // Left into the output, right into a scratch block, then one loop per operator: a op b on each row, as Evaluate.
        left.EvaluateBlock(columns, start, output);
        var scratch = Rent(output.Length);
        try
        {
            var b = scratch.AsSpan(0, output.Length);
            right.EvaluateBlock(columns, start, b);
            var a = output;
            switch (op)
            {
                case BinaryOperator.Add:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] + b[i]; }
                    break;
                case BinaryOperator.Subtract:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] - b[i]; }
                    break;
                case BinaryOperator.Multiply:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] * b[i]; }
                    break;
                case BinaryOperator.Divide:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] / b[i]; }
                    break;
                case BinaryOperator.Equal:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] == b[i] ? 1 : 0; }
                    break;
                case BinaryOperator.NotEqual:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] != b[i] ? 1 : 0; }
                    break;
                case BinaryOperator.Less:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] < b[i] ? 1 : 0; }
                    break;
                case BinaryOperator.LessOrEqual:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] <= b[i] ? 1 : 0; }
                    break;
                case BinaryOperator.Greater:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] > b[i] ? 1 : 0; }
                    break;
                case BinaryOperator.GreaterOrEqual:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] >= b[i] ? 1 : 0; }
                    break;
                case BinaryOperator.And:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] != 0 && b[i] != 0 ? 1 : 0; }
                    break;
                case BinaryOperator.Or:
                    for (var i = 0; i < a.Length; i++) { a[i] = a[i] != 0 || b[i] != 0 ? 1 : 0; }
                    break;
                default:
                    throw new InvalidOperationException("unknown operator");
            }
        }
        finally
        {
            Return(scratch);
        }
    }
}

/// <summary><c>if(condition, then, else)</c>: only the chosen branch is evaluated.</summary>
internal sealed class IfFormula(Formula condition, Formula then, Formula otherwise) : Formula
{
    public override int Depth { get; } = Math.Max(condition.Depth, Math.Max(then.Depth, otherwise.Depth)) + 1;

    public override double Evaluate(PopulationColumns columns, int row) =>
        condition.Evaluate(columns, row) != 0 ? then.Evaluate(columns, row) : otherwise.Evaluate(columns, row);

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        // Both branches on every row of the block (pure arithmetic: the branch not taken changes nothing), each row keeping its own.
        var n = output.Length;
        var tests = Rent(n);
        var others = Rent(n);
        try
        {
            condition.EvaluateBlock(columns, start, tests.AsSpan(0, n));
            then.EvaluateBlock(columns, start, output);
            otherwise.EvaluateBlock(columns, start, others.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                if (tests[i] == 0)
                {
                    output[i] = others[i];
                }
            }
        }
        finally
        {
            Return(others);
            Return(tests);
        }
    }
}

/// <summary>A function of two or more arguments (min, max, clamp, round with decimals).</summary>
internal sealed class FunctionFormula(string name, Formula[] arguments) : Formula
{
    public override int Depth { get; } = arguments.Max(a => a.Depth) + 1;

    public override double Evaluate(PopulationColumns columns, int row)
    {
        switch (name)
        {
            case "min":
                {
                    var value = arguments[0].Evaluate(columns, row);
                    for (var i = 1; i < arguments.Length; i++)
                    {
                        value = Math.Min(value, arguments[i].Evaluate(columns, row));
                    }
                    return value;
                }
            case "max":
                {
                    var value = arguments[0].Evaluate(columns, row);
                    for (var i = 1; i < arguments.Length; i++)
                    {
                        value = Math.Max(value, arguments[i].Evaluate(columns, row));
                    }
                    return value;
                }
            case "clamp":
                return Math.Clamp(arguments[0].Evaluate(columns, row), arguments[1].Evaluate(columns, row), arguments[2].Evaluate(columns, row));
            case "round":
                return Math.Round(arguments[0].Evaluate(columns, row), (int)arguments[1].Evaluate(columns, row), MidpointRounding.AwayFromZero);
            default:
                throw new InvalidOperationException("unknown function " + name);
        }
    }

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        var n = output.Length;
        arguments[0].EvaluateBlock(columns, start, output);
        var scratch = Rent(n);
        try
        {
            var b = scratch.AsSpan(0, n);
            switch (name)
            {
                case "min":
                case "max":
                    // Folded left to right, as Evaluate.
                    for (var k = 1; k < arguments.Length; k++)
                    {
                        arguments[k].EvaluateBlock(columns, start, b);
                        for (var i = 0; i < n; i++)
                        {
                            output[i] = name == "min" ? Math.Min(output[i], b[i]) : Math.Max(output[i], b[i]);
                        }
                    }
                    break;
                case "clamp":
                    {
                        var high = Rent(n);
                        try
                        {
                            arguments[1].EvaluateBlock(columns, start, b);
                            arguments[2].EvaluateBlock(columns, start, high.AsSpan(0, n));
                            for (var i = 0; i < n; i++)
                            {
                                output[i] = Math.Clamp(output[i], b[i], high[i]);
                            }
                        }
                        finally
                        {
                            Return(high);
                        }
                        break;
                    }
                case "round":
                    arguments[1].EvaluateBlock(columns, start, b);
                    for (var i = 0; i < n; i++)
                    {
                        output[i] = Math.Round(output[i], (int)b[i], MidpointRounding.AwayFromZero);
                    }
                    break;
                default:
                    throw new InvalidOperationException("unknown function " + name);
            }
        }
        finally
        {
            Return(scratch);
        }
    }
}

/// <summary><c>cut(x, [e1, ..., eN])</c>: the 0-based band of x among edges e1 &lt; ... &lt; eN (a band includes its lower edge).</summary>
internal sealed class CutFormula(Formula value, double[] edges) : Formula
{
    public override int Depth { get; } = value.Depth + 1;

    public override double Evaluate(PopulationColumns columns, int row)
    {
        var x = value.Evaluate(columns, row);
        var band = 0;
        while (band < edges.Length && x >= edges[band])
        {
            band++;
        }
        return band;
    }

    internal override void EvaluateBlock(PopulationColumns columns, int start, Span<double> output)
    {
        value.EvaluateBlock(columns, start, output);
        for (var i = 0; i < output.Length; i++)
        {
            var x = output[i];
            var band = 0;
            while (band < edges.Length && x >= edges[band])
            {
                band++;
            }
            output[i] = band;
        }
    }
}
