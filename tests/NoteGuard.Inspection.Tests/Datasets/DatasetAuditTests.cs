using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Tests.Datasets;

public sealed class DatasetAuditTests
{
    private static readonly DatasetAuditOptions s_fakeHashes = new() { HashFileContent = FixtureTree.HashOf };

    [Fact]
    public void SplitFolders_CountsDuplicatesLeakageAndUnreadable()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("train/real/note_001_1.jpg", 0x0000_0000_0000_0000);
        tree.FakeImage("train/real/note_001_2.jpg", 0x0000_0000_0000_0003); // 2 bits from note_001_1
        tree.FakeImage("test/real/note_001_3.jpg", 0x0000_0000_0000_001F);  // 5 bits from _1, 3 from _2: leaks across splits
        tree.FakeImage("train/fake/note_002_1.jpg", 0xFFFF_FFFF_0000_0000);
        tree.FakeImage("test/fake/note_003_1.jpg", 0xFFFF_FFFF_0000_0000, "other bytes"); // same hash, different bytes
        string copy = tree.FakeImage("test/real/note_004_1.jpg", 0x0F0F_0F0F_0F0F_0F0F);
        File.Copy(copy, tree.PathOf("train/fake/note_005_1.jpg")); // byte-identical, other class and split
        tree.Text("train/real/note_006_1.jpg", "garbage that is not an image");

        var data = DatasetReader.Read(tree.Root, new DatasetReadOptions { GroupPattern = @"note_\d+" });
        var report = DatasetAudit.Run(data, s_fakeHashes);

        Assert.Equal(8, report.Images);
        Assert.Equal(new Dictionary<string, int> { ["fake"] = 3, ["real"] = 5 }, report.Classes);
        Assert.Equal(2, report.Splits["test"]["real"]);
        Assert.Equal(1, report.Unreadable);
        Assert.EndsWith("note_006_1.jpg", report.UnreadableFiles[0].Path, StringComparison.Ordinal);
        Assert.Contains("unrecognised signature", report.UnreadableFiles[0].Reason, StringComparison.Ordinal);

        Assert.Equal(1, report.ExactDuplicates);
        Assert.Equal(1, report.CrossSplitExactDuplicates);
        Assert.Equal(1, report.CrossClassExactDuplicates);

        // Pairs: 001_1~001_2 (2), 001_1~001_3 (5), 001_2~001_3 (3), 002~003 (0), 004~005 (0).
        Assert.Equal(5, report.NearDuplicatePairs);
        Assert.Equal(4, report.CrossSplitNearDuplicates);
        Assert.Equal(1, report.WithinSplitNearDuplicates);
        Assert.Equal(1, report.CrossClassNearDuplicates);
        Assert.Equal(2, report.CrossGroupNearDuplicates);
        Assert.Equal(3, report.NearDuplicateClusters);
        Assert.Equal(7, report.ImagesWithNearDuplicates);
        Assert.Equal(1, report.GroupsSpanningSplits);
        Assert.Equal("note_001", report.SpanningGroups[0].Group);

        var tighter = DatasetAudit.Run(data, s_fakeHashes with { HammingThreshold = 2 });
        Assert.Equal(3, tighter.NearDuplicatePairs);
    }

    [Fact]
    public void CorruptFiles_AreCountedNotFatal_AndSplitLeavesThemOut()
    {
        using var tree = new FixtureTree();
        for (int i = 0; i < 40; i++)
        {
            string path = $"{(i % 2 == 0 ? "a" : "b")}/img_{i:D2}.jpg";
            if (i % 10 == 3)
            {
                tree.Text(path, i % 20 == 3 ? string.Empty : "\x89PNG broken");
            }
            else
            {
                tree.FakeImage(path, (ulong)i * 0x0101_0101_0101_0101UL);
            }
        }

        var data = DatasetReader.Read(tree.Root);
        var report = DatasetAudit.Run(data, s_fakeHashes with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(40, report.Images);
        Assert.Equal(4, report.Unreadable);

        var split = DatasetSplitter.Split(data, report, new SplitOptions { Seed = 1 });
        Assert.Equal(36, split.Items.Count);
        Assert.DoesNotContain(split.Items, i => i.FileName is "img_03.jpg" or "img_13.jpg" or "img_23.jpg" or "img_33.jpg");
    }

    [Fact]
    public void SplitKeepsNearDuplicateClustersTogether()
    {
        using var tree = new FixtureTree();
        var random = new Random(3);
        for (int i = 0; i < 60; i++)
        {
            // Ten near-identical "video frames" per sequence.
            ulong baseHash = 0x1111_2222_3333_4444UL * (ulong)((i / 10) + 1);
            tree.FakeImage($"c{i % 2}/frame_{i:D3}.jpg", baseHash ^ (1UL << random.Next(64)));
        }

        var data = DatasetReader.Read(tree.Root);
        var report = DatasetAudit.Run(data, s_fakeHashes);
        Assert.Equal(6, report.NearDuplicateClusters);
        for (int seed = 0; seed < 5; seed++)
        {
            var split = DatasetSplitter.Split(data, report, new SplitOptions { Ratios = [50, 50], Seed = seed });
            foreach (var sequence in split.Items.GroupBy(i => int.Parse(i.FileName.AsSpan(6, 3), provider: null) / 10))
            {
                Assert.Single(sequence.Select(i => i.Split).Distinct());
            }
        }
    }

    [Fact]
    public void ThresholdOutOfRange_IsRejected()
    {
        using var tree = new FixtureTree();
        tree.FakeImage("a/x.jpg", 1);
        var data = DatasetReader.Read(tree.Root);
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetAudit.Run(data, s_fakeHashes with { HammingThreshold = 20 }));
    }
}
