using System.Text.Json.Nodes;
using NoteGuard.Learning.Serialization;

namespace NoteGuard.Learning.Classical;

/// <summary>How to build a <see cref="TabularModel"/>: the classifier and the preparation fitted before it.</summary>
public sealed record TabularModelOptions
{
    /// <summary>The classifier and its hyper-parameters.</summary>
    public required ClassifierOptions Classifier { get; init; }

    /// <summary>Feature scaling fitted on the training rows. Default none.</summary>
    public ScalingMethod Scaling { get; init; }

    /// <summary>Missing-value handling fitted on the training rows. Default none (NaN is an error).</summary>
    public ImputationMethod Imputation { get; init; }

    /// <summary>Human-readable summary, e.g. "standardize + svm(kernel=rbf, C=1, gamma=scale)".</summary>
    public string Describe()
    {
        string prefix = Imputation is ImputationMethod.None ? string.Empty : $"impute {MissingValueImputer.MethodName(Imputation)} + ";
        prefix += Scaling is ScalingMethod.None ? string.Empty : $"{FeatureScaler.MethodName(Scaling)} + ";
        return prefix + Classifier.Describe();
    }
}

/// <summary>
/// A classifier with the imputer and scaler fitted on its training data and the names of its features and
/// labels: everything needed to predict from raw table rows, saved together in one model file.
/// </summary>
public sealed class TabularModel
{
    /// <summary>The <c>format</c> field of the model-file header of every tabular model.</summary>
    public const string HeaderFormat = "noteguard-tabular/1";

    internal TabularModel(
        IReadOnlyList<string> featureNames, IReadOnlyList<string> labels, MissingValueImputer imputer, FeatureScaler scaler,
        ClassicalClassifier classifier, string description)
    {
        FeatureNames = featureNames;
        Labels = labels;
        Imputer = imputer;
        Scaler = scaler;
        Classifier = classifier;
        Description = description;
    }

    /// <summary>Feature (column) names in the order the model expects them.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Label of each class index.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Missing-value handling fitted on the training rows.</summary>
    public MissingValueImputer Imputer { get; }

    /// <summary>Scaling fitted on the training rows.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The fitted classifier (on imputed and scaled features).</summary>
    public ClassicalClassifier Classifier { get; }

    /// <summary>What was trained, e.g. "standardize + svm(kernel=rbf, C=1, gamma=scale)".</summary>
    public string Description { get; }

    /// <summary>
    /// Fits imputer, scaler and classifier on training rows. With <see cref="ImputationMethod.Drop"/> rows holding
    /// NaN are left out.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes or labels disagree, a class has no rows, or NaN remains without imputation.</exception>
    public static TabularModel Fit(
        FeatureMatrix x, ReadOnlySpan<int> y, IReadOnlyList<string> labels, IReadOnlyList<string> featureNames, TabularModelOptions options)
    {
        Guard.NotNull(x);
        Guard.NotNull(labels);
        Guard.NotNull(featureNames);
        Guard.NotNull(options);
        Guard.IsTrue(featureNames.Count == x.Columns, "one feature name per column is required", nameof(featureNames));
        int[] targets = y.ToArray();
        if (options.Imputation == ImputationMethod.Drop)
        {
            (x, targets) = DropMissing(x, targets);
        }

        var imputer = MissingValueImputer.Fit(x, options.Imputation);
        var imputed = imputer.Transform(x);
        var scaler = FeatureScaler.Fit(imputed, options.Scaling);
        var prepared = scaler.Transform(imputed);
        var classifier = options.Classifier.Fit(prepared, targets, labels.Count);
        return new TabularModel([.. featureNames], [.. labels], imputer, scaler, classifier, options.Describe());
    }

    /// <summary>Imputes and scales raw rows as at training time.</summary>
    /// <exception cref="ArgumentException">Wrong column count, or a NaN the imputer cannot fill (the message names the row, 0-based).</exception>
    public FeatureMatrix Prepare(FeatureMatrix x)
    {
        Guard.NotNull(x);
        Guard.IsTrue(x.Columns == FeatureNames.Count, $"the model expects {FeatureNames.Count} features, got {x.Columns}", nameof(x));
        var prepared = Scaler.Transform(Imputer.Transform(x));
        for (int r = 0; r < prepared.Rows; r++)
        {
            var row = prepared.Row(r);
            int bad = row.IndexOfAnyExceptInRange(double.MinValue, double.MaxValue);
            Guard.IsTrue(bad < 0, $"row {r} has a missing value in feature '{(bad < 0 ? string.Empty : FeatureNames[bad])}'", nameof(x));
        }

        return prepared;
    }

    /// <summary>Predicted class index per row.</summary>
    public int[] Predict(FeatureMatrix x) => Classifier.Predict(Prepare(x));

    /// <summary>Per-class scores (probabilities when <see cref="ClassicalClassifier.ScoresAreProbabilities"/>), rows × classes.</summary>
    public double[] PredictScores(FeatureMatrix x) => Classifier.PredictScores(Prepare(x));

