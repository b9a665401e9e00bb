using NoteGuard.Learning.Metrics;

namespace NoteGuard.Learning.Tests.Metrics;

public sealed class RocCurveTests
{
    private const double RateTolerance = 1e-12;

    [Fact]
    public void HandComputedCurveWithATie()
    {
        // Positives {0.9, 0.5}, negatives {0.5, 0.2, 0.1}. Thresholds 0.9: TP 1 FP 0; 0.5: TP 2 FP 1; 0.2: FP 2; 0.1: FP 3.
        var full = ClassificationMetrics.BinaryRocCurve([true, true, false, false, false], [0.9, 0.5, 0.5, 0.1, 0.2], dropIntermediate: false);
        Assert.NotNull(full);
        AssertClose([0, 0, 1.0 / 3, 2.0 / 3, 1], full.FalsePositiveRate);
        AssertClose([0, 0.5, 1, 1, 1], full.TruePositiveRate);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.5, 0.2, 0.1], full.Thresholds);

        // (2/3, 1) lies on the straight run from (1/3, 1) to (1, 1) and is dropped.
        var corners = ClassificationMetrics.BinaryRocCurve([true, true, false, false, false], [0.9, 0.5, 0.5, 0.1, 0.2]);
        AssertClose([0, 0, 1.0 / 3, 1], corners!.FalsePositiveRate);
        AssertClose([0, 0.5, 1, 1], corners.TruePositiveRate);
    }

    [Fact]
    public void MatchesScikitLearnRocCurve()
    {
        // /usr/bin/python3: rng = np.random.default_rng(7); y = rng.integers(0, 2, 40); s = np.round(rng.random(40) + 0.4 * y, 1)
        // fpr, tpr, thr = sklearn.metrics.roc_curve(y, s); auc(fpr, tpr) = 0.62890625
        int[] y = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1];
        double[] s = [0.6, 0.6, 1.0, 0.4, 0.4, 0.9, 0.9, 0.9, 0.6, 0.5, 0.5, 0.6, 0.4, 0.2, 0.7, 0.6, 0.4, 0.4, 0.8, 0.2, 0.7, 0.9, 0.5, 0.8, 1.0, 0.7, 0.5, 0.5, 0.5, 1.3, 0.8, 1.0, 0.5, 0.8, 0.7, 0.6, 1.2, 0.8, 1.0, 1.0];
        double[] expectedFpr = [0.0, 0.0, 0.0, 0.0625, 0.1875, 0.3125, 0.4375, 0.5, 0.8125, 0.875, 1.0];
        double[] expectedTpr = [0.0, 1.0 / 24, 2.0 / 24, 0.25, 8.0 / 24, 11.0 / 24, 13.0 / 24, 0.75, 20.0 / 24, 1.0, 1.0];
        double[] expectedThresholds = [1.3, 1.2, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2];
        bool[] positive = [.. y.Select(v => v == 1)];

        var roc = ClassificationMetrics.BinaryRocCurve(positive, s);

        Assert.NotNull(roc);
        AssertClose(expectedFpr, roc.FalsePositiveRate);
        AssertClose(expectedTpr, roc.TruePositiveRate);
        AssertClose(expectedThresholds, roc.Thresholds.AsSpan(1).ToArray());
        Assert.True(double.IsPositiveInfinity(roc.Thresholds[0]));

        // The trapezoidal area under the corners equals the rank-based AUC.
        double area = 0;
        for (int i = 1; i < roc.FalsePositiveRate.Length; i++)
        {
            area += (roc.FalsePositiveRate[i] - roc.FalsePositiveRate[i - 1]) * (roc.TruePositiveRate[i] + roc.TruePositiveRate[i - 1]) / 2;
        }

        Assert.True(Math.Abs(area - 0.62890625) <= RateTolerance, $"area {area}");
        Assert.True(Math.Abs(ClassificationMetrics.BinaryRocAuc(positive, s)!.Value - 0.62890625) <= RateTolerance);
    }

    [Fact]
    public void OneGroupOnlyHasNoCurve()
    {
        Assert.Null(ClassificationMetrics.BinaryRocCurve([true, true], [0.1, 0.2]));
        Assert.Null(ClassificationMetrics.BinaryRocCurve([false], [0.1]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.BinaryRocCurve([true], [0.1, 0.2]));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= RateTolerance, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
