using NoteGuard.Inspection.Augmentation;

namespace NoteGuard.Inspection.Training;

/// <summary>The optimizer a <see cref="Trainer"/> uses.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with momentum (seed 000: lr 0.001, momentum 0.9).</summary>
    Sgd,

    /// <summary>Adam (lr 0.001 is the usual start).</summary>
    Adam,
}

/// <summary>How the learning rate changes over the epochs.</summary>
public enum SchedulerKind
{
    /// <summary>Multiply by <see cref="TrainerOptions.Gamma"/> every <see cref="TrainerOptions.StepSize"/> epochs (seed 000's StepLR(7, 0.1)).</summary>
    Step,

    /// <summary>Cosine annealing from the initial rate to zero over all epochs.</summary>
    Cosine,

    /// <summary>Constant learning rate.</summary>
    Constant,
}

/// <summary>Settings of a training run. Defaults follow seed 000 (SGD 0.001, momentum 0.9, StepLR(7, 0.1)).</summary>
public sealed record TrainerOptions
{
    /// <summary>Epochs to train (≥ 1; default 25).</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>Images per batch (≥ 1; default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Optimizer (default SGD).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Initial learning rate (&gt; 0; default 0.001).</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>SGD momentum (default 0.9; ignored by Adam).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule (default <see cref="SchedulerKind.Step"/>).</summary>
    public SchedulerKind Scheduler { get; init; } = SchedulerKind.Step;

    /// <summary>Epochs between decays of the step schedule (default 7).</summary>
    public int StepSize { get; init; } = 7;

    /// <summary>Decay factor of the step schedule (default 0.1).</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>Stop when validation accuracy has not improved for this many epochs; null never stops early.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Weight the loss by inverse class frequency (n / (K · count)) so rare classes count as much as common ones.</summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Label smoothing of the cross-entropy loss, in [0, 1) (default 0).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Seed of the weight initialisation, shuffling, augmentation and dropout: the same seed gives the same run.</summary>
    public ulong Seed { get; init; }

    /// <summary>Augmentation of training images; null trains on the preprocessed images as they are.</summary>
    public AugmentationOptions? Augmentation { get; init; }

    /// <summary>Bytes of preprocessed images kept in memory between epochs (default 512 MiB; 0 decodes every epoch).</summary>
    public long CacheBytes { get; init; } = 512L << 20;

    /// <summary>Folder for TensorBoard event files, or null for none.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>File written at the end of every epoch with everything needed to resume, or null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Checks every value; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        Guard.MustBeBetween(Epochs, 1, 100_000, nameof(Epochs));
        Guard.MustBeBetween(BatchSize, 1, 65_536, nameof(BatchSize));
        Guard.IsTrue(LearningRate > 0 && double.IsFinite(LearningRate), "the learning rate must be a finite number > 0.", nameof(LearningRate));
        Guard.IsTrue(Momentum is >= 0 and < 1, "momentum must be in [0, 1).", nameof(Momentum));
        Guard.IsTrue(WeightDecay >= 0 && double.IsFinite(WeightDecay), "weight decay must be ≥ 0.", nameof(WeightDecay));
        Guard.MustBePositive(StepSize, nameof(StepSize));
        Guard.IsTrue(Gamma is > 0 and <= 1, "gamma must be in (0, 1].", nameof(Gamma));
        Guard.IsTrue(EarlyStoppingPatience is null or >= 1, "early-stopping patience must be ≥ 1 epoch.", nameof(EarlyStoppingPatience));
        Guard.IsTrue(LabelSmoothing is >= 0 and < 1, "label smoothing must be in [0, 1).", nameof(LabelSmoothing));
        Guard.IsTrue(CacheBytes >= 0, "the cache size must be ≥ 0 bytes.", nameof(CacheBytes));
        Augmentation?.Validate();
    }

    /// <summary>The settings that must not change when a run is resumed, as one comparable string.</summary>
    internal string ResumeFingerprint() => string.Join(
        ';',
        BatchSize,
        Optimizer,
        LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Momentum.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        WeightDecay.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Scheduler,
        StepSize,
        Gamma.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        BalanceClasses,
        LabelSmoothing.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Seed,
        Augmentation is null ? "none" : System.Text.Json.JsonSerializer.Serialize(Augmentation));
}
