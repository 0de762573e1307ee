using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;

namespace Audit.Sql;

/// <summary>Options of <see cref="CountsQuery.Build"/>.</summary>
/// <param name="Table">The engine's table (dotted names allowed: <c>schema.table</c>); null: the plan's data file stem.</param>
/// <param name="DataScale">
/// Decimal places a numeric model input is read with (<c>CAST(x AS DECIMAL(p, DataScale))</c>) when the score is
/// computed in SQL: values with more places are rounded by the engine's cast, and the tie rule holds to that precision.
/// </param>
public sealed record CountsQueryOptions(string? Table = null, int DataScale = CountsQuery.DefaultDataScale);

/// <summary>
/// The one GROUP BY query whose result is the counts table of a plan (docs/counts-format.md; docs/national-scale.md,
/// "Let the engine count: audit sql"): one row per cell of the protected attributes (banded and merged as Audit names
/// them) × label × decision, with <c>n</c> and, with a weight column, <c>weight</c>. Built once as a query model and
/// rendered per dialect (<see cref="SqlDialect"/>). The decision is the plan's: a decision column with its coding, a
/// score column against a threshold or ranked, or a declarative spec scored in exact DECIMAL under the tie rule
/// (docs/methodology.md, "Ties"), with a ranking cut-off by <c>ROW_NUMBER()</c> ordered by the exact score and then
/// the id column. A plan the query cannot express is refused with the reason and what to do instead.
/// </summary>
public sealed class CountsQuery
{
    /// <summary>Decimal places of numeric model inputs unless told otherwise: 6 (a micro-unit; CAF's data have at most 1).</summary>
    public const int DefaultDataScale = 6;

    /// <summary>Digits of every exact sum: 37, so that adding two of them stays within 38 digits in every engine (Spark drops scale past 38).</summary>
    private const int SumPrecision = 37;

    /// <summary>Integer digits a sum keeps: coefficients and data are within ±10^15 (NumericMagnitude), so 17 digits hold any sum of a few hundred terms.</summary>
    private const int IntegerDigits = 17;

    /// <summary>The names of the counts table's own columns (docs/counts-format.md).</summary>
    public static readonly string[] CountColumns = ["label", "decision", "score_bin", "n", "weight"];

    private const string KeyColumn = "audit_key";
    private const string IdColumn = "audit_id";
    private const string WeightColumn = "audit_weight";
    private const string RankColumn = "audit_rank";
    private const string RowsColumn = "audit_rows";

    private readonly IReadOnlyList<string> comments;
    private readonly IReadOnlyList<SqlStep> steps;
    private readonly SqlSelect final;
    private readonly IReadOnlyList<string> orderBy;

    private CountsQuery(IReadOnlyList<string> comments, IReadOnlyList<SqlStep> steps, SqlSelect final, IReadOnlyList<string> orderBy)
    {
        this.comments = comments;
        this.steps = steps;
        this.final = final;
        this.orderBy = orderBy;
    }

    /// <summary>The source table the query reads.</summary>
    public string Table => steps[0].Select.From;

    /// <summary>The query in one engine's SQL, with comments that say what each step does.</summary>
    public string Render(SqlDialect dialect) => SqlRenderer.For(dialect).Render(comments, steps, final, orderBy);

    /// <summary>Reads a dialect's name as the command line writes it: duckdb, postgres, spark, bigquery, trino.</summary>
    public static SqlDialect ParseDialect(string name) => name.ToLowerInvariant() switch
    {
        "duckdb" => SqlDialect.DuckDb,
        "postgres" or "postgresql" => SqlDialect.Postgres,
        "spark" or "sparksql" => SqlDialect.Spark,
        "bigquery" => SqlDialect.BigQuery,
        "trino" => SqlDialect.Trino,
        _ => throw new AuditInputException($"unknown SQL dialect '{name}'", keyPath: "--dialect", expected: "duckdb, postgres, spark, bigquery or trino", found: name),
    };

    /// <summary>
    /// The column types as Audit reads the plan's data (the types the query's expressions depend on: a true/false
    /// column, a number, a text): from a sample of 1,000 generated rows for a population spec, else from the data file
    /// read as <c>audit run</c> reads it, with the types the plan and the model declare.
    /// </summary>
    public static IReadOnlyDictionary<string, ColumnType> ColumnTypesOf(AuditPlan plan)
    {
        Table table;
        if (plan.Data.Format == DataFormat.Population)
        {
            var draw = PopulationPlanData.DrawOf(plan);
            table = Synthetic.SyntheticData.Generate(draw with { Rows = Math.Min(draw.Rows, 1000) });
        }
        else if (plan.Data.Format == DataFormat.Table)
        {
            table = plan.Data.Table!;
        }
        else
        {
            var model = plan.Model is ModelSpecFile or ScoreColumnSource or DecisionColumnSource ? Auditor.LoadModel(plan.Model, plan.PlanDisplay) : null;
            if (model is null)
            {
                throw Refused("the plan's model runs only inside Audit", ModelHint);
            }
            if (plan.Data.Database is { } database)
            {
                // The engine's own columns as Audit reads them: its first 1,000 rows, with the types the plan declares.
                return SampleOf(plan, database).Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
            }
            if (!File.Exists(plan.Data.Path))
            {
                // The agency's data are not here: the types the plan and the model declare are all there is.
                var declared = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
                foreach (var feature in model is DecisionsInData { Coding.HasValues: true } ? [] : model.Features)
                {
                    declared[feature.Name] = feature.Type;
                }
                foreach (var (name, type) in plan.ColumnTypes)
                {
                    declared[name] = type;
                }
                return declared;
            }
            table = Auditor.ReadData(plan, model, null);
        }
        return table.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
    }

