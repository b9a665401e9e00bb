using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Bayes;
using NoteGuard.Learning.Classical.Linear;
using NoteGuard.Learning.Classical.Neighbors;
using NoteGuard.Learning.Classical.Trees;

namespace NoteGuard.Learning.Tests.Classical;

public sealed class OtherModelTests
{
    // Newton converges to the unique optimum; scikit-learn's fixture was fitted with tol 1e-12.
    private const double LogRegTolerance = 1e-5;
    private const double ProbabilityTolerance = 1e-6;
    private const double NaiveBayesTolerance = 1e-9;

    public static TheoryData<string> Datasets() => new() { "binary", "multiclass" };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void LogisticRegressionMatchesScikitLearn(string name)
    {
        var (x, y, test, classes) = SklearnFixtures.Dataset(name);
        foreach (var c in SklearnFixtures.Cases("logreg").Where(e => e.GetProperty("dataset").GetString() == name))
        {
            double penalty = c.GetProperty("C").GetDouble();
            var model = LogisticRegression.Fit(x, y, classes, new LogisticRegressionOptions { C = penalty });
            SklearnFixtures.AllClose(c.Doubles("coef"), model.Coefficients, LogRegTolerance, LogRegTolerance, $"coef C={penalty}");
            SklearnFixtures.AllClose(c.Doubles("intercept"), model.Intercepts, LogRegTolerance, LogRegTolerance, $"intercept C={penalty}");
            SklearnFixtures.AllClose(c.Doubles("proba"), model.PredictScores(test), LogRegTolerance, 0, $"proba C={penalty}");
        }
    }

    [Fact]
    public void LogisticRegressionHandComputedSymmetricCase()
    {
        // Symmetric data around 0: the intercept is 0 and the weight solves C Σ (σ(w x) − t) x + w = 0.
        var x = new FeatureMatrix([-1.0, 1.0], 2, 1);
        var model = LogisticRegression.Fit(x, [0, 1], 2, new LogisticRegressionOptions { C = 1 });
        double w = model.Coefficients[0];
        double gradient = (2 * (1 / (1 + Math.Exp(w)))) - w; // derivative of the objective, negated, must vanish
        Assert.True(Math.Abs(gradient) < 1e-8, $"gradient {gradient}");
        Assert.True(Math.Abs(model.Intercepts[0]) < 1e-10);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void GaussianNaiveBayesMatchesScikitLearn(string name)
    {
        var (x, y, test, classes) = SklearnFixtures.Dataset(name);
        var c = SklearnFixtures.Cases("nb").Single(e => e.GetProperty("dataset").GetString() == name);
        var model = GaussianNaiveBayes.Fit(x, y, classes, new GaussianNaiveBayesOptions());
        SklearnFixtures.AllClose(c.Doubles("theta"), model.Means, NaiveBayesTolerance, NaiveBayesTolerance, "theta");
        SklearnFixtures.AllClose(c.Doubles("var"), model.Variances, NaiveBayesTolerance, NaiveBayesTolerance, "var");
        SklearnFixtures.AllClose(c.Doubles("proba"), model.PredictScores(test), ProbabilityTolerance, 0, "proba");
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void NearestNeighborsMatchScikitLearn(string name)
    {
        var (x, y, test, classes) = SklearnFixtures.Dataset(name);
        foreach (var c in SklearnFixtures.Cases("knn").Where(e => e.GetProperty("dataset").GetString() == name))
        {
            var weighting = c.GetProperty("weights").GetString() == "uniform" ? NeighborWeighting.Uniform : NeighborWeighting.Distance;
            var model = KNearestNeighbors.Fit(x, y, classes, new KNearestNeighborsOptions { Weighting = weighting });
            SklearnFixtures.AllClose(c.Doubles("proba"), model.PredictScores(test), ProbabilityTolerance, 0, $"proba {weighting}");
        }
    }

    [Fact]
    public void NearestNeighborsExactMatchTakesAllWeight()
    {
        var x = new FeatureMatrix([0.0, 1, 2, 3, 4], 5, 1);
        var model = KNearestNeighbors.Fit(x, [0, 0, 1, 1, 1], 2, new KNearestNeighborsOptions { Neighbors = 3, Weighting = NeighborWeighting.Distance });
        SklearnFixtures.AllClose([1.0, 0.0], model.PredictScores(new FeatureMatrix([1.0], 1, 1)), 0, 0, "exact");
        var uniform = KNearestNeighbors.Fit(x, [0, 0, 1, 1, 1], 2, new KNearestNeighborsOptions { Neighbors = 3 });
        SklearnFixtures.AllClose([2.0 / 3, 1.0 / 3], uniform.PredictScores(new FeatureMatrix([0.9], 1, 1)), 1e-12, 0, "uniform");
    }

    [Fact]
    public void DecisionTreeSeparatesAHandMadeStep()
    {
        // A step at x = 2.5: one split, threshold at the midpoint, pure leaves.
        var x = new FeatureMatrix([0.0, 1, 2, 3, 4, 5], 6, 1);
        var tree = RandomForest.Fit(x, [0, 0, 0, 1, 1, 1], 2, RandomForestOptions.DecisionTree());
        Assert.Equal(3, tree.NodeCount);
        Assert.Equal([0, 1], tree.Predict(new FeatureMatrix([2.49, 2.51], 2, 1)));
    }

    [Fact]
    public void TreeSeedsDoNotDependOnTheProcess()
    {
        // SplitMix64 of (seed << 32) + tree, computed independently in Python; HashCode.Combine would differ per process.
        Assert.Equal(608795752, RandomForest.TreeSeed(7, 3));
        Assert.Equal(2065550767, RandomForest.TreeSeed(0, 0));
    }

    [Fact]
    public void ForestIsSeededAndReproducible()
    {
        var (x, y, test, classes) = SklearnFixtures.Dataset("multiclass");
        var options = new RandomForestOptions { Trees = 25, Seed = 11 };
        var a = RandomForest.Fit(x, y, classes, options);
        var b = RandomForest.Fit(x, y, classes, options);
        var c = RandomForest.Fit(x, y, classes, options with { Seed = 12 });
        Assert.Equal(a.PredictScores(test), b.PredictScores(test));
        Assert.NotEqual(a.PredictScores(test), c.PredictScores(test));
        Assert.True(a.Predict(x).Zip(y).Count(p => p.First == p.Second) >= 0.95 * x.Rows);
    }
}
