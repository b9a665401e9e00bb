using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Inspection.Reports;

/// <summary>Everything <see cref="TrainingReport"/> shows about one training run. Text fields are plain text (escaped when rendered).</summary>
public sealed record TrainingReportData
{
    /// <summary>Report heading, e.g. <c>taka-counterfeit · compact-cnn</c>.</summary>
    public required string Title { get; init; }

    /// <summary>Model architecture name (e.g. a ModelZoo name).</summary>
    public required string Architecture { get; init; }

    /// <summary>Name of the preprocessing preset the images went through.</summary>
    public required string Preset { get; init; }

    /// <summary>One row per epoch, in order; may be empty (no curves are drawn then).</summary>
    public required IReadOnlyList<EpochSummary> History { get; init; }

    /// <summary>Evaluation on the test split: labels, confusion matrix, per-class metrics and intervals.</summary>
    public required ClassificationReport Test { get; init; }

    /// <summary>
    /// True class per test sample, in the order of <see cref="TestScores"/>; with the scores it gives the ROC curves and
    /// per-class AUCs. Null leaves them out.
    /// </summary>
    public IReadOnlyList<int>? TestTruth { get; init; }

    /// <summary>Per-class scores (probabilities; higher = more likely), row-major samples × classes; null leaves ROC out.</summary>
    public IReadOnlyList<double>? TestScores { get; init; }

    /// <summary>Misclassified test images; the most confident mistakes are shown first, at most 48 of them.</summary>
    public IReadOnlyList<MisclassifiedExample> Misclassified { get; init; } = [];

    /// <summary>How train, validation and test were split (grouping, stratification, seed, sizes).</summary>
    public required string SplitDescription { get; init; }

    /// <summary>Key figures of the dataset audit (duplicates, leakage, class balance...), shown as a table in enumeration order (a dictionary or a list).</summary>
    public IReadOnlyCollection<KeyValuePair<string, string>>? AuditSummary { get; init; }

    /// <summary>Number of trainable parameters; 0 when unknown.</summary>
    public long ParameterCount { get; init; }

    /// <summary>Size of the saved model file in bytes; 0 when unknown.</summary>
    public long ModelFileBytes { get; init; }

    /// <summary>Median inference latency of one image (batch 1) in milliseconds; 0 when not measured.</summary>
    public double LatencyMsBatch1 { get; init; }

    /// <summary>Total training wall-clock time in seconds; 0 when unknown.</summary>
    public double TrainingSeconds { get; init; }

    /// <summary>1-based epoch whose weights were kept (marked on the curves), or null.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Training settings as given on the command line (optimizer, learning rate, batch, epochs, seed...), in enumeration order.</summary>
    public IReadOnlyCollection<KeyValuePair<string, string>>? Settings { get; init; }

    /// <summary>When the report was made; shown in the header and footer.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A test image the model got wrong.</summary>
/// <param name="Path">Image path (shown as given).</param>
/// <param name="TrueLabel">Label from the dataset.</param>
/// <param name="PredictedLabel">Label the model chose.</param>
/// <param name="Confidence">Probability the model gave its (wrong) prediction, in [0, 1].</param>
/// <param name="Thumbnail">A small PNG or JPEG (see <see cref="TrainingReport.Thumbnail"/>), or null for no picture.</param>
public sealed record MisclassifiedExample(string Path, string TrueLabel, string PredictedLabel, double Confidence, byte[]? Thumbnail);
