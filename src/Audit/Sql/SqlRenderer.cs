using System.Globalization;
using System.Text;

namespace Audit.Sql;

/// <summary>The SQL engines <c>audit sql</c> writes for.</summary>
public enum SqlDialect
{
    DuckDb,
    Postgres,
    Spark,
    BigQuery,
    Trino,
}

/// <summary>
/// Turns the query model (<see cref="SqlExpr"/>, <see cref="SqlStep"/>) into one dialect's text. The shared grammar
/// (WITH, SELECT, CASE, CAST, IN, ROW_NUMBER() OVER, COUNT(*), SUM, GROUP BY of the steps' named columns, ORDER BY
/// ... NULLS LAST) is written here once; what differs between engines is one overridable method each: identifier
/// quoting, string literals, type names, and the function that stops a query with a message.
/// </summary>
internal abstract class SqlRenderer
{
    public static SqlRenderer For(SqlDialect dialect) => dialect switch
    {
        SqlDialect.DuckDb => new DuckDbRenderer(),
        SqlDialect.Postgres => new PostgresRenderer(),
        SqlDialect.Spark => new SparkRenderer(),
        SqlDialect.BigQuery => new BigQueryRenderer(),
        SqlDialect.Trino => new TrinoRenderer(),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    /// <summary>A quoted identifier (a column or a step).</summary>
    public abstract string Identifier(string name);

    /// <summary>A string literal.</summary>
    public abstract string Text(string value);

    public abstract string TypeName(SqlType type);

    /// <summary>An expression that stops the query with <paramref name="message"/>, typed <paramref name="type"/>.</summary>
    public abstract string Fail(string message, SqlType type, string witness);

    /// <summary>A dotted table name (<c>schema.table</c>, <c>project.dataset.table</c>), each part quoted.</summary>
    public virtual string Table(string name) => string.Join('.', name.Split('.').Select(Identifier));

    /// <summary>Double-quoted identifiers (SQL standard: DuckDB, PostgreSQL, Trino), a quote doubled inside.</summary>
    protected static string DoubleQuoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Back-quoted identifiers (Spark, BigQuery), a back quote escaped inside.</summary>
    protected static string BackQuoted(string name, string escapedBackQuote) => "`" + name.Replace("`", escapedBackQuote, StringComparison.Ordinal) + "`";

    /// <summary>Standard string literal: a quote doubled; backslashes are ordinary characters (DuckDB, PostgreSQL with standard_conforming_strings on, the default since 9.1; Trino).</summary>
    protected static string StandardText(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Backslash-escaped literal (Spark SQL and BigQuery read escape sequences in '...': a backslash and a quote are escaped with a backslash).</summary>
    protected static string BackslashText(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public string Render(IReadOnlyList<string> comments, IReadOnlyList<SqlStep> steps, SqlSelect final, IReadOnlyList<string> orderBy)
    {
        var sql = new StringBuilder();
        foreach (var line in comments)
        {
            sql.AppendLine(("-- " + OneLine(line)).TrimEnd());
        }
        for (var i = 0; i < steps.Count; i++)
        {
            sql.Append(i == 0 ? "WITH " : ",\n");
            sql.AppendLine("-- " + OneLine(steps[i].Comment));
            sql.Append(Identifier(steps[i].Name)).AppendLine(" AS (");
            Select(sql, steps[i].Select, "  ");
            sql.Append(')');
        }
        if (steps.Count > 0)
        {
            sql.AppendLine();
        }
        Select(sql, final, "");
        if (orderBy.Count > 0)
        {
            sql.Append("ORDER BY ").Append(string.Join(", ", orderBy.Select(c => Identifier(c) + " NULLS LAST")));
        }
        sql.AppendLine(";");
        return sql.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private void Select(StringBuilder sql, SqlSelect select, string indent)
    {
        sql.Append(indent).Append("SELECT");
        var items = new List<string>();
        if (select.Star)
        {
            items.Add("*");
        }
        items.AddRange(select.Items.Select(item => item.Expr is ColumnExpr c && c.Name == item.Name
            ? Identifier(item.Name)
            : Expr(item.Expr) + " AS " + Identifier(item.Name)));
        for (var i = 0; i < items.Count; i++)
        {
            sql.AppendLine(i == 0 ? "" : ",").Append(indent).Append("  ").Append(items[i]);
        }
        sql.AppendLine();
        sql.Append(indent).Append("FROM ").Append(select.FromTable ? Table(select.From) : Identifier(select.From));
        if (select.Where is { } where)
        {
            sql.AppendLine().Append(indent).Append("WHERE ").Append(Expr(where));
        }
        if (select.GroupBy is { Count: > 0 } groupBy)
        {
            sql.AppendLine().Append(indent).Append("GROUP BY ").Append(string.Join(", ", groupBy.Select(Identifier)));
        }
        sql.AppendLine();
    }

    public string Expr(SqlExpr expr) => expr switch
    {
        ColumnExpr c => Identifier(c.Name),
        TextLiteral t => Text(t.Value),
        IntLiteral i => i.Value.ToString(CultureInfo.InvariantCulture),
        BoolLiteral b => b.Value ? "TRUE" : "FALSE",
        NullLiteral => "NULL",
        // Always through text: a bare 0.1 is DECIMAL in most engines but FLOAT64 in BigQuery.
        DecimalLiteral d => $"CAST({Text(d.Value.ToString(CultureInfo.InvariantCulture))} AS {TypeName(d.Type)})",
        // The shortest round-trip text reads back as the same double in every engine that parses correctly rounded.
        DoubleLiteral d => $"CAST({Text(d.Value.ToString("R", CultureInfo.InvariantCulture))} AS {TypeName(SqlType.Double)})",
        BinaryExpr b => $"({Expr(b.Left)} {b.Op} {Expr(b.Right)})",
        NotExpr n => $"(NOT {Expr(n.Operand)})",
        IsNullExpr n => $"({Expr(n.Operand)} IS {(n.Negated ? "NOT " : "")}NULL)",
        InExpr i => $"({Expr(i.Operand)} IN ({string.Join(", ", i.Values.Select(Expr))}))",
        CaseExpr c => "CASE " + string.Join(" ", c.Branches.Select(b => $"WHEN {Expr(b.When)} THEN {Expr(b.Then)}"))
                      + (c.Else is { } e ? " ELSE " + Expr(e) : "") + " END",
        CastExpr c => $"CAST({Expr(c.Operand)} AS {TypeName(c.Type)})",
        FloorExpr f => $"FLOOR({Expr(f.Operand)})",
        FailExpr f => Fail(f.Message, f.Type, Expr(f.Witness)),
        RowNumberExpr r => "ROW_NUMBER() OVER (ORDER BY " + string.Join(", ", r.Order.Select(o => Expr(o.Key) + (o.Descending ? " DESC" : " ASC"))) + ")",
        CountExpr c => c.OverAll ? "COUNT(*) OVER ()" : "COUNT(*)",
        SumExpr s => $"SUM({Expr(s.Operand)})",
        _ => throw new InvalidOperationException("Unknown SQL expression " + expr.GetType().Name),
    };
}

/// <summary>DuckDB: standard quoting; DECIMAL(p, s) with p ≤ 38; <c>error(msg)</c> throws at run time.</summary>
internal sealed class DuckDbRenderer : SqlRenderer
{
    public override string Identifier(string name) => DoubleQuoted(name);

    public override string Text(string value) => StandardText(value);

    public override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Decimal => $"DECIMAL({type.Precision}, {type.Scale})",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Text => "VARCHAR",
        SqlTypeKind.Integer => "INTEGER",
        _ => "BIGINT",
    };

    // error() is DuckDB's "throw this message" scalar; the cast gives the CASE branch the type of its siblings.
    public override string Fail(string message, SqlType type, string witness) => $"CAST(error({Text(message)}) AS {TypeName(type)})";
}

/// <summary>
/// PostgreSQL: standard quoting; NUMERIC(p, s); no built-in function raises an error from a query, so a failure is the
/// cast of the message to INTEGER, which fails with the message quoted. The message is joined to a column
/// (CONCAT ignores NULL) so that it is not a constant: PostgreSQL folds constant sub-expressions while planning, even
/// inside a CASE branch never taken (documentation, "Expression Evaluation Rules").
/// </summary>
internal sealed class PostgresRenderer : SqlRenderer
{
    public override string Identifier(string name) => DoubleQuoted(name);

    public override string Text(string value) => StandardText(value);

    public override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Decimal => $"NUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Double => "DOUBLE PRECISION",
        SqlTypeKind.Text => "TEXT",
        SqlTypeKind.Integer => "INTEGER",
        _ => "BIGINT",
    };

    public override string Fail(string message, SqlType type, string witness) =>
        $"CAST(CAST(CONCAT({Text(message + " | value: ")}, CAST({witness} AS TEXT)) AS INTEGER) AS {TypeName(type)})";
}

/// <summary>
/// Spark SQL: back-quoted identifiers (a back quote doubled), backslash escapes in string literals
/// (spark.sql.parser.escapedStringLiterals false, the default), DECIMAL(p, s) with p ≤ 38, <c>raise_error(msg)</c>
/// (Spark 3.1+). Spark's decimal arithmetic widens a sum to p + 1 digits and, past 38, drops scale
/// (spark.sql.decimalOperations.allowPrecisionLoss, true by default): the query keeps every sum at 37 digits and every
/// product under 38 so that no digit is ever dropped.
/// </summary>
internal sealed class SparkRenderer : SqlRenderer
{
    public override string Identifier(string name) => BackQuoted(name, "``");

    public override string Text(string value) => BackslashText(value);

    public override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Decimal => $"DECIMAL({type.Precision}, {type.Scale})",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Text => "STRING",
        SqlTypeKind.Integer => "INT",
        _ => "BIGINT",
    };

    public override string Fail(string message, SqlType type, string witness) => $"CAST(raise_error({Text(message)}) AS {TypeName(type)})";
}

/// <summary>
/// BigQuery (GoogleSQL): back-quoted identifiers, backslash escapes in string literals, FLOAT64, STRING, INT64,
/// BIGNUMERIC(p, s) (NUMERIC keeps only 9 decimal places; BIGNUMERIC keeps 38), <c>ERROR(msg)</c> whose type is
/// inferred from its context.
/// </summary>
internal sealed class BigQueryRenderer : SqlRenderer
{
    public override string Identifier(string name) => BackQuoted(name, "\\`");

