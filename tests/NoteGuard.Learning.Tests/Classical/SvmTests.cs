using System.Text.Json;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Classical;

[Trait("Category", ScalarFallback.SimdCategory)]
public sealed class SvmTests
{
    // Both sides run the same SMO (WSS2 + shrinking, stopping at a KKT gap of 1e-3); differences come only from
    // floating-point summation order, far below the stopping tolerance.
    private const double DualTolerance = 1e-6;
    private const double DecisionTolerance = 1e-6;
    private const double GammaTolerance = 1e-12;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in SklearnFixtures.Cases("svm"))
        {
            data.Add(c.GetProperty("dataset").GetString()!, c.GetProperty("case").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearn(string datasetName, string caseName)
    {
        var c = SklearnFixtures.Cases("svm").Single(e => e.GetProperty("dataset").GetString() == datasetName && e.GetProperty("case").GetString() == caseName);
        var (x, y, test, classes) = SklearnFixtures.Dataset(datasetName);
        bool scale = !caseName.Contains("gamma", StringComparison.Ordinal) && c.GetProperty("kernel").GetString() is "rbf" or "poly";
        var options = new SvmOptions
        {
            Kernel = SvmOptions.ParseKernel(c.GetProperty("kernel").GetString()!),
            C = c.GetProperty("C").GetDouble(),
            Gamma = scale ? null : c.GetProperty("gamma").GetDouble(),
            Degree = c.GetProperty("degree").GetInt32(),
            Coef0 = c.GetProperty("coef0").GetDouble(),
        };
        var svm = SvmClassifier.Fit(x, y, classes, options);

        Assert.True(Math.Abs(svm.Gamma - c.GetProperty("gamma").GetDouble()) <= GammaTolerance * c.GetProperty("gamma").GetDouble());
        Assert.Equal(c.Ints("n_support"), svm.SupportCounts.ToArray());
        Assert.Equal(c.Ints("support"), svm.SupportIndices);
        SklearnFixtures.AllClose(c.Doubles("dual_coef"), svm.DualCoefficients, DualTolerance, DualTolerance, "dual_coef");
        SklearnFixtures.AllClose(c.Doubles("rho"), svm.Rho, DualTolerance, DualTolerance, "rho");

        double[] decision = svm.DecisionValues(test);
        double[] expected = c.Doubles("decision");
        if (classes == 2)
        {
            // scikit-learn flips the binary decision so that positive means class 1.
            expected = [.. expected.Select(v => -v)];
        }

        SklearnFixtures.AllClose(expected, decision, DecisionTolerance, DecisionTolerance, "decision");
        Assert.Equal(c.Ints("predict"), svm.Predict(test));
    }

    [Fact]
    public void ScaleGammaEqualsScikitLearnBitForBit()
    {
        // ScaleGamma sums in numpy's pairwise order, so γ = 1 / (n_features · X.var()) is the same double.
        int checkedCases = 0;
        foreach (var c in SklearnFixtures.Cases("svm"))
        {
            string caseName = c.GetProperty("case").GetString()!;
            if (caseName.Contains("gamma", StringComparison.Ordinal) || c.GetProperty("kernel").GetString() is not ("rbf" or "poly"))
            {
                continue;
            }

            var (x, _, _, _) = SklearnFixtures.Dataset(c.GetProperty("dataset").GetString()!);
            Assert.Equal(c.GetProperty("gamma").GetDouble(), SvmClassifier.ScaleGamma(x));
            checkedCases++;
        }

        Assert.True(checkedCases >= 2);
    }

    [Fact]
    public void ShrinkingAndCacheSizeDoNotChangeTheSolution()
    {
        var (x, y, test, classes) = SklearnFixtures.Dataset("multiclass");
        var reference = SvmClassifier.Fit(x, y, classes, new SvmOptions { C = 10 });
        var noShrink = SvmClassifier.Fit(x, y, classes, new SvmOptions { C = 10, Shrinking = false });
        var tinyCache = SvmClassifier.Fit(x, y, classes, new SvmOptions { C = 10, CacheMegabytes = 1e-6 });
        foreach (var other in new[] { noShrink, tinyCache })
        {
            SklearnFixtures.AllClose(reference.DecisionValues(test), other.DecisionValues(test), 1e-2, 0, "decision");
            Assert.Equal(reference.Predict(test), other.Predict(test));
        }
    }

    [Fact]
    public void HandComputedTwoPointProblem()
    {
        // Two points at ±1 on a line, linear kernel: the maximal-margin solution is w = 1, b = 0, α = ½ each.
        var x = new FeatureMatrix([-1.0, 1.0], 2, 1);
        var svm = SvmClassifier.Fit(x, [0, 1], 2, new SvmOptions { Kernel = SvmKernel.Linear, C = 10 });
        Assert.Equal(2, svm.SupportVectorCount);
        SklearnFixtures.AllClose([0.5, -0.5], svm.DualCoefficients, 1e-9, 0, "alpha");
        SklearnFixtures.AllClose([0.0], svm.Rho, 1e-9, 0, "rho");
        double[] d = svm.DecisionValues(new FeatureMatrix([0.25, -3.0], 2, 1));
        SklearnFixtures.AllClose([-0.25, 3.0], d, 1e-9, 0, "decision");
    }

    [Fact]
    public void ScaleGammaIsOneOverFeaturesTimesVariance()
    {
        // Values 0, 2, 4, 6: mean 3, population variance 5; two features -> gamma = 1 / 10.
        var x = new FeatureMatrix([0.0, 2, 4, 6], 2, 2);
        Assert.True(Math.Abs(SvmClassifier.ScaleGamma(x) - 0.1) < GammaTolerance);
    }

    [Fact]
    public void ProbabilitiesAreSeededCalibratedAndReproducible()
    {
        var (x, y, test, classes) = SklearnFixtures.Dataset("multiclass");
        var options = new SvmOptions { Probability = true, Seed = 3 };
        var a = SvmClassifier.Fit(x, y, classes, options);
        var b = SvmClassifier.Fit(x, y, classes, options);
        double[] pa = a.PredictScores(test);
        Assert.True(a.ScoresAreProbabilities);
        Assert.Equal(pa, b.PredictScores(test));
        for (int r = 0; r < test.Rows; r++)
        {
            var row = pa.AsSpan(r * classes, classes);
            Assert.True(Math.Abs(row.ToArray().Sum() - 1) < 1e-6, $"row {r} sums to {row.ToArray().Sum()}");
            foreach (double p in row)
            {
                Assert.InRange(p, 0, 1);
            }
        }

        // On training data the calibrated probabilities should mostly agree with the votes.
        int[] votes = a.Predict(x);
        int[] byProbability = ClassicalClassifierTestAccess.ArgMax(a.PredictScores(x), classes);
        Assert.True(votes.Zip(byProbability).Count(p => p.First == p.Second) >= 0.9 * x.Rows);
    }

    [Fact]
    public void PlattSigmoidHandComputedSeparation()
    {
        // Perfectly separated decisions: the sigmoid must put class +1 (positive decisions) above 0.5.
        double[] decisions = [-2, -1.5, -1, 1, 1.5, 2];
        sbyte[] labels = [-1, -1, -1, 1, 1, 1];
        var (a, bias) = PlattScaling.FitSigmoid(decisions, labels);
        Assert.True(a < 0, $"A = {a}");
        Assert.True(PlattScaling.Sigmoid(2, a, bias) > 0.7);
        Assert.True(PlattScaling.Sigmoid(-2, a, bias) < 0.3);
    }

    [Fact]
    public void RejectsBadInput()
    {
        var x = new FeatureMatrix([0.0, 1, double.NaN, 3], 2, 2);
        Assert.Throws<ArgumentException>(() => SvmClassifier.Fit(x, [0, 1], 2, new SvmOptions()));
        var ok = new FeatureMatrix([0.0, 1, 2, 3], 2, 2);
        Assert.Throws<ArgumentException>(() => SvmClassifier.Fit(ok, [0, 2], 2, new SvmOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => SvmClassifier.Fit(ok, [0, 1], 2, new SvmOptions { C = -1 }));
        Assert.Throws<ArgumentException>(() => SvmClassifier.Fit(ok, [0, 0], 2, new SvmOptions()));
        var svm = SvmClassifier.Fit(ok, [0, 1], 2, new SvmOptions());
        Assert.Throws<ArgumentException>(() => svm.Predict(new FeatureMatrix(1, 3)));
    }
}

internal static class ClassicalClassifierTestAccess
{
    public static int[] ArgMax(double[] scores, int classes) => ClassicalClassifier.ArgMaxRows(scores, classes);
}
