using System.Diagnostics;
using System.Globalization;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Features;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;

namespace NoteGuard.Inspection.Training;

/// <summary>Settings of <see cref="TextureTrainer"/>.</summary>
public sealed record TextureTrainerOptions
{
    /// <summary>
    /// SVM regularisation values tried (each &gt; 0); the one with the best validation accuracy is kept, the smallest on
    /// a tie. Default 1, 10, 100.
    /// </summary>
    public IReadOnlyList<double> CValues { get; init; } = [1, 10, 100];

    /// <summary>Seed of the SVM's probability calibration (its internal cross-validation folds).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Once C is chosen on the validation images, fit the final SVM on the training and validation images together
    /// (default true; the test images are never used). False keeps the SVM fitted on the training images alone.
    /// </summary>
    public bool RefitWithValidation { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Guard.IsTrue(CValues.Count > 0, "at least one C value is needed.", nameof(CValues));
        foreach (double c in CValues)
        {
            Guard.IsTrue(double.IsFinite(c) && c > 0, $"C must be a positive number, not {c.ToString(CultureInfo.InvariantCulture)}.", nameof(CValues));
        }
    }
}

/// <summary>One SVM regularisation value tried and how it did.</summary>
/// <param name="C">The SVM's C.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation images (NaN without validation images).</param>
/// <param name="SupportVectors">Support vectors of the fitted SVM.</param>
public sealed record TextureCandidate(double C, double ValidationAccuracy, int SupportVectors);

/// <summary>What <see cref="TextureTrainer.Train"/> produced.</summary>
/// <param name="Classifier">Standardisation + RBF SVM with probabilities, fitted on <paramref name="FittedImages"/> descriptors.</param>
/// <param name="Chosen">The candidate kept (its support-vector count is that of the fit on the training images alone).</param>
/// <param name="Candidates">Every candidate, in the order tried.</param>
/// <param name="FittedImages">Images the final SVM was fitted on: the training images, plus the validation images when refit.</param>
/// <param name="Skipped">Images that could not be read.</param>
/// <param name="Seconds">Wall-clock seconds of descriptors and fitting.</param>
public sealed record TextureTrainingResult(TabularModel Classifier, TextureCandidate Chosen, IReadOnlyList<TextureCandidate> Candidates, int FittedImages, IReadOnlyList<DatasetIssue> Skipped, double Seconds);