    /// <summary>The first 1,000 rows of a database source, read as <c>audit run</c> reads its rows (the plan's declared types and limits).</summary>
    internal static Table SampleOf(AuditPlan plan, DatabaseSource database) =>
        plan.Data.Readers.Query(database, $"SELECT * FROM ({database.Sql}) AS audit_sample LIMIT 1000",
            new DatabaseReadOptions { ColumnTypes = plan.ColumnTypes, Limits = plan.Limits, DisplayName = plan.Data.Display });

    private const string ModelHint =
        "score the people where the data live and put the decisions into the data: a 0/1 column named in 'model.decision_column' (or the scores in 'model.score_column' with a threshold); then 'audit sql' counts them";

    private static AuditInputException Refused(string why, string hint) =>
        new($"'audit sql' cannot express this plan: {why}", hint: hint);

    /// <summary>Builds the counts query of a plan, given the types of the table's columns (<see cref="ColumnTypesOf"/>).</summary>
    public static CountsQuery Build(AuditPlan plan, IReadOnlyDictionary<string, ColumnType> columns, CountsQueryOptions? options = null)
    {
        options ??= new CountsQueryOptions();
        return new Builder(plan, columns, options).Build();
    }

    /// <summary>The label the counts table carries: the plan's, except in a label-only audit, where the label is the decision.</summary>
    internal static ColumnRef? LabelOf(AuditPlan plan) => plan.Model is DecisionColumnSource { FromLabel: true } ? null : plan.Label;

    /// <summary>The default table name: the stem of the plan's data file (of the population spec for generated rows).</summary>
    public static string DefaultTable(AuditPlan plan) =>
        plan.Data.Database?.TableName is { } table ? table
        : plan.Data.Format == DataFormat.Table || string.IsNullOrEmpty(plan.Data.Path) ? "audit_rows" : Path.GetFileNameWithoutExtension(plan.Data.Path);

    private sealed class Builder(AuditPlan plan, IReadOnlyDictionary<string, ColumnType> columns, CountsQueryOptions options)
    {
        private readonly List<string> comments = [];

        public CountsQuery Build()
        {
            RefuseWhatHasNoSqlForm();
            var table = options.Table ?? DefaultTable(plan);
            var steps = new List<SqlStep>();
            comments.Add($"Counts table of the plan '{plan.Name}' for 'audit run' (docs/counts-format.md), generated by 'audit sql'.");
            comments.Add("One row per cell: protected attributes as Audit names their groups (NULL = missing), label (1 = adverse, NULL = unknown), decision (1 = flagged), n.");

            // 1. The plan's filter, before anything is coded (a missing value meets no condition).
            var source = table;
            var fromTable = true;
            if (plan.Filter.Count > 0)
            {
                steps.Add(new SqlStep("kept", "the rows the plan's filter keeps: " + string.Join("; ", plan.Filter.Select(c => c.Describe())),
                    new SqlSelect(true, [], source, fromTable, Filter())));
                (source, fromTable) = ("kept", false);
            }

            // 2. A declarative spec's terms, one column each, so that the score reads term by term.
            if (plan.Model is ModelSpecFile)
            {
                var terms = Terms();
                steps.Add(new SqlStep("terms", "each term of the spec's linear predictor, in exact DECIMAL (one column per feature, then per interaction)",
                    new SqlSelect(true, terms, source, fromTable)));
                (source, fromTable) = ("terms", false);
            }

            // 3. Groups, label, and the decision or the key it is ranked by.
            var items = new List<(SqlExpr, string)>();
            foreach (var attribute in plan.ProtectedAttributes)
            {
                items.Add((Group(attribute), attribute.Column.Name));
            }
            // A label-only audit takes the label as the decision and has no label of its own (AuditorGroups): no label column.
            var label = LabelOf(plan);
            if (label is not null)
            {
                items.Add((Coded(label.Name, plan.LabelOutcome, "label"), "label"));
            }
            var (decision, rankKey) = Decision();
            if (decision is not null)
            {
                items.Add((decision, "decision"));
            }
            if (rankKey is not null)
            {
                items.Add((rankKey, KeyColumn));
                items.Add((new ColumnExpr(plan.Id!.Name), IdColumn));
            }
            if (plan.Weight is { } weight)
            {
                Require(weight.Name, "the weight column");
                items.Add((new CastExpr(new ColumnExpr(weight.Name), SqlType.Double), WeightColumn));
            }
            steps.Add(new SqlStep("coded", "each row's groups, label and " + (rankKey is null ? "decision" : "exact ranking key"),
                new SqlSelect(false, items, source, fromTable)));

            var outputs = plan.ProtectedAttributes.Select(a => a.Column.Name).ToList();
            if (label is not null)
            {
                outputs.Add("label");
            }
            outputs.Add("decision");
            if (rankKey is not null)
            {
                steps.AddRange(RankingSteps(outputs));
            }

            // 4. The counts.
            var aggregates = outputs.Select(o => ((SqlExpr)new ColumnExpr(o), o)).ToList();
            aggregates.Add((new CountExpr(false), "n"));
            if (plan.Weight is not null)
            {
                aggregates.Add((new SumExpr(new ColumnExpr(WeightColumn)), "weight"));
            }
            var final = new SqlSelect(false, aggregates, steps[^1].Name, false, GroupBy: outputs);
            return new CountsQuery(comments, steps, final, outputs);
        }

