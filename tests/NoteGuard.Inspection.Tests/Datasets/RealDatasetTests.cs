using NoteGuard.Inspection.Datasets;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Datasets;

/// <summary>Reading the shared real datasets (layouts, counts, groups). Read-only; nothing is copied.</summary>
public sealed class RealDatasetTests
{
    [RealDataFact("taka-counterfeit")]
    public void Taka_ClassFolders_GroupsByClassAndNote()
    {
        var data = DatasetReader.Read(TestPaths.Dataset("taka-counterfeit")!, new DatasetReadOptions { GroupPattern = @"note_\d+", GroupByClass = true });
        Assert.Equal(DatasetLayout.ClassFolders, data.Layout);
        Assert.Equal(["fake", "real"], data.Classes);
        // README: 1,428 JPEG photos. (Count JPEGs only: a stray decoder-reference file in the shared folder must not break this.)
        var photos = data.Items.Where(i => i.Path.EndsWith(".jpg", StringComparison.Ordinal)).ToList();
        Assert.Equal(1428, photos.Count);
        Assert.Equal(708, photos.Count(i => i.Label == "fake"));
        Assert.DoesNotContain(data.Items, i => i.Group is null);

        // README: 302 physical notes, 184 genuine and 118 counterfeit.
        var groups = data.Items.Select(i => i.Group!).Distinct().ToList();
        Assert.Equal(302, groups.Count);
        Assert.Equal(184, groups.Count(g => g.StartsWith("real/", StringComparison.Ordinal)));
    }

    [RealDataFact("vnd-denomination")]
    public void Vnd_YoloSplitFirst_WithClassesTxt()
    {
        var data = DatasetReader.Read(TestPaths.Dataset("vnd-denomination")!);
        Assert.Equal(DatasetLayout.YoloSplitFirst, data.Layout);
        Assert.Equal(["10000", "100000", "20000", "200000", "50000", "500000"], data.Classes);
        Assert.Equal(1336, data.Items.Count(IsJpeg) + data.ImagesWithoutBox.Count(p => p.EndsWith(".jpg", StringComparison.Ordinal)));
        Assert.Equal(["test", "train", "valid"], data.Splits);
        Assert.All(data.Items, i => Assert.NotNull(i.Box));
        Assert.Empty(data.Issues);

        static bool IsJpeg(DatasetItem item) => item.Path.EndsWith(".jpg", StringComparison.Ordinal);
    }
}
