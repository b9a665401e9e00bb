using System.Text.Json.Nodes;

namespace NoteGuard.Learning.Classical;

/// <summary>
/// A fitted classifier over dense numeric features. Classes are indices 0..<see cref="ClassCount"/>−1; the
/// caller (for example <see cref="TabularModel"/>) maps them to label names.
/// </summary>
public abstract class ClassicalClassifier
{
    /// <summary>The model-file kind: "svm", "logreg", "knn", "forest" or "naive-bayes".</summary>
    public abstract string Kind { get; }

    /// <summary>Number of features each sample must have.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Number of classes (at least 2).</summary>
    public abstract int ClassCount { get; }

    /// <summary>
    /// True when <see cref="PredictScores"/> returns class probabilities (rows sum to 1); false when it returns
    /// uncalibrated scores (still "higher means more likely", usable for ROC-AUC).
    /// </summary>
    public abstract bool ScoresAreProbabilities { get; }

    /// <summary>
    /// Per-class scores, row-major (<c>x.Rows × ClassCount</c>): probabilities when
    /// <see cref="ScoresAreProbabilities"/>, otherwise decision scores.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong number of columns.</exception>
    public abstract double[] PredictScores(FeatureMatrix x);

    /// <summary>The predicted class index of every row.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong number of columns.</exception>
    public virtual int[] Predict(FeatureMatrix x)
    {
        double[] scores = PredictScores(x);
        return ArgMaxRows(scores, ClassCount);
    }

    /// <summary>Writes the fitted parameters: small values go in <paramref name="header"/>, arrays in <paramref name="tensors"/>.</summary>
    internal abstract void Export(JsonObject header, ModelTensors tensors);

    /// <summary>Checks the column count at the public boundary.</summary>
    protected void CheckColumns(FeatureMatrix x)
    {
        Guard.NotNull(x);
        Guard.IsTrue(x.Columns == FeatureCount, $"the model expects {FeatureCount} features, got {x.Columns}", nameof(x));
    }

    internal static int[] ArgMaxRows(ReadOnlySpan<double> scores, int classes)
    {
        int rows = scores.Length / classes;
        var result = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = scores.Slice(r * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            result[r] = best;
        }

        return result;
    }
}

/// <summary>
/// The hyper-parameters of one kind of classifier; <see cref="Fit"/> trains it. Records, so grid search can
/// vary them with <c>with</c>.
/// </summary>
public abstract record ClassifierOptions
{
    /// <summary>The model kind this trains ("svm", "logreg", "knn", "forest", "naive-bayes").</summary>
    public abstract string Kind { get; }

    /// <summary>Trains on <paramref name="x"/> with class indices <paramref name="y"/> in 0..<paramref name="classCount"/>−1.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, a label is out of range, or x contains NaN.</exception>
    public abstract ClassicalClassifier Fit(FeatureMatrix x, ReadOnlySpan<int> y, int classCount);

    /// <summary>A short human description of the settings, e.g. "svm(kernel=rbf, C=1, gamma=scale)".</summary>
    public abstract string Describe();

    internal static void CheckTrainingData(FeatureMatrix x, ReadOnlySpan<int> y, int classCount)
    {
        Guard.NotNull(x);
        // Messages are formatted only on failure (an interpolated message argument is built on every call).
        if (x.Rows != y.Length)
        {
            ThrowHelper.ThrowArgument($"x has {x.Rows} rows but y has {y.Length} labels", nameof(y));
        }

        Guard.IsTrue(x.Rows > 0, "the training set is empty", nameof(x));
        Guard.IsTrue(classCount >= 2, "at least two classes are needed", nameof(classCount));
        foreach (int label in y)
        {
            if ((uint)label >= (uint)classCount)
            {
                ThrowHelper.ThrowArgument($"class index {label} is outside 0..{classCount - 1}", nameof(y));
            }
        }

        Guard.IsTrue(!x.HasMissing(), "the features contain NaN (impute or drop missing values first)", nameof(x));
    }
}
