using System.Globalization;
using System.Text;
using Audit.Data;
using Audit.Synthetic;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 4: a formula of a population spec nested 10,000 parentheses deep overflowed the stack, which kills the
/// process (exit 134, no handler can catch it); so did a chain of 100,000 '+', parsed in a loop but evaluated by recursion.
/// Any formula is now either read and evaluated exactly, or refused as an input error naming the variable and the key:
/// refused when it nests more than <see cref="FormulaParser.MaxNesting"/> levels (parentheses, function calls, 'not',
/// unary '-') or chains more than <see cref="FormulaParser.MaxDepth"/> operations. The oracle is a random formula
/// built as a tree in the test, which knows its own nesting, its depth and its value for every x.
/// </summary>
public sealed class Issue16Class4FormulaNestingTests
{
    /// <summary>A formula of the test, with its text, its value and its size by the rules of docs/population-spec.md.</summary>
    private abstract record Node
    {
        public abstract string Text { get; }

        public abstract double Value(double x);

        /// <summary>Parentheses, function calls, 'not' and unary '-' around the deepest part.</summary>
        public abstract int Nesting { get; }

        /// <summary>Levels of operations: x is 1; each operator, function or unary sign adds one above its operands.</summary>
        public abstract int Depth { get; }
    }

    private sealed record X : Node
    {
        public override string Text => "x";

        public override double Value(double x) => x;

        public override int Nesting => 0;

        public override int Depth => 1;
    }

    private sealed record Parenthesis(Node Inner) : Node
    {
        public override string Text => "(" + Inner.Text + ")";

        public override double Value(double x) => Inner.Value(x);

        public override int Nesting => Inner.Nesting + 1;

        public override int Depth => Inner.Depth;
    }

    private sealed record Negation(Node Inner) : Node
    {
        // A chain under a minus sign needs its parentheses: -(a + b), not -a + b.
        private Node Operand => Inner is Chain ? new Parenthesis(Inner) : Inner;

        public override string Text => "-" + Operand.Text;

        public override double Value(double x) => -Inner.Value(x);

        public override int Nesting => Operand.Nesting + 1;

        public override int Depth => Inner.Depth + 1;
    }

    private sealed record Absolute(Node Inner) : Node
    {
        public override string Text => "abs(" + Inner.Text + ")";

        public override double Value(double x) => Math.Abs(Inner.Value(x));

        public override int Nesting => Inner.Nesting + 1;

        public override int Depth => Inner.Depth + 1;
    }

    /// <summary><c>(not a)</c>: 'not' reads a whole comparison, so it sits in parentheses inside a sum.</summary>
    private sealed record Not(Node Inner) : Node
    {
        public override string Text => "(not " + Inner.Text + ")";

        public override double Value(double x) => Inner.Value(x) == 0 ? 1 : 0;

        public override int Nesting => Inner.Nesting + 2;

        public override int Depth => Inner.Depth + 1;
    }

    /// <summary><c>a ± b ± c ...</c>, left to right.</summary>
    private sealed record Chain(Node[] Terms, bool[] Minus) : Node
    {
        private static Node Operand(Node n) => n is Chain ? new Parenthesis(n) : n;

        public override string Text
        {
            get
            {
                var sb = new StringBuilder(Operand(Terms[0]).Text);
                for (var i = 1; i < Terms.Length; i++)
                {
                    sb.Append(Minus[i] ? " - " : " + ").Append(Operand(Terms[i]).Text);
                }
                return sb.ToString();
            }
        }

        public override double Value(double x)
        {
            var v = Terms[0].Value(x);
            for (var i = 1; i < Terms.Length; i++)
            {
                v = Minus[i] ? v - Terms[i].Value(x) : v + Terms[i].Value(x);
            }
            return v;
        }

        public override int Nesting => Terms.Max(t => Operand(t).Nesting);

        public override int Depth
        {
            get
            {
                var depth = Terms[0].Depth;
                for (var i = 1; i < Terms.Length; i++)
                {
                    depth = Math.Max(depth, Terms[i].Depth) + 1;
                }
                return depth;
            }
        }
    }

