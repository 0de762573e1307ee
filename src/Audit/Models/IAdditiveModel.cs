namespace Audit.Models;

/// <summary>
/// A capability: the model's score (in its explanation space) is an intercept plus one term per input, so each
/// person's contributions are exact in closed form. Linear and logistic specs, scorecards and GAMs have it.
/// </summary>
public interface IAdditiveModel
{
    /// <summary>"points" or "log-odds": the space in which the terms add up exactly.</summary>
    string ExplanationSpace { get; }

    /// <summary>The constant term (NaN when a spec gives it only by sign or interval, or not at all).</summary>
    double Intercept { get; }

    /// <summary>The terms, in the order <see cref="Contributions"/> writes them: one per input, then any interaction terms.</summary>
    IReadOnlyList<string> TermNames { get; }

    /// <summary>
    /// The contribution of each term for one row of a table, in the order of <see cref="TermNames"/>
    /// (<paramref name="contributions"/> holds at least <c>TermNames.Count</c> values); they add up to the score
    /// minus the intercept in the explanation space.
    /// </summary>
    void Contributions(Data.Table table, int row, Span<double> contributions);

    /// <summary>
    /// The input features term <paramref name="term"/> reads: itself for a main effect (the default), every feature
    /// its conditions name for an interaction. Explanations give an interaction's share back to these features.
    /// Exact recourse keeps the features an interaction links in one block.
    /// </summary>
    IReadOnlyList<string> TermInputs(int term) => [TermNames[term]];

    /// <summary>
    /// Every row's contributions, term by term (<c>result[term][row]</c>). The default asks <see cref="Contributions"/>
    /// row by row; a model that can do a column at a time overrides it.
    /// </summary>
    double[][] AllContributions(Data.Table table)
    {
        var result = TermNames.Select(_ => new double[table.RowCount]).ToArray();
        var one = new double[TermNames.Count];
        for (var row = 0; row < table.RowCount; row++)
        {
            Contributions(table, row, one);
            for (var t = 0; t < one.Length; t++)
            {
                result[t][row] = one[t];
            }
        }
        return result;
    }

    /// <summary>
    /// The score for an explanation-space sum (intercept plus terms), monotone: by default the logistic of log-odds
    /// (the score is the probability) and the sum itself in points.
    /// </summary>
    double ScoreFromSum(double sum) => ExplanationSpace == "log-odds" ? 1.0 / (1.0 + Math.Exp(-sum)) : sum;
}
