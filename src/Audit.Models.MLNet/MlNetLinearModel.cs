using Audit.Data;

namespace Audit.Models.MLNet;

/// <summary>
/// An ML.NET linear binary classifier (SDCA or L-BFGS logistic regression, averaged perceptron, linear SVM) whose
/// weights Audit reads (<see cref="IAdditiveModel"/>). Scores still come from ML.NET; the terms reproduce them.
/// <para>
/// ML.NET's raw score is <c>s = bias + Σ w_j·x_j</c> over the feature vector, in single precision. Its probability
/// is Platt's calibration <c>p = 1 / (1 + exp(a·s + b))</c> (for logistic regression a = −1 and b = 0), the logistic of
/// <c>−a·s − b</c>: with the probability as the score the explanation space is log-odds, the intercept is
/// <c>−a·bias − b</c> and a feature's term is <c>−a·w·x</c>. With the raw score (<c>model.output: score</c>) the space
/// is points: the intercept is the bias and the term <c>w·x</c>. A term uses the value ML.NET sees, the data's value
/// rounded to Single; a column feeding several vector slots adds their weights.
/// </para>
/// </summary>
public sealed class MlNetLinearModel : MlNetModel, IAdditiveModel
{
    private readonly double[] coefficients;

    internal MlNetLinearModel(MlNetModelParts parts, string explanationSpace, double intercept, IReadOnlyDictionary<string, double> coefficientByColumn)
        : base(parts)
    {
        ExplanationSpace = explanationSpace;
        Intercept = intercept;
        coefficients = Features.Select(f => coefficientByColumn.GetValueOrDefault(f.Name)).ToArray();
    }

    public string ExplanationSpace { get; }

    public double Intercept { get; }

    /// <summary>Each feature's coefficient in the explanation space, in the order of <see cref="MlNetModel.Features"/>.</summary>
    public IReadOnlyList<double> Coefficients => coefficients;

    /// <summary>One term per input, in the order of the model's features.</summary>
    public IReadOnlyList<string> TermNames => Features.Select(f => f.Name).ToArray();

    public void Contributions(Table table, int row, Span<double> contributions)
    {
        for (var t = 0; t < coefficients.Length; t++)
        {
            var name = Features[t].Name;
            var column = table.Find(name)
                ?? throw new AuditInputException($"the data has no column '{name}', which the model reads", file: File, column: name);
            double x = column switch
            {
                NumericColumn numeric => (float)numeric[row],
                BooleanColumn boolean => boolean.Values[row] == BooleanColumn.Missing ? double.NaN : boolean.Values[row],
                _ => throw new AuditInputException("the model reads a number from a column of text", file: File, column: name, expected: "numbers"),
            };
            contributions[t] = coefficients[t] == 0 ? 0 : coefficients[t] * x;
        }
    }
}
