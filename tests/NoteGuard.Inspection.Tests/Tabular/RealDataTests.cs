using NoteGuard.Inspection.Tabular;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Tabular;

/// <summary>A fact that is skipped, with the reason, when a shared dataset is absent.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string dataset)
    {
        if (TestPaths.Dataset(dataset) is null)
        {
            Skip = $"shared dataset '{dataset}' is absent under {TestPaths.Datasets} (set NOTEGUARD_DATA to run this test)";
        }
    }
}

/// <summary>Seed 003's protocol and the Swiss banknotes on the real data (docs/results.md has the full table).</summary>
public sealed class RealDataTests
{
    // scikit-learn scores 1.0 (UCI, 70/30) and 0.99 (Swiss, 10-fold) on the same folds; allow half a point.
    private const double Margin = 0.005;

    [DatasetFact("uci-banknote")]
    public void Seed003ProtocolGivesPerfectF1OnUci()
    {
        var data = TabularDataset.Load(Path.Combine(TestPaths.Dataset("uci-banknote")!, "banknote_authentication.csv"),
            new TabularReadOptions { LabelColumn = "class" });
        Assert.Equal(1372, data.Count);
        Assert.Equal(["variance", "skewness", "curtosis", "entropy"], data.FeatureNames);
        var options = new TabularModelOptions { Classifier = new SvmOptions(), Scaling = ScalingMethod.Standardize };
        var result = TabularEvaluation.Evaluate(data, options, DataSplitter.StratifiedHoldout(data.Targets, 0.3, 0));
        Assert.True(result.Report.MacroF1 >= 1.0 - Margin, $"macro F1 {result.Report.MacroF1}");
        Assert.Equal(412, result.Report.Samples);
    }

    [DatasetFact("swiss-banknote")]
    public void SwissBanknotesTenFoldSvmMatchesScikitLearn()
    {
        var data = TabularDataset.Load(Path.Combine(TestPaths.Dataset("swiss-banknote")!, "swiss_banknotes.csv"),
            new TabularReadOptions { LabelColumn = "Status" });
        Assert.Equal(["counterfeit", "genuine"], data.Labels);
        var options = new TabularModelOptions { Classifier = new SvmOptions(), Scaling = ScalingMethod.Standardize };
        var result = TabularEvaluation.Evaluate(data, options, DataSplitter.StratifiedKFold(data.Targets, 10, 0));
        Assert.True(result.Report.Accuracy >= 0.99 - Margin, $"accuracy {result.Report.Accuracy}");
    }
}