        /// <summary>The ranking and the cut-off: ROW_NUMBER() by the exact key then the id, and the first k ranks flagged.</summary>
        private IEnumerable<SqlStep> RankingSteps(List<string> outputs)
        {
            var policy = (RankingPolicy)plan.Policy;
            var high = Adverse() == AdverseTail.High;
            yield return new SqlStep("ranked", $"rank 1 = the most adverse score ({(high ? "highest" : "lowest")} {KeyColumn}); equal keys in the order of the id column '{plan.Id!.Name}'",
                new SqlSelect(true, [
                    (new RowNumberExpr([(new ColumnExpr(KeyColumn), high), (new ColumnExpr(IdColumn), false)]), RankColumn),
                    (new CountExpr(true), RowsColumn),
                ], "coded", false));
            var k = CountToFlag(policy);
            var decided = new List<(SqlExpr, string)>();
            decided.AddRange(outputs.Where(o => o != "decision").Select(o => ((SqlExpr)new ColumnExpr(o), o)));
            decided.Add((new CaseExpr([(new BinaryExpr("<=", new ColumnExpr(RankColumn), k), new IntLiteral(1))], new IntLiteral(0)), "decision"));
            if (plan.Weight is not null)
            {
                decided.Add((new ColumnExpr(WeightColumn), WeightColumn));
            }
            yield return new SqlStep("decided", "flagged: the first k ranks, k computed as Audit computes it (" + policy.Describe(Adverse()) + ")",
                new SqlSelect(false, decided, "ranked", false));
        }

        private void RefuseWhatHasNoSqlForm()
        {
            if (plan.Derive.Count > 0)
            {
                throw Refused("its 'derive:' formulas are not translated to SQL",
                    "compute the derived columns in the engine (a view with the same column names), and give 'audit sql' a copy of the plan without 'derive:'");
            }
            if (plan.Designs?.PartialModel is not null)
            {
                throw Refused("the model is only partly published and the plan samples its unknown coefficients (designs.partial_model): each sampled model has its own decisions",
                    "audit the central model with 'audit run' on the rows, or " + ModelHint);
            }
            if (plan.Model is ModelSpecFile)
            {
                var model = Spec();
                if (!model.FullyKnown)
                {
                    throw Refused("the model spec gives some coefficients only by sign, interval or not at all", "give every value in the spec, or " + ModelHint);
                }
                if (model.Scaling is not null)
                {
                    throw Refused("the spec's score is scaled to a published scale (exp and log, clamped): it has no exact DECIMAL form and Audit compares it as doubles",
                        ModelHint);
                }
                if (plan.Policy is GradesPolicy)
                {
                    if (model.Grades is not { } grades)
                    {
                        throw new AuditInputException("the policy flags grades, but the model declares no grades", file: plan.PlanDisplay,
                            hint: "declare 'grades' in the model spec, or use a threshold, top_fraction or budget policy");
                    }
                    if (model.Overrides.Count > 0)
                    {
                        throw Refused("the spec's grade override rules are not translated to SQL yet", ModelHint);
                    }
                    foreach (var band in grades.Bands.Skip(1))
                    {
                        ExactThreshold(model, band.From!.Value);
                    }
                }
                if (plan.Policy is ThresholdPolicy t)
                {
                    ExactThreshold(model, t.Threshold);
                }
            }
            foreach (var attribute in plan.ProtectedAttributes)
            {
                if (CountColumns.Contains(attribute.Column.Name) || attribute.Column.Name.StartsWith("audit_", StringComparison.Ordinal))
                {
                    throw new AuditInputException($"the protected attribute '{attribute.Column.Name}' has the name of a column of the counts table",
                        file: plan.PlanDisplay, line: attribute.Line, keyPath: attribute.KeyPath,
                        expected: "a name other than " + string.Join(", ", CountColumns) + " or audit_*", hint: "rename the column in a view of the table and in the plan");
                }
            }
        }

        private ColumnType Require(string column, string role)
        {
            if (!columns.TryGetValue(column, out var type))
            {
                var closest = NameSuggestion.Closest(column, columns.Keys);
                throw new AuditInputException($"the type of the column '{column}' ({role}) is not known: the data do not have it, or were not read" + (closest is null ? "" : $" (did you mean '{closest}'?)"),
                    file: plan.PlanDisplay, column: column, expected: "a column of the data",
                    hint: "give 'audit sql' the data file (--data), or declare the column's type in the plan: columns: { " + column + ": numeric | categorical | boolean }");
            }
            return type;
        }

        // ---- filter -------------------------------------------------------------------------------------------

        private SqlExpr Filter()
        {
            SqlExpr? all = null;
            foreach (var condition in plan.Filter)
            {
                var name = condition.Column.Name;
                var type = Require(name, "a filter condition");
                var column = new ColumnExpr(name);
                SqlExpr test = new IsNullExpr(column, Negated: true);
                if (condition.Min is not null || condition.Max is not null)
                {
                    if (type != ColumnType.Numeric)
                    {
                        throw new AuditInputException("min and max apply to numeric columns", file: plan.PlanDisplay, keyPath: condition.Column.KeyPath, line: condition.Column.Line,
                            column: name, expected: "a numeric column", found: type.ToString().ToLowerInvariant());
                    }
                    if (condition.Min is { } min)
                    {
                        test = And(test, new BinaryExpr(">=", column, new DoubleLiteral(min)));
                    }
                    if (condition.Max is { } max)
                    {
                        test = And(test, new BinaryExpr("<=", column, new DoubleLiteral(max)));
                    }
                }
                if (condition.In is { } allowed)
                {
                    test = And(test, ValueIn(column, type, allowed) ?? new BoolLiteral(false));
                }
                if (condition.NotIn is { } refused && ValueIn(column, type, refused) is { } anyRefused)
                {
                    test = And(test, new NotExpr(anyRefused));
                }
                all = all is null ? test : And(all, test);
            }
            return all!;
        }