    public override string Text(string value) => BackslashText(value);

    public override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Decimal => $"BIGNUMERIC({type.Precision}, {type.Scale})",
        SqlTypeKind.Double => "FLOAT64",
        SqlTypeKind.Text => "STRING",
        _ => "INT64",
    };

    public override string Fail(string message, SqlType type, string witness) => $"CAST(ERROR({Text(message)}) AS {TypeName(type)})";
}

/// <summary>
/// Trino: standard quoting; DECIMAL(p, s) with p ≤ 38 (arithmetic fails on overflow instead of rounding); VARCHAR;
/// <c>fail(msg)</c>, the scalar Trino registers (hidden) in its FailureFunction and uses itself for failing casts.
/// </summary>
internal sealed class TrinoRenderer : SqlRenderer
{
    public override string Identifier(string name) => DoubleQuoted(name);

    public override string Text(string value) => StandardText(value);

    public override string TypeName(SqlType type) => type.Kind switch
    {
        SqlTypeKind.Decimal => $"DECIMAL({type.Precision}, {type.Scale})",
        SqlTypeKind.Double => "DOUBLE",
        SqlTypeKind.Text => "VARCHAR",
        SqlTypeKind.Integer => "INTEGER",
        _ => "BIGINT",
    };

    public override string Fail(string message, SqlType type, string witness) => $"CAST(fail({Text(message)}) AS {TypeName(type)})";
}