    private static Node Small(Random random, int budget)
    {
        if (budget <= 0 || random.Next(3) == 0)
        {
            return new X();
        }
        return random.Next(5) switch
        {
            0 => new Parenthesis(Small(random, budget - 1)),
            1 => new Negation(Small(random, budget - 1)),
            2 => new Absolute(Small(random, budget - 1)),
            3 => new Not(Small(random, budget - 1)),
            _ => MakeChain(random, random.Next(2, 5), () => Small(random, budget - 1)),
        };
    }

    private static Chain MakeChain(Random random, int terms, Func<Node> term) =>
        new([.. Enumerable.Range(0, terms).Select(_ => term())], [.. Enumerable.Range(0, terms).Select(_ => random.Next(2) == 0)]);

    /// <summary>Formulas around both bounds: deep wrappers, long chains, and mixtures.</summary>
    private static Node Formula(Random random) =>
        random.Next(3) switch
        {
            0 => Wrap(random, random.Next(FormulaParser.MaxNesting - 20, FormulaParser.MaxNesting + 20), Small(random, 3)),
            1 => MakeChain(random, random.Next(FormulaParser.MaxDepth - 150, FormulaParser.MaxDepth + 150), () => Small(random, 1)),
            _ => MakeChain(random, random.Next(2, 6), () => random.Next(4) == 0
                ? Wrap(random, random.Next(20, FormulaParser.MaxNesting + 5), Small(random, 2))
                : MakeChain(random, random.Next(1, 400), () => Small(random, 2))),
        };

    private static Node Wrap(Random random, int levels, Node inner)
    {
        for (var i = 0; i < levels; i++)
        {
            inner = random.Next(3) switch
            {
                0 => new Parenthesis(inner),
                1 => new Negation(inner),
                _ => new Absolute(inner),
            };
        }
        return inner;
    }

    private static PopulationSpec Spec(string formula) => PopulationSpecLoader.Parse($$"""
        spec_version: 1
        name: t
        unit: person
        variables:
          - name: x
            type: numeric
            distribution: uniform
            low: -1
            high: 1
            source: "illustrative: a test"
          - name: y
            type: numeric
            formula: "{{formula}}"
        """, "population.yaml");

    [Fact]
    public void AFormulaIsEvaluatedExactlyOrRefusedWhenTooDeepNeverAStackOverflow()
    {
        var random = new Random(16_4);
        int accepted = 0, refused = 0;
        for (var n = 0; n < 300; n++)
        {
            var node = Formula(random);
            var tooDeep = node.Nesting > FormulaParser.MaxNesting || node.Depth > FormulaParser.MaxDepth;
            if (tooDeep)
            {
                var error = Assert.Throws<AuditInputException>(() => Spec(node.Text));
                Assert.Equal("population.yaml", error.File);
                Assert.Equal("variables[1].formula", error.KeyPath);
                Assert.Contains("variable 'y'", error.Problem);
                refused++;
                continue;
            }
            var table = PopulationGenerator.GenerateTable(Spec(node.Text), rows: 4, seed: n);
            var x = ((NumericColumn)table["x"]).Values;
            var y = ((NumericColumn)table["y"]).Values;
            for (var i = 0; i < x.Length; i++)
            {
                Assert.Equal(node.Value(x[i]), y[i], 12);
            }
            accepted++;
        }
        // Both sides of both bounds were reached.
        Assert.InRange(accepted, 60, 240);
        Assert.InRange(refused, 60, 240);
    }

    /// <summary>The issue's inputs: each is now an input error, not a killed process.</summary>
    [Theory]
    [InlineData("(", "x", ")", 10_000)]
    [InlineData("abs(", "x", ")", 10_000)]
    [InlineData("- ", "x", "", 100_000)]
    [InlineData("not ", "x", "", 100_000)]
    [InlineData("", "x", " + x", 100_000)]
    [InlineData("", "1", "+1", 100_000)]
    public void TheIssuesDeepFormulasAreInputErrors(string open, string middle, string close, int times)
    {
        var text = string.Concat(Enumerable.Repeat(open, times)) + middle + string.Concat(Enumerable.Repeat(close, times));
        var error = Assert.Throws<AuditInputException>(() => Spec(text));
        Assert.Contains(error.Problem.Contains("nests", StringComparison.Ordinal) ? FormulaParser.MaxNesting.ToString(CultureInfo.InvariantCulture) : "1,000", error.Problem);
        Assert.NotNull(error.Hint);
    }
}
