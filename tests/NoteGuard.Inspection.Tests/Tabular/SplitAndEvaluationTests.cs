using NoteGuard.Inspection.Tabular;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;
using NoteGuard.Learning.Serialization;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Tabular;

public sealed class SplitAndEvaluationTests
{
    private static int[] Targets(int perClass, int classes) => [.. Enumerable.Range(0, perClass * classes).Select(i => i % classes)];

    [Fact]
    public void StratifiedKFoldKeepsProportionsAndCoversEveryRowOnce()
    {
        int[] y = [.. Enumerable.Repeat(0, 30), .. Enumerable.Repeat(1, 20)];
        var split = DataSplitter.StratifiedKFold(y, 5, seed: 1);
        Assert.Equal(5, split.FoldCount);
        for (int f = 0; f < 5; f++)
        {
            var (train, test) = split.Fold(f);
            Assert.Equal(50, train.Length + test.Length);
            Assert.Equal(6, test.Count(r => y[r] == 0));
            Assert.Equal(4, test.Count(r => y[r] == 1));
        }
    }

    [Fact]
    public void SplitsAreSeeded()
    {
        int[] y = Targets(20, 2);
        Assert.Equal(DataSplitter.StratifiedKFold(y, 4, 7).Folds, DataSplitter.StratifiedKFold(y, 4, 7).Folds);
        Assert.NotEqual(DataSplitter.StratifiedKFold(y, 4, 7).Folds, DataSplitter.StratifiedKFold(y, 4, 8).Folds);
    }

    [Fact]
    public void StratifiedHoldoutTakesTheFractionPerClass()
    {
        int[] y = [.. Enumerable.Repeat(0, 70), .. Enumerable.Repeat(1, 30)];
        var split = DataSplitter.StratifiedHoldout(y, 0.3, 0);
        var (_, test) = split.Fold(0);
        Assert.Equal(21, test.Count(r => y[r] == 0));
        Assert.Equal(9, test.Count(r => y[r] == 1));
        Assert.Equal(70, split.Folds.Count(f => f == -1));
    }

    [Fact]
    public void GroupedSplitsNeverSplitAGroup()
    {
        string[] groups = [.. Enumerable.Range(0, 60).Select(i => "note" + (i / 4))];
        foreach (var split in new[] { DataSplitter.GroupedKFold(groups, 5, 3), DataSplitter.GroupedHoldout(groups, 0.25, 3) })
        {
            foreach (var group in groups.Distinct())
            {
                Assert.Single(Enumerable.Range(0, groups.Length).Where(r => groups[r] == group).Select(r => split.Folds[r]).Distinct());
            }
        }

        var kfold = DataSplitter.GroupedKFold(groups, 5, 3);
        Assert.All(Enumerable.Range(0, 5), f => Assert.Equal(12, kfold.Folds.Count(x => x == f)));
    }

    [Fact]
    public void EvaluationIsReproducibleAndScalerIsFittedOnTrainingRowsOnly()
    {
        var random = new Random(4);
        int n = 80;
        var x = new FeatureMatrix(n, 2);
        var y = new int[n];
        for (int r = 0; r < n; r++)
        {
            y[r] = r % 2;
            x[r, 0] = (y[r] * 2) + random.NextDouble();
            x[r, 1] = 1000 * random.NextDouble();
        }

        var data = TabularDataset.FromArrays(x, ["a", "b"], ["neg", "pos"], y);
        var options = new TabularModelOptions { Classifier = new SvmOptions(), Scaling = ScalingMethod.Standardize };
        var split = DataSplitter.StratifiedKFold(data.Targets, 5, 0);
        var first = TabularEvaluation.Evaluate(data, options, split);
        var second = TabularEvaluation.Evaluate(data, options, split);
        Assert.Equal(first.Predictions, second.Predictions);
        Assert.Equal(first.Report.Ci95.MacroF1, second.Report.Ci95.MacroF1);
        Assert.Equal(n, first.Report.Samples);
        Assert.True(first.Report.Accuracy > 0.9, $"accuracy {first.Report.Accuracy}");
        Assert.Contains("stratified 5-fold", first.Report.Split, StringComparison.Ordinal);
    }

