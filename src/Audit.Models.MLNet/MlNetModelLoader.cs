using System.IO.Compression;
using Audit.Data;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Audit.Models.MLNet;

/// <summary>
/// Loads a model saved by ML.NET (<c>mlContext.Model.Save(model, data.Schema, "model.zip")</c>) as an
/// <see cref="MlNetModel"/>: reads the input schema saved with it, keeps the inputs the chosen output depends on,
/// maps each to a data column (same name, or the plan's <c>model.inputs</c>; a vector input takes the plan's
/// <c>model.features</c> in order), and reads the <c>Probability</c> output (the default when the model has one) or
/// the <c>Score</c> output (<c>model.output: score</c>). When the last transformer is a FastTree or LightGBM binary
/// classifier, or a linear binary classifier, over a feature vector that plainly copies numeric columns, the model
/// also exposes its trees (<see cref="MlNetTreeEnsembleModel"/>) or its weights (<see cref="MlNetLinearModel"/>).
/// Every problem with the file or its mapping is an <see cref="AuditInputException"/> naming the file, with a hint.
/// </summary>
public sealed class MlNetModelLoader : IModelLoader
{
    /// <summary>
    /// The MLContext's seed. Scoring draws no random numbers; a fixed seed keeps it so should a component ever do.
    /// </summary>
    public const int Seed = 1;

    /// <summary>The output ML.NET's binary classifiers add after calibration: P(positive class).</summary>
    public const string ProbabilityColumn = "Probability";

    /// <summary>The raw output of every ML.NET predictor (a margin for a classifier, the prediction for a regression).</summary>
    public const string ScoreColumn = "Score";

    private const string SaveHint = "save the model with mlContext.Model.Save(model, trainingData.Schema, \"model.zip\")";

    public string Kind => "ML.NET model (.zip)";

    /// <summary>
    /// A file named <c>.zip</c> (ML.NET's extension: claiming it lets this loader say what is wrong with a <c>.zip</c>
    /// that is not a model), or a zip archive by any name whose entries are those of an ML.NET model.
    /// </summary>
    public bool CanLoad(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
            {
                return false;
            }
            stream.Position = 0;
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            return archive.Entries.Any(IsModelEntry);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    IScoringModel IModelLoader.Load(ModelFileSpec spec) => Load(spec);

    public MlNetModel Load(ModelFileSpec spec)
    {
        CheckArchive(spec);
        var context = new MLContext(Seed);
        // Models name the assembly of each component; registering the learners' assemblies makes sure they are found.
        context.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryModelParameters).Assembly);
        context.ComponentCatalog.RegisterAssembly(typeof(LightGbmBinaryModelParameters).Assembly);
        ITransformer transformer;
        DataViewSchema? inputSchema;
        try
        {
            transformer = context.Model.Load(spec.Path, out inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw CannotLoad(spec, e);
        }
        if (inputSchema is null)
        {
            throw new AuditInputException("the model was saved without its input schema", file: spec.Display,
                expected: "the schema of the data the model reads", hint: SaveHint);
        }
        DataViewSchema outputSchema;
        try
        {
            outputSchema = transformer.GetOutputSchema(inputSchema);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw CannotLoad(spec, e);
        }
        var output = OutputOf(spec, outputSchema);
        var needed = Dependencies(transformer, inputSchema, outputSchema[output]);
        var inputs = Inputs(spec, inputSchema, needed);
        var transformers = Flatten(transformer);
        var predictor = transformers.Count > 0 ? transformers[^1] as ISingleFeaturePredictionTransformer<object> : null;
        var parts = new MlNetModelParts(spec.Display, spec.Adverse, transformer, inputs, output, Describe(predictor?.Model));
        return predictor is null ? new MlNetModel(parts) : WithStructure(parts, transformers[..^1], predictor);
    }

    private static AuditInputException CannotLoad(ModelFileSpec spec, Exception e) =>
        new("ML.NET cannot load this model", file: spec.Display, found: e.Message,
            hint: "Audit reads models made with ML.NET 5 and the learners in Microsoft.ML, FastTree and LightGbm; " +
                  "a model using other ML.NET packages (ONNX, TensorFlow, images) needs them: export it to ONNX instead", inner: e);