        /// <summary>
        /// Whether the value is one of <paramref name="values"/>, as <see cref="RowFilter"/> compares: as numbers on a
        /// numeric column (a value that is not a number never matches), as "true"/"false" on a boolean one, as text otherwise.
        /// </summary>
        private static SqlExpr? ValueIn(SqlExpr column, ColumnType type, IReadOnlyList<string> values)
        {
            IReadOnlyList<SqlExpr> literals = type switch
            {
                ColumnType.Numeric => [.. values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? new DoubleLiteral(x) : null).OfType<SqlExpr>()],
                ColumnType.Boolean => [.. values.Where(v => v is "true" or "false").Select(v => new TextLiteral(v))],
                _ => [.. values.Select(v => new TextLiteral(v))],
            };
            if (literals.Count == 0)
            {
                return null;
            }
            return new InExpr(type == ColumnType.Boolean ? BooleanText(column) : type == ColumnType.Numeric ? column : new CastExpr(column, SqlType.Text), literals);
        }

        private static SqlExpr And(SqlExpr a, SqlExpr b) => new BinaryExpr("AND", a, b);

        /// <summary>A true/false column as Audit writes its values: 'true', 'false', NULL.</summary>
        private static SqlExpr BooleanText(SqlExpr column) =>
            new CaseExpr([(column, new TextLiteral("true")), (new NotExpr(column), new TextLiteral("false"))], null);

        // ---- groups -------------------------------------------------------------------------------------------

        /// <summary>The group of a row for one protected attribute, named as <see cref="GroupAssignment"/> names it; NULL for a missing value.</summary>
        private SqlExpr Group(ProtectedAttributeSpec attribute)
        {
            var name = attribute.Column.Name;
            var type = Require(name, "a protected attribute");
            var column = new ColumnExpr(name);
            if (attribute.Bands is { } edges)
            {
                if (type != ColumnType.Numeric)
                {
                    throw new AuditInputException("bands apply only to numeric columns", file: plan.PlanDisplay, line: attribute.Line, keyPath: attribute.KeyPath,
                        column: name, expected: "a numeric column", found: type.ToString().ToLowerInvariant(), hint: "remove 'bands' for this attribute");
                }
                // GroupAssignment.FromBands: band i holds e[i-1] <= x < e[i]; labels from BandLabels.
                var labels = GroupAssignment.BandLabels(edges);
                var branches = new List<(SqlExpr, SqlExpr)> { (new IsNullExpr(column), new NullLiteral()) };
                for (var i = 0; i < edges.Count; i++)
                {
                    branches.Add((new BinaryExpr("<", column, new DoubleLiteral(edges[i])), new TextLiteral(labels[i])));
                }
                comments.Add($"'{name}' in bands {string.Join(", ", labels)} (a band includes its lower edge).");
                return new CaseExpr(branches, new TextLiteral(labels[^1]));
            }
            SqlExpr level = type switch
            {
                ColumnType.Boolean => BooleanText(column),
                // GroupAssignment.FromDistinctNumbers names a number by its shortest text: exact for whole numbers (below 10^15) as BIGINT text.
                ColumnType.Numeric => new CaseExpr(
                    [
                        (new IsNullExpr(column), new NullLiteral()),
                        (And(new BinaryExpr("=", column, new FloorExpr(column)), new BinaryExpr("<", new BinaryExpr("*", column, column), new DoubleLiteral(1e30))),
                            new CastExpr(new CastExpr(column, SqlType.BigInt), SqlType.Text)),
                    ],
                    new FailExpr($"Audit: the protected attribute '{name}' holds a number that is not whole; give it 'bands' in the plan", SqlType.Text, column)),
                _ => new CastExpr(column, SqlType.Text),
            };
            if (attribute.Groups is not { } groups)
            {
                return level;
            }
            if (type == ColumnType.Numeric)
            {
                throw new AuditInputException("'groups' merges the levels of a categorical or true/false column", file: plan.PlanDisplay, line: attribute.Line, keyPath: attribute.KeyPath,
                    column: name, expected: "a categorical or true/false column", found: "numeric", hint: "cut a numeric column with 'bands'");
            }
            // GroupAssignment.Merged: a level goes to the first group that names it, else to the "*" group; a missing
            // value stays missing unless a group names "(missing)"; a level no group takes is an error.
            var merge = new List<(SqlExpr, SqlExpr)>();
            var missingGroup = groups.FirstOrDefault(g => !g.IsRest && g.Levels.Contains(GroupAssignment.MissingLabel));
            merge.Add((new IsNullExpr(level), missingGroup is null ? new NullLiteral() : new TextLiteral(missingGroup.Name)));
            foreach (var group in groups.Where(g => !g.IsRest))
            {
                var named = group.Levels.Where(l => l != GroupAssignment.MissingLabel).Select(l => (SqlExpr)new TextLiteral(l)).ToList();
                if (named.Count > 0)
                {
                    merge.Add((new InExpr(level, named), new TextLiteral(group.Name)));
                }
            }
            var rest = groups.FirstOrDefault(g => g.IsRest);
            comments.Add($"'{name}' merged into groups " + string.Join(", ", groups.Select(g => g.Name)) + ".");
            return new CaseExpr(merge, rest is not null ? new TextLiteral(rest.Name)
                : new FailExpr($"Audit: a level of '{name}' is in no group of the plan; add it to a group, or add a group that takes every other level: Other: \"*\"", SqlType.Text, level));
        }

