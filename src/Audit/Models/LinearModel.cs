using Audit.Data;

namespace Audit.Models;

/// <summary>
/// A declarative additive model (a scorecard, a linear or a logistic model): <c>η = intercept + Σ terms + Σ
/// interactions</c>. The score is η itself (points, <c>kind: linear</c>), or the probability 1 / (1 + exp(−η))
/// (<c>kind: logistic</c>), or, with <see cref="Scaling"/>, η mapped to a published scale (350–950). Its explanation
/// space is points (linear) or log-odds (logistic): each term's contribution there is exact.
/// </summary>
public sealed class LinearModel : IScoringModel, IAdditiveModel, IExactScoreKey, IFeatureMetadata, IBinnedInputs, IPublishedModel, IInputRemoval
{
    public LinearModel(
        string name,
        bool logistic,
        AdverseTail adverse,
        double intercept,
        IReadOnlyList<LinearTerm> terms,
        string? source = null,
        string? description = null,
        GradeScale? grades = null,
        IReadOnlyList<InteractionTerm>? interactions = null,
        IReadOnlyList<GradeOverride>? overrides = null,
        ScoreScaling? scaling = null,
        Coefficient? interceptCoefficient = null)
    {
        Name = name;
        Logistic = logistic;
        Adverse = adverse;
        InterceptCoefficient = interceptCoefficient ?? Coefficient.Of(intercept);
        Terms = terms;
        Source = source;
        Description = description;
        Grades = grades;
        Interactions = interactions ?? [];
        Overrides = overrides ?? [];
        Scaling = scaling;
        Features = terms.Select(t => new FeatureSpec(t.Feature, t.Type, t.Description)).ToArray();
        var binEdges = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            infoByFeature.TryAdd(term.Feature, term.Info ?? FeatureInfo.None);
            if (term.Bins is { } bins)
            {
                binEdges.TryAdd(term.Feature, bins.Where(b => b.Min is not null).Select(b => b.Min!.Value).ToArray());
            }
        }
        BinEdges = binEdges;
    }

    private readonly Dictionary<string, FeatureInfo> infoByFeature = new(StringComparer.Ordinal);

    public string Name { get; }

    public string Kind => Scaling is not null ? "logistic-scaled" : Logistic ? "logistic" : "linear";

    public bool Logistic { get; }

    /// <summary>A logistic model's score is the probability of the adverse outcome, unless it is scaled to a published scale.</summary>
    public bool ScoreIsProbability => Logistic && Scaling is null;

    public AdverseTail Adverse { get; }

    /// <summary>The intercept; NaN when the spec gives it only by sign or interval, or not at all (see <see cref="InterceptCoefficient"/>).</summary>
    public double Intercept => InterceptCoefficient.Value ?? double.NaN;

    /// <summary>The spec file the model was read from, for errors about the spec itself.</summary>
    public string? SpecFile { get; init; }

    /// <summary>What the spec says of its numbers (key <c>status</c>): published, reconstructed or illustrative; null when it does not say.</summary>
    public string? Status { get; init; }

    /// <summary>
    /// The terms whose weight (or a level's, a bin's, the intercept's) the spec says was fitted to a published figure
    /// (coefficient key <c>calibrated:</c>), with that figure, in the spec's order: a disparity they produce was set, not found.
    /// </summary>
    public IReadOnlyList<Audit.Results.CalibratedTerm> CalibratedTerms =>
    [
        .. Calibrated("(intercept)", [InterceptCoefficient]),
        .. Terms.SelectMany(t => Calibrated(t.Feature,
            [t.Weight, .. t.LevelWeights.Values, .. (t.Bins ?? []).Select(b => b.Points), t.Missing, t.Other])),
        .. Interactions.SelectMany(i => Calibrated(i.Name, [i.Weight])),
    ];

    private static IEnumerable<Audit.Results.CalibratedTerm> Calibrated(string term, IEnumerable<Coefficient?> coefficients) =>
        coefficients.Select(c => c?.Calibrated).OfType<string>().Distinct(StringComparer.Ordinal).Select(figure => new Audit.Results.CalibratedTerm(term, figure));

    public Coefficient InterceptCoefficient { get; }

    public IReadOnlyList<LinearTerm> Terms { get; }

    public IReadOnlyList<InteractionTerm> Interactions { get; }

    public IReadOnlyList<GradeOverride> Overrides { get; }

    public ScoreScaling? Scaling { get; }

    /// <summary>Where the coefficients come from (a citation).</summary>
    public string? Source { get; }

    public string? Description { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string>? NameByLanguage { get; init; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string>? DescriptionByLanguage { get; init; }

    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>The ordered grade bands the spec declares over the score, if any.</summary>
    public GradeScale? Grades { get; }

    /// <summary>"log-odds" or "points": the space in which the terms add up exactly.</summary>
    public string ExplanationSpace => Logistic ? "log-odds" : "points";

    /// <summary>The metadata of the term on <paramref name="feature"/> (the first, should a spec repeat one); none for other names.</summary>
    public FeatureInfo InfoOf(string feature) => infoByFeature.GetValueOrDefault(feature) ?? FeatureInfo.None;

    /// <summary>Per binned term, every bin's lower end (the first bin, open below, has none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> BinEdges { get; }

    /// <summary>Every feature with a term, in the spec's order.</summary>
    public IReadOnlyList<string> RemovableInputs => [.. Terms.Select(t => t.Feature)];

    /// <summary>The spec without one feature: its term, and every interaction that reads it, are left out.</summary>
    public IScoringModel Without(string input) =>
        new LinearModel(Name + " without " + input, Logistic, Adverse, Intercept,
            Terms.Where(t => t.Feature != input).ToArray(), Source, Description, Grades,
            Interactions.Where(i => i.When.All(c => c.Feature != input)).ToArray(),
            Overrides, Scaling, InterceptCoefficient)
        { SpecFile = SpecFile, Status = Status };

    /// <inheritdoc/>
    public string StatedWeight(int term) => StatedWeights.Of(this, term);

    /// <inheritdoc/>
    public string AppliedWeight(int term, Table table, int row) => StatedWeights.Applied(this, term, table, row);

    /// <summary>True when every number needed to score is known (no sign-only, interval or unknown coefficient).</summary>
    public bool FullyKnown =>
        InterceptCoefficient.IsKnown
        && Terms.All(t => t.Weight.IsKnown && t.LevelWeights.Values.All(c => c.IsKnown) && (t.Bins?.All(b => b.Points.IsKnown) ?? true)
            && (t.Missing?.IsKnown ?? true) && (t.Other?.IsKnown ?? true))
        && Interactions.All(i => i.Weight.IsKnown);

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        // One pass over the rows on every core; the by-term pass when it cannot (and for the errors it names).
        if (InterceptCoefficient.IsKnown && LinearScoring.For(this, table)?.Compute(table.RowCount, ScoreFromSum, progress) is { } scores)
        {
            return scores;
        }
        var eta = LinearPredictorByTerm(table, progress);
        for (var i = 0; i < eta.Length; i++)
        {
            eta[i] = ScoreFromSum(eta[i]);
        }
        return eta;
    }

    /// <summary>η for every row: the intercept plus every term and interaction.</summary>
    public double[] LinearPredictor(Table table, Action<long, long>? progress = null) =>
        (InterceptCoefficient.IsKnown ? LinearScoring.For(this, table)?.Compute(table.RowCount, null, progress) : null)
        ?? LinearPredictorByTerm(table, progress);

    /// <summary>
    /// η a term at a time over every row (the reference for <see cref="LinearScoring"/>, which gives the same bits in
    /// one pass): the intercept, then each term and interaction in order. Its errors name the row and column.
    /// </summary>
    internal double[] LinearPredictorByTerm(Table table, Action<long, long>? progress = null)
    {
        if (!InterceptCoefficient.IsKnown)
        {
            // The intercept applies to every row, so no row can be scored: the spec, not the data, is at fault.
            throw new AuditInputException($"the model's intercept is not known ({InterceptCoefficient})", file: SpecFile, keyPath: "intercept",
                expected: "a value for the intercept", hint: "give the intercept's value in the model spec if it is known; otherwise add 'designs: { partial_model: true }' to the plan, which audits the central model and samples the unknown coefficients (docs/designs.md)");
        }
        var n = table.RowCount;
        var eta = new double[n];
        Array.Fill(eta, Intercept);
        var parts = Terms.Count + Interactions.Count;
        for (var t = 0; t < Terms.Count; t++)
        {
            AddTerm(table, Terms[t], eta);
            progress?.Invoke((long)(t + 1) * n, (long)parts * n);
        }
        for (var k = 0; k < Interactions.Count; k++)
        {
            AddInteraction(table, Interactions[k], eta);
            progress?.Invoke((long)(Terms.Count + k + 1) * n, (long)parts * n);
        }
        return eta;
    }

    /// <summary>
    /// The exact linear predictor η of each row (<see cref="ExactLinearPredictor"/>): the score itself for a linear spec,
    /// the log-odds a logistic spec's probability increases with. A scaled spec's keys are null: its published score is
    /// clamped to the scale, so two different η can be the same score, and ties are decided on the doubles.
    /// </summary>
    public decimal?[] ExactKeys(Table table, IReadOnlyList<int> rows) =>
        Scaling is null ? ExactLinearPredictor.Compute(this, table, rows) : new decimal?[rows.Count];

    /// <summary>A linear spec's threshold is a score (the plan's literal); a logistic spec's is exact only at 0.5 (η = 0).</summary>
    public decimal? ExactKeyOfScore(double score) =>
        Scaling is not null ? null : Logistic ? (score == 0.5 ? 0m : null) : ExactDecimal.Of(score);

    /// <summary>Term names for <see cref="Contributions"/>: the features, then the interactions.</summary>
    public IReadOnlyList<string> TermNames => [.. Terms.Select(t => t.Feature), .. Interactions.Select(i => i.Name)];

    /// <summary>A feature's term reads that feature; an interaction reads the features of its conditions.</summary>
    public IReadOnlyList<string> TermInputs(int term) =>
        term < Terms.Count ? [Terms[term].Feature] : [.. Interactions[term - Terms.Count].When.Select(c => c.Feature).Distinct()];

    /// <summary>The score of η: η (linear), the logistic probability, or the scaled score.</summary>
    public double ScoreFromSum(double sum) => Scaling is { } scale ? scale.Apply(sum) : Logistic ? 1.0 / (1.0 + Math.Exp(-sum)) : sum;

    /// <summary>
    /// Each term's contribution to η for one row, features then interactions (<see cref="TermNames"/>): exact, they
    /// add up to η − intercept.
    /// </summary>
    public void Contributions(Table table, int row, Span<double> contributions)
    {
        var one = new double[1];
        var single = Row(table, row);
        for (var t = 0; t < Terms.Count; t++)
        {
            one[0] = 0;
            AddTerm(single, Terms[t], one);
            contributions[t] = one[0];
        }
        for (var k = 0; k < Interactions.Count; k++)
        {
            one[0] = 0;
            AddInteraction(single, Interactions[k], one);
            contributions[Terms.Count + k] = one[0];
        }
    }

    /// <summary>Every row's contributions a term at a time (the same code as <see cref="LinearPredictor"/>).</summary>
    public double[][] AllContributions(Table table)
    {
        var result = new double[Terms.Count + Interactions.Count][];
        for (var t = 0; t < Terms.Count; t++)
        {
            AddTerm(table, Terms[t], result[t] = new double[table.RowCount]);
        }
        for (var k = 0; k < Interactions.Count; k++)
        {
            AddInteraction(table, Interactions[k], result[Terms.Count + k] = new double[table.RowCount]);
        }
        return result;
    }

    /// <summary>
    /// Every row's grade (an index into <see cref="GradeScale.Bands"/>): the band of its score, then the overrides in
    /// order (a set grade replaces it; a cap makes it no better than the cap).
    /// </summary>
    public int[]? Grade(Table table, double[] scores)
    {
        if (Grades is not { } scale)
        {
            return null;
        }
        var bands = new int[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            bands[i] = scale.BandOf(scores[i]);
        }
        // A score exactly at a band's lower bound is in that band whatever its double (the threshold rule).
        ExactWindow.SettleBands(this, table, scores, bands, scale);
        foreach (var rule in Overrides)
        {
            var holds = Holds(table, rule.When);
            var set = rule.SetGrade is { } s ? scale.BandIndex(s) : -1;
            var cap = rule.CapGrade is { } c ? scale.BandIndex(c) : -1;
            for (var i = 0; i < bands.Length; i++)
            {
                if (!holds[i])
                {
                    continue;
                }
                if (set >= 0)
                {
                    bands[i] = set;
                }
                else if (cap >= 0 && scale.AdversityRank(bands[i]) < scale.AdversityRank(cap))
                {
                    bands[i] = cap;
                }
            }
        }
        return bands;
    }

    /// <summary>Whether every condition holds, per row: compared by code, without formatting any value.</summary>
    private static bool[] Holds(Table table, IReadOnlyList<Condition> conditions)
    {
        var holds = Enumerable.Repeat(true, table.RowCount).ToArray();
        foreach (var condition in conditions)
        {
            var column = table.Find(condition.Feature)
                ?? throw new AuditInputException($"the model reads the column '{condition.Feature}', which the data does not have", column: condition.Feature);
            switch (column)
            {
                case CategoricalColumn categorical:
                    {
                        var wanted = categorical.CodeOf(condition.Value);
                        var codes = categorical.Codes;
                        for (var i = 0; i < holds.Length; i++)
                        {
                            holds[i] &= wanted >= 0 && codes[i] == wanted;
                        }
                        break;
                    }
                default:
                    {
                        // Boolean conditions, on true/false or 0/1 columns (BinaryColumn checks the values).
                        var wanted = condition.Value == "true" ? (byte)1 : (byte)0;
                        var values = BinaryColumn.Read(table, condition.Feature, "boolean model input", "a condition on a boolean feature reads true/false or 0/1");
                        for (var i = 0; i < holds.Length; i++)
                        {
                            holds[i] &= values[i] == wanted;
                        }
                        break;
                    }
            }
        }
        return holds;
    }

    private static void AddInteraction(Table table, InteractionTerm interaction, double[] eta)
    {
        var holds = Holds(table, interaction.When);
        for (var i = 0; i < eta.Length; i++)
        {
            if (holds[i])
            {
                eta[i] += interaction.Weight.Value ?? throw Unknown($"interaction '{interaction.Name}'", interaction.Weight, i, null);
            }
        }
    }

    /// <summary>A one-row table of a row, so that scoring and contributions share one code path.</summary>
    private static Table Row(Table table, int row) => new(table.Columns.Select(source => (Column)(source switch
    {
        NumericColumn n => new NumericColumn(source.Name, [n[row]]),
        BooleanColumn b => new BooleanColumn(source.Name, [b.Values[row]]),
        CategoricalColumn c => new CategoricalColumn(source.Name, [c.Code(row)], [.. c.Levels]),
        _ => throw new InvalidOperationException("Unknown column type."),
    })));

    private static AuditInputException Unknown(string what, Coefficient coefficient, int? row, string? column) =>
        new($"the model's coefficient for {what} is not known ({coefficient})", row: row is { } r ? r + 1 : null, column: column,
            expected: "a value for every coefficient that applies to the rows scored",
            hint: "give the value in the model spec if it is known; otherwise add 'designs: { partial_model: true }' to the plan, which audits the central model and samples the unknown coefficients (docs/designs.md)");

    private static void AddTerm(Table table, LinearTerm term, double[] eta)
    {
        var column = table.Find(term.Feature)
            ?? throw new AuditInputException($"the model reads the column '{term.Feature}', which the data does not have",
                column: term.Feature, hint: "rename the column in the data, or map it in the plan");
        switch (column)
        {
            case NumericColumn numeric when term.Type == ColumnType.Numeric:
                {
                    var values = numeric.Values;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var x = values[i];
                        if (double.IsNaN(x))
                        {
                            eta[i] += MissingContribution(term, i);
                        }
                        else if (term.Bins is { } bins)
                        {
                            eta[i] += BinPoints(term, bins, x, i);
                        }
                        else if (x != 0)
                        {
                            eta[i] += (term.Weight.Value ?? throw Unknown($"'{term.Feature}'", term.Weight, i, term.Feature)) * x;
                        }
                    }
                    break;
                }
            case BooleanColumn or NumericColumn when term.Type == ColumnType.Boolean:
                {
                    // A boolean feature may be stored as true/false or as 0/1; any other number is an error.
                    var values = BinaryColumn.Read(table, term.Feature, "boolean model input",
                        "a boolean feature takes true/false or 0/1; fix the value or declare the feature numeric in the model spec");
                    for (var i = 0; i < values.Length; i++)
                    {
                        eta[i] += values[i] switch
                        {
                            1 => term.Weight.Value ?? throw Unknown($"'{term.Feature}'", term.Weight, i, term.Feature),
                            0 => 0.0,
                            _ => MissingContribution(term, i),
                        };
                    }
                    break;
                }
            case CategoricalColumn categorical when term.Type == ColumnType.Categorical:
                {
                    // One coefficient per level code, so the row loop is a table look-up.
                    var byCode = new Coefficient?[categorical.Levels.Count];
                    for (var code = 0; code < byCode.Length; code++)
                    {
                        byCode[code] = term.LevelWeights.TryGetValue(categorical.Levels[code], out var w) ? w : term.Other;
                    }
                    var codes = categorical.Codes;
                    for (var i = 0; i < codes.Length; i++)
                    {
                        var code = codes[i];
                        if (code == CategoricalColumn.Missing)
                        {
                            eta[i] += MissingContribution(term, i);
                        }
                        else if (byCode[code] is { } weight)
                        {
                            eta[i] += weight.Value ?? throw Unknown($"'{term.Feature}' = {categorical.Levels[code]}", weight, i, term.Feature);
                        }
                        else
                        {
                            throw new AuditInputException($"the model has no weight for the category '{categorical.Levels[code]}'",
                                row: i + 1, column: term.Feature,
                                expected: "one of " + string.Join(", ", term.LevelWeights.Keys), found: categorical.Levels[code],
                                hint: "add the level to the model spec's weights, or give the feature an 'other' weight");
                        }
                    }
                    break;
                }
            default:
                throw new AuditInputException($"the model expects a {term.Type.ToString().ToLowerInvariant()} column",
                    column: term.Feature, expected: term.Type.ToString().ToLowerInvariant(), found: column.Type.ToString().ToLowerInvariant(),
                    hint: "declare the column's type in the plan's 'columns' key, or fix the model spec");
        }
    }

    private static double BinPoints(LinearTerm term, IReadOnlyList<Bin> bins, double x, int row)
    {
        foreach (var bin in bins)
        {
            if (bin.Contains(x))
            {
                return bin.Points.Value ?? throw Unknown($"'{term.Feature}' in [{bin.Min}, {bin.Max})", bin.Points, row, term.Feature);
            }
        }
        throw new AuditInputException("the value lies outside the model's bins", row: row + 1, column: term.Feature,
            expected: $"a value from {bins[0].Min?.ToString() ?? "−∞"} to below {bins[^1].Max?.ToString() ?? "+∞"}", found: x.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            hint: "check the value, or open the first or last bin in the model spec");
    }

    private static double MissingContribution(LinearTerm term, int row) =>
        term.Missing is { } missing
            ? missing.Value ?? throw Unknown($"a missing '{term.Feature}'", missing, row, term.Feature)
            : throw new AuditInputException("missing value in a model input", row: row + 1, column: term.Feature,
                expected: "a value (the model spec gives no 'missing' weight for this feature)",
                hint: "complete the data, or give the feature a 'missing' weight in the model spec");
}
