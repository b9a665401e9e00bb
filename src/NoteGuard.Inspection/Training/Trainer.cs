using System.Diagnostics;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Losses;
using NoteGuard.Learning.Models;
using NoteGuard.Learning.Optimizers;
using NoteGuard.Learning.Tensors;

namespace NoteGuard.Inspection.Training;

/// <summary>Where a training run is: reported after every batch and at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean training loss so far in this epoch.</param>
/// <param name="Accuracy">Training accuracy so far in this epoch, in [0, 1].</param>
/// <param name="ImagesPerSecond">Training images per second so far in this epoch.</param>
/// <param name="Elapsed">Time since the run (or its resumption) started.</param>
/// <param name="Remaining">Estimated time to the last planned epoch, or null before the first batch.</param>
/// <param name="Completed">The finished epoch's summary when this report ends an epoch; null for batch reports.</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy, double ImagesPerSecond, TimeSpan Elapsed, TimeSpan? Remaining, EpochSummary? Completed);

/// <summary>The outcome of <see cref="Trainer.Train"/>.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(Network best, IReadOnlyList<EpochSummary> history, int bestEpoch, bool stoppedEarly, double seconds, IReadOnlyList<DatasetIssue> skipped)
    {
        Best = best;
        History = history;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        Seconds = seconds;
        Skipped = skipped;
    }

    /// <summary>The network from the best epoch (highest validation accuracy, then lowest validation loss; the last epoch without validation), in evaluation mode.</summary>
    public Network Best { get; }

    /// <summary>One summary per epoch trained, including epochs before a resume.</summary>
    public IReadOnlyList<EpochSummary> History { get; }

    /// <summary>1-based epoch whose weights <see cref="Best"/> holds.</summary>
    public int BestEpoch { get; }

    /// <summary>True when early stopping ended the run before the planned epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Wall-clock seconds of all epochs (summed over resumed runs).</summary>
    public double Seconds { get; }

    /// <summary>Images that could not be read or preprocessed, with the reason; they were left out, not fatal.</summary>
    public IReadOnlyList<DatasetIssue> Skipped { get; }
}

