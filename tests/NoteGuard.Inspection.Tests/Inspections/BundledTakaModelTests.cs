using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Inspections;
using NoteGuard.Inspection.Tests.Datasets;
using NoteGuard.Inspection.Training;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Inspections;

/// <summary>
/// The bundled taka model against the real data: re-making its split from the card's recipe must give the same test
/// images and the card's figures. Guards the model file against any change to the descriptor, the SVM or the split
/// that would silently change what the shipped model answers.
/// </summary>
public sealed class BundledTakaModelTests
{
    [RealDataFact("taka-counterfeit", needsJpeg: true)]
    public void ScoresItsCardOnTheRemadeGroupedTestSplit()
    {
        var model = BanknoteModel.Load(Path.Combine(TestPaths.RepoRoot, "models", "taka-counterfeit.ngm"));
        Assert.Equal(BanknoteModel.TextureArchitecture, model.Architecture);

        // The card's recipe: grouped by (class, note id), near-duplicate clusters together, 80/10/10, seed 0.
        var dataset = DatasetReader.Read(TestPaths.Dataset("taka-counterfeit")!, new DatasetReadOptions { GroupPattern = @"note_\d+", GroupByClass = true });
        var audit = DatasetAudit.Run(dataset);
        var plan = SplitPlan.Make(dataset, new SplitPlanOptions { UseGivenSplits = true, Seed = 0, Audit = audit });
        Assert.Equal(model.Card!.Split, plan.Description);
        Assert.Equal(144, plan.Test.Count);

        var predictions = ImageEvaluation.Predict(model, plan.Test);
        var report = predictions.Evaluate(plan.Description);
        Assert.Empty(predictions.Skipped);
        Assert.Equal(142, predictions.Truth.Zip(predictions.Predicted).Count(p => p.First == p.Second));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"accuracy {report.Accuracy:F4}"), model.Card.Metrics, StringComparison.Ordinal);
        Assert.True(report.Accuracy >= 0.98, $"bundled taka model: {report.Accuracy:F4} on the grouped test split");
    }
}
