namespace Audit.Sql;

/// <summary>
/// The small expression tree of the counts query (<see cref="CountsQuery"/>): every piece of SQL Audit emits is one
/// of these nodes, and only <see cref="SqlRenderer"/> turns them into text, once per dialect. Nothing is pasted
/// into a string elsewhere, so a dialect's difference (quoting, types, literals, the error function) lives in one
/// method.
/// </summary>
internal abstract record SqlExpr;

/// <summary>A column of the row the current SELECT reads.</summary>
internal sealed record ColumnExpr(string Name) : SqlExpr;

internal sealed record TextLiteral(string Value) : SqlExpr;

internal sealed record IntLiteral(long Value) : SqlExpr;

internal sealed record BoolLiteral(bool Value) : SqlExpr;

internal sealed record NullLiteral : SqlExpr;

/// <summary>
/// An exact decimal: rendered as a cast of its text to a DECIMAL type (never a bare literal: BigQuery reads a bare
/// 0.1 as FLOAT64).
/// </summary>
internal sealed record DecimalLiteral(decimal Value, SqlType Type) : SqlExpr;

/// <summary>A double, rendered as a cast of its shortest round-trip text to the engine's 64-bit float (Postgres reads a bare 0.1 as NUMERIC).</summary>
internal sealed record DoubleLiteral(double Value) : SqlExpr;

/// <summary>
/// A binary operator: <c>+ - * = &lt;&gt; &lt; &lt;= &gt; &gt;= AND OR</c>. No division is ever emitted, so the engines'
/// different integer divisions (DuckDB's <c>/</c> is float division, Postgres' and Trino's truncate) never matter.
/// </summary>
internal sealed record BinaryExpr(string Op, SqlExpr Left, SqlExpr Right) : SqlExpr;

internal sealed record NotExpr(SqlExpr Operand) : SqlExpr;

internal sealed record IsNullExpr(SqlExpr Operand, bool Negated = false) : SqlExpr;

internal sealed record InExpr(SqlExpr Operand, IReadOnlyList<SqlExpr> Values) : SqlExpr;

internal sealed record CaseExpr(IReadOnlyList<(SqlExpr When, SqlExpr Then)> Branches, SqlExpr? Else) : SqlExpr;

internal sealed record CastExpr(SqlExpr Operand, SqlType Type) : SqlExpr;

internal sealed record FloorExpr(SqlExpr Operand) : SqlExpr;

/// <summary>
/// Stops the query with <paramref name="Message"/> where Audit would stop with an error (a value the plan does not
/// map, a missing model input without a 'missing' weight). <paramref name="Witness"/> is a column of the row: it
/// keeps the expression non-constant, so that PostgreSQL does not fold it (and fail) while planning.
/// </summary>
internal sealed record FailExpr(string Message, SqlType Type, SqlExpr Witness) : SqlExpr;

/// <summary><c>ROW_NUMBER() OVER (ORDER BY ...)</c>.</summary>
internal sealed record RowNumberExpr(IReadOnlyList<(SqlExpr Key, bool Descending)> Order) : SqlExpr;

/// <summary><c>COUNT(*)</c>, or <c>COUNT(*) OVER ()</c> (every row of the window) when <paramref name="OverAll"/>.</summary>
internal sealed record CountExpr(bool OverAll) : SqlExpr;

internal sealed record SumExpr(SqlExpr Operand) : SqlExpr;

/// <summary>The types the query casts to.</summary>
internal enum SqlTypeKind
{
    Decimal,
    Double,
    Text,
    BigInt,

    /// <summary>A 32-bit integer: the one integer type PostgreSQL casts a boolean to.</summary>
    Integer,
}

internal sealed record SqlType(SqlTypeKind Kind, int Precision = 0, int Scale = 0)
{
    public static readonly SqlType Double = new(SqlTypeKind.Double);
    public static readonly SqlType Text = new(SqlTypeKind.Text);
    public static readonly SqlType BigInt = new(SqlTypeKind.BigInt);
    public static readonly SqlType Integer = new(SqlTypeKind.Integer);

    public static SqlType Decimal(int precision, int scale) => new(SqlTypeKind.Decimal, precision, scale);
}

/// <summary>One SELECT of the query: items with their names, from the source table or an earlier step, a WHERE, a GROUP BY.</summary>
/// <param name="Star">Whether the SELECT starts with every column of what it reads (<c>*</c>).</param>
/// <param name="FromTable">True when <paramref name="From"/> is the source table (a dotted name), false for an earlier step.</param>
internal sealed record SqlSelect(
    bool Star,
    IReadOnlyList<(SqlExpr Expr, string Name)> Items,
    string From,
    bool FromTable,
    SqlExpr? Where = null,
    IReadOnlyList<string>? GroupBy = null);

/// <summary>A named step (<c>WITH name AS (...)</c>) with the comment that says what it does.</summary>
internal sealed record SqlStep(string Name, string Comment, SqlSelect Select);