    /// <summary>
    /// Saves imputer, scaler, classifier, feature names and labels to one NoteGuard model file
    /// (docs/classical.md describes the header and tensors of every kind).
    /// </summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        Guard.NotNull(path);
        ToModelFile().Save(path);
    }

    /// <summary>The model as a <see cref="ModelFile"/> (kind svm, logreg, knn, forest or naive-bayes).</summary>
    public ModelFile ToModelFile()
    {
        var header = new JsonObject { ["format"] = HeaderFormat };
        var tensors = new ModelTensors();
        Export(header, tensors);
        var file = new ModelFile { Kind = Classifier.Kind, Header = header, Labels = [.. Labels] };
        foreach (string name in tensors.Names)
        {
            tensors.TryGet(name, out int[] shape, out double[]? doubles, out int[]? ints);
            file.Tensors.Add(doubles is not null ? new StoredTensor(name, shape, doubles) : new StoredTensor(name, shape, ints!));
        }

        return file;
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidModelException">Not a NoteGuard model file, not a tabular model, or inconsistent content.</exception>
    public static TabularModel Load(string path)
    {
        Guard.NotNull(path);
        var file = ModelFile.Load(path);
        return FromModelFile(file, path);
    }

    /// <summary>Rebuilds a model from a <see cref="ModelFile"/>; every shape and index is checked.</summary>
    /// <exception cref="InvalidModelException">Not a tabular model, or inconsistent content.</exception>
    public static TabularModel FromModelFile(ModelFile file, string? source = null)
    {
        Guard.NotNull(file);
        string where = source ?? "model";
        try
        {
            var header = file.Header;
            if (header["format"]?.GetValue<string>() != HeaderFormat)
            {
                throw new ClassicalModelFormatException($"not a tabular model (header format is not '{HeaderFormat}'; kind '{file.Kind}')");
            }

            var tensors = new ModelTensors();
            foreach (var tensor in file.Tensors)
            {
                int[] shape = [.. tensor.Shape];
                switch (tensor.DataType)
                {
                    case TensorDataType.Float64:
                        tensors.Add(tensor.Name, tensor.AsFloat64(), shape);
                        break;
                    case TensorDataType.Int32:
                        tensors.Add(tensor.Name, tensor.AsInt32(), shape);
                        break;
                    default:
                        throw new ClassicalModelFormatException($"tensor '{tensor.Name}' has type {tensor.DataType}; tabular models store float64 and int32 only");
                }
            }

            var names = header["feature_names"] as JsonArray ?? throw new ClassicalModelFormatException("header field 'feature_names' is missing");
            string[] featureNames = [.. names.Select(n => n?.GetValue<string>() ?? throw new ClassicalModelFormatException("a feature name is null"))];
            if (featureNames.Length == 0)
            {
                throw new ClassicalModelFormatException("the model has no features");
            }

            var classifierHeader = header["classifier"] as JsonObject ?? throw new ClassicalModelFormatException("header field 'classifier' is missing");
            ClassicalClassifier classifier = file.Kind switch
            {
                "svm" => Svm.SvmClassifier.Import(classifierHeader, tensors),
                "logreg" => Linear.LogisticRegression.Import(classifierHeader, tensors),
                "knn" => Neighbors.KNearestNeighbors.Import(classifierHeader, tensors),
                "forest" => Trees.RandomForest.Import(classifierHeader, tensors),
                "naive-bayes" => Bayes.GaussianNaiveBayes.Import(classifierHeader, tensors),
                _ => throw new ClassicalModelFormatException($"unknown tabular model kind '{file.Kind}'"),
            };
            if (classifier.FeatureCount != featureNames.Length)
            {
                throw new ClassicalModelFormatException($"the classifier expects {classifier.FeatureCount} features but {featureNames.Length} are named");
            }

            if (classifier.ClassCount != file.Labels.Count)
            {
                throw new ClassicalModelFormatException($"the classifier has {classifier.ClassCount} classes but the file has {file.Labels.Count} labels");
            }

            var imputer = MissingValueImputer.Import(header, tensors, featureNames.Length);
            var scaler = FeatureScaler.Import(header, tensors, featureNames.Length);
            string description = header["description"]?.GetValue<string>() ?? file.Kind;
            return new TabularModel(featureNames, [.. file.Labels], imputer, scaler, classifier, description);
        }
        catch (ClassicalModelFormatException ex)
        {
            throw new InvalidModelException($"{where}: {ex.Message}") { SourceName = source };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new InvalidModelException($"{where}: malformed tabular model header ({ex.Message})", ex) { SourceName = source };
        }
    }

    internal void Export(JsonObject header, ModelTensors tensors)
    {
        header["description"] = Description;
        header["feature_names"] = new JsonArray([.. FeatureNames.Select(n => (JsonNode?)JsonValue.Create(n))]);
        Imputer.Export(header, tensors);
        Scaler.Export(header, tensors);
        var classifierHeader = new JsonObject();
        Classifier.Export(classifierHeader, tensors);
        header["classifier"] = classifierHeader;
    }

    private static (FeatureMatrix X, int[] Y) DropMissing(FeatureMatrix x, int[] y)
    {
        var keep = new List<int>(x.Rows);
        for (int r = 0; r < x.Rows; r++)
        {
            if (!x.Row(r).ContainsAnyExceptInRange(double.MinValue, double.MaxValue))
            {
                keep.Add(r);
            }
        }

        int[] rows = [.. keep];
        return (x.SelectRows(rows), rows.Select(r => y[r]).ToArray());
    }
}