    /// <summary>An entry that ML.NET's model format writes: a model key file, or the folders a chain or a predictor uses.</summary>
    private static bool IsModelEntry(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith("Model.key", StringComparison.Ordinal)
        || entry.FullName.StartsWith("TransformerChain/", StringComparison.Ordinal)
        || entry.FullName.StartsWith("Model/", StringComparison.Ordinal);

    private static void CheckArchive(ModelFileSpec spec)
    {
        try
        {
            using var archive = ZipFile.OpenRead(spec.Path);
            CheckBounds(spec, archive);
            if (!archive.Entries.Any(IsModelEntry))
            {
                throw new AuditInputException("the zip archive does not hold an ML.NET model", file: spec.Display,
                    expected: "the entries ML.NET writes (Model.key, TransformerChain/...)",
                    found: archive.Entries.Count == 0 ? "an empty archive" : string.Join(", ", archive.Entries.Take(3).Select(e => e.FullName)),
                    hint: SaveHint + ", or name another kind of model file");
            }
        }
        catch (InvalidDataException e)
        {
            throw new AuditInputException("not a zip archive", file: spec.Display, expected: "an ML.NET model (.zip)",
                hint: "an ML.NET model is the .zip file that mlContext.Model.Save writes; check the path in 'model.file'", inner: e);
        }
    }

    /// <summary>Most entries an ML.NET model archive may hold (a 500-tree LightGBM chain writes a few dozen).</summary>
    public const int MaxArchiveEntries = 10_000;

    /// <summary>Largest total uncompressed size of the archive's entries (4 GiB; a 500-tree model is a few MB).</summary>
    public const long MaxUncompressedBytes = 4L << 30;

    /// <summary>
    /// Refuses an archive that would unpack to far more than a model needs (a "zip bomb": a few KB that inflate to
    /// terabytes) before ML.NET reads it. The sizes are those the archive declares; .NET's zip reader stops an entry that
    /// inflates past its declared size, so a lying header cannot get round the bound.
    /// </summary>
    private static void CheckBounds(ModelFileSpec spec, ZipArchive archive)
    {
        if (archive.Entries.Count > MaxArchiveEntries)
        {
            throw new AuditInputException($"the zip archive holds more than {MaxArchiveEntries:N0} entries", file: spec.Display,
                found: $"{archive.Entries.Count:N0} entries", hint: "an ML.NET model holds a few dozen entries; check that this is the model file");
        }
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            total += entry.Length;
            if (total > MaxUncompressedBytes || entry.Length < 0)
            {
                throw new AuditInputException("the zip archive would unpack to more than 4 GiB", file: spec.Display,
                    found: $"entry '{entry.FullName}' brings it to {total:N0} bytes",
                    hint: "an ML.NET model unpacks to a few MB; a file that unpacks to this much is not a model (or is a zip bomb)");
            }
        }
    }

    /// <summary>The output column read: the plan's choice, or Probability when the model has one and Score otherwise.</summary>
    private static string OutputOf(ModelFileSpec spec, DataViewSchema outputSchema)
    {
        var wanted = spec.Output?.Trim().ToLowerInvariant() switch
        {
            null => outputSchema.GetColumnOrNull(ProbabilityColumn) is null ? ScoreColumn : ProbabilityColumn,
            "probability" => ProbabilityColumn,
            "score" => ScoreColumn,
            _ => throw new AuditInputException("not an output Audit reads from an ML.NET model", file: spec.Display, keyPath: "model.output",
                expected: "probability or score", found: spec.Output, hint: "write 'output: probability' (the default when the model has it) or 'output: score'"),
        };
        if (outputSchema.GetColumnOrNull(wanted) is not { } column)
        {
            throw new AuditInputException($"the model has no {wanted} output", file: spec.Display, keyPath: spec.Output is null ? null : "model.output",
                expected: "an output named " + wanted, found: string.Join(", ", outputSchema.Where(c => !c.IsHidden).Select(c => c.Name)),
                hint: wanted == ProbabilityColumn
                    ? "this model gives no probability (it is not a calibrated binary classifier): write 'output: score'"
                    : "Audit reads the Score or Probability output of an ML.NET predictor; the model's last step must be one");
        }
        if (column.Type != NumberDataViewType.Single)
        {
            throw new AuditInputException($"the model's {wanted} output is not one number per row", file: spec.Display,
                expected: "Single", found: column.Type.ToString(),
                hint: "Audit audits one score per person: a binary classifier or a regression model (a multiclass model gives a vector)");
        }
        return wanted;
    }

