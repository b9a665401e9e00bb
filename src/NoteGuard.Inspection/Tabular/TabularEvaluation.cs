using System.Globalization;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Metrics;

namespace NoteGuard.Inspection.Tabular;

/// <summary>The outcome of evaluating one model configuration on a split.</summary>
public sealed class TabularEvaluationResult
{
    /// <summary>Metrics over the pooled out-of-fold predictions.</summary>
    public required ClassificationReport Report { get; init; }

    /// <summary>Accuracy of every fold separately.</summary>
    public required IReadOnlyList<double> FoldAccuracies { get; init; }

    /// <summary>Predicted class per dataset row, −1 for rows never tested.</summary>
    public required IReadOnlyList<int> Predictions { get; init; }

    /// <summary>What was trained in each fold.</summary>
    public required string Model { get; init; }
}

/// <summary>Cross-validation and hold-out evaluation of tabular models, and grid search over their settings.</summary>
public static class TabularEvaluation
{
    /// <summary>
    /// Trains a fresh model (imputer and scaler included) on each fold's training rows and predicts its test
    /// rows; the report covers every tested row once.
    /// </summary>
    /// <exception cref="InvalidDatasetException">Fewer than two classes, or a training fold lacks a class.</exception>
    public static TabularEvaluationResult Evaluate(TabularDataset data, TabularModelOptions options, DataSplit split, EvaluationOptions? evaluation = null)
    {
        Guard.NotNull(data);
        Guard.NotNull(options);
        Guard.NotNull(split);
        Guard.IsTrue(split.Folds.Count == data.Count, "the split must have one fold per row", nameof(split));
        data.RequireTwoClasses();
        int k = data.Labels.Count;
        var predictions = new int[data.Count];
        Array.Fill(predictions, -1);
        var scores = new double[data.Count * k];
        var foldAccuracies = new double[split.FoldCount];
        for (int f = 0; f < split.FoldCount; f++)
        {
            var (trainRows, testRows) = split.Fold(f);
            var train = data.Subset(trainRows);
            var test = data.Subset(testRows);
            var model = FitModel(train, options, f);
            var foldScores = model.PredictScores(test.Features);
            var foldPredictions = model.Predict(test.Features);
            int correct = 0;
            for (int i = 0; i < testRows.Length; i++)
            {
                predictions[testRows[i]] = foldPredictions[i];
                foldScores.AsSpan(i * k, k).CopyTo(scores.AsSpan(testRows[i] * k, k));
                correct += foldPredictions[i] == test.Targets[i] ? 1 : 0;
            }

            foldAccuracies[f] = (double)correct / testRows.Length;
        }

        int[] tested = [.. Enumerable.Range(0, data.Count).Where(r => predictions[r] >= 0)];
        int[] truth = [.. tested.Select(r => data.Targets[r])];
        int[] predicted = [.. tested.Select(r => predictions[r])];
        double[] testedScores = new double[tested.Length * k];
        for (int i = 0; i < tested.Length; i++)
        {
            scores.AsSpan(tested[i] * k, k).CopyTo(testedScores.AsSpan(i * k, k));
        }

        string description = split.Description + (split.FoldCount > 1 ? ", out-of-fold predictions pooled" : string.Empty);
        var report = ClassificationMetrics.Evaluate(truth, predicted, testedScores, data.Labels, description, evaluation);
        return new TabularEvaluationResult
        {
            Report = report,
            FoldAccuracies = foldAccuracies,
            Predictions = predictions,
            Model = options.Describe(),
        };
    }

    /// <summary>Fits one model on the whole dataset.</summary>
    /// <exception cref="InvalidDatasetException">Fewer than two classes or a class without rows after dropping missing values.</exception>
    public static TabularModel Fit(TabularDataset data, TabularModelOptions options)
    {
        Guard.NotNull(data);
        Guard.NotNull(options);
        data.RequireTwoClasses();
        return FitModel(data, options, null);
    }

    /// <summary>
    /// Evaluates every candidate on the same split and returns them ranked by mean fold accuracy (then macro
    /// F1); the first is the best.
    /// </summary>
    public static IReadOnlyList<GridSearchEntry> GridSearch(TabularDataset data, IReadOnlyList<TabularModelOptions> candidates, DataSplit split)
    {
        Guard.NotNull(candidates);
        Guard.IsTrue(candidates.Count > 0, "the grid is empty", nameof(candidates));
        var entries = new List<GridSearchEntry>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var result = Evaluate(data, candidate, split, new EvaluationOptions { BootstrapSamples = 0 });
            entries.Add(new GridSearchEntry(candidate, result.FoldAccuracies.Average(), result.Report.MacroF1));
        }

        return [.. entries.OrderByDescending(e => e.MeanAccuracy).ThenByDescending(e => e.MacroF1)];
    }

    private static TabularModel FitModel(TabularDataset train, TabularModelOptions options, int? fold)
    {
        var counts = new int[train.Labels.Count];
        foreach (int t in train.Targets)
        {
            counts[t]++;
        }

        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] == 0)
            {
                string where = fold is int f ? string.Create(CultureInfo.InvariantCulture, $"the training part of fold {f}") : "the training data";
                throw new InvalidDatasetException(train.Source, null, null, $"class '{train.Labels[c]}' has no rows in {where}");
            }
        }

        return TabularModel.Fit(train.Features, train.Targets.ToArray(), train.Labels, train.FeatureNames, options);
    }
}

/// <summary>One grid-search candidate and its cross-validated scores.</summary>
/// <param name="Options">The candidate.</param>
/// <param name="MeanAccuracy">Mean of the fold accuracies.</param>
/// <param name="MacroF1">Macro F1 of the pooled out-of-fold predictions.</param>
public sealed record GridSearchEntry(TabularModelOptions Options, double MeanAccuracy, double MacroF1);
