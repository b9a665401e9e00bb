using NoteGuard.Inspection;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Tests.Datasets;

public sealed class DatasetReaderTests
{
    [Fact]
    public void ClassFolders_AreDetected_SortedAndLabelled()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("real/note_002_1_a.jpg", 1);
        tree.FakeImage("real/note_001_1_b.jpg", 2);
        tree.FakeImage("fake/note_001_2_c.png", 3);
        tree.Text("fake/readme.txt", "not an image");
        tree.FakeImage("stray.jpg", 4);

        var data = DatasetReader.Read(tree.Root);

        Assert.Equal(DatasetLayout.ClassFolders, data.Layout);
        Assert.Equal(["fake", "real"], data.Classes);
        Assert.Equal(["fake", "real", "real"], data.Items.Select(i => i.Label));
        Assert.Equal(["note_001_2_c.png", "note_001_1_b.jpg", "note_002_1_a.jpg"], data.Items.Select(i => i.FileName));
        Assert.All(data.Items, i => Assert.Null(i.Split));
        var stray = Assert.Single(data.Issues);
        Assert.EndsWith("stray.jpg", stray.Path, StringComparison.Ordinal);
        Assert.Equal(1, data.ClassIndex("real"));
    }

    [Fact]
    public void GroupPattern_UsesFirstCaptureOrWholeMatch_AndCanIncludeClass()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("real/note_001_1_a.jpg", 1);
        tree.FakeImage("fake/note_001_2_b.jpg", 2);
        tree.FakeImage("fake/other.jpg", 3);

        var whole = DatasetReader.Read(tree.Root, new DatasetReadOptions { GroupPattern = @"note_\d+" });
        Assert.Equal(["note_001", null, "note_001"], whole.Items.Select(i => i.Group));

        var captured = DatasetReader.Read(tree.Root, new DatasetReadOptions { GroupPattern = @"note_(\d+)_", GroupByClass = true });
        Assert.Equal(["fake/001", null, "real/001"], captured.Items.Select(i => i.Group));
    }

    [Fact]
    public void InvalidGroupPattern_IsAnArgumentError()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("a/x.jpg", 1);
        var ex = Assert.Throws<ArgumentException>(() => DatasetReader.Read(tree.Root, new DatasetReadOptions { GroupPattern = "note_(" }));
        Assert.Contains("note_(", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitFolders_AreDetected()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("train/cat/1.jpg", 1);
        tree.FakeImage("train/dog/2.jpg", 2);
        tree.FakeImage("val/dog/3.jpg", 3);
        tree.FakeImage("test/cat/4.jpg", 4);

        var data = DatasetReader.Read(tree.Root);

        Assert.Equal(DatasetLayout.SplitFolders, data.Layout);
        Assert.Equal(["cat", "dog"], data.Classes);
        Assert.Equal(["test", "train", "train", "val"], data.Items.Select(i => i.Split));
        Assert.Equal(["test", "train", "val"], data.Splits);
    }

    [Fact]
    public void FoldersNamedLikeSplitsButHoldingImages_AreClasses()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("train/1.jpg", 1);
        tree.FakeImage("test/2.jpg", 2);
        Assert.Equal(DatasetLayout.ClassFolders, DatasetReader.DetectLayout(tree.Root));
    }

    [Fact]
    public void YoloSplitFirst_WithClassesTxt_TakesLargestBox_AndReportsMissingBoxes()
    {
        using var tree = new FixtureTree();
        tree.Text("classes.txt", "10000\n20000\n50000\n\n");
        tree.FakeImage("train/images/a.jpg", 1);
        tree.Text("train/labels/a.txt", "0 0.5 0.5 0.2 0.2\n2 0.4 0.6 0.5 0.8\n");
        tree.FakeImage("train/images/b.jpg", 2);
        tree.FakeImage("valid/images/c.jpg", 3);
        tree.Text("valid/labels/c.txt", "1 0.5 0.5 1 1\n7 0.5 0.5 0.1 0.1\nbad line\n");
        tree.FakeImage("test/images/d.jpg", 4);
        tree.Text("test/labels/d.txt", "");

        var data = DatasetReader.Read(tree.Root);

        Assert.Equal(DatasetLayout.YoloSplitFirst, data.Layout);
        Assert.Equal(["10000", "20000", "50000"], data.Classes);
        Assert.Equal(2, data.Items.Count);
        var a = data.Items[0];
        Assert.Equal(("50000", "train"), (a.Label, a.Split));
        Assert.Equal(new BoundingBox(0.4, 0.6, 0.5, 0.8), a.Box);
        Assert.Equal(("20000", "valid"), (data.Items[1].Label, data.Items[1].Split));
        Assert.Equal(["b.jpg", "d.jpg"], data.ImagesWithoutBox.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, data.Issues.Count);
        Assert.Contains(data.Issues, i => i.Reason.Contains("line 2", StringComparison.Ordinal) && i.Reason.Contains("class index 7", StringComparison.Ordinal));
        Assert.Contains(data.Issues, i => i.Reason.Contains("line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void YoloImagesFirst_WithDataYamlIndexMap()
    {
        using var tree = new FixtureTree();
        tree.Text("data.yaml", "path: .  # root\ntrain: images/train\nval: images/val\nnames:\n  0: genuine\n  1: 'counter, feit'\n");
        tree.FakeImage("images/train/a.png", 1);
        tree.Text("labels/train/a.txt", "1 0.5 0.5 0.5 0.5\n");
        tree.FakeImage("images/val/sub/b.png", 2);
        tree.Text("labels/val/sub/b.txt", "0 0.1 0.1 0.2 0.2 0.3 0.4\n");

        var data = DatasetReader.Read(tree.Root);

        Assert.Equal(DatasetLayout.YoloImagesFirst, data.Layout);
        Assert.Equal(["genuine", "counter, feit"], data.Classes);
        Assert.Equal(["counter, feit", "genuine"], data.Items.Select(i => i.Label));
        Assert.Equal(["train", "val"], data.Items.Select(i => i.Split));

        // Polygon 0.1,0.1 0.2,0.2 0.3,0.4 -> bounding box x 0.1..0.3, y 0.1..0.4.
        var box = data.Items[1].Box!.Value;
        Assert.Equal(0.2, box.CenterX, 12);
        Assert.Equal(0.25, box.CenterY, 12);
        Assert.Equal(0.2, box.Width, 12);
        Assert.Equal(0.3, box.Height, 12);
    }

    [Fact]
    public void YoloWithoutNames_IsInvalidDataset()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("images/a.png", 1);
        tree.Text("labels/a.txt", "0 0.5 0.5 1 1\n");
        var ex = Assert.ThrowsAny<Exception>(() => DatasetReader.Read(tree.Root));
        Assert.Contains("classes.txt", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDatasetException>(ex);
    }

    [Fact]
    public void CsvManifest_WithHeader_ResolvesRelativePaths_AndReportsMissingFiles()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("imgs/a.jpg", 1);
        tree.FakeImage("imgs/b c.jpg", 2);
        string csv = tree.Text("m.csv", "split,path,class,group\ntrain,imgs/a.jpg,real,n1\n\"test\",\"imgs/b c.jpg\",\"fake, maybe\",\r\nval,imgs/missing.jpg,real,n2\n");

        var data = DatasetReader.Read(csv);

        Assert.Equal(DatasetLayout.CsvManifest, data.Layout);
        Assert.Equal(2, data.Items.Count);
        Assert.Equal(new DatasetItem(tree.PathOf("imgs/a.jpg"), "real", "n1", "train"), data.Items[0]);
        Assert.Equal(new DatasetItem(tree.PathOf("imgs/b c.jpg"), "fake, maybe", null, "test"), data.Items[1]);
        var issue = Assert.Single(data.Issues);
        Assert.Contains("line 4", issue.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvManifest_Headerless_IsPositional()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("a.jpg", 1);
        string csv = tree.Text("m.csv", "a.jpg,real,g\n");
        var item = Assert.Single(DatasetReader.Read(csv).Items);
        Assert.Equal(("real", "g", (string?)null), (item.Label, item.Group, item.Split));
    }

    [Theory]
    [InlineData("path,label\n\"a.jpg,real\n", "unterminated")]
    [InlineData("path,label\na.jpg\n", "line 2")]
    [InlineData("path,group\na.jpg,g\n", "label")]
    public void CsvManifest_BadContent_NamesTheLine(string content, string mention)
    {
        using var tree = new FixtureTree();
        tree.FakeImage("a.jpg", 1);
        string csv = tree.Text("m.csv", content);
        var ex = Assert.ThrowsAny<Exception>(() => DatasetReader.Read(csv));
        Assert.Contains(mention, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ManifestRoundTrip_KeepsEveryField()
    {
        using var tree = new FixtureTree();
        string a = tree.FakeImage("x/a.jpg", 1);
        string b = tree.FakeImage("x/b,\"q\".jpg", 2);
        DatasetItem[] items = [new(a, "real", "note 1", "train"), new(b, "fa,ke", null, "test")];
        string csv = tree.PathOf("out/manifest.csv");

        ManifestCsv.Write(csv, items);
        var back = DatasetReader.Read(csv).Items;

        Assert.Equal(items, back);
        Assert.StartsWith($"path,label,group,split\n{a},real,note 1,train\n", File.ReadAllText(csv), StringComparison.Ordinal); // outside the manifest's folder: absolute

        string inside = tree.PathOf("x/m.csv");
        ManifestCsv.Write(inside, items);
        Assert.StartsWith("path,label,group,split\na.jpg,real,note 1,train\n", File.ReadAllText(inside), StringComparison.Ordinal);
        Assert.Equal(items, DatasetReader.Read(inside).Items);
    }

    [Fact]
    public void MissingFolder_IsDirectoryNotFound()
    {
        Assert.Throws<DirectoryNotFoundException>(() => DatasetReader.Read("/nonexistent/noteguard/data"));
    }

    [Fact]
    public void EmptyFolder_SaysWhatWasExpected()
    {
        using var tree = new FixtureTree();
        var ex = Assert.ThrowsAny<Exception>(() => DatasetReader.Read(tree.Root));
        Assert.Contains("no class or split folders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundingBox_ToPixels_AddsMarginAndClips()
    {
        var box = new BoundingBox(0.5, 0.5, 0.5, 0.25);
        Assert.Equal((25, 37, 50, 26), box.ToPixels(100, 100)); // x 25..75, y 37.5..62.5 -> 37..63
        Assert.Equal((15, 32, 70, 36), box.ToPixels(100, 100, 0.2)); // half-width 0.35 -> 15..85, half-height 0.175 -> 32.5..67.5
        Assert.Equal((0, 0, 100, 100), new BoundingBox(0.5, 0.5, 1, 1).ToPixels(100, 100, 0.5));
    }
}