    /// <summary>The input columns the output depends on (the saved schema also holds the label and other training columns).</summary>
    private static List<DataViewSchema.Column> Dependencies(ITransformer transformer, DataViewSchema inputSchema, DataViewSchema.Column output)
    {
        var visible = inputSchema.Where(c => !c.IsHidden).ToList();
        try
        {
            var mapper = transformer.GetRowToRowMapper(inputSchema);
            var needed = mapper.GetDependencies([mapper.OutputSchema[output.Name]]).Select(c => c.Index).ToHashSet();
            return visible.Where(c => needed.Contains(c.Index)).ToList();
        }
        catch (InvalidOperationException)
        {
            // A transformer that is not row to row: every input may be needed.
            return visible;
        }
    }

    private static List<MlNetInput> Inputs(ModelFileSpec spec, DataViewSchema inputSchema, List<DataViewSchema.Column> needed)
    {
        foreach (var key in spec.Inputs.Keys)
        {
            if (inputSchema.GetColumnOrNull(key) is null)
            {
                throw new AuditInputException($"the model has no input '{key}'", file: spec.Display, keyPath: "model.inputs",
                    expected: "one of " + string.Join(", ", needed.Select(c => c.Name)), found: key,
                    hint: "the keys of 'model.inputs' are the model's input names, the values the data's column names");
            }
        }
        var inputs = new List<MlNetInput>();
        foreach (var column in needed)
        {
            var (kind, columnType) = column.Type switch
            {
                _ when column.Type == NumberDataViewType.Single => (MlNetInputKind.Single, ColumnType.Numeric),
                _ when column.Type == NumberDataViewType.Double => (MlNetInputKind.Double, ColumnType.Numeric),
                BooleanDataViewType => (MlNetInputKind.Boolean, ColumnType.Boolean),
                TextDataViewType => (MlNetInputKind.Text, ColumnType.Categorical),
                VectorDataViewType { Size: > 0 } v when v.ItemType == NumberDataViewType.Single => (MlNetInputKind.SingleVector, ColumnType.Numeric),
                _ => throw new AuditInputException($"the model's input '{column.Name}' has a type Audit cannot supply", file: spec.Display,
                    expected: "Single, Double, Boolean, text, or a vector of Single of known length", found: column.Type.ToString(),
                    hint: "convert the column inside the ML.NET pipeline (ConvertType) and save the model again"),
            };
            IReadOnlyList<string> columns;
            if (kind == MlNetInputKind.SingleVector)
            {
                if (inputs.Any(i => i.Kind == MlNetInputKind.SingleVector))
                {
                    throw new AuditInputException("the model has more than one vector input; Audit fills one, from 'model.features'", file: spec.Display,
                        found: string.Join(", ", needed.Where(c => c.Type is VectorDataViewType).Select(c => c.Name)),
                        hint: "concatenate the vectors inside the ML.NET pipeline, so that the model reads named columns");
                }
                var size = ((VectorDataViewType)column.Type).Size;
                columns = spec.Features ?? (spec.ForInspection ? ModelFileSpec.Placeholders(size) : null) ?? throw new AuditInputException(
                    $"the model's input '{column.Name}' is a vector of {size} numbers; the plan must say which data columns fill it",
                    file: spec.Display, keyPath: "model.features", expected: $"a list of {size} data columns, in the model's order",
                    hint: "add 'features: [column1, column2, ...]' under 'model'");
                if (columns.Count != size)
                {
                    throw new AuditInputException($"the model's input '{column.Name}' is a vector of {size} numbers", file: spec.Display,
                        keyPath: "model.features", expected: $"{size} data columns", found: columns.Count == 1 ? "1 column" : $"{columns.Count} columns",
                        hint: "list the columns in the order the model was trained with");
                }
            }
            else
            {
                columns = [spec.Inputs.TryGetValue(column.Name, out var mapped) ? mapped : column.Name];
            }
            inputs.Add(new MlNetInput(column.Name, columns, columnType) { Type = column.Type, Kind = kind });
        }
        if (spec.Features is not null && !inputs.Any(i => i.Kind == MlNetInputKind.SingleVector))
        {
            throw new AuditInputException("'model.features' applies to a model that reads one vector of numbers; this model reads named inputs",
                file: spec.Display, keyPath: "model.features", expected: "no 'features' key", found: string.Join(", ", inputs.Select(i => i.Name)),
                hint: "remove 'features'; map inputs whose names differ from the data's columns with 'model.inputs'");
        }
        return inputs;
    }

