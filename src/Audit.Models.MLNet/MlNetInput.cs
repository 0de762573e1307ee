using Audit.Data;
using Microsoft.ML.Data;

namespace Audit.Models.MLNet;

/// <summary>
/// One input column of an ML.NET model and the data columns that feed it: one column for a scalar input, the plan's
/// <c>model.features</c> in order for a vector input.
/// </summary>
/// <param name="Name">The model's input column name.</param>
/// <param name="Columns">The data columns read, in order.</param>
/// <param name="ColumnType">The type of data column the input takes.</param>
public sealed record MlNetInput(string Name, IReadOnlyList<string> Columns, ColumnType ColumnType)
{
    /// <summary>The ML.NET type the model expects, exactly (the scoring view declares it).</summary>
    internal DataViewType Type { get; init; } = NumberDataViewType.Single;

    internal MlNetInputKind Kind { get; init; }

    /// <summary>ML.NET's name for the input's type ("Single", "Vector&lt;Single, 3&gt;").</summary>
    public string TypeName => Type.ToString() ?? "";

    /// <summary>Values per row: the vector's length, 1 for a scalar.</summary>
    internal int Width => Columns.Count;
}

/// <summary>The kinds of ML.NET input the loader can supply from a table.</summary>
internal enum MlNetInputKind
{
    /// <summary>Single (float): a numeric column converted to float, NaN where missing.</summary>
    Single,

    /// <summary>Double: a numeric column as it is, NaN where missing.</summary>
    Double,

    /// <summary>Boolean: true/false or 0/1; ML.NET has no missing boolean, so a missing value is an error.</summary>
    Boolean,

    /// <summary>Text: a categorical column's labels; a missing value is the empty text.</summary>
    Text,

    /// <summary>A vector of Single of known length: one numeric column per element.</summary>
    SingleVector,
}
