namespace NoteGuard.Learning.Metrics;

/// <summary>
/// A receiver operating characteristic curve from <see cref="ClassificationMetrics.BinaryRocCurve"/>: point i is
/// the (false-positive rate, true-positive rate) pair of predicting positive when the score is ≥ threshold i.
/// </summary>
/// <param name="FalsePositiveRate">FP / (FP + TN) per point, in [0, 1], non-decreasing from 0 to 1.</param>
/// <param name="TruePositiveRate">TP / (TP + FN) per point, in [0, 1], non-decreasing from 0 to 1.</param>
/// <param name="Thresholds">Score threshold per point, decreasing; the first is +∞ (nothing predicted positive).</param>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds);