    [Fact]
    public void GridSearchRanksCandidates()
    {
        var random = new Random(2);
        int n = 60;
        var x = new FeatureMatrix(n, 1);
        var y = new int[n];
        for (int r = 0; r < n; r++)
        {
            y[r] = r % 2;
            x[r, 0] = (2 * y[r]) + (3 * random.NextDouble()); // overlapping classes: C matters
        }

        var data = TabularDataset.FromArrays(x, ["a"], ["0", "1"], y);
        var candidates = ClassifierCatalog.ExpandGrid(new Dictionary<string, string>(), [ClassifierCatalog.ParseGridAxis("c=0.001,1")])
            .Select(s => new TabularModelOptions { Classifier = ClassifierCatalog.Create("svm", s) }).ToList();
        Assert.Equal(2, candidates.Count);
        var ranking = TabularEvaluation.GridSearch(data, candidates, DataSplitter.StratifiedKFold(data.Targets, 3, 0));
        Assert.True(ranking[0].MeanAccuracy > ranking[1].MeanAccuracy, $"{ranking[0].MeanAccuracy} vs {ranking[1].MeanAccuracy}");
        Assert.Contains("C=1", ranking[0].Options.Describe(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Models() => new() { "svm", "logreg", "knn", "forest", "tree", "nb" };

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryModelRoundTripsThroughTheModelFile(string model)
    {
        var random = new Random(9);
        int n = 45;
        var x = new FeatureMatrix(n, 3);
        var y = new int[n];
        for (int r = 0; r < n; r++)
        {
            y[r] = r % 3;
            for (int c = 0; c < 3; c++)
            {
                x[r, c] = (c == y[r] ? 2 : 0) + random.NextDouble() + (r == 3 && c == 1 ? double.NaN : 0);
            }
        }

        var data = TabularDataset.FromArrays(x, ["f1", "f2", "f3"], ["a", "b", "c"], y);
        var settings = model == "svm" ? new Dictionary<string, string> { ["probability"] = "true" } : new Dictionary<string, string>();
        var options = new TabularModelOptions
        {
            Classifier = ClassifierCatalog.Create(model, settings),
            Scaling = ScalingMethod.MinMax,
            Imputation = Learning.Classical.ImputationMethod.Median,
        };
        var fitted = TabularEvaluation.Fit(data, options);
        string path = Path.Combine(TestPaths.NewTempDirectory(), model + ".ngm");
        fitted.Save(path);
        var loaded = TabularModel.Load(path);
        Assert.Equal(fitted.Labels, loaded.Labels);
        Assert.Equal(fitted.FeatureNames, loaded.FeatureNames);
        Assert.Equal(fitted.Description, loaded.Description);
        Assert.Equal(fitted.PredictScores(data.Features), loaded.PredictScores(data.Features));
        Assert.Equal(fitted.Predict(data.Features), loaded.Predict(data.Features));
    }

    [Fact]
    public void CorruptTabularModelIsInvalidModelException()
    {
        var file = new ModelFile { Kind = "svm", Labels = ["a", "b"] };
        file.Header["format"] = TabularModel.HeaderFormat;
        file.Header["feature_names"] = new System.Text.Json.Nodes.JsonArray("x");
        Assert.Throws<InvalidModelException>(() => TabularModel.FromModelFile(file, "broken.ngm"));
        var other = new ModelFile { Kind = "nn/cnn" };
        var ex = Assert.Throws<InvalidModelException>(() => TabularModel.FromModelFile(other, "cnn.ngm"));
        Assert.Contains("not a tabular model", ex.Message, StringComparison.Ordinal);
    }
}
