using NoteGuard.Imaging;
using NoteGuard.Inspection.Reports;
using NoteGuard.Inspection.Training;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Inspection.Tests.Reports;

/// <summary>Deterministic, realistic-looking report inputs: a synthetic classifier's scores, curves and thumbnails.</summary>
internal static class TrainingReportSamples
{
    public static readonly string[] BinaryLabels = ["fake", "real"];

    public static readonly string[] DenominationLabels =
    [
        "1000 dong", "2000 dong", "5000 dong", "10000 dong", "20000 dong", "50000 dong", "100000 dong",
        "200000 dong", "500000 dong", "polymer 10000 dong (2006 series, worn)", "polymer 20000 dong (2006 series, worn)",
        "commemorative 100 dong", "unknown / not a banknote",
    ];

    public static TrainingReportData Create(IReadOnlyList<string> labels, int epochs, int testSamples, double skill, int seed, int misclassifiedCap = 60)
    {
        var random = new Random(seed);
        int k = labels.Count;
        var truth = new int[testSamples];
        var predicted = new int[testSamples];
        var scores = new double[testSamples * k];
        var logits = new double[k];
        for (int i = 0; i < testSamples; i++)
        {
            truth[i] = i % k;
            for (int c = 0; c < k; c++)
            {
                logits[c] = Gaussian(random) * 1.3;
            }

            logits[truth[i]] += skill;
            double max = logits.Max();
            double sum = logits.Sum(l => Math.Exp(l - max));
            int best = 0;
            for (int c = 0; c < k; c++)
            {
                scores[(i * k) + c] = Math.Exp(logits[c] - max) / sum;
                best = logits[c] > logits[best] ? c : best;
            }

            predicted[i] = best;
        }

        var test = ClassificationMetrics.Evaluate(
            truth, predicted, scores, labels, "Test split: 20% of the notes, grouped by physical note, stratified by class, seed 42.",
            new EvaluationOptions { BootstrapSamples = 200, Seed = 1 });
        var history = new List<EpochSummary>();
        for (int e = 1; e <= epochs; e++)
        {
            double progress = 1 - Math.Exp(-e / Math.Max(2.0, epochs / 5.0));
            double trainLoss = (Math.Log(k) * (1 - (0.93 * progress))) + (0.02 * random.NextDouble());
            double validationLoss = trainLoss * (1.08 + (0.002 * e)) + (0.03 * random.NextDouble());
            double trainAccuracy = (1.0 / k) + ((0.985 - (1.0 / k)) * progress);
            double validationAccuracy = Math.Min(1, trainAccuracy - 0.03 + (0.02 * random.NextDouble()));
            double rate = 0.001 * 0.5 * (1 + Math.Cos(Math.PI * (e - 1) / Math.Max(1, epochs)));
            history.Add(new EpochSummary(e, trainLoss, trainAccuracy, validationLoss, validationAccuracy, rate, 41.5 + random.NextDouble(), 182 + (10 * random.NextDouble())));
        }

        var mistakes = new List<MisclassifiedExample>();
        for (int i = 0; i < testSamples && mistakes.Count < misclassifiedCap; i++)
        {
            if (predicted[i] != truth[i])
            {
                using var note = Note(i, truth[i]);
                mistakes.Add(new MisclassifiedExample(
                    $"/data/notes/{labels[truth[i]]}/note_{i:D3}_{seed}_{i * 7919 % 10000:D4}.jpg",
                    labels[truth[i]], labels[predicted[i]], scores[(i * k) + predicted[i]], TrainingReport.Thumbnail(note)));
            }
        }

        return new TrainingReportData
        {
            Title = (k == 2 ? "taka-counterfeit" : "vnd-denomination") + " · compact-cnn",
            Architecture = "compact-cnn",
            Preset = "note-224-normalised",
            History = history,
            Test = test,
            TestTruth = truth,
            TestScores = scores,
            Misclassified = mistakes,
            SplitDescription = $"Grouped by physical note (all photos of one note stay together), stratified by class, seed 42: train 70%, validation 10%, test 20% ({testSamples} images).",
            AuditSummary = new Dictionary<string, string>
            {
                ["Images"] = (testSamples * 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Exact duplicates removed"] = "14",
                ["Near-duplicates across splits"] = "0 (perceptual hash distance ≤ 4)",
                ["Class balance (min/max)"] = "0.81",
                ["Unreadable files"] = "2 skipped",
            },
            ParameterCount = 1_284_610,
            ModelFileBytes = 5_163_918,
            LatencyMsBatch1 = 3.84,
            TrainingSeconds = epochs * 42.3,
            BestEpoch = epochs > 3 ? epochs - 3 : epochs,
            Settings = new Dictionary<string, string>
            {
                ["optimizer"] = "adamw (weight decay 0.01)",
                ["learning rate"] = "0.001, cosine schedule",
                ["batch"] = "32",
                ["epochs"] = epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["augmentation"] = "flip, rotate ±8°, brightness ±15%",
                ["seed"] = "42",
            },
            CreatedAt = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.Zero),
        };
    }

    /// <summary>Replaces the drawn thumbnails with pictures from <paramref name="folder"/> (searched recursively, read only).</summary>
    public static TrainingReportData WithPhotos(TrainingReportData data, string folder)
    {
        // A sub-folder named after the true label (as in taka-counterfeit/fake, /real) supplies that label's pictures.
        List<string> Photos(string label)
        {
            string own = Path.Combine(folder, label);
            string root = Directory.Exists(own) ? own : folder;
            return [.. Directory.EnumerateFiles(root, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(data.Misclassified.Count)];
        }

        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = data.Misclassified.Select(m =>
        {
            var files = Photos(m.TrueLabel);
            int next = used.GetValueOrDefault(m.TrueLabel);
            if (next >= files.Count)
            {
                return m;
            }

            used[m.TrueLabel] = next + 1;
            using var photo = ImageCodec.Load(files[next]);
            return m with { Path = files[next], Thumbnail = TrainingReport.Thumbnail(photo) };
        }).ToList();
        return data with { Misclassified = examples };
    }

    /// <summary>A small banknote-like picture: a tinted gradient with a darker band and a portrait oval.</summary>
    public static Image Note(int index, int label)
    {
        const int W = 240;
        const int H = 110;
        var pixels = new byte[W * H * 3];
        int hue = (label * 47) + (index * 3);
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                double t = (double)x / W;
                bool band = x > W * 0.62 && x < W * 0.70;
                double dx = (x - (W * 0.3)) / (W * 0.12);
                double dy = (y - (H * 0.5)) / (H * 0.32);
                bool oval = (dx * dx) + (dy * dy) < 1;
                double shade = band ? 0.55 : oval ? 0.7 : 0.9 - (0.15 * t);
                int o = ((y * W) + x) * 3;
                pixels[o] = (byte)Math.Clamp(shade * (150 + ((hue * 13) % 100)), 0, 255);
                pixels[o + 1] = (byte)Math.Clamp(shade * (140 + ((hue * 29) % 110)), 0, 255);
                pixels[o + 2] = (byte)Math.Clamp(shade * (120 + ((hue * 7) % 120)), 0, 255);
            }
        }

        return Image.FromPixels(W, H, PixelFormat.Rgb24, pixels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
