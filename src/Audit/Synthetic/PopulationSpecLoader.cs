using System.Globalization;
using Audit.Yaml;

namespace Audit.Synthetic;

/// <summary>
/// Reads and checks a population spec (docs/population-spec.md). Every error names the file, the line and the key
/// path: an unknown key (with "did you mean"), probabilities that do not add up to 1, a variable that reads a later
/// or unknown variable, a table that leaves a combination of parent levels without a distribution, a tolerance
/// above one percentage point without a written reason.
/// </summary>
public static class PopulationSpecLoader
{
    /// <summary>
    /// How far from 1 the probabilities of a distribution may add up: rounding in the last printed digit of six-digit
    /// probabilities, no more. A published table whose shares add up to 99 % must be completed explicitly.
    /// </summary>
    public const double ProbabilitySumTolerance = 1e-6;

    /// <summary>The largest tolerance a share may have without a written reason (1 percentage point, issue 4).</summary>
    public const double ShareToleranceWithoutReason = 0.01;

    /// <summary>The most combinations of parent levels a table may condition on.</summary>
    public const int MaxCells = 100_000;

    private static readonly string[] TopKeys = ["spec_version", "name", "description", "unit", "notes", "id", "household", "variables", "targets"];
    private static readonly string[] HouseholdKeys = ["adults", "children"];

    /// <summary>The keys that give a distribution's numbers (one row of a table, or the variable itself without 'given').</summary>
    private static readonly string[] ParameterKeys =
        ["probabilities", "p_true", "probability", "log_odds", "distribution", "mean", "sd", "median", "sigma", "low", "high", "value"];

    private static readonly string[] DistributionKeys = [.. ParameterKeys, "source", "tolerance", "tolerance_reason"];

    private static readonly string[] VariableKeys =
        [.. DistributionKeys, "name", "type", "description", "unit", "levels", "given", "table", "formula", "clip", "round", "synthetic_label"];

    private static readonly string[] RowKeys = [.. DistributionKeys, "when"];
    private static readonly string[] TargetKeys = ["name", "share", "mean", "among", "value", "tolerance", "tolerance_reason", "source"];

    private static readonly string[] DistributionNames = ["normal", "lognormal", "uniform", "poisson", "constant", "discrete"];

    /// <summary>"unknown variable 'x' (did you mean 'y'?)".</summary>
    internal static string UnknownVariable(string name, IEnumerable<string> known)
    {
        var suggestion = NameSuggestion.Closest(name, known);
        return $"unknown variable '{name}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
    }

