using System.Text.Json.Nodes;

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

    /// <summary>Saves imputer, scaler, classifier, feature names and labels to one NoteGuard model file.</summary>
    public void Save(string path) => throw new NotSupportedException("model files land with the Serialization module");

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    public static TabularModel Load(string path) => throw new NotSupportedException("model files land with the Serialization module: " + path);

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
