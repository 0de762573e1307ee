using Audit.Models;

namespace Audit.Policy;

/// <summary>
/// Flags the rows whose grade is one of <see cref="Flagged"/> (CONTRACTS.md: "the plan's policy says which grades
/// count as flagged (e.g. C and D)"). The grades come from the model's <see cref="GradeScale"/>, bound by
/// <see cref="Bind"/> once the model is loaded.
/// </summary>
/// <param name="Line">The plan line of the policy, for errors about grade names.</param>
public sealed record GradesPolicy(IReadOnlyList<string> Flagged, long Line, string KeyPath) : DecisionPolicy
{
    /// <summary>The model's grade scale, once bound.</summary>
    public GradeScale? Scale { get; init; }

    public override string Kind => "grades";

    public override string Describe(AdverseTail adverse) =>
        $"flagged when the grade is {string.Join(" or ", Flagged)}" + (Scale is null ? "" : $" (grades: {Scale.Describe()})");

    /// <summary>This policy with the model's grades, after checking that every flagged grade exists.</summary>
    public GradesPolicy Bind(GradeScale? scale, string planFile)
    {
        if (scale is null)
        {
            throw new AuditInputException("the policy flags grades, but the model declares no grades", file: planFile, line: Line, keyPath: KeyPath,
                hint: "declare 'grades' in the model spec, or use a threshold, top_fraction or budget policy");
        }
        foreach (var grade in Flagged)
        {
            if (!scale.Bands.Any(b => b.Name == grade))
            {
                throw new AuditInputException($"the model has no grade '{grade}'", file: planFile, line: Line, keyPath: KeyPath,
                    expected: "one of " + string.Join(", ", scale.FavourableToAdverse), found: grade);
            }
        }
        return this with { Scale = scale };
    }

    /// <summary>Flags from the grades the model assigns when it assigns them; from the scores otherwise.</summary>
    public override PolicyOutcome Decide(IScoringModel model, Data.Table table, double[] scores, Func<int[]?> gradesOf) =>
        gradesOf() is { } grades ? DecideGrades(grades) : Decide(model, table, scores);

    /// <summary>Flags from each row's grade (an index into the scale's bands), as the model assigns them (overrides included).</summary>
    public PolicyOutcome DecideGrades(ReadOnlySpan<int> bands)
    {
        var scale = Scale ?? throw new InvalidOperationException("The grades policy is not bound to the model's grades.");
        var flaggedBands = scale.Bands.Select(b => Flagged.Contains(b.Name)).ToArray();
        var flags = new byte[bands.Length];
        long flagged = 0;
        for (var i = 0; i < bands.Length; i++)
        {
            flags[i] = flaggedBands[bands[i]] ? (byte)1 : (byte)0;
            flagged += flags[i];
        }
        return new PolicyOutcome(flags, null, flagged, 0, 0);
    }

    /// <summary>Flags from the grade bands of the scores alone (no override rules).</summary>
    public override PolicyOutcome Decide(ScoreOrder order)
    {
        var scores = order.Scores;
        var scale = Scale ?? throw new InvalidOperationException("The grades policy is not bound to the model's grades.");
        var flaggedBands = scale.Bands.Select(b => Flagged.Contains(b.Name)).ToArray();
        var bands = new int[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            bands[i] = scale.BandOf(scores[i]);
        }
        order.SettleBands(bands, scale);
        return DecideGrades(bands);
    }
}
