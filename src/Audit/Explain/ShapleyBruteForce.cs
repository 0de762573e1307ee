namespace Audit.Explain;

/// <summary>
/// Exact Shapley values of any model by enumerating all <c>2^F</c> coalitions, in the same interventional game as
/// <see cref="InterventionalTreeShap"/>: <c>v(S) = (1/N) Σ_z f(x_S, z_~S)</c> over the N background rows z, and
/// <c>φ_j = Σ_{S ⊆ F∖{j}} |S|!·(F−|S|−1)!/F! · (v(S ∪ {j}) − v(S))</c> (Shapley 1953; the interventional game is
/// Janzing, Minorics and Blöbaum 2020, "Feature relevance quantification in explainable AI: a causal problem").
/// </summary>
/// <remarks>
/// The cost is <c>2^F·N</c> model evaluations and <c>O(2^F·F)</c> arithmetic, so it is for few features: the
/// reference that tests the exact algorithms, and later an exact method for black boxes with up to about 14 features
/// (16,384 evaluations per background row). The game is averaged over the background before the Shapley sum, which
/// gives the same values as averaging each reference's Shapley values (the Shapley value is linear in the game).
/// </remarks>
public static class ShapleyBruteForce
{
    /// <summary>More features than this (about a million coalitions per background row) are refused.</summary>
    public const int MaxFeatures = 20;

    /// <summary>
    /// The exact attribution of <paramref name="row"/> for <paramref name="model"/> (NaN values are passed to the
    /// model as they are). The model is called with one reused buffer of F values, which it must not keep.
    /// </summary>
    /// <param name="model">The function explained, in the space the attribution is wanted in (a raw margin, say).</param>
    /// <param name="row">The row explained, F values.</param>
    /// <param name="background">The background rows, F values each.</param>
    public static Attribution Explain(Func<double[], double> model, ReadOnlySpan<double> row, IReadOnlyList<double[]> background)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(background);
        var features = row.Length;
        if (features > MaxFeatures)
        {
            throw new ArgumentException($"{features} features means 2^{features} coalitions per background row; brute force stops at {MaxFeatures}.", nameof(row));
        }
        if (background.Count == 0)
        {
            throw new ArgumentException("The background must hold at least one row.", nameof(background));
        }
        var full = (1 << features) - 1;
        var value = model(row.ToArray());

        // v[S]: the game averaged over the background; bit j of S set = feature j from the row.
        var game = new double[full + 1];
        var hybrid = new double[features];
        for (var r = 0; r < background.Count; r++)
        {
            var reference = background[r];
            if (reference.Length != features)
            {
                throw new ArgumentException($"Background row {r} has {reference.Length} values; the row has {features}.", nameof(background));
            }
            for (var coalition = 0; coalition <= full; coalition++)
            {
                for (var j = 0; j < features; j++)
                {
                    hybrid[j] = (coalition & (1 << j)) != 0 ? row[j] : reference[j];
                }
                game[coalition] += model(hybrid);
            }
        }
        // The full coalition is averaged too (N copies of f(x)), so that a feature the model ignores has exactly equal
        // values with and without it, hence exactly 0.
        for (var coalition = 0; coalition <= full; coalition++)
        {
            game[coalition] /= background.Count;
        }

        return new Attribution(game[0], FromGame(game, features), value);
    }

    /// <summary>
    /// The Shapley values of a game given on every coalition: <paramref name="game"/>[S] is v(S), bit j of S set when
    /// feature j is in the coalition (<c>2^F</c> values).
    /// </summary>
    public static double[] FromGame(ReadOnlySpan<double> game, int features)
    {
        var full = (1 << features) - 1;
        if (game.Length != full + 1)
        {
            throw new ArgumentException($"A game over {features} features has {full + 1} coalitions; {game.Length} values were given.", nameof(game));
        }
        // weight[s] = s!·(F−s−1)!/F! = 1/(F·C(F−1, s)).
        var weight = new double[Math.Max(features, 1)];
        var binomial = 1.0;
        for (var s = 0; s < features; s++)
        {
            weight[s] = 1 / (features * binomial);
            binomial = Math.Round(binomial * (features - 1 - s) / (s + 1));
        }

        var contributions = new double[features];
        for (var coalition = 0; coalition < full; coalition++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)coalition);
            for (var j = 0; j < features; j++)
            {
                if ((coalition & (1 << j)) == 0)
                {
                    contributions[j] += weight[size] * (game[coalition | (1 << j)] - game[coalition]);
                }
            }
        }
        return contributions;
    }
}