/// <summary>
/// Trains the <c>texture-svm</c> model: <see cref="TextureFeatures"/> of every training image (preprocessed with the
/// preset, no augmentation), standardised, classified by an RBF SVM (gamma = 1 / (features × variance), as
/// scikit-learn's "scale") with Platt-calibrated probabilities; C is chosen on the validation images, and the final
/// SVM is then refit on training and validation images together (<see cref="TextureTrainerOptions.RefitWithValidation"/>).
/// </summary>
public static class TextureTrainer
{
    /// <summary>
    /// Fits one SVM per C on <paramref name="train"/> and keeps the most accurate on <paramref name="validation"/> (the
    /// first when there are no validation images). <paramref name="log"/> receives one line per stage.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, a preset that is not RGB 0..1, or a label outside <paramref name="classes"/>.</exception>
    /// <exception cref="InvalidDatasetException">A class has no readable training image.</exception>
    public static TextureTrainingResult Train(
        IReadOnlyList<DatasetItem> train, IReadOnlyList<DatasetItem> validation, IReadOnlyList<string> classes, PreprocessingPreset preset,
        TextureTrainerOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(train);
        Guard.NotNull(validation);
        Guard.NotNull(classes);
        Guard.NotNull(preset);
        Guard.NotNull(options);
        options.Validate();
        Guard.IsTrue(TextureFeatures.PresetProblem(preset) is null, TextureFeatures.PresetProblem(preset) ?? string.Empty, nameof(preset));
        var clock = Stopwatch.StartNew();
        var skipped = new List<DatasetIssue>();
        var (x, y) = Describe(train, classes, preset, skipped, cancellationToken);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"texture: descriptors of {x.Rows} training images in {clock.Elapsed.TotalSeconds:F1} s"));
        for (int c = 0; c < classes.Count; c++)
        {
            if (Array.IndexOf(y, c) < 0)
            {
                throw new InvalidDatasetException($"class '{classes[c]}' has no readable training image");
            }
        }

        var (vx, vy) = validation.Count > 0 ? Describe(validation, classes, preset, skipped, cancellationToken) : (new FeatureMatrix(0, TextureFeatures.Length), []);
        var candidates = new List<TextureCandidate>();
        TabularModel? best = null;
        TextureCandidate? chosen = null;
        foreach (double c in options.CValues)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = Fit(x, y, classes, c, options.Seed);
            double accuracy = vx.Rows > 0 ? Accuracy(model, vx, vy) : double.NaN;
            var candidate = new TextureCandidate(c, accuracy, ((SvmClassifier)model.Classifier).SupportVectorCount);
            candidates.Add(candidate);
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"texture: C {c}: validation accuracy {accuracy:F4}, {candidate.SupportVectors} support vectors"));
            if (chosen is null || accuracy > chosen.ValidationAccuracy)
            {
                chosen = candidate;
                best = model;
            }
        }

        int fitted = x.Rows;
        if (options.RefitWithValidation && vx.Rows > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var all = new FeatureMatrix(x.Rows + vx.Rows, x.Columns);
            x.Data.CopyTo(all.Data);
            vx.Data.CopyTo(all.Data[x.Data.Length..]);
            best = Fit(all, [.. y, .. vy], classes, chosen!.C, options.Seed);
            fitted = all.Rows;
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"texture: C {chosen.C} refit on {fitted} training and validation images, {((SvmClassifier)best.Classifier).SupportVectorCount} support vectors"));
        }

        return new TextureTrainingResult(best!, chosen!, candidates, fitted, skipped, clock.Elapsed.TotalSeconds);
    }

    private static TabularModel Fit(FeatureMatrix x, int[] y, IReadOnlyList<string> classes, double c, int seed) =>
        TabularModel.Fit(x, y, classes, TextureFeatures.Names, new TabularModelOptions
        {
            Scaling = ScalingMethod.Standardize,
            Classifier = new SvmOptions { Kernel = SvmKernel.Rbf, C = c, Probability = true, Seed = seed },
        });

    /// <summary>Accuracy of the model's most probable class (the rule <c>check</c> and <c>evaluate</c> use).</summary>
    private static double Accuracy(TabularModel model, FeatureMatrix x, int[] y)
    {
        double[] scores = model.PredictScores(x);
        int k = model.Labels.Count;
        int correct = 0;
        for (int r = 0; r < x.Rows; r++)
        {
            correct += Trainer.ArgMax<double>(scores.AsSpan(r * k, k)) == y[r] ? 1 : 0;
        }

        return (double)correct / x.Rows;
    }

    /// <summary>The descriptor of every readable image, decoded and preprocessed in parallel by the loader.</summary>
    private static (FeatureMatrix X, int[] Y) Describe(IReadOnlyList<DatasetItem> items, IReadOnlyList<string> classes, PreprocessingPreset preset, List<DatasetIssue> skipped, CancellationToken cancellationToken)
    {
        var rows = new List<double[]>(items.Count);
        var labels = new List<int>(items.Count);
        using var loader = new DatasetLoader(items, classes, preset, new DatasetLoaderOptions { BatchSize = 32, Shuffle = false });
        foreach (var batch in loader.ReadEpoch(0))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var inputs = batch.CopyImages();
                foreach (int label in batch.Labels)
                {
                    labels.Add(label);
                }

                var described = new double[inputs.Length][];
                Parallel.For(0, inputs.Length, i =>
                {
                    described[i] = new double[TextureFeatures.Length];
                    TextureFeatures.Extract(inputs[i], preset.Width, preset.Height, described[i]);
                });
                rows.AddRange(described);
            }
        }

        skipped.AddRange(loader.Skipped);
        return (rows.Count > 0 ? FeatureMatrix.FromRows(rows) : new FeatureMatrix(0, TextureFeatures.Length), [.. labels]);
    }
}
