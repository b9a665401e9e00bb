using System.Globalization;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Inspection.Reports;

/// <summary>Assembles the HTML report of a trained model from its evaluation (used by <c>train</c> and <c>evaluate</c>).</summary>
public static class ModelReport
{
    /// <summary>
    /// The report data for <paramref name="model"/> evaluated as <paramref name="metrics"/> on <paramref name="predictions"/>:
    /// the model's stored training curve, the confusion matrix and ROC, thumbnails of the most confident mistakes
    /// (decoded again from their files; an unreadable one is shown without a thumbnail), the audit summary and settings.
    /// </summary>
    public static TrainingReportData Build(
        BanknoteModel model,
        ImagePredictions predictions,
        ClassificationReport metrics,
        DatasetAuditReport? audit,
        long modelFileBytes,
        double latencyMs,
        double trainingSeconds,
        int? bestEpoch,
        IReadOnlyCollection<KeyValuePair<string, string>>? settings = null)
    {
        Guard.NotNull(model);
        Guard.NotNull(predictions);
        Guard.NotNull(metrics);
        int k = predictions.Labels.Count;
        var mistakes = new List<MisclassifiedExample>();
        foreach (int i in predictions.Misclassified().Take(TrainingReport.MaxMisclassifiedShown))
        {
            var item = predictions.Items[i];
            mistakes.Add(new MisclassifiedExample(
                item.Path,
                predictions.Labels[predictions.Truth[i]],
                predictions.Labels[predictions.Predicted[i]],
                predictions.Probabilities[(i * k) + predictions.Predicted[i]],
                TryThumbnail(item.Path)));
        }

        return new TrainingReportData
        {
            Title = $"{model.Name} · {model.Architecture}",
            Architecture = model.Architecture,
            Preset = model.Preset.Name,
            History = model.History,
            Test = metrics,
            TestTruth = predictions.Truth,
            TestScores = predictions.Probabilities,
            Misclassified = mistakes,
            SplitDescription = metrics.Split,
            AuditSummary = audit is null ? null : Summarise(audit),
            ParameterCount = model.ParameterCount,
            ModelFileBytes = modelFileBytes,
            LatencyMsBatch1 = latencyMs,
            TrainingSeconds = trainingSeconds,
            BestEpoch = bestEpoch,
            Settings = settings,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The audit's key figures, in reading order.</summary>
    public static IReadOnlyCollection<KeyValuePair<string, string>> Summarise(DatasetAuditReport audit)
    {
        Guard.NotNull(audit);
        var inv = CultureInfo.InvariantCulture;
        return
        [
            new("Images", audit.Images.ToString("N0", inv)),
            new("Classes", string.Join(", ", audit.Classes.Select(c => $"{c.Key} {c.Value}"))),
            new("Groups", audit.Groups > 0 ? string.Create(inv, $"{audit.Groups} ({audit.Ungrouped} images ungrouped)") : "none"),
            new("Unreadable files", audit.Unreadable.ToString(inv)),
            new("Exact duplicates", string.Create(inv, $"{audit.ExactDuplicates} extra copies ({audit.CrossSplitExactDuplicates} sets across splits)")),
            new("Near-duplicate pairs", string.Create(inv, $"{audit.NearDuplicatePairs} (pHash Hamming ≤ {audit.HammingThreshold}); {audit.CrossSplitNearDuplicates} across given splits, {audit.CrossClassNearDuplicates} across classes")),
            new("Groups spanning given splits", audit.GroupsSpanningSplits.ToString(inv)),
        ];
    }

    private static byte[]? TryThumbnail(string path)
    {
        try
        {
            using var image = ImageCodec.Load(path);
            return TrainingReport.Thumbnail(image);
        }
        catch (Exception ex) when (ex is InvalidImageException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
