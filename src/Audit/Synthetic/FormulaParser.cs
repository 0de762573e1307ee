using System.Globalization;
using Audit.Yaml;

namespace Audit.Synthetic;

/// <summary>
/// Parses the formula language of population specs (docs/population-spec.md, "Formulas") by recursive descent:
/// numbers, <c>true</c>/<c>false</c>, names of earlier variables, <c>+ - * /</c>, comparisons, <c>and or not</c>,
/// <c>x == 'level'</c> and <c>x in ['a', 'b']</c> for categorical variables, and the functions if, min, max, clamp,
/// abs, exp, log, sqrt, floor, round, logistic and cut. Anything else is an error that names the formula's key,
/// its line and the character where reading stopped.
/// </summary>
public sealed class FormulaParser
{
    /// <summary>
    /// Deepest nesting of parentheses, function calls, <c>not</c> and unary <c>-</c> (issue 16, class 4). The parser
    /// descends once per level and the call stack is finite: 10,000 parentheses overflowed it, which kills the process
    /// (no handler can catch a stack overflow). The YAML loader stops at the same depth (<see cref="YamlLimits.MaxDepth"/>).
    /// </summary>
    public const int MaxNesting = YamlLimits.MaxDepth;

    /// <summary>
    /// Deepest tree of operations a formula may compile to (issue 16, class 4): a chain <c>x + x + ... + x</c> of 100,000
    /// terms is parsed in a loop but evaluated by recursion, one level per operator, and overflowed the stack when the
    /// formula was evaluated. 1,000 operations in one chain is far beyond any spec's formula.
    /// </summary>
    public const int MaxDepth = 1_000;

    private static readonly string[] Functions = ["if", "min", "max", "clamp", "abs", "exp", "log", "sqrt", "floor", "round", "logistic", "cut"];

    private readonly string text;
    private readonly Func<string, VariableSpec?> lookup;
    private readonly IReadOnlyCollection<string> known;
    private readonly string file;
    private readonly long line;
    private readonly string keyPath;
    private readonly string owner;
    private int position;
    private int nesting;

    private FormulaParser(string text, Func<string, VariableSpec?> lookup, IReadOnlyCollection<string> known, string file, long line, string keyPath, string owner)
    {
        this.owner = owner;
        this.text = text;
        this.lookup = lookup;
        this.known = known;
        this.file = file;
        this.line = line;
        this.keyPath = keyPath;
    }

    /// <param name="lookup">The variables a formula may read (those declared before it), by name; null for any other name.</param>
    /// <param name="known">Every variable name of the spec, to tell "declared later" from "unknown" and to suggest a name.</param>
    /// <param name="owner">What the formula belongs to, for messages: "variable 'ratio'", "target 'RSA foyers'".</param>
    public static Formula Parse(string text, Func<string, VariableSpec?> lookup, IReadOnlyCollection<string> known, string file, long line, string keyPath,
        string owner)
    {
        var parser = new FormulaParser(text, lookup, known, file, line, keyPath, owner);
        var formula = parser.Limit(parser.Or());
        parser.SkipSpaces();
        if (parser.position < text.Length)
        {
            throw parser.Error($"unexpected '{text[parser.position]}'", "an operator or the end of the formula");
        }
        return formula;
    }

    private AuditInputException Error(string problem, string? expected = null, string? hint = null) =>
        new($"{owner}, formula: {problem} at character {position + 1}", file: file, line: line, keyPath: keyPath, expected: expected, found: text,
            hint: hint ?? "see docs/population-spec.md, 'Formulas', for the operators and functions");

    private void SkipSpaces()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private bool TryWord(string word)
    {
        SkipSpaces();
        if (string.CompareOrdinal(text, position, word, 0, word.Length) == 0
            && (position + word.Length == text.Length || !IsNameChar(text[position + word.Length])))
        {
            position += word.Length;
            return true;
        }
        return false;
    }