    /// <summary>The model's transformers in order, nested chains unrolled.</summary>
    private static List<ITransformer> Flatten(ITransformer transformer)
    {
        var list = new List<ITransformer>();
        if (transformer is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain)
            {
                list.AddRange(Flatten(inner));
            }
        }
        else
        {
            list.Add(transformer);
        }
        return list;
    }

    /// <summary>The model with the capability its predictor allows (trees, or additive terms), or without one.</summary>
    private static MlNetModel WithStructure(MlNetModelParts parts, List<ITransformer> before, ISingleFeaturePredictionTransformer<object> predictor)
    {
        var probability = parts.OutputColumn == ProbabilityColumn;
        var (ensemble, treePlatt) = predictor.Model switch
        {
            CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> c => (c.SubModel.TrainedTreeEnsemble, c.Calibrator),
            CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> c => (c.SubModel.TrainedTreeEnsemble, c.Calibrator),
            FastTreeBinaryModelParameters m => (m.TrainedTreeEnsemble, null),
            LightGbmBinaryModelParameters m => (m.TrainedTreeEnsemble, null),
            _ => ((RegressionTreeEnsemble?)null, (PlattCalibrator?)null),
        };
        var (linear, linearPlatt) = predictor.Model switch
        {
            CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> c => (c.SubModel, c.Calibrator),
            LinearBinaryModelParameters m => (m, null),
            _ => ((LinearBinaryModelParameters?)null, (PlattCalibrator?)null),
        };
        var platt = treePlatt ?? linearPlatt;
        if ((ensemble is null && linear is null) || (probability && platt is null))
        {
            return new MlNetModel(parts);
        }
        var slots = FeatureSlotProbe.Map(before, predictor.FeatureColumnName, parts.Inputs);
        if (slots is null)
        {
            return new MlNetModel(parts);
        }
        // p = 1 / (1 + exp(a·s + b)) = logistic(−a·s − b): the calibrated log-odds are −a·s − b.
        var scale = probability ? -platt!.Slope : 1.0;
        var offset = probability ? -platt!.Offset : 0.0;
        if (ensemble is not null)
        {
            var features = slots.Distinct().ToArray();
            var slotFeature = slots.Select(s => Array.IndexOf(features, s)).ToArray();
            var trees = MlNetTreeConversion.Convert(ensemble, slotFeature, scale);
            return trees is null
                ? new MlNetModel(parts)
                : new MlNetTreeEnsembleModel(parts, features, trees, offset, probability ? "logistic" : "identity");
        }
        var weights = linear!.Weights;
        if (weights.Count != slots.Length)
        {
            return new MlNetModel(parts);
        }
        var coefficients = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var s = 0; s < slots.Length; s++)
        {
            coefficients[slots[s]] = coefficients.GetValueOrDefault(slots[s]) + scale * weights[s];
        }
        return new MlNetLinearModel(parts, probability ? "log-odds" : "points", scale * linear.Bias + offset, coefficients);
    }

    /// <summary>The predictor in words: its learner and, when calibrated, its calibrator.</summary>
    private static string Describe(object? model)
    {
        if (model is null)
        {
            return "ML.NET pipeline";
        }
        for (var type = model.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>))
            {
                var arguments = type.GetGenericArguments();
                return $"{Learner(arguments[0])}, {(arguments[1] == typeof(PlattCalibrator) ? "Platt-calibrated" : "calibrated by " + arguments[1].Name)}";
            }
        }
        return Learner(model.GetType());
    }

    private static string Learner(Type type) =>
        type == typeof(FastTreeBinaryModelParameters) ? "FastTree binary classifier"
        : type == typeof(LightGbmBinaryModelParameters) ? "LightGBM binary classifier"
        : type == typeof(LinearBinaryModelParameters) ? "linear binary classifier"
        : type == typeof(FastTreeRegressionModelParameters) ? "FastTree regression"
        : type == typeof(LightGbmRegressionModelParameters) ? "LightGBM regression"
        : type.Name;
}
