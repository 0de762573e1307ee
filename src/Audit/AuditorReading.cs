using System.Collections.Immutable;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Pipeline;

namespace Audit;

public static partial class Auditor
{
    internal static IScoringModel LoadModel(ModelSource source, string planFile) => source switch
    {
        ModelSpecFile spec => LinearModelSpec.Load(spec.Path, spec.Display),
        ModelFileSource file => file.Loaders.Load(file.Spec, planFile),
        ModelObject given => given.Model,
        ScoreColumnSource scores => new ScoresInData(scores.Column.Name, scores.Adverse),
        NoModelSource => new NoModel(),
        DecisionColumnSource decisions => new DecisionsInData(decisions.Column.Name, decisions.Outcome) { FromLabel = decisions.FromLabel },
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    internal static Table ReadData(AuditPlan plan, IScoringModel model, StageProgress? progress)
    {
        // Types the plan or the model declare; the plan wins. Everything else is inferred.
        var types = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        // Coded decisions or labels (1/2, ">50K") keep the type the data give them, so that codes compare as numbers on a numeric column.
        foreach (var feature in model is DecisionsInData { Coding.HasValues: true } ? [] : model.Features)
        {
            // Boolean inputs are declared too: the reader then takes true/false, yes/no and 1/0, and an all-empty
            // column is a boolean column of missing values (for a 'missing' weight), not text.
            types[feature.Name] = feature.Type;
        }
        if (plan.Weight is { } weight)
        {
            types[weight.Name] = ColumnType.Numeric;
        }
        foreach (var (name, type) in plan.ColumnTypes)
        {
            types[name] = type;
        }
        Action<long, long>? report = progress is null ? null : (done, total) => progress("read", done, total);
        return plan.Data.Format switch
        {
            DataFormat.Table => plan.Data.Table!,
            DataFormat.Population => Synthetic.SyntheticData.Generate(PopulationPlanData.DrawOf(plan), report),
            DataFormat.Parquet => ParquetTableReader.Read(plan.Data.Path, new ParquetReadOptions { ColumnTypes = types, Progress = report, Limits = plan.Limits }) is { RowCount: > 0 } rows
                ? rows
                : throw ParquetTableReader.NoRows(plan.Data.Display),
            DataFormat.Database => plan.Data.Readers.Read(plan.Data.Database!, new DatabaseReadOptions
            {
                ColumnTypes = types, Limits = plan.Limits, DisplayName = plan.Data.Display, Progress = report,
            }) is { RowCount: > 0 } fetched
                ? fetched
                : throw new AuditInputException("the query returned no rows", file: plan.Data.Display, expected: "at least one row",
                    hint: "check the table's name and that it holds the rows to audit"),
            _ => CsvTableReader.Read(plan.Data.Path, new CsvReadOptions
            {
                Delimiter = plan.Data.Delimiter,
                DecimalComma = plan.Data.DecimalComma,
                Encoding = TextEncodings.FromName(plan.Data.Encoding),
                MissingTokens = plan.Data.MissingTokens,
                ColumnTypes = types,
                Progress = report,
                DisplayName = plan.Data.Display,
                Limits = plan.Limits,
            }),
        };
    }

    /// <summary>Checks that every column the plan or the model names exists, and gives the table its roles.</summary>
    internal static Table BindRoles(AuditPlan plan, IScoringModel model, Table table)
    {
        RoleOf Named(ColumnRef column, ColumnRole? role) => new(column.Name, role, plan.PlanDisplay, column.Line, column.KeyPath);
        var required = new List<RoleOf>();
        required.AddRange(plan.DeclaredColumns.Select(c => Named(c, null)));
        required.AddRange(plan.ProtectedAttributes.Select(a => Named(a.Column, ColumnRole.Protected)));
        foreach (var (column, role) in new[] { (plan.Id, ColumnRole.Id), (plan.Label, ColumnRole.Label), (plan.Weight, ColumnRole.Weight) })
        {
            if (column is not null)
            {
                required.Add(Named(column, role));
            }
        }
        switch (plan.Model)
        {
            case ScoreColumnSource s:
                required.Add(Named(s.Column, ColumnRole.Score));
                break;
            case DecisionColumnSource d:
                required.Add(Named(d.Column, ColumnRole.Decision));
                break;
            case ModelSpecFile or ModelFileSource or ModelObject:
                var modelFileName = plan.Model switch
                {
                    ModelSpecFile s1 => s1.Display,
                    ModelFileSource f1 => f1.Spec.Display,
                    _ => plan.PlanDisplay,
                };
                required.AddRange(model.Features.Select(f => new RoleOf(f.Name, ColumnRole.Feature, modelFileName, null, null)));
                break;
        }
        return BindRoles(table, required, plan.Id?.Name, plan.Data.Display);
    }

    /// <summary>
    /// A table built in code gets the roles a plan would give it: protected attributes, id, label, weight and the model's
    /// inputs, each checked to exist, and the magnitudes and ids checked as for a file.
    /// </summary>
    private static Table BindRoles(Table table, IScoringModel model, PopulationGroups groups, string dataName)
    {
        var required = groups.Attributes.Select(a => new RoleOf(a.Column, ColumnRole.Protected, null, null, null)).ToList();
        foreach (var (column, role) in new[] { (groups.Id, ColumnRole.Id), (groups.Label, ColumnRole.Label), (groups.Weight, ColumnRole.Weight) })
        {
            if (column is not null)
            {
                required.Add(new RoleOf(column, role, null, null, null));
            }
        }
        var inputRole = model switch { ScoresInData => ColumnRole.Score, DecisionsInData => ColumnRole.Decision, _ => ColumnRole.Feature };
        required.AddRange(model.Features.Select(f => new RoleOf(f.Name, inputRole, null, null, null)));
        return BindRoles(table, required, groups.Id, dataName);
    }

    /// <summary>A column the audit needs, the role it plays (null: only declared), and where it was named, for the error when it is missing.</summary>
    private sealed record RoleOf(string Column, ColumnRole? Role, string? File, long? Line, string? KeyPath);

    /// <summary>
    /// The one binding of roles: every required column exists (else an error at the place that named it), gets its
    /// roles, and then every number the audit computes with is within bounds and the ids, if any, differ.
    /// </summary>
    private static Table BindRoles(Table table, IEnumerable<RoleOf> required, string? idColumn, string dataName)
    {
        var roles = new Dictionary<string, ImmutableSortedSet<ColumnRole>>(StringComparer.Ordinal);
        foreach (var need in required)
        {
            if (table.Find(need.Column) is null)
            {
                throw MissingColumn(dataName, table, need.Column, need.File, need.Line, need.KeyPath);
            }
            if (need.Role is { } role)
            {
                roles[need.Column] = (roles.TryGetValue(need.Column, out var set) ? set : []).Add(role);
            }
        }
        var bound = table.WithRoles(roles);
        CheckMagnitudes(bound, bound.Schema.Where(s => s.Roles.Any(r => r is not (ColumnRole.Id or ColumnRole.Protected))).Select(s => s.Name), dataName);
        if (idColumn is not null)
        {
            CheckUniqueIds(bound, idColumn, dataName);
        }
        return bound;
    }

    /// <summary>Checks that every column the designs name exists, and gives those columns their roles (CONTRACTS.md).</summary>
    private static Table BindDesignRoles(Designs.DesignsPlan plan, Table table, string planFile, string dataName)
    {
        var roles = table.Schema.ToDictionary(s => s.Name, s => s.Roles, StringComparer.Ordinal);
        foreach (var (column, role) in plan.Columns())
        {
            if (table.Find(column.Name) is null)
            {
                throw MissingColumn(dataName, table, column.Name, planFile, column.Line, column.KeyPath);
            }
            if (role is { } r)
            {
                roles[column.Name] = roles[column.Name].Add(r);
            }
        }
        return table.WithRoles(roles);
    }

    /// <summary>
    /// Every score must be finite before the policy and the statistics use it: with every input and coefficient within
    /// ±10^15 a spec's score stays finite, but a model file can give anything, and an infinite score ended in an
    /// internal error (issue 16, class 4).
    /// </summary>
    internal static void CheckScores(IScoringModel model, double[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            // A linear spec's points may reach 10^34 (inputs and weights each within 10^15): finite, and every statistic of
            // them stays finite, so only a non-finite score is refused.
            if (!double.IsFinite(scores[i]) && model is not DecisionsInData)
            {
                throw new AuditInputException($"the model gives no finite score for this row ({scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture)})",
                    row: i + 1, expected: "a finite score",
                    hint: "check the row's values against the model's inputs (a value far outside the range the model was built for?)");
            }
        }
    }

    /// <summary>
    /// Checks that every number the audit computes with lies within ±10^15 (<see cref="NumericMagnitude"/>): model inputs,
    /// scores, weights and the columns the designs read. Beyond it sums overflow or lose their units (issue 16, class 4).
    /// </summary>
    internal static void CheckMagnitudes(Table table, IEnumerable<string> columns, string dataName)
    {
        foreach (var name in columns.Distinct(StringComparer.Ordinal))
        {
            if (table.Find(name) is NumericColumn numeric)
            {
                var roles = table.SchemaOf(name).Roles;
                var what = roles.Contains(ColumnRole.Feature) ? "a model input"
                    : roles.Contains(ColumnRole.Score) ? "the score column"
                    : roles.Contains(ColumnRole.Weight) ? "the weight column"
                    : "a column the audit computes with";
                try
                {
                    NumericMagnitude.Check(numeric, dataName, what);
                }
                catch (AuditInputException e)
                {
                    throw table.Locate(e, dataName);
                }
            }
        }
    }

    /// <summary>
    /// With an id column (<c>roles.id</c>), no two rows may share an id (issue 16, class 5): an id names one person, and
    /// <c>audit explain --person</c> used to explain whichever row came first. Missing ids are not compared.
    /// </summary>
    internal static void CheckUniqueIds(Table table, string name, string dataName)
    {
        var column = table[name];
        var (first, second) = column switch
        {
            CategoricalColumn categorical => FirstRepeat(categorical),
            NumericColumn numeric => FirstRepeat(numeric),
            _ => FirstRepeat(column),
        };
        if (second >= 0)
        {
            throw table.Locate(new AuditInputException($"the id on row {first + 1} is repeated: two rows name the same person", file: dataName,
                row: second + 1, column: name, expected: "a different id on every row (roles.id)", found: column.FormatValue((int)second),
                hint: "remove the duplicate row, or, if the column does not identify people, leave 'roles.id' out of the plan"), dataName);
        }
    }

    /// <summary>The first row that repeats an earlier code, and that earlier row; (-1, -1) when every code differs.</summary>
    private static (long First, long Second) FirstRepeat(CategoricalColumn categorical)
    {
        var codes = categorical.Codes;
        var seenAt = new int[categorical.Levels.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code == CategoricalColumn.Missing)
            {
                continue;
            }
            if (seenAt[code] > 0)
            {
                return (seenAt[code] - 1, i);
            }
            seenAt[code] = i + 1;
        }
        return (-1, -1);
    }

