using Audit.Data;

namespace Audit.Models.Onnx;

/// <summary>
/// An ONNX model whose probability is a binary logistic ai.onnx.ml LinearClassifier's on the one input tensor:
/// scored by ONNX Runtime, with its log-odds exposed as <c>intercept + Σ coefficient_j · x_j</c> (checked at load
/// within 1e-5 of ONNX Runtime's probability).
/// </summary>
public sealed class OnnxLinearModel : OnnxModel, IAdditiveModel
{
    private readonly string[] columns;

    internal OnnxLinearModel(OnnxScorer scorer, OnnxGraph graph, AdverseTail adverse, string structureNote, LinearParts parts)
        : base(scorer, graph, adverse, structureNote)
    {
        columns = scorer.Layout.Slots[0].Columns;
        Intercept = parts.Intercept;
        Coefficients = parts.Coefficients;
    }

    public string ExplanationSpace => "log-odds";

    /// <summary>The positive class's intercept (<c>intercepts[1]</c>).</summary>
    public double Intercept { get; }

    /// <summary>The positive class's coefficient of each feature, in <see cref="OnnxModel.Features"/> order.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>
    /// <c>coefficient_j · x_j</c> for each feature, where x_j is the value ONNX Runtime sees (the data rounded to
    /// float; a boolean as 0/1). A missing value gives NaN, as it does in the model.
    /// </summary>
    /// <summary>One term per input, in the order of the model's features.</summary>
    public IReadOnlyList<string> TermNames => Features.Select(f => f.Name).ToArray();

    public void Contributions(Table table, int row, Span<double> contributions)
    {
        for (var j = 0; j < columns.Length; j++)
        {
            double x = table.Find(columns[j]) switch
            {
                NumericColumn numeric => numeric[row],
                BooleanColumn boolean => boolean.Values[row] == BooleanColumn.Missing ? double.NaN : boolean.Values[row],
                null => throw new AuditInputException($"the model reads the column '{columns[j]}', which the data does not have", file: Name, column: columns[j],
                    hint: "fix 'model.features', or rename the column in the data"),
                var other => throw new AuditInputException($"the model reads a number and the column '{columns[j]}' is {other.Type.ToString().ToLowerInvariant()}",
                    file: Name, column: columns[j], hint: "encode the column as numbers the way the model was trained"),
            };
            contributions[j] = Coefficients[j] * (float)x;
        }
    }
}