/// <summary>
/// Trains a classification network on images: seeded loading and augmentation on both cores, SGD or Adam, a step or
/// cosine schedule, optional class weights, a validation pass per epoch that keeps the best weights, early stopping,
/// TensorBoard scalars and a checkpoint per epoch that <see cref="Train"/> can resume from bit-exactly.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> (modified in place; the best weights are returned separately).
    /// </summary>
    /// <param name="network">A network whose input shape matches <paramref name="preset"/> and whose outputs match <paramref name="classes"/>.</param>
    /// <param name="train">Training images (labels must be in <paramref name="classes"/>).</param>
    /// <param name="validation">Validation images for model selection and early stopping, or empty.</param>
    /// <param name="classes">Class names in output order.</param>
    /// <param name="preset">Preprocessing applied to every image before augmentation.</param>
    /// <param name="options">Run settings.</param>
    /// <param name="resumeFrom">A checkpoint written by an earlier run with the same settings, or null to start fresh.</param>
    /// <param name="progress">Receives a report after every batch and epoch; null for none.</param>
    /// <param name="cancellationToken">Stops between batches; the last finished epoch's checkpoint stays on disk.</param>
    /// <exception cref="ArgumentException">Shapes, labels or options do not fit together; no training images.</exception>
    /// <exception cref="InvalidDataException">The checkpoint belongs to another network, class list or settings.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TrainingResult Train(
        Network network,
        IReadOnlyList<DatasetItem> train,
        IReadOnlyList<DatasetItem> validation,
        IReadOnlyList<string> classes,
        PreprocessingPreset preset,
        TrainerOptions options,
        string? resumeFrom = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotNull(network);
        Guard.NotNull(train);
        Guard.NotNull(validation);
        Guard.NotNull(classes);
        Guard.NotNull(preset);
        Guard.NotNull(options);
        options.Validate();
        Guard.IsTrue(train.Count > 0, "there are no training images.", nameof(train));
        Guard.IsTrue(network.Classes == classes.Count, $"the network has {network.Classes} outputs for {classes.Count} classes.", nameof(classes));
        Guard.IsTrue(
            network.InputShape.SequenceEqual([preset.Channels, preset.Height, preset.Width]),
            $"preset '{preset.Name}' makes {preset.Channels}×{preset.Height}×{preset.Width} tensors; {network.Architecture} takes {string.Join('×', network.InputShape)}.",
            nameof(preset));

        var run = new Run(network, train, validation, classes, preset, options, progress);
        if (resumeFrom is not null)
        {
            TrainingCheckpoint.Restore(resumeFrom, run);
        }

        return run.Execute(cancellationToken);
    }

    /// <summary>Inverse-frequency class weights n / (K · count), K the classes present (scikit-learn's 'balanced'); absent classes get 0.</summary>
    internal static float[] BalancedWeights(IReadOnlyList<DatasetItem> items, IReadOnlyList<string> classes)
    {
        var counts = new int[classes.Count];
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        foreach (var item in items)
        {
            counts[index[item.Label]]++;
        }

        int present = counts.Count(static c => c > 0);
        return [.. counts.Select(c => c == 0 ? 0f : (float)items.Count / (present * c))];
    }

    /// <summary>The state of one run: what a checkpoint saves and restores.</summary>
    internal sealed class Run
    {
        private readonly IReadOnlyList<DatasetItem> _train;
        private readonly IReadOnlyList<DatasetItem> _validation;
        private readonly IReadOnlyList<string> _classes;
        private readonly PreprocessingPreset _preset;
        private readonly IProgress<TrainingProgress>? _progress;

        public Run(Network network, IReadOnlyList<DatasetItem> train, IReadOnlyList<DatasetItem> validation, IReadOnlyList<string> classes, PreprocessingPreset preset, TrainerOptions options, IProgress<TrainingProgress>? progress)
        {
            Network = network;
            _train = train;
            _validation = validation;
            _classes = classes;
            _preset = preset;
            Options = options;
            _progress = progress;
            Optimizer = options.Optimizer == OptimizerKind.Adam
                ? new Adam(network.Parameters(), new Adam.Options { LearningRate = options.LearningRate, WeightDecay = options.WeightDecay })
                : new Sgd(network.Parameters(), new Sgd.Options { LearningRate = options.LearningRate, Momentum = options.Momentum, WeightDecay = options.WeightDecay });
            Scheduler = options.Scheduler switch
            {
                SchedulerKind.Step => new StepLR(Optimizer, options.StepSize, options.Gamma),
                SchedulerKind.Cosine => new CosineAnnealingLR(Optimizer, options.Epochs),
                _ => null,
            };
        }

        public Network Network { get; }

        public TrainerOptions Options { get; }

        public Optimizer Optimizer { get; }

        public LearningRateScheduler? Scheduler { get; }

        public IReadOnlyList<string> Classes => _classes;

        public List<EpochSummary> History { get; } = [];

        public int CompletedEpochs { get; set; }

        public int BestEpoch { get; set; }

        public double BestAccuracy { get; set; } = double.NegativeInfinity;

        public double BestLoss { get; set; } = double.PositiveInfinity;

        public int EpochsWithoutImprovement { get; set; }

        public double PreviousSeconds { get; set; }

        public Dictionary<string, float[]> BestWeights { get; set; } = new(StringComparer.Ordinal);

        public TrainingResult Execute(CancellationToken cancellationToken)
        {
            var loaderOptions = new DatasetLoaderOptions
            {
                BatchSize = Options.BatchSize,
                Shuffle = true,
                Seed = unchecked((int)Options.Seed),
                Augmentation = Options.Augmentation,
                CacheBytes = Options.CacheBytes,
            };
            using var trainLoader = new DatasetLoader(_train, _classes, _preset, loaderOptions);
            using var validationLoader = _validation.Count == 0
                ? null
                : new DatasetLoader(_validation, _classes, _preset, loaderOptions with { Shuffle = false, Augmentation = null });
            float[] weights = Options.BalanceClasses ? BalancedWeights(_train, _classes) : [];
            var loss = new CrossEntropyLoss(weights, Options.LabelSmoothing);
            var evalLoss = new CrossEntropyLoss(weights);
            using var log = Options.LogDirectory is null ? null : new TensorBoardWriter(Options.LogDirectory);
            var clock = Stopwatch.StartNew();
            bool stoppedEarly = false;
            int startEpoch = CompletedEpochs;
            for (int epoch = CompletedEpochs + 1; epoch <= Options.Epochs; epoch++)
            {
                double lr = Optimizer.Groups[0].LearningRate;
                var epochClock = Stopwatch.StartNew();
                Network.Train();
                Network.ReseedRandomLayers(Learning.Tensors.SeededRandom.Mix(Options.Seed, (ulong)epoch));
                double lossSum = 0;
                long seen = 0;
                long correct = 0;
                int batchIndex = 0;
                int batches = trainLoader.BatchesPerEpoch;
                foreach (var batch in trainLoader.ReadEpoch(epoch))
                {
                    using (batch)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        batchIndex++;
                        if (batch.Count == 0)
                        {
                            continue;
                        }

                        var input = ToTensor(batch);
                        Optimizer.ZeroGrad();
                        var logits = Network.Forward(input);
                        float value = loss.Forward(logits, batch.Labels);
                        correct += CountCorrect(logits, batch.Labels);
                        Network.Backward(loss.Backward());
                        Optimizer.Step();
                        lossSum += (double)value * batch.Count;
                        seen += batch.Count;
                        double rate = seen / epochClock.Elapsed.TotalSeconds;
                        _progress?.Report(new TrainingProgress(
                            epoch, Options.Epochs, batchIndex, batches, lossSum / seen, (double)correct / seen, rate, clock.Elapsed,
                            Remaining(clock.Elapsed, epoch - startEpoch - 1 + ((double)batchIndex / batches), Options.Epochs - startEpoch),
                            null));
                    }
                }

                Guard.IsTrue(seen > 0, "no training image could be read (see the skipped images).", nameof(_train));
                double trainSeconds = epochClock.Elapsed.TotalSeconds;
                (double Loss, double Accuracy)? validationResult = validationLoader is null ? null : Validate(validationLoader, evalLoss, cancellationToken);
                Scheduler?.Step();
                var summary = new EpochSummary(
                    epoch, lossSum / seen, (double)correct / seen, validationResult?.Loss, validationResult?.Accuracy, lr, epochClock.Elapsed.TotalSeconds, seen / trainSeconds);
                History.Add(summary);
                CompletedEpochs = epoch;
                // Early stopping watches validation accuracy alone; the best checkpoint breaks accuracy ties by loss.
                bool moreAccurate = validationResult is not { } v || v.Accuracy > BestAccuracy;
                EpochsWithoutImprovement = moreAccurate ? 0 : EpochsWithoutImprovement + 1;
                if (moreAccurate || (validationResult is { } tie && tie.Accuracy == BestAccuracy && tie.Loss < BestLoss))
                {
                    BestEpoch = epoch;
                    BestAccuracy = validationResult?.Accuracy ?? double.NegativeInfinity;
                    BestLoss = validationResult?.Loss ?? double.PositiveInfinity;
                    BestWeights = Network.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
                }

                PreviousSeconds += epochClock.Elapsed.TotalSeconds;
                WriteScalars(log, summary);
                if (Options.CheckpointPath is { } path)
                {
                    TrainingCheckpoint.Save(path, this);
                }

                _progress?.Report(new TrainingProgress(
                    epoch, Options.Epochs, batches, batches, summary.TrainLoss, summary.TrainAccuracy, summary.ImagesPerSecond, clock.Elapsed,
                    Remaining(clock.Elapsed, epoch - startEpoch, Options.Epochs - startEpoch), summary));
                if (Options.EarlyStoppingPatience is int patience && validationLoader is not null && EpochsWithoutImprovement >= patience && epoch < Options.Epochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }

            var best = NetworkFile.FromModelFile(NetworkFile.ToModelFile(Network));
            if (BestWeights.Count > 0)
            {
                best.LoadStateDict(BestWeights.ToDictionary(p => p.Key, p => Tensor.FromArray(p.Value, [.. Network.StateDict()[p.Key].Shape]), StringComparer.Ordinal));
            }

            best.Eval();
            var skipped = trainLoader.Skipped.Concat(validationLoader?.Skipped ?? []).ToList();
            return new TrainingResult(best, History, BestEpoch, stoppedEarly, PreviousSeconds, skipped);
        }

        private (double Loss, double Accuracy) Validate(DatasetLoader loader, CrossEntropyLoss loss, CancellationToken cancellationToken)
        {
            Network.Eval();
            double lossSum = 0;
            long seen = 0;
            long correct = 0;
            foreach (var batch in loader.ReadEpoch(0))
            {
                using (batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (batch.Count == 0)
                    {
                        continue;
                    }

                    var logits = Network.Forward(ToTensor(batch));
                    lossSum += (double)loss.Forward(logits, batch.Labels) * batch.Count;
                    correct += CountCorrect(logits, batch.Labels);
                    seen += batch.Count;
                }
            }

            Network.Train();
            return seen == 0 ? (double.NaN, 0) : (lossSum / seen, (double)correct / seen);
        }

        private static TimeSpan? Remaining(TimeSpan elapsed, double epochsDone, int epochsPlanned) =>
            epochsDone <= 0 ? null : TimeSpan.FromSeconds(elapsed.TotalSeconds / epochsDone * Math.Max(0, epochsPlanned - epochsDone));

        private static void WriteScalars(TensorBoardWriter? log, EpochSummary summary)
        {
            if (log is null)
            {
                return;
            }

            log.AddScalar("loss/train", summary.TrainLoss, summary.Epoch);
            log.AddScalar("accuracy/train", summary.TrainAccuracy, summary.Epoch);
            if (summary.ValidationLoss is double validationLoss)
            {
                log.AddScalar("loss/validation", validationLoss, summary.Epoch);
            }

            if (summary.ValidationAccuracy is double validationAccuracy)
            {
                log.AddScalar("accuracy/validation", validationAccuracy, summary.Epoch);
            }

            log.AddScalar("learning_rate", summary.LearningRate, summary.Epoch);
            log.AddScalar("throughput/images_per_second", summary.ImagesPerSecond, summary.Epoch);
        }
    }

    /// <summary>Copies a batch into a new engine tensor [N, C, H, W].</summary>
    internal static Tensor ToTensor(DatasetBatch batch)
    {
        var tensor = new Tensor(batch.Count, batch.Channels, batch.Height, batch.Width);
        batch.Data.CopyTo(tensor.Span);
        return tensor;
    }

    private static int CountCorrect(Tensor logits, ReadOnlySpan<int> labels)
    {
        int classes = logits.Dim(1);
        var values = logits.Span;
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += ArgMax(values.Slice(i * classes, classes)) == labels[i] ? 1 : 0;
        }

        return correct;
    }

    /// <summary>Index of the largest value (the first one on ties): the predicted class of one row of logits or probabilities.</summary>
    internal static int ArgMax<T>(ReadOnlySpan<T> row)
        where T : System.Numerics.IComparisonOperators<T, T, bool>
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }
}