    /// <summary>"'x' is not a level of 'v' (did you mean 'y'?)".</summary>
    internal static string NotALevel(string level, VariableSpec variable)
    {
        var suggestion = NameSuggestion.Closest(level, variable.Levels);
        return $"'{level}' is not a level of '{variable.Name}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)");
    }

    /// <summary>A source that starts with "illustrative" marks numbers no statistic supports.</summary>
    public static bool IsIllustrative(string source) => source.TrimStart().StartsWith("illustrative", StringComparison.OrdinalIgnoreCase);

    public static PopulationSpec Load(string path, string? display = null)
    {
        display ??= path;
        var full = System.IO.Path.GetFullPath(path);
        var yaml = YamlDocument.Load(full, display, TopKeys);
        return FromYaml(yaml, full, display);
    }

    public static PopulationSpec Parse(string text, string display) =>
        FromYaml(YamlDocument.Parse(text, display, TopKeys), display, display);

    private static PopulationSpec FromYaml(YamlMap yaml, string path, string display)
    {
        var version = yaml.OptionalLong("spec_version") ?? 1;
        if (version != 1)
        {
            throw yaml.Error("spec_version", "unsupported version", expected: "1", found: version.ToString(CultureInfo.InvariantCulture));
        }
        var items = yaml.OptionalList("variables");
        if (items.Count == 0)
        {
            throw yaml.Error("variables", "the key 'variables' is required", expected: "a list of variables",
                hint: "for example 'variables: [{ name: sexe, type: categorical, levels: [F, M], probabilities: { F: 0.55, M: 0.45 }, source: ... }]'");
        }

        // Every name first, so that a reference to a later variable is told apart from a typo.
        var maps = items.Select(item => item.AsMap(VariableKeys)).ToList();
        var allNames = ReadNames(maps);
        var idColumn = yaml.OptionalString("id");
        if (idColumn is not null && allNames.Contains(idColumn))
        {
            throw yaml.Error("id", $"the id column '{idColumn}' has the name of a variable", hint: "choose another name for the id column");
        }

        var variables = new List<VariableSpec>();
        for (var i = 0; i < maps.Count; i++)
        {
            variables.Add(ReadVariable(maps[i], i, variables, allNames));
        }

        var structure = ReadHousehold(yaml.OptionalMap("household", HouseholdKeys), variables, allNames);

        if (variables.Count(v => v.IsSyntheticLabel) > 1)
        {
            var second = variables.Where(v => v.IsSyntheticLabel).Skip(1).First();
            throw new AuditInputException("only one variable may be the synthetic label", file: display, line: second.Line, keyPath: second.KeyPath + ".synthetic_label");
        }

        var targets = yaml.OptionalList("targets").Select(item => ReadTarget(item, variables, allNames)).ToList();
        return new PopulationSpec
        {
            Name = yaml.RequiredString("name"),
            Description = yaml.OptionalString("description"),
            Notes = yaml.OptionalString("notes"),
            Unit = yaml.OptionalChoice("unit", "household", "person") ?? "household",
            Path = path,
            Display = display,
            IdColumn = idColumn,
            Variables = variables,
            Targets = targets,
            Household = structure,
        };
    }

    /// <summary>Every variable's name, checked: unique, and a name a formula can write.</summary>
    private static List<string> ReadNames(List<YamlMap> maps)
    {
        var allNames = new List<string>();
        foreach (var map in maps)
        {
            var name = map.RequiredString("name");
            if (allNames.Contains(name))
            {
                throw map.Error("name", $"two variables are named '{name}'", hint: "give each variable its own name");
            }
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                throw map.Error("name", "not a variable name", expected: "letters, digits and '_', starting with a letter", found: name);
            }
            allNames.Add(name);
        }
        return allNames;
    }

    /// <summary>The 'household' key: the two numeric variables that count a household's adults and children.</summary>
    private static HouseholdStructure? ReadHousehold(YamlMap? household, List<VariableSpec> variables, List<string> allNames)
    {
        if (household is null)
        {
            return null;
        }
        string Count(string key)
        {
            var name = household.RequiredString(key);
            var variable = variables.FirstOrDefault(v => v.Name == name);
            if (variable is null)
            {
                throw household.Error(key, UnknownVariable(name, allNames), expected: "a numeric variable of the spec");
            }
            if (variable.Type != VariableType.Numeric)
            {
                throw household.Error(key, $"'{name}' is not numeric", expected: "a numeric variable (a count)");
            }
            return name;
        }
        return new HouseholdStructure(Count("adults"), Count("children"));
    }

    private static VariableSpec ReadVariable(YamlMap map, int index, List<VariableSpec> earlier, List<string> allNames)
    {
        var name = map.RequiredString("name");
        var type = map.OptionalChoice("type", "categorical", "boolean", "numeric") switch
        {
            "categorical" => VariableType.Categorical,
            "boolean" => VariableType.Boolean,
            "numeric" => VariableType.Numeric,
            _ => throw map.Error("type", "the key 'type' is required", expected: "categorical, boolean or numeric"),
        };
        IReadOnlyList<string> levels = type switch
        {
            VariableType.Boolean => ["false", "true"],
            VariableType.Categorical => Levels(map),
            _ => [],
        };
        if (type != VariableType.Categorical && map.Has("levels"))
        {
            throw map.Error("levels", "only a categorical variable has levels", hint: "remove 'levels'");
        }
        VariableSpec? Lookup(string n) => earlier.FirstOrDefault(v => v.Name == n);
        var variable = new VariableSpec
        {
            Name = name,
            Index = index,
            Type = type,
            Levels = levels,
            Description = map.OptionalString("description"),
            Unit = map.OptionalString("unit"),
            IsSyntheticLabel = map.OptionalBool("synthetic_label") ?? false,
            Line = map.Line,
            KeyPath = map.Path,
        };
        if (variable.IsSyntheticLabel && type != VariableType.Boolean)
        {
            throw map.Error("synthetic_label", "a synthetic label is a boolean variable (true = the adverse outcome)", found: type.ToString().ToLowerInvariant());
        }

        variable = ReadRange(map, variable);
        if (map.Has("formula"))
        {
            return ReadDerived(map, variable, Lookup, allNames);
        }
        return ReadDrawn(map, variable, earlier, Lookup, allNames);
    }

    /// <summary>A numeric variable's 'clip' and 'round'; a variable of another type may have neither.</summary>
    private static VariableSpec ReadRange(YamlMap map, VariableSpec variable)
    {
        if (variable.Type == VariableType.Numeric)
        {
            var clip = map.OptionalList("clip");
            if (clip.Count is not (0 or 2) || (clip.Count == 2 && clip[0].AsDouble() > clip[1].AsDouble()))
            {
                throw map.Error("clip", "not a range", expected: "[lowest, highest] with lowest <= highest");
            }
            var round = map.OptionalLong("round");
            if (round is < 0 or > 15)
            {
                throw map.Error("round", "out of range", expected: "a number of decimals from 0 to 15", found: round.Value.ToString(CultureInfo.InvariantCulture));
            }
            return variable with
            {
                ClipMin = clip.Count == 2 ? clip[0].AsDouble() : double.NegativeInfinity,
                ClipMax = clip.Count == 2 ? clip[1].AsDouble() : double.PositiveInfinity,
                Round = round is null ? null : (int)round,
            };
        }
        foreach (var key in new[] { "clip", "round" })
        {
            if (map.Has(key))
            {
                throw map.Error(key, $"'{key}' applies only to a numeric variable", hint: $"remove '{key}'");
            }
        }
        return variable;
    }

    /// <summary>A derived variable: computed by its 'formula' from earlier variables, so it has no distribution of its own.</summary>
    private static VariableSpec ReadDerived(YamlMap map, VariableSpec variable, Func<string, VariableSpec?> lookup, List<string> allNames)
    {
        foreach (var key in RowKeys.Concat(["given", "table"]).Where(k => k is not ("source" or "tolerance" or "tolerance_reason")))
        {
            if (map.Has(key))
            {
                throw map.Error(key, $"'{key}' cannot be used with 'formula': a derived variable is computed, not drawn", hint: $"remove '{key}' or 'formula'");
            }
        }
        var text = map.RequiredString("formula");
        var formula = FormulaParser.Parse(text, lookup, allNames, map.File, map.LineOf("formula"), map.KeyPath("formula"), $"variable '{variable.Name}'");
        return variable with { Formula = formula };
    }

    /// <summary>A drawn variable: one distribution, or with 'given' a table of rows, one per combination of parent levels.</summary>
    private static VariableSpec ReadDrawn(YamlMap map, VariableSpec variable, List<VariableSpec> earlier, Func<string, VariableSpec?> lookup, List<string> allNames)
    {
        var given = ReadGiven(map, earlier, allNames);
        variable = variable with { Given = given };
        List<TableRow> rows;
        if (given.Count == 0)
        {
            if (map.Has("table"))
            {
                throw map.Error("table", "a table needs the variables it is conditional on", hint: "add 'given: [parent]' or write the distribution directly");
            }
            rows = [ReadRow(map, variable, lookup, allNames, isVariableLevel: true, when: [])];
        }
        else
        {
            foreach (var key in DistributionKeys)
            {
                if (map.Has(key))
                {
                    throw map.Error(key, $"with 'given', '{key}' goes in each row of 'table'", hint: "move it into the rows of 'table'");
                }
            }
            var tableItems = map.OptionalList("table");
            if (tableItems.Count == 0)
            {
                throw map.Error("table", "the key 'table' is required with 'given'", expected: "a list of rows '- when: {...}' with a distribution each");
            }
            rows = [];
            foreach (var item in tableItems)
            {
                var row = item.AsMap(RowKeys);
                rows.Add(ReadRow(row, variable, lookup, allNames, isVariableLevel: false, when: ReadWhen(row, given)));
            }
        }
        return variable with { Rows = rows, CellToRow = Cells(map, variable, rows) };
    }

    private static List<string> Levels(YamlMap map)
    {
        var items = map.OptionalList("levels");
        if (items.Count == 0)
        {
            throw map.Error("levels", "the key 'levels' is required for a categorical variable", expected: "a list such as [F, M]");
        }
        var levels = new List<string>();
        foreach (var item in items)
        {
            var level = item.AsString();
            if (levels.Contains(level))
            {
                throw item.Error($"the level '{level}' is listed twice");
            }
            levels.Add(level);
        }
        return levels;
    }

    private static List<VariableSpec> ReadGiven(YamlMap map, List<VariableSpec> earlier, List<string> allNames)
    {
        if (!map.Has("given"))
        {
            return [];
        }
        var names = map.IsList("given") ? map.OptionalList("given").Select(v => (v.AsString(), v.Line, v.Path)).ToList()
            : [(map.RequiredString("given"), map.LineOf("given"), map.KeyPath("given"))];
        var result = new List<VariableSpec>();
        foreach (var (name, line, path) in names)
        {
            var parent = earlier.FirstOrDefault(v => v.Name == name);
            if (parent is null)
            {
                if (allNames.Contains(name))
                {
                    throw new AuditInputException($"variable '{map.OptionalString("name")}' is conditional on '{name}', which is declared after it; a distribution is conditional only on earlier variables",
                        file: map.File, line: line, keyPath: path, expected: "a variable declared above", found: name,
                        hint: $"move '{name}' above '{map.OptionalString("name")}' in 'variables'");
                }
                throw new AuditInputException($"variable '{map.OptionalString("name")}': " + UnknownVariable(name, allNames),
                    file: map.File, line: line, keyPath: path, expected: "a variable declared above", found: name);
            }
            if (parent.Type == VariableType.Numeric)
            {
                throw new AuditInputException($"'{name}' is numeric: a table is conditional on categorical or boolean variables",
                    file: map.File, line: line, keyPath: path, found: name,
                    hint: "derive a categorical variable with 'formula: cut(x, [edges])', or use a formula in the distribution's parameters");
            }
            if (result.Contains(parent))
            {
                throw new AuditInputException($"'{name}' is listed twice", file: map.File, line: line, keyPath: path);
            }
            result.Add(parent);
        }
        return result;
    }

    private static List<int[]?> ReadWhen(YamlMap row, List<VariableSpec> given)
    {
        var when = new List<int[]?>(given.Select(_ => (int[]?)null));
        foreach (var (parentName, value) in row.OptionalFreeMap("when"))
        {
            var position = given.FindIndex(g => g.Name == parentName);
            if (position < 0)
            {
                var suggestion = NameSuggestion.Closest(parentName, given.Select(g => g.Name));
                throw value.Error($"'{parentName}' is not in 'given'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                    expected: "one of " + string.Join(", ", given.Select(g => g.Name)), found: parentName);
            }
            var parent = given[position];
            var levels = value.IsScalar ? [value] : value.AsList();
            var codes = new List<int>();
            foreach (var level in levels)
            {
                var text = level.AsString();
                if (parent.Type == VariableType.Boolean)
                {
                    text = text switch { "True" or "yes" => "true", "False" or "no" => "false", _ => text };
                }
                var code = parent.Levels.ToList().IndexOf(text);
                if (code < 0)
                {
                    throw level.Error(NotALevel(text, parent),
                        expected: "one of " + string.Join(", ", parent.Levels), found: text);
                }
                codes.Add(code);
            }
            when[position] = [.. codes];
        }
        return when;
    }

    /// <summary>Maps every combination of parent levels to the first row that applies; a combination no row covers, or a row that never applies, is an error.</summary>
    private static int[] Cells(YamlMap map, VariableSpec variable, List<TableRow> rows)
    {
        var given = variable.Given;
        long count = 1;
        foreach (var parent in given)
        {
            count *= parent.Levels.Count;
            if (count > MaxCells)
            {
                throw map.Error("given", $"the table conditions on more than {MaxCells} combinations of levels", hint: "condition on fewer variables");
            }
        }
        var cells = new int[count];
        var used = new bool[rows.Count];
        var levels = new int[given.Count];
        for (var cell = 0; cell < count; cell++)
        {
            var rest = cell;
            for (var p = given.Count - 1; p >= 0; p--)
            {
                levels[p] = rest % given[p].Levels.Count;
                rest /= given[p].Levels.Count;
            }
            var match = rows.FindIndex(r => r.When.Select((codes, p) => codes is null || codes.Contains(levels[p])).All(x => x));
            if (match < 0)
            {
                var combination = string.Join(", ", given.Select((g, p) => $"{g.Name} = {g.Levels[levels[p]]}"));
                throw map.Error("table", $"no row of the table applies when {combination}",
                    hint: "add a row for it, or a last row without 'when' that applies to every remaining combination");
            }
            cells[cell] = match;
            used[match] = true;
        }
        for (var r = 0; r < rows.Count; r++)
        {
            if (!used[r])
            {
                throw new AuditInputException("this row never applies: rows above it cover every combination it names", file: map.File,
                    line: rows[r].Line, keyPath: rows[r].KeyPath, hint: "remove the row, or put it above the rows that cover it");
            }
        }
        return cells;
    }

    private static TableRow ReadRow(YamlMap map, VariableSpec variable, Func<string, VariableSpec?> lookup, List<string> allNames, bool isVariableLevel,
        List<int[]?> when)
    {
        var source = map.OptionalString("source");
        var row = new TableRow
        {
            When = when,
            Source = source ?? "",
            Condition = ConditionText(variable, when),
            Line = map.Line,
            KeyPath = map.Path,
        };
        var given = ParameterKeys.Where(map.Has).ToList();
        RequireDistributionAndSource(map, variable, given, source, isVariableLevel);
        var formulas = new FormulaScope(map, variable, lookup, allNames);
        row = variable.Type switch
        {
            VariableType.Categorical => ReadCategorical(map, variable, given, row),
            VariableType.Boolean => ReadBoolean(formulas, given, row),
            _ => ReadNumeric(formulas, given, row),
        };

        var tolerance = map.OptionalDouble("tolerance") ?? 0;
        var reason = map.OptionalString("tolerance_reason");
        CheckTolerance(map, tolerance, reason, isShare: variable.Type != VariableType.Numeric);
        return row with { Tolerance = tolerance, ToleranceReason = reason };
    }

    /// <summary>The row's condition as a reader writes it: "sexe = F and age in {18-24, 25-34}".</summary>
    private static string ConditionText(VariableSpec variable, List<int[]?> when) =>
        string.Join(" and ", variable.Given.Select((g, p) => when[p] is { } codes
            ? $"{g.Name} {(codes.Length == 1 ? "= " + g.Levels[codes[0]] : "in {" + string.Join(", ", codes.Select(c => g.Levels[c])) + "}")}"
            : null).Where(s => s is not null));

    /// <summary>A row gives a distribution (the keys <paramref name="given"/>) and cites where its numbers come from.</summary>
    private static void RequireDistributionAndSource(YamlMap map, VariableSpec variable, List<string> given, string? source, bool isVariableLevel)
    {
        if (given.Count == 0)
        {
            throw new AuditInputException(
                isVariableLevel ? $"the variable '{variable.Name}' has no distribution and no formula" : "this row has no distribution",
                file: map.File, line: map.Line, keyPath: map.Path,
                expected: variable.Type switch
                {
                    VariableType.Categorical => "'probabilities: { level: p, ... }'",
                    VariableType.Boolean => "'p_true', 'probability' or 'log_odds'",
                    _ => "'distribution' with its parameters, or 'probabilities' of values",
                });
        }
        if (source is null)
        {
            throw map.Error("source", "every distribution needs a 'source'",
                expected: "the publication the numbers come from, or 'illustrative: why' when no statistic exists",
                hint: "cite the table or page; numbers nobody published are marked 'illustrative'");
        }
    }

    private static TableRow ReadCategorical(YamlMap map, VariableSpec variable, List<string> given, TableRow row)
    {
        Only(map, given, "probabilities");
        var (probabilities, _) = Probabilities(map, variable, levelsAreNumbers: false);
        return row with { Probabilities = probabilities, Cumulative = Cumulate(probabilities) };
    }

    /// <summary>A boolean's probability of true: a constant 'p_true', or a 'probability' or 'log_odds' formula of earlier variables.</summary>
    private static TableRow ReadBoolean(FormulaScope formulas, List<string> given, TableRow row)
    {
        var map = formulas.Map;
        Only(map, given, "p_true", "probability", "log_odds");
        if (given.Count != 1)
        {
            throw map.Error(given[1], "give one of 'p_true', 'probability' and 'log_odds'", found: string.Join(", ", given));
        }
        Formula probability;
        if (given[0] == "p_true")
        {
            var p = map.OptionalDouble("p_true")!.Value;
            if (p is < 0 or > 1)
            {
                throw map.Error("p_true", "not a probability", expected: "a number from 0 to 1", found: p.ToString("R", CultureInfo.InvariantCulture));
            }
            probability = Formula.Constant(p);
        }
        else
        {
            var formula = formulas.Parse(given[0]);
            probability = given[0] == "log_odds" ? new UnaryFormula(PortableMath.Logistic, formula) : formula;
            if (probability.IsConstant && probability.Evaluate(PopulationColumns.Empty, 0) is < 0 or > 1 or double.NaN)
            {
                throw map.Error(given[0], "not a probability", expected: "a number from 0 to 1");
            }
        }
        return row with { ProbabilityTrue = probability };
    }

    /// <summary>A numeric variable's distribution: a named family with its parameters, or discrete 'probabilities' of values.</summary>
    private static TableRow ReadNumeric(FormulaScope formulas, List<string> given, TableRow row)
    {
        var map = formulas.Map;
        Only(map, given, "probabilities", "distribution", "mean", "sd", "median", "sigma", "low", "high", "value");
        var name = map.OptionalChoice("distribution", DistributionNames) ?? (map.Has("probabilities") ? "discrete" : null)
            ?? throw map.Error("distribution", "the key 'distribution' is required", expected: string.Join(", ", DistributionNames));
        var distribution = name switch
        {
            "normal" => NumericDistribution.Normal,
            "lognormal" => NumericDistribution.LogNormal,
            "uniform" => NumericDistribution.Uniform,
            "poisson" => NumericDistribution.Poisson,
            "constant" => NumericDistribution.Constant,
            _ => NumericDistribution.Discrete,
        };
        string[] parameters = distribution switch
        {
            NumericDistribution.Normal => ["mean", "sd"],
            NumericDistribution.LogNormal => ["median", "sigma"],
            NumericDistribution.Uniform => ["low", "high"],
            NumericDistribution.Poisson => ["mean"],
            NumericDistribution.Constant => ["value"],
            _ => ["probabilities"],
        };
        Only(map, given, [.. parameters, "distribution"], $"a {name} distribution takes " + string.Join(" and ", parameters));
        if (distribution == NumericDistribution.Discrete)
        {
            var (probabilities, values) = Probabilities(map, formulas.Variable, levelsAreNumbers: true);
            return row with { Distribution = distribution, Probabilities = probabilities, Values = values, Cumulative = Cumulate(probabilities) };
        }
        return row with { Distribution = distribution, Parameters = ReadParameters(formulas, distribution, name, parameters) };
    }

    /// <summary>
    /// A named distribution's parameters, each a number or a formula of earlier variables; a constant one is checked
    /// at once (a median above 0, a spread and a Poisson mean of 0 or more, a uniform's low not above its high).
    /// </summary>
    private static Formula[] ReadParameters(FormulaScope formulas, NumericDistribution distribution, string name, string[] parameters)
    {
        var map = formulas.Map;
        var parsed = new Formula[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!map.Has(parameters[i]))
            {
                throw map.Error(parameters[i], $"the key '{parameters[i]}' is required for a {name} distribution",
                    expected: "a number, or a formula of earlier variables in quotes");
            }
            parsed[i] = formulas.Parse(parameters[i]);
            if (parsed[i].IsConstant)
            {
                var value = parsed[i].Evaluate(PopulationColumns.Empty, 0);
                var bad = parameters[i] switch
                {
                    "median" => !(value > 0),
                    "sd" or "sigma" => !(value >= 0),
                    _ => false,
                } || (distribution == NumericDistribution.Poisson && !(value >= 0));
                if (bad)
                {
                    throw map.Error(parameters[i], "out of range", expected: parameters[i] == "median" ? "a positive number" : "a number of 0 or more",
                        found: value.ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }
        if (distribution == NumericDistribution.Uniform && parsed[0].IsConstant && parsed[1].IsConstant
            && parsed[0].Evaluate(PopulationColumns.Empty, 0) > parsed[1].Evaluate(PopulationColumns.Empty, 0))
        {
            throw map.Error("high", "'high' is below 'low'", expected: "low <= high");
        }
        return parsed;
    }

    /// <summary>What a formula in a row may read: the earlier variables (and every name, to tell a later one from a typo).</summary>
    private sealed record FormulaScope(YamlMap Map, VariableSpec Variable, Func<string, VariableSpec?> Lookup, List<string> AllNames)
    {
        public Formula Parse(string key)
        {
            var text = Map.OptionalFreeMapValue(key).AsString();
            return FormulaParser.Parse(text, Lookup, AllNames, Map.File, Map.LineOf(key), Map.KeyPath(key), $"variable '{Variable.Name}'");
        }
    }

    private static void CheckTolerance(YamlMap map, double tolerance, string? reason, bool isShare)
    {
        if (tolerance < 0)
        {
            throw map.Error("tolerance", "out of range", expected: "0 or more", found: tolerance.ToString("R", CultureInfo.InvariantCulture));
        }
        if (isShare && tolerance > 1)
        {
            throw map.Error("tolerance", "a share's tolerance is a fraction", expected: "a fraction such as 0.01 (1 percentage point)",
                found: tolerance.ToString("R", CultureInfo.InvariantCulture));
        }
        if (isShare && tolerance > ShareToleranceWithoutReason + 1e-12 && string.IsNullOrWhiteSpace(reason))
        {
            throw map.Error("tolerance", "a tolerance above 1 percentage point needs a written reason",
                expected: "'tolerance_reason: ...' saying why the published figure cannot be matched closer",
                found: tolerance.ToString("R", CultureInfo.InvariantCulture), hint: "add 'tolerance_reason', or lower the tolerance to 0.01");
        }
    }

    private static void Only(YamlMap map, List<string> given, params string[] allowed) => Only(map, given, allowed, null);

    private static void Only(YamlMap map, List<string> given, string[] allowed, string? expected)
    {
        foreach (var key in given)
        {
            if (!allowed.Contains(key))
            {
                throw map.Error(key, $"'{key}' does not apply here", expected: expected ?? "one of " + string.Join(", ", allowed), hint: $"remove '{key}'");
            }
        }
    }

    private static (double[] Probabilities, double[] Values) Probabilities(YamlMap map, VariableSpec variable, bool levelsAreNumbers)
    {
        var pairs = map.OptionalFreeMap("probabilities");
        if (pairs.Count == 0)
        {
            throw map.Error("probabilities", "no probabilities", expected: "a mapping such as { a: 0.4, b: 0.6 }");
        }
        var probabilities = new double[levelsAreNumbers ? pairs.Count : variable.Levels.Count];
        var seen = new bool[probabilities.Length];
        var values = new double[levelsAreNumbers ? pairs.Count : 0];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, value) = pairs[i];
            int slot;
            if (levelsAreNumbers)
            {
                if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    throw value.Error("not a number", expected: "the values of a numeric variable as keys, such as { 0: 0.5, 1: 0.5 }", found: key);
                }
                if (values.Take(i).Contains(number))
                {
                    throw value.Error($"the value {key} is listed twice", found: key);
                }
                slot = i;
                values[i] = number;
            }
            else
            {
                slot = variable.Levels.ToList().IndexOf(key);
                if (slot < 0)
                {
                    throw value.Error(NotALevel(key, variable),
                        expected: "one of " + string.Join(", ", variable.Levels), found: key);
                }
            }
            var p = value.AsDouble();
            if (p is < 0 or > 1)
            {
                throw value.Error("not a probability", expected: "a number from 0 to 1", found: p.ToString("R", CultureInfo.InvariantCulture));
            }
            probabilities[slot] = p;
            seen[slot] = true;
        }
        var missing = variable.Levels.Where((_, i) => !levelsAreNumbers && !seen[i]).ToList();
        if (missing.Count > 0)
        {
            throw map.Error("probabilities", "every level needs a probability (write 0 for a level that cannot occur here)",
                expected: "a probability for " + string.Join(", ", missing));
        }
        var sum = probabilities.Sum();
        if (Math.Abs(sum - 1) > ProbabilitySumTolerance)
        {
            throw map.Error("probabilities",
                $"the probabilities of '{variable.Name}' add up to {sum.ToString("0.######", CultureInfo.InvariantCulture)}, not 1 (allowed rounding: ±{ProbabilitySumTolerance.ToString("0.######", CultureInfo.InvariantCulture)})",
                expected: "probabilities that add up to 1",
                hint: "published shares often add up to 99 % or 101 % after rounding: say in 'source' which share you adjusted");
        }
        return (probabilities, values);
    }

    /// <summary>Running sums, the last forced to exactly 1 so that a uniform draw below 1 always lands in a level.</summary>
    private static double[] Cumulate(double[] probabilities)
    {
        var cumulative = new double[probabilities.Length];
        var sum = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            sum += probabilities[i];
            cumulative[i] = sum;
        }
        // Levels of probability 0 at the end keep their (repeated) sum, so that they are never drawn.
        var last = Array.FindLastIndex(probabilities, p => p > 0);
        for (var i = last; i < cumulative.Length; i++)
        {
            cumulative[i] = 1;
        }
        return cumulative;
    }

    private static TargetSpec ReadTarget(YamlValue item, List<VariableSpec> variables, List<string> allNames)
    {
        var map = item.AsMap(TargetKeys);
        VariableSpec? Lookup(string n) => variables.FirstOrDefault(v => v.Name == n);
        Formula Parse(string key) => FormulaParser.Parse(map.RequiredString(key), Lookup, allNames, map.File, map.LineOf(key), map.KeyPath(key),
            $"target '{map.OptionalString("name") ?? map.Path}'");
        if (map.Has("share") == map.Has("mean"))
        {
            throw new AuditInputException("a target is either a 'share' or a 'mean'", file: map.File, line: map.Line, keyPath: map.Path,
                expected: "exactly one of 'share: condition' and 'mean: formula'");
        }
        var kind = map.Has("share") ? TargetKind.Share : TargetKind.Mean;
        var key = kind == TargetKind.Share ? "share" : "mean";
        var value = map.OptionalDouble("value") ?? throw map.Error("value", "the key 'value' is required", expected: "the published figure (a share as a fraction: 0.16 for 16 %)");
        if (kind == TargetKind.Share && value is < 0 or > 1)
        {
            throw map.Error("value", "a share is a fraction", expected: "a number from 0 to 1 (0.16 for 16 %)", found: value.ToString("R", CultureInfo.InvariantCulture));
        }
        var source = map.OptionalString("source") ?? throw map.Error("source", "every target needs a 'source'", expected: "the publication the figure comes from");
        var tolerance = map.OptionalDouble("tolerance") ?? 0;
        var reason = map.OptionalString("tolerance_reason");
        CheckTolerance(map, tolerance, reason, isShare: kind == TargetKind.Share);
        return new TargetSpec
        {
            Name = map.OptionalString("name") ?? map.RequiredString(key),
            Kind = kind,
            Of = Parse(key),
            Expression = map.RequiredString(key),
            Among = map.Has("among") ? Parse("among") : null,
            AmongExpression = map.OptionalString("among"),
            Value = value,
            Tolerance = tolerance,
            ToleranceReason = reason,
            Source = source,
            Line = map.Line,
            KeyPath = map.Path,
        };
    }
}