    /// <summary>
    /// The same for numbers. Sorting a copy of the ids with their rows keeps the memory to two arrays, even for a national
    /// file. The row reported is the first that repeats an earlier id, as for text ids: in each run of equal ids, its
    /// second-smallest row.
    /// </summary>
    private static (long First, long Second) FirstRepeat(NumericColumn numeric)
    {
        var values = numeric.Values;
        var rows = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                rows.Add(i);
            }
        }
        var order = rows.ToArray();
        var keys = new double[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            keys[k] = values[order[k]];
        }
        Array.Sort(keys, order);
        long first = -1, second = -1;
        for (var k = 0; k < keys.Length;)
        {
            var end = k + 1;
            int low = order[k], next = int.MaxValue;
            for (; end < keys.Length && keys[end] == keys[k]; end++)
            {
                var row = order[end];
                if (row < low)
                {
                    (low, next) = (row, low);
                }
                else if (row < next)
                {
                    next = row;
                }
            }
            if (next != int.MaxValue && (second < 0 || next < second))
            {
                (first, second) = (low, next);
            }
            k = end;
        }
        return (first, second);
    }

    /// <summary>The same for any other column, by its formatted values.</summary>
    private static (long First, long Second) FirstRepeat(Column column)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < column.Length; i++)
        {
            if (column.FormatValue(i) is { } value && !seen.TryAdd(value, i))
            {
                return (seen[value], i);
            }
        }
        return (-1, -1);
    }

    private static AuditInputException MissingColumn(string dataName, Table table, string name, string? file, long? line, string? keyPath)
    {
        var suggestion = NameSuggestion.Closest(name, table.Columns.Select(c => c.Name));
        return new AuditInputException($"the data file {dataName} has no column '{name}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
            file: file, line: line, keyPath: keyPath, column: name,
            hint: "columns in the data: " + AuditInputException.QuoteList([.. table.Columns.Select(c => c.Name)]));
    }
}
