namespace Audit.Models;

/// <summary>
/// A capability: the model's score (in its explanation space) is an intercept plus one term per input, so each
/// person's contributions are exact in closed form. Linear and logistic specs, scorecards and GAMs have it.
/// </summary>
public interface IAdditiveModel
{
    /// <summary>"points" or "log-odds": the space in which the terms add up exactly.</summary>
    string ExplanationSpace { get; }

    double Intercept { get; }

    /// <summary>The contribution of each term for one row of a table, in term order (the model's <c>Features</c>).</summary>
    void Contributions(Data.Table table, int row, Span<double> contributions);
}
