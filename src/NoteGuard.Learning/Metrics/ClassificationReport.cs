using System.Text.Json.Serialization;

namespace NoteGuard.Learning.Metrics;

/// <summary>
/// The evaluation of a classifier on held-out data, shared by every NoteGuard method (tabular and image
/// models). Serialises with the JSON keys <c>accuracy, macro_f1, weighted_f1, auc, mcc, confusion, labels,
/// per_class, ci95, split, samples</c>.
/// </summary>
public sealed class ClassificationReport
{
    /// <summary>Fraction of correct predictions in [0, 1].</summary>
    [JsonPropertyName("accuracy")]
    public required double Accuracy { get; init; }

    /// <summary>Unweighted mean of the per-class F1 scores in [0, 1].</summary>
    [JsonPropertyName("macro_f1")]
    public required double MacroF1 { get; init; }

    /// <summary>Support-weighted mean of the per-class F1 scores in [0, 1].</summary>
    [JsonPropertyName("weighted_f1")]
    public required double WeightedF1 { get; init; }

    /// <summary>
    /// ROC-AUC in [0, 1]: binary on the second label's score; one-vs-rest macro average for more classes.
    /// Null when no scores were given or a class is absent from the truth.
    /// </summary>
    [JsonPropertyName("auc")]
    public double? Auc { get; init; }

    /// <summary>Matthews correlation coefficient in [−1, 1] (multi-class form of Gorodkin 2004, as scikit-learn).</summary>
    [JsonPropertyName("mcc")]
    public required double Mcc { get; init; }

    /// <summary>Confusion counts: <c>confusion[true][predicted]</c>, in <see cref="Labels"/> order.</summary>
    [JsonPropertyName("confusion")]
    public required int[][] Confusion { get; init; }

    /// <summary>Class labels, index = class.</summary>
    [JsonPropertyName("labels")]
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Precision, recall, F1 and support of every class.</summary>
    [JsonPropertyName("per_class")]
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }

    /// <summary>95% confidence intervals: Wilson for accuracy, seeded percentile bootstrap for macro F1 and AUC.</summary>
    [JsonPropertyName("ci95")]
    public required ConfidenceIntervals Ci95 { get; init; }

    /// <summary>How the evaluation split was made (e.g. "stratified 10-fold CV, seed 0, out-of-fold predictions pooled").</summary>
    [JsonPropertyName("split")]
    public required string Split { get; init; }

    /// <summary>Number of evaluated samples.</summary>
    [JsonPropertyName("samples")]
    public required int Samples { get; init; }
}

/// <summary>Metrics of one class (one-vs-rest); undefined ratios (0/0) are reported as 0 as scikit-learn does.</summary>
/// <param name="Label">The class label.</param>
/// <param name="Precision">TP / (TP + FP).</param>
/// <param name="Recall">TP / (TP + FN).</param>
/// <param name="F1">2PR / (P + R).</param>
/// <param name="Support">Number of true samples of the class.</param>
public sealed record ClassMetrics(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("support")] int Support);

/// <summary>95% intervals [low, high]; an interval is null when it cannot be computed.</summary>
/// <param name="Accuracy">Wilson score interval.</param>
/// <param name="MacroF1">Percentile bootstrap interval.</param>
/// <param name="Auc">Percentile bootstrap interval (resamples holding one class only are skipped).</param>
/// <param name="BootstrapSamples">Number of bootstrap resamples.</param>
/// <param name="Seed">Seed of the bootstrap.</param>
public sealed record ConfidenceIntervals(
    [property: JsonPropertyName("accuracy")] double[] Accuracy,
    [property: JsonPropertyName("macro_f1")] double[]? MacroF1,
    [property: JsonPropertyName("auc")] double[]? Auc,
    [property: JsonPropertyName("bootstrap_samples")] int BootstrapSamples,
    [property: JsonPropertyName("seed")] int Seed);
