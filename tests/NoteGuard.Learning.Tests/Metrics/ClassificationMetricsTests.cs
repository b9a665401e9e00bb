using System.Text.Json;
using NoteGuard.Learning.Metrics;
using NoteGuard.Learning.Tests.Classical;

namespace NoteGuard.Learning.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    private const double MetricTolerance = 1e-12;

    public static TheoryData<int> Cases() => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchScikitLearnOnRandomPredictions(int index)
    {
        var c = SklearnFixtures.Cases("metrics").ElementAt(index);
        int k = c.GetProperty("classes").GetInt32();
        int[] truth = c.Ints("truth");
        int[] predicted = c.Ints("predicted");
        double[] scores = c.Doubles("scores");
        string[] labels = [.. Enumerable.Range(0, k).Select(i => "c" + i)];
        var report = ClassificationMetrics.Evaluate(truth, predicted, scores, labels, "fixture", new EvaluationOptions { BootstrapSamples = 200 });

        Assert.True(Math.Abs(report.Accuracy - c.GetProperty("accuracy").GetDouble()) <= MetricTolerance);
        Assert.True(Math.Abs(report.MacroF1 - c.GetProperty("macro_f1").GetDouble()) <= MetricTolerance);
        Assert.True(Math.Abs(report.WeightedF1 - c.GetProperty("weighted_f1").GetDouble()) <= MetricTolerance);
        Assert.True(Math.Abs(report.Mcc - c.GetProperty("mcc").GetDouble()) <= MetricTolerance);
        Assert.True(Math.Abs(report.Auc!.Value - c.GetProperty("auc").GetDouble()) <= MetricTolerance, $"auc {report.Auc} vs {c.GetProperty("auc").GetDouble()}");
        SklearnFixtures.AllClose(c.Doubles("precision"), report.PerClass.Select(p => p.Precision).ToArray(), MetricTolerance, 0, "precision");
        SklearnFixtures.AllClose(c.Doubles("recall"), report.PerClass.Select(p => p.Recall).ToArray(), MetricTolerance, 0, "recall");
        SklearnFixtures.AllClose(c.Doubles("f1"), report.PerClass.Select(p => p.F1).ToArray(), MetricTolerance, 0, "f1");
        Assert.Equal(c.Ints("support"), report.PerClass.Select(p => p.Support).ToArray());
        Assert.Equal(c.Ints("confusion"), report.Confusion.SelectMany(r => r).ToArray());

        // Intervals bracket the point estimates.
        Assert.InRange(report.Accuracy, report.Ci95.Accuracy[0], report.Ci95.Accuracy[1]);
        Assert.NotNull(report.Ci95.MacroF1);
        Assert.True(report.Ci95.MacroF1![0] <= report.Ci95.MacroF1[1]);
    }

    [Fact]
    public void HandComputedBinaryCase()
    {
        // truth 1 1 0 0 0, predicted 1 0 0 0 1: TP 1, FN 1, TN 2, FP 1.
        int[] truth = [1, 1, 0, 0, 0];
        int[] predicted = [1, 0, 0, 0, 1];
        var m = ClassificationMetrics.ConfusionMatrix(truth, predicted, 2);
        Assert.Equal(new[,] { { 2, 1 }, { 1, 1 } }, m);
        var perClass = ClassificationMetrics.PerClass(m);
        Assert.True(Math.Abs(perClass[1].Precision - 0.5) < MetricTolerance);
        Assert.True(Math.Abs(perClass[0].Recall - (2.0 / 3)) < MetricTolerance);
        // MCC = (TP·TN − FP·FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (2 − 1) / sqrt(2·2·3·3) = 1/6.
        Assert.True(Math.Abs(ClassificationMetrics.Mcc(m) - (1.0 / 6)) < MetricTolerance);
        // AUC with a tie: positives {0.9, 0.5}, negatives {0.5, 0.1, 0.2}: pairs won 3 + 0.5 (tie) + 2 = 5.5 of 6.
        double? auc = ClassificationMetrics.BinaryRocAuc([true, true, false, false, false], [0.9, 0.5, 0.5, 0.1, 0.2]);
        Assert.True(Math.Abs(auc!.Value - (5.5 / 6)) < MetricTolerance);
    }

    [Fact]
    public void WilsonIntervalMatchesTheFormula()
    {
        // 8 of 10 at z = 1.96: centre (0.8 + 0.19208)/1.38415 = 0.71682, half-width 0.22794 -> [0.4902, 0.9433].
        var (low, high) = ClassificationMetrics.WilsonInterval(8, 10);
        Assert.True(Math.Abs(low - 0.49016) < 1e-4, $"low {low}");
        Assert.True(Math.Abs(high - 0.94332) < 1e-4, $"high {high}");
        var (l0, h0) = ClassificationMetrics.WilsonInterval(0, 0);
        Assert.Equal((0.0, 1.0), (l0, h0));
    }

    [Fact]
    public void AucIsNullWhenOneClassIsAbsent()
    {
        Assert.Null(ClassificationMetrics.BinaryRocAuc([true, true], [0.1, 0.2]));
    }

    [Fact]
    public void BootstrapIsSeeded()
    {
        var c = SklearnFixtures.Cases("metrics").First();
        int[] truth = c.Ints("truth");
        int[] predicted = c.Ints("predicted");
        double[] scores = c.Doubles("scores");
        var options = new EvaluationOptions { BootstrapSamples = 100, Seed = 5 };
        var a = ClassificationMetrics.Evaluate(truth, predicted, scores, ["a", "b"], "x", options);
        var b = ClassificationMetrics.Evaluate(truth, predicted, scores, ["a", "b"], "x", options);
        var other = ClassificationMetrics.Evaluate(truth, predicted, scores, ["a", "b"], "x", options with { Seed = 6 });
        Assert.Equal(a.Ci95.MacroF1, b.Ci95.MacroF1);
        Assert.Equal(a.Ci95.Auc, b.Ci95.Auc);
        Assert.NotEqual(a.Ci95.MacroF1, other.Ci95.MacroF1);
    }

    [Fact]
    public void ReportSerialisesWithTheSharedKeys()
    {
        var report = ClassificationMetrics.Evaluate([0, 1, 1], [0, 1, 0], [0.9, 0.1, 0.2, 0.8, 0.6, 0.4], ["genuine", "forged"], "test split");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        foreach (string key in new[] { "accuracy", "macro_f1", "auc", "mcc", "confusion", "labels", "per_class", "ci95", "split" })
        {
            Assert.True(json.RootElement.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal("test split", json.RootElement.GetProperty("split").GetString());
    }
}
