using System.Diagnostics;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Learning.Metrics;
using NoteGuard.Learning.Models;

namespace NoteGuard.Inspection.Training;

/// <summary>A network's predictions on a list of images.</summary>
public sealed class ImagePredictions
{
    internal ImagePredictions(IReadOnlyList<DatasetItem> items, int[] truth, int[] predicted, double[] probabilities, IReadOnlyList<string> labels, IReadOnlyList<DatasetIssue> skipped, double seconds)
    {
        Items = items;
        Truth = truth;
        Predicted = predicted;
        Probabilities = probabilities;
        Labels = labels;
        Skipped = skipped;
        Seconds = seconds;
    }

    /// <summary>The images that were read, in the order of the other arrays.</summary>
    public IReadOnlyList<DatasetItem> Items { get; }

    /// <summary>True class index of each image (index into <see cref="Labels"/>).</summary>
    public int[] Truth { get; }

    /// <summary>Predicted class index of each image.</summary>
    public int[] Predicted { get; }

    /// <summary>Class probabilities, row-major images × classes.</summary>
    public double[] Probabilities { get; }

    /// <summary>Class names in output order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Images that could not be read, with the reason.</summary>
    public IReadOnlyList<DatasetIssue> Skipped { get; }

    /// <summary>Wall-clock seconds of decoding, preprocessing and inference.</summary>
    public double Seconds { get; }

    /// <summary>The shared metrics with 95% confidence intervals; <paramref name="split"/> says how these images were split off.</summary>
    public ClassificationReport Evaluate(string split, EvaluationOptions? options = null) =>
        ClassificationMetrics.Evaluate(Truth, Predicted, Probabilities, Labels, split, options);

    /// <summary>Indices (into <see cref="Items"/>) of the wrongly classified images, most confident mistakes first.</summary>
    public IEnumerable<int> Misclassified() =>
        Enumerable.Range(0, Truth.Length)
            .Where(i => Truth[i] != Predicted[i])
            .OrderByDescending(i => Probabilities[(i * Labels.Count) + Predicted[i]]);
}

/// <summary>Runs a network or a trained model over dataset images with the preprocessing it was trained with.</summary>
public static class ImageEvaluation
{
    /// <summary>
    /// Predicts every image of <paramref name="items"/> (decoding and preprocessing in parallel, no augmentation).
    /// Unreadable images are skipped and listed in <see cref="ImagePredictions.Skipped"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An item's label is not in <paramref name="labels"/>, or the preset does not fit the network.</exception>
    public static ImagePredictions Predict(Network network, IReadOnlyList<DatasetItem> items, IReadOnlyList<string> labels, PreprocessingPreset preset, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(network);
        Guard.NotNull(labels);
        Guard.IsTrue(network.Classes == labels.Count, $"the network has {network.Classes} outputs for {labels.Count} labels.", nameof(labels));
        network.Eval();
        return Predict(batch => network.PredictProbabilities(Trainer.ToTensor(batch)), items, labels, preset, batchSize, cancellationToken);
    }

    /// <summary>
    /// Predicts every image of <paramref name="items"/> with a trained model (a network or a texture model), with the
    /// model's preset and labels. Unreadable images are skipped and listed in <see cref="ImagePredictions.Skipped"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An item's label is not one of the model's labels.</exception>
    public static ImagePredictions Predict(BanknoteModel model, IReadOnlyList<DatasetItem> items, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(model);
        if (model.Network is { } network)
        {
            return Predict(network, items, model.Labels, model.Preset, batchSize, cancellationToken);
        }

        int k = model.Labels.Count;
        return Predict(
            batch =>
            {
                // One image at a time through the descriptor and the SVM, the batch's images on all cores.
                var result = new float[batch.Count * k];
                var inputs = batch.CopyImages();
                Parallel.For(0, inputs.Length, i => model.PredictPrepared(inputs[i]).CopyTo(result, i * k));
                return result;
            },
            items,
            model.Labels,
            model.Preset,
            batchSize,
            cancellationToken);
    }

    private static ImagePredictions Predict(Func<DatasetBatch, float[]> score, IReadOnlyList<DatasetItem> items, IReadOnlyList<string> labels, PreprocessingPreset preset, int batchSize, CancellationToken cancellationToken)
    {
        Guard.NotNull(items);
        Guard.NotNull(labels);
        Guard.NotNull(preset);
        var clock = Stopwatch.StartNew();
        int k = labels.Count;
        var truth = new List<int>(items.Count);
        var predicted = new List<int>(items.Count);
        var probabilities = new List<double>(items.Count * k);
        var read = new List<DatasetItem>(items.Count);
        using var loader = new DatasetLoader(items, labels, preset, new DatasetLoaderOptions { BatchSize = batchSize, Shuffle = false });
        foreach (var batch in loader.ReadEpoch(0))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (batch.Count == 0)
                {
                    continue;
                }

                float[] p = score(batch);
                for (int i = 0; i < batch.Count; i++)
                {
                    var row = p.AsSpan(i * k, k);
                    foreach (float value in row)
                    {
                        probabilities.Add(value);
                    }

                    truth.Add(batch.Labels[i]);
                    predicted.Add(Trainer.ArgMax(row));
                    read.Add(items[batch.ItemIndices[i]]);
                }
            }
        }

        return new ImagePredictions(read, [.. truth], [.. predicted], [.. probabilities], labels, loader.Skipped, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Median wall-clock milliseconds of one batch-1 forward pass (evaluation mode, after warm-up) on a seeded random
    /// input: the model's share of a single-photo check, without decoding and preprocessing.
    /// </summary>
    public static double MeasureLatencyMilliseconds(Network network, int runs = 25)
    {
        Guard.NotNull(network);
        Guard.MustBePositive(runs);
        network.Eval();
        var input = new Learning.Tensors.Tensor([1, .. network.InputShape]);
        new Learning.Tensors.SeededRandom(7).FillNormal(input.Span, 0, 1);
        network.Forward(input);
        network.Forward(input);
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            network.Forward(input);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }
}
