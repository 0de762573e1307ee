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
}

internal sealed class NumericVariableFormula(int variable) : Formula
{
    public override double Evaluate(PopulationColumns columns, int row) => columns.Numeric(variable)[row];
}

internal sealed class BooleanVariableFormula(int variable) : Formula
{
    public override double Evaluate(PopulationColumns columns, int row) => columns.Boolean(variable)[row];
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
}

internal sealed class UnaryFormula(Func<double, double> operation, Formula operand) : Formula
{
    public override bool IsConstant => operand.IsConstant;

    public override int Depth { get; } = operand.Depth + 1;

    public override double Evaluate(PopulationColumns columns, int row) => operation(operand.Evaluate(columns, row));
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
}

/// <summary><c>if(condition, then, else)</c>: only the chosen branch is evaluated.</summary>
internal sealed class IfFormula(Formula condition, Formula then, Formula otherwise) : Formula
{
    public override int Depth { get; } = Math.Max(condition.Depth, Math.Max(then.Depth, otherwise.Depth)) + 1;

    public override double Evaluate(PopulationColumns columns, int row) =>
        condition.Evaluate(columns, row) != 0 ? then.Evaluate(columns, row) : otherwise.Evaluate(columns, row);
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
}