    private bool TrySymbol(string symbol)
    {
        SkipSpaces();
        if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0)
        {
            position += symbol.Length;
            return true;
        }
        return false;
    }

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
        {
            throw Error(position < text.Length ? $"unexpected '{text[position]}'" : "the formula ends too early", $"'{symbol}'");
        }
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>Parses one nested level (a parenthesis, a function's argument, the operand of 'not' or '-'), refusing too deep a nesting.</summary>
    private Formula Nested(Func<Formula> parse)
    {
        if (++nesting > MaxNesting)
        {
            throw Error($"the formula nests more than {MaxNesting} levels deep (parentheses, function calls, 'not' and '-' each add one)",
                $"at most {MaxNesting} levels", hint: "write the formula more simply, or split it over intermediate variables");
        }
        var formula = Limit(parse());
        nesting--;
        return formula;
    }

    /// <summary>A compiled formula, refused when its tree of operations is deeper than <see cref="MaxDepth"/>.</summary>
    private T Limit<T>(T formula)
        where T : Formula =>
        formula.Depth <= MaxDepth
            ? formula
            : throw Error($"the formula chains more than {MaxDepth:N0} operations", $"at most {MaxDepth:N0} operations in a chain such as a + b + c",
                hint: "split the formula over intermediate variables");

    private Formula Or()
    {
        var left = And();
        while (TryWord("or"))
        {
            left = Limit(new BinaryFormula(BinaryOperator.Or, left, And()));
        }
        return left;
    }

    private Formula And()
    {
        var left = Not();
        while (TryWord("and"))
        {
            left = Limit(new BinaryFormula(BinaryOperator.And, left, Not()));
        }
        return left;
    }

    private Formula Not() => TryWord("not") ? new UnaryFormula(x => x == 0 ? 1 : 0, Nested(Not)) : Comparison();

    private Formula Comparison()
    {
        SkipSpaces();
        var start = position;
        if (TryCategoricalName(out var categorical))
        {
            return LevelTest(categorical!, start);
        }
        var left = Sum();
        foreach (var (symbol, op) in new[]
                 {
                     ("==", BinaryOperator.Equal), ("!=", BinaryOperator.NotEqual), ("<=", BinaryOperator.LessOrEqual),
                     (">=", BinaryOperator.GreaterOrEqual), ("<", BinaryOperator.Less), (">", BinaryOperator.Greater),
                 })
        {
            if (TrySymbol(symbol))
            {
                return Limit(new BinaryFormula(op, left, Sum()));
            }
        }
        return left;
    }

    /// <summary>A categorical variable's name at this point (not followed by '('), consumed; otherwise nothing is consumed.</summary>
    private bool TryCategoricalName(out VariableSpec? variable)
    {
        variable = null;
        var save = position;
        var name = ReadName();
        if (name is null)
        {
            return false;
        }
        SkipSpaces();
        if (lookup(name) is { Type: VariableType.Categorical } found && !(position < text.Length && text[position] == '('))
        {
            variable = found;
            return true;
        }
        position = save;
        return false;
    }

    private Formula LevelTest(VariableSpec variable, int start)
    {
        bool negate;
        string[] levels;
        if (TrySymbol("=="))
        {
            negate = false;
            levels = [Level()];
        }
        else if (TrySymbol("!="))
        {
            negate = true;
            levels = [Level()];
        }
        else if (TryWord("in"))
        {
            negate = false;
            Expect("[");
            var list = new List<string> { Level() };
            while (TrySymbol(","))
            {
                list.Add(Level());
            }
            Expect("]");
            levels = [.. list];
        }
        else
        {
            position = start;
            throw Error($"'{variable.Name}' is categorical: compare it with its levels",
                $"{variable.Name} == '{variable.Levels[0]}' or {variable.Name} in ['{string.Join("', '", variable.Levels.Take(2))}']");
        }
        var codes = new int[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            codes[i] = IndexOf(variable.Levels, levels[i]);
            if (codes[i] < 0)
            {
                throw Error(PopulationSpecLoader.NotALevel(levels[i], variable),
                    "one of " + string.Join(", ", variable.Levels));
            }
        }
        return new LevelTestFormula(variable.Index, codes, negate);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    private string Level()
    {
        SkipSpaces();
        if (position >= text.Length || (text[position] != '\'' && text[position] != '"'))
        {
            throw Error("expected a level in quotes", "'level'");
        }
        var quote = text[position++];
        var end = text.IndexOf(quote, position);
        if (end < 0)
        {
            throw Error("a quote is not closed", "a closing " + quote);
        }
        var level = text[position..end];
        position = end + 1;
        return level;
    }

    private Formula Sum()
    {
        var left = Product();
        while (true)
        {
            if (TrySymbol("+"))
            {
                left = Limit(new BinaryFormula(BinaryOperator.Add, left, Product()));
            }
            else if (TrySymbol("-"))
            {
                left = Limit(new BinaryFormula(BinaryOperator.Subtract, left, Product()));
            }
            else
            {
                return Fold(left);
            }
        }
    }

    private Formula Product()
    {
        var left = Unary();
        while (true)
        {
            if (TrySymbol("*"))
            {
                left = Limit(new BinaryFormula(BinaryOperator.Multiply, left, Unary()));
            }
            else if (TrySymbol("/"))
            {
                left = Limit(new BinaryFormula(BinaryOperator.Divide, left, Unary()));
            }
            else
            {
                return left;
            }
        }
    }

    private Formula Unary() => TrySymbol("-") ? Fold(new UnaryFormula(x => -x, Nested(Unary))) : Primary();

    /// <summary>A formula made only of constants is replaced by its value, so that "-0.5" is a constant.</summary>
    private static Formula Fold(Formula formula) =>
        formula is not ConstantFormula && formula.IsConstant ? Formula.Constant(formula.Evaluate(PopulationColumns.Empty, 0)) : formula;

    private Formula Primary()
    {
        SkipSpaces();
        if (position >= text.Length)
        {
            throw Error("the formula ends too early", "a number, a variable or '('");
        }
        var c = text[position];
        if (char.IsDigit(c) || c == '.')
        {
            return Formula.Constant(Number());
        }
        if (c == '(')
        {
            position++;
            var inner = Nested(Or);
            Expect(")");
            return inner;
        }
        if (c == '\'' || c == '"')
        {
            throw Error("a quoted level can only follow a categorical variable and '==', '!=' or 'in'", "x == 'level'");
        }
        var start = position;
        var name = ReadName() ?? throw Error($"unexpected '{c}'", "a number, a variable or '('");
        if (name is "true" or "false")
        {
            return Formula.Constant(name == "true" ? 1 : 0);
        }
        SkipSpaces();
        if (position < text.Length && text[position] == '(')
        {
            position++;
            return Function(name, start);
        }
        var variable = lookup(name);
        if (variable is null)
        {
            position = start;
            if (known.Contains(name))
            {
                throw Error($"'{name}' is declared after it; a formula reads only earlier variables", "a variable declared above",
                    hint: $"move '{name}' above this variable in 'variables'");
            }
            throw Error(PopulationSpecLoader.UnknownVariable(name, known), "a variable declared above");
        }
        return variable.Type switch
        {
            VariableType.Numeric => new NumericVariableFormula(variable.Index),
            VariableType.Boolean => new BooleanVariableFormula(variable.Index),
            _ => throw Error($"'{name}' is categorical: compare it with its levels", $"{name} == '{variable.Levels[0]}'"),
        };
    }

    private string? ReadName()
    {
        SkipSpaces();
        if (position >= text.Length || !(char.IsLetter(text[position]) || text[position] == '_'))
        {
            return null;
        }
        var start = position;
        while (position < text.Length && IsNameChar(text[position]))
        {
            position++;
        }
        return text[start..position];
    }

    private double Number()
    {
        var start = position;
        while (position < text.Length && (char.IsDigit(text[position]) || text[position] == '.' ||
               ((text[position] == 'e' || text[position] == 'E') && position + 1 < text.Length) ||
               ((text[position] == '-' || text[position] == '+') && position > start && (text[position - 1] == 'e' || text[position - 1] == 'E'))))
        {
            position++;
        }
        if (!double.TryParse(text.AsSpan(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            position = start;
            throw Error("not a number", "a number such as 0.5 or 1e-3");
        }
        return value;
    }

    private Formula Function(string name, int start)
    {
        if (!Functions.Contains(name))
        {
            position = start;
            var suggestion = NameSuggestion.Closest(name, Functions);
            throw Error($"unknown function '{name}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"), "one of " + string.Join(", ", Functions));
        }
        if (name == "cut")
        {
            var value = Nested(Or);
            Expect(",");
            Expect("[");
            var edges = new List<double> { SignedNumber() };
            while (TrySymbol(","))
            {
                edges.Add(SignedNumber());
            }
            Expect("]");
            Expect(")");
            for (var i = 1; i < edges.Count; i++)
            {
                if (edges[i] <= edges[i - 1])
                {
                    position = start;
                    throw Error("cut: the edges must increase", "cut(x, [e1, e2, ...]) with e1 < e2 < ...");
                }
            }
            return new CutFormula(value, [.. edges]);
        }
        var arguments = new List<Formula>();
        if (!TrySymbol(")"))
        {
            arguments.Add(Nested(Or));
            while (TrySymbol(","))
            {
                arguments.Add(Nested(Or));
            }
            Expect(")");
        }
        var (min, max) = name switch
        {
            "if" or "clamp" => (3, 3),
            "min" or "max" => (2, int.MaxValue),
            "round" => (1, 2),
            _ => (1, 1),
        };
        if (arguments.Count < min || arguments.Count > max)
        {
            position = start;
            throw Error($"'{name}' takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : max == int.MaxValue ? $"{min} or more" : $"{min} or {max}")} argument(s), not {arguments.Count}");
        }
        return name switch
        {
            "if" => new IfFormula(arguments[0], arguments[1], arguments[2]),
            "abs" => new UnaryFormula(Math.Abs, arguments[0]),
            "exp" => new UnaryFormula(PortableMath.Exp, arguments[0]),
            "log" => new UnaryFormula(PortableMath.Log, arguments[0]),
            "sqrt" => new UnaryFormula(Math.Sqrt, arguments[0]),
            "floor" => new UnaryFormula(Math.Floor, arguments[0]),
            "logistic" => new UnaryFormula(PortableMath.Logistic, arguments[0]),
            "round" when arguments.Count == 1 => new UnaryFormula(x => Math.Round(x, MidpointRounding.AwayFromZero), arguments[0]),
            _ => new FunctionFormula(name, [.. arguments]),
        };
    }

    private double SignedNumber()
    {
        SkipSpaces();
        var negative = TrySymbol("-");
        SkipSpaces();
        var value = Number();
        return negative ? -value : value;
    }
}