        // ---- label and decision codings -------------------------------------------------------------------------

        /// <summary>
        /// A label or decision column as 1 = adverse, 0 = favourable, NULL = unknown (<see cref="OutcomeCoding.Read"/>):
        /// a 0/1 or true/false column (its 1 is the outcome it speaks of), or codes listed in the plan.
        /// </summary>
        /// <param name="missingFails">A decision (or the label taken as the decision) must be known on every row (DecisionsInData): NULL stops the query.</param>
        private SqlExpr Coded(string name, OutcomeCoding? coding, string role, bool missingFails = false)
        {
            var type = Require(name, "the " + role);
            var column = new ColumnExpr(name);
            var unmapped = new FailExpr($"Audit: the {role} column '{name}' holds a value the plan does not map", SqlType.Integer, column);
            SqlExpr missing = missingFails ? new FailExpr($"Audit: missing {role} in '{name}': the decision must be known on every row", SqlType.Integer, column) : new NullLiteral();
            if (coding is not { HasValues: true })
            {
                var favourable = coding?.Outcome == OutcomeKind.Favourable;
                var (one, zero) = favourable ? (0, 1) : (1, 0);
                SqlExpr value = type switch
                {
                    // BinaryColumn.Read: true/false, or a number that must be 0 or 1. A boolean is cast to INTEGER (the one
                    // integer type PostgreSQL casts a boolean to), so that the engine may store it as BOOLEAN or as 0/1.
                    ColumnType.Boolean => new CastExpr(column, SqlType.Integer),
                    ColumnType.Numeric => column,
                    _ => throw new AuditInputException($"the {role} column is not 0/1", file: plan.PlanDisplay, column: name, expected: "0/1 or true/false values", found: "text"),
                };
                return new CaseExpr(
                    [
                        (new IsNullExpr(column), missing),
                        (new BinaryExpr("=", value, new IntLiteral(1)), new IntLiteral(one)),
                        (new BinaryExpr("=", value, new IntLiteral(0)), new IntLiteral(zero)),
                    ],
                    unmapped);
            }
            IReadOnlyList<SqlExpr> Literals(IReadOnlyList<string> codes) => type switch
            {
                ColumnType.Numeric => [.. codes.Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                    ? new DoubleLiteral(x)
                    : throw new AuditInputException($"the {role} column '{name}' holds numbers, but the code '{c}' is not a number", file: plan.PlanDisplay, keyPath: coding.KeyPath,
                        column: name, expected: "numbers such as 1 and 2, as the column holds", found: c))],
                ColumnType.Boolean => [.. codes.Select(c => c.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => new TextLiteral("true"),
                    "false" or "no" or "0" => new TextLiteral("false"),
                    _ => throw new AuditInputException($"the {role} column '{name}' holds true/false values, but the code '{c}' is neither", file: plan.PlanDisplay,
                        keyPath: coding.KeyPath, column: name, expected: "true or false", found: c),
                })],
                _ => [.. codes.Select(c => new TextLiteral(c))],
            };
            SqlExpr read = type switch { ColumnType.Boolean => BooleanText(column), ColumnType.Numeric => column, _ => new CastExpr(column, SqlType.Text) };
            return new CaseExpr(
                [
                    (new IsNullExpr(column), missing),
                    (new InExpr(read, Literals(coding.Favourable!)), new IntLiteral(0)),
                    (new InExpr(read, Literals(coding.Adverse!)), new IntLiteral(1)),
                ],
                unmapped);
        }

        private AdverseTail Adverse() => plan.Model switch
        {
            ScoreColumnSource s => s.Adverse,
            ModelSpecFile => Spec().Adverse,
            _ => AdverseTail.High,
        };

        private LinearModel? spec;

        private LinearModel Spec() => spec ??= Auditor.LoadModel(plan.Model, plan.PlanDisplay) as LinearModel
            ?? throw new InvalidOperationException("A model spec file that is not a linear model.");

        /// <summary>The decision expression (threshold, coding) or, for a ranking policy, the exact key rows are ranked by.</summary>
        private (SqlExpr? Decision, SqlExpr? RankKey) Decision()
        {
            switch (plan.Model)
            {
                case DecisionColumnSource d:
                    comments.Add(d.FromLabel ? $"Decision: the observed outcome '{d.Column.Name}' (a label-only audit)." : $"Decision: the column '{d.Column.Name}' as the plan codes it.");
                    return (Coded(d.Column.Name, d.Outcome, d.FromLabel ? "label" : "decision", missingFails: true), null);
                case ScoreColumnSource s:
                    {
                        var type = Require(s.Column.Name, "the score");
                        if (type != ColumnType.Numeric)
                        {
                            throw new AuditInputException("the score column is not numeric", file: plan.PlanDisplay, column: s.Column.Name, expected: "a numeric column of scores");
                        }
                        var score = new ColumnExpr(s.Column.Name);
                        // ScoresInData has no exact key: scores compare as the doubles the data hold (ScoreOrder without capability).
                        var key = new CaseExpr([(new IsNullExpr(score), new FailExpr($"Audit: missing score in '{s.Column.Name}'", SqlType.Double, score))],
                            new CastExpr(score, SqlType.Double));
                        comments.Add($"Score: the column '{s.Column.Name}', compared as DOUBLE (a score column has no exact form; equal doubles are equal scores).");
                        return ScoreDecision(key, s.Adverse, exactThreshold: null);
                    }
                case ModelSpecFile:
                    {
                        var model = Spec();
                        var (eta, scale) = LinearPredictor(model);
                        var threshold = plan.Policy is ThresholdPolicy t ? ExactThreshold(model, t.Threshold) : null;
                        comments.Add($"Score: the spec '{model.Name}' ({model.Kind}), its linear predictor computed in DECIMAL({SumPrecision}, {scale}) from the spec's coefficients as exact decimal literals "
                            + $"(each number read from its shortest text, as Audit's tie rule reads it: docs/methodology.md, \"Ties\"); numeric inputs read with {options.DataScale} decimal places "
                            + "(exact for inputs with at most that many; a value with more, such as a ratio 1/3, is rounded by the engine's cast, and equal scores are then decided at that precision).");
                        if (model.Logistic)
                        {
                            comments.Add("Logistic: the probability increases with the linear predictor, so rows are ranked and compared on the predictor itself (exact), as Audit's ScoreOrder does.");
                        }
                        return ScoreDecision(eta, model.Adverse, threshold);
                    }
                case ModelFileSource:
                    throw Refused("the model is a trained model file (ML.NET or ONNX), which no SQL engine runs", ModelHint);
                case NoModelSource:
                    throw Refused("the plan has no model and no decision", "add 'model.decision_column' (decisions in the data) or a model spec");
                default:
                    throw Refused("the model is an object built in code", ModelHint);
            }
        }

        /// <summary>
        /// A threshold's exact form (LinearModel.ExactKeyOfScore): a linear spec's threshold is the plan's literal; a logistic
        /// spec's is exact only at 0.5 (η = 0). Any other logistic threshold has no exact log-odds: refused.
        /// </summary>
        private decimal? ExactThreshold(LinearModel model, double threshold) =>
            model.ExactKeyOfScore(threshold) ?? throw Refused(
                model.Logistic ? $"a logistic spec's probability threshold {threshold.ToString("R", CultureInfo.InvariantCulture)} has no exact log-odds (only 0.5, at log-odds 0, has one); Audit compares such scores as doubles"
                    : $"the threshold {threshold.ToString("R", CultureInfo.InvariantCulture)} has no exact decimal form",
                "use a threshold of 0.5 or a ranking policy (top_fraction, budget), or " + ModelHint);

        private (SqlExpr? Decision, SqlExpr? RankKey) ScoreDecision(SqlExpr key, AdverseTail adverse, decimal? exactThreshold)
        {
            switch (plan.Policy)
            {
                case ThresholdPolicy t:
                    {
                        SqlExpr at = exactThreshold is { } exact ? new DecimalLiteral(exact, SqlType.Decimal(SumPrecision, sumScale)) : new DoubleLiteral(t.Threshold);
                        var op = adverse == AdverseTail.High ? ">=" : "<=";
                        comments.Add($"Decision: flagged when the score is {op} the threshold {t.Threshold.ToString("R", CultureInfo.InvariantCulture)} (inclusive; "
                            + (exactThreshold is null ? "compared as DOUBLE" : "compared exactly, so a score equal to it in exact arithmetic is flagged") + ").");
                        return (new CaseExpr([(new BinaryExpr(op, key, at), new IntLiteral(1))], new IntLiteral(0)), null);
                    }
                case GradesPolicy g when plan.Model is ModelSpecFile && Spec().Grades is { } scale:
                    {
                        // GradeScale.BandOf and ExactWindow.SettleBands: a band holds its lower bound, compared exactly.
                        var branches = new List<(SqlExpr, SqlExpr)>();
                        for (var b = scale.Bands.Count - 1; b >= 1; b--)
                        {
                            var from = new DecimalLiteral(Spec().ExactKeyOfScore(scale.Bands[b].From!.Value)!.Value, SqlType.Decimal(SumPrecision, sumScale));
                            branches.Add((new BinaryExpr(">=", key, from), new TextLiteral(scale.Bands[b].Name)));
                        }
                        var grade = new CaseExpr(branches, new TextLiteral(scale.Bands[0].Name));
                        comments.Add($"Decision: flagged when the grade is {string.Join(" or ", g.Flagged)} (grades: {scale.Describe()}; a score exactly at a bound, in exact arithmetic, is in the grade above it).");
                        return (new CaseExpr([(new InExpr(grade, [.. g.Flagged.Select(f => (SqlExpr)new TextLiteral(f))]), new IntLiteral(1))], new IntLiteral(0)), null);
                    }
                case RankingPolicy:
                    if (plan.Id is null)
                    {
                        throw Refused("a ranking policy breaks ties by row order, which a table in an engine does not have",
                            "name an id column in 'roles.id': the query then breaks ties by the id column's order (sort the rows by id for 'audit run' to agree)");
                    }
                    Require(plan.Id.Name, "the id column");
                    comments.Add($"Ties at the cut-off are broken by the id column '{plan.Id.Name}' (ascending); Audit breaks them by row order, so the two agree when the rows are in id order.");
                    return (null, key);
                default:
                    throw Refused($"the policy '{plan.Policy.Kind}' is not translated to SQL", ModelHint);
            }
        }

        /// <summary>k as <see cref="RankingPolicy.CountToFlag"/> computes it, over the rows the window sees.</summary>
        private static SqlExpr CountToFlag(RankingPolicy policy) => policy switch
        {
            // Math.Min(Count, rows): ranks never exceed the rows, so the count alone is the cut-off.
            BudgetPolicy b => new IntLiteral(b.Count),
            // (long)Math.Floor(Fraction * rows + 1e-9 * Fraction * rows) in IEEE doubles: the same operations in the same
            // order ((1e-9 × Fraction) is computed here, once, as C# evaluates it left to right).
            TopFractionPolicy f => new FloorExpr(new BinaryExpr("+",
                new BinaryExpr("*", new DoubleLiteral(f.Fraction), new CastExpr(new ColumnExpr(RowsColumn), SqlType.Double)),
                new BinaryExpr("*", new DoubleLiteral(1e-9 * f.Fraction), new CastExpr(new ColumnExpr(RowsColumn), SqlType.Double)))),
            _ => throw new InvalidOperationException("Unknown ranking policy " + policy.Kind),
        };

        // ---- the exact linear predictor ---------------------------------------------------------------------------

        private int sumScale;

        /// <summary>
        /// η = intercept + Σ terms + Σ interactions, term by term as <see cref="ExactLinearPredictor"/> adds them, in
        /// DECIMAL(37, S): S holds every coefficient's decimal places and every weight × input's. Each partial sum is cast
        /// back to DECIMAL(37, S), so no engine widens past 38 digits (where Spark would drop decimal places).
        /// </summary>
        private List<(SqlExpr, string)> Terms()
        {
            var model = Spec();
            var constants = new List<decimal> { Exact(model.InterceptCoefficient, "the intercept") };
            var weightScales = new List<int>();
            foreach (var term in model.Terms)
            {
                constants.AddRange(term.LevelWeights.Select(kv => Exact(kv.Value, $"'{term.Feature}' = {kv.Key}")));
                constants.AddRange((term.Bins ?? []).Select(b => Exact(b.Points, $"a bin of '{term.Feature}'")));
                if (term.Missing is { } m) { constants.Add(Exact(m, $"a missing '{term.Feature}'")); }
                if (term.Other is { } o) { constants.Add(Exact(o, $"another level of '{term.Feature}'")); }
                if (term.Type == ColumnType.Boolean) { constants.Add(Exact(term.Weight, $"'{term.Feature}'")); }
                if (term.Type == ColumnType.Numeric && term.Bins is null) { weightScales.Add(Exact(term.Weight, $"'{term.Feature}'").Scale + options.DataScale); }
            }
            constants.AddRange(model.Interactions.Select(i => Exact(i.Weight, $"interaction '{i.Name}'")));
            if (plan.Policy is ThresholdPolicy t && model.ExactKeyOfScore(t.Threshold) is { } at)
            {
                constants.Add(at);
            }
            if (plan.Policy is GradesPolicy && model.Grades is { } grades)
            {
                constants.AddRange(grades.Bands.Skip(1).Select(b => model.ExactKeyOfScore(b.From!.Value)).OfType<decimal>());
            }
            sumScale = constants.Select(c => (int)c.Scale).Concat(weightScales).DefaultIfEmpty(0).Max();
            if (SumPrecision - sumScale < IntegerDigits)
            {
                throw Refused($"the exact score needs {sumScale} decimal places, more than DECIMAL({SumPrecision}, s) holds with {IntegerDigits} integer digits",
                    "lower '--data-scale', or " + ModelHint);
            }
            var sumType = SqlType.Decimal(SumPrecision, sumScale);
            var terms = new List<(SqlExpr, string)>();
            foreach (var term in model.Terms)
            {
                terms.Add((Term(term, sumType), TermColumn(terms.Count)));
            }
            foreach (var interaction in model.Interactions)
            {
                SqlExpr? holds = null;
                foreach (var condition in interaction.When)
                {
                    var test = Holds(condition);
                    holds = holds is null ? test : And(holds, test);
                }
                terms.Add((new CaseExpr([(holds!, new DecimalLiteral(Exact(interaction.Weight, interaction.Name), sumType))], new DecimalLiteral(0m, sumType)), TermColumn(terms.Count)));
            }
            termCount = terms.Count;
            comments.Add("Terms: " + string.Join(", ", model.TermNames.Select((name, i) => $"{TermColumn(i)} = {name}")) + ".");
            return terms;
        }

        private static string TermColumn(int i) => "audit_term_" + (i + 1).ToString(CultureInfo.InvariantCulture);

        private int termCount;

        /// <summary>
        /// η = intercept + Σ terms + Σ interactions, in the order <see cref="ExactLinearPredictor"/> adds them, in
        /// DECIMAL(37, S): S holds every coefficient's decimal places and every weight × input's. Each partial sum is cast
        /// back to DECIMAL(37, S), so no engine widens past 38 digits (where Spark would drop decimal places).
        /// </summary>
        private (SqlExpr Eta, int Scale) LinearPredictor(LinearModel model)
        {
            var sumType = SqlType.Decimal(SumPrecision, sumScale);
            SqlExpr eta = new DecimalLiteral(Exact(model.InterceptCoefficient, "the intercept"), sumType);
            for (var i = 0; i < termCount; i++)
            {
                eta = new CastExpr(new BinaryExpr("+", eta, new ColumnExpr(TermColumn(i))), sumType);
            }
            return (eta, sumScale);
        }

        private static decimal Exact(Coefficient coefficient, string what) =>
            coefficient.Value is { } value && ExactDecimal.Of(value) is { } exact ? exact
                : throw Refused($"the coefficient of {what} has no exact decimal form", ModelHint);

        /// <summary>Whether an interaction's condition holds (LinearModel.Holds): a level equal, or a true/false (0/1) value; a missing value never holds.</summary>
        private SqlExpr Holds(Condition condition)
        {
            var type = Require(condition.Feature, "a model input");
            var column = new ColumnExpr(condition.Feature);
            return type == ColumnType.Categorical
                ? new BinaryExpr("=", new CastExpr(column, SqlType.Text), new TextLiteral(condition.Value))
                : new BinaryExpr("=", Binary(column, type), new IntLiteral(condition.Value == "true" ? 1 : 0));
        }

        /// <summary>A true/false or 0/1 column as an integer 0/1 (a boolean cast to INTEGER; a number as it is).</summary>
        private static SqlExpr Binary(SqlExpr column, ColumnType type) => type == ColumnType.Boolean ? new CastExpr(column, SqlType.Integer) : column;

        /// <summary>One term's exact contribution (ExactLinearPredictor.Term; LinearModel.AddTerm for its errors).</summary>
        private SqlExpr Term(LinearTerm term, SqlType sumType)
        {
            var name = term.Feature;
            var type = Require(name, "a model input");
            var x = new ColumnExpr(name);
            SqlExpr Constant(decimal value) => new DecimalLiteral(value, sumType);
            SqlExpr Fail(string message) => new FailExpr("Audit: " + message, sumType, x);
            var missing = term.Missing is { } m ? Constant(Exact(m, $"a missing '{name}'"))
                : Fail($"missing value in the model input '{name}' (the spec gives no 'missing' weight)");
            var branches = new List<(SqlExpr, SqlExpr)> { (new IsNullExpr(x), missing) };
            switch (term.Type)
            {
                case ColumnType.Numeric when type == ColumnType.Numeric && term.Bins is { } bins:
                    // The bin is chosen by comparing doubles, as in scoring: [min, max).
                    foreach (var bin in bins)
                    {
                        SqlExpr? inBin = null;
                        if (bin.Min is { } lo) { inBin = new BinaryExpr(">=", x, new DoubleLiteral(lo)); }
                        if (bin.Max is { } hi) { var below = new BinaryExpr("<", x, new DoubleLiteral(hi)); inBin = inBin is null ? below : And(inBin, below); }
                        branches.Add((inBin ?? new BoolLiteral(true), Constant(Exact(bin.Points, $"a bin of '{name}'"))));
                    }
                    return new CaseExpr(branches, Fail($"a value of '{name}' lies outside the model's bins"));
                case ColumnType.Numeric when type == ColumnType.Numeric:
                    {
                        var w = Exact(term.Weight, $"'{name}'");
                        if (w == 0m)
                        {
                            return new CaseExpr(branches, Constant(0m));
                        }
                        // weight × value: DECIMAL(pw, sw) × DECIMAL(37 - pw, DataScale) has at most 37 digits (Spark adds one: 38).
                        var sw = w.Scale;
                        var pw = Math.Max(sw + 1, Digits(w));
                        var px = SumPrecision - pw;
                        if (px - options.DataScale < 16)
                        {
                            throw Refused($"the weight of '{name}' has too many digits for an exact product in 38 digits", ModelHint);
                        }
                        var product = new BinaryExpr("*", new DecimalLiteral(w, SqlType.Decimal(pw, sw)), new CastExpr(x, SqlType.Decimal(px, options.DataScale)));
                        return new CaseExpr(branches, new CastExpr(product, sumType));
                    }
                case ColumnType.Boolean when type is ColumnType.Boolean or ColumnType.Numeric:
                    {
                        var value = Binary(x, type);
                        branches.Add((new BinaryExpr("=", value, new IntLiteral(1)), Constant(Exact(term.Weight, $"'{name}'"))));
                        branches.Add((new BinaryExpr("=", value, new IntLiteral(0)), Constant(0m)));
                        return new CaseExpr(branches, Fail($"the model input '{name}' is true/false and holds another value"));
                    }
                case ColumnType.Categorical when type == ColumnType.Categorical:
                    {
                        var level = new CastExpr(x, SqlType.Text);
                        foreach (var (levelName, weight) in term.LevelWeights)
                        {
                            branches.Add((new BinaryExpr("=", level, new TextLiteral(levelName)), Constant(Exact(weight, $"'{name}' = {levelName}"))));
                        }
                        return new CaseExpr(branches, term.Other is { } other ? Constant(Exact(other, $"another level of '{name}'"))
                            : Fail($"the model has no weight for a category of '{name}'; add it to the spec's weights, or give the feature an 'other' weight"));
                    }
                default:
                    throw new AuditInputException($"the model expects a {term.Type.ToString().ToLowerInvariant()} column", file: plan.PlanDisplay, column: name,
                        expected: term.Type.ToString().ToLowerInvariant(), found: type.ToString().ToLowerInvariant());
            }
        }

        /// <summary>Digits of a decimal's integer part and fraction together.</summary>
        private static int Digits(decimal value)
        {
            var text = Math.Abs(value).ToString(CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).TrimStart('0');
            return Math.Max(1, text.Length);
        }
    }
}
