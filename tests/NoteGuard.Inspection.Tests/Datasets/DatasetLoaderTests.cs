using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Tests.Datasets;

public sealed class DatasetLoaderTests
{
    private static readonly PreprocessingPreset s_preset = new() { Name = "t", Width = 8, Height = 8, Color = PresetColor.Gray, Mean = [0], Std = [1] };

    /// <summary>Two classes of flat gray images whose level encodes the image number, plus optional corrupt files.</summary>
    private static Dataset Build(FixtureTree tree, int count, int corrupt = 0)
    {
        for (int i = 0; i < count; i++)
        {
            byte level = (byte)(10 + (i * 3));
            tree.Pgm($"{(i % 2 == 0 ? "even" : "odd")}/img_{i:D3}.pgm", 20, 16, (x, y) => level);
        }

        for (int i = 0; i < corrupt; i++)
        {
            tree.Text($"odd/broken_{i}.pgm", "P5\n20 16\n255\n" + new string('x', 10));
        }

        return DatasetReader.Read(tree.Root);
    }

    private static DatasetLoaderOptions Options(int batch = 4) => new() { BatchSize = batch, Seed = 11, LoadImage = TestPgm.Load, Workers = 2 };

    [Fact]
    public void DeliversEveryImageOnce_InBatches_WithMatchingLabels()
    {
        using var tree = new FixtureTree();
        var data = Build(tree, 10);
        using var loader = new DatasetLoader(data, s_preset, Options());

        var seen = new List<int>();
        var batches = loader.ReadEpoch(0).ToList();
        Assert.Equal(3, loader.BatchesPerEpoch);
        Assert.Equal([4, 4, 2], batches.Select(b => b.Count));
        foreach (var batch in batches)
        {
            Assert.Equal((batch.Count, 1, 8, 8), batch.Shape);
            for (int k = 0; k < batch.Count; k++)
            {
                int item = batch.ItemIndices[k];
                seen.Add(item);
                Assert.Equal(data.ClassIndex(data.Items[item].Label), batch.Labels[k]);

                // Flat image: every value of the slot is the item's level / 255.
                int number = int.Parse(data.Items[item].FileName.AsSpan(4, 3), provider: null);
                float expected = (10 + (number * 3)) / 255f;
                Assert.All(batch.Data.Slice(k * 64, 64).ToArray(), v => Assert.Equal(expected, v, 1e-6f));
            }

            batch.Dispose();
        }

        Assert.Equal(Enumerable.Range(0, 10), seen.Order());
    }

    [Fact]
    public void EpochOrder_IsSeeded_AndIndependentOfThreads()
    {
        using var tree = new FixtureTree();
        var data = Build(tree, 24);
        var options = Options(5) with { Augmentation = AugmentationOptions.Seed004 };

        float[] Run(int workers, int epoch)
        {
            using var loader = new DatasetLoader(data, s_preset, options with { Workers = workers });
            var all = new List<float>();
            foreach (var batch in loader.ReadEpoch(epoch))
            {
                all.AddRange(batch.Data.ToArray());
                batch.Dispose();
            }

            return [.. all];
        }

        var one = Run(1, 3);
        Assert.Equal(one, Run(4, 3));
        Assert.NotEqual(one, Run(1, 4));
    }

    [Fact]
    public void CorruptImages_AreSkippedAndListed_NotFatal()
    {
        using var tree = new FixtureTree();
        var data = Build(tree, 9, corrupt: 3);
        using var loader = new DatasetLoader(data, s_preset, Options());

        int delivered = 0;
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach (var batch in loader.ReadEpoch(epoch))
            {
                delivered += batch.Count;
                batch.Dispose();
            }
        }

        Assert.Equal(18, delivered);
        Assert.Equal(3, loader.Skipped.Count);
        Assert.All(loader.Skipped, s => Assert.Contains("broken_", s.Path, StringComparison.Ordinal));
        Assert.All(loader.Skipped, s => Assert.Contains("truncated", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Cache_HoldsPreparedImages_WithinItsCap_AndGivesTheSameData()
    {
        using var tree = new FixtureTree();
        var data = Build(tree, 12);
        var plain = Options(6) with { Shuffle = false };
        using var uncached = new DatasetLoader(data, s_preset, plain);
        using var cached = new DatasetLoader(data, s_preset, plain with { CacheBytes = 1 << 20 });
        using var small = new DatasetLoader(data, s_preset, plain with { CacheBytes = 400 });

        for (int epoch = 0; epoch < 2; epoch++)
        {
            var expected = uncached.ReadEpoch(epoch).SelectMany(b => b.Data.ToArray()).ToArray();
            Assert.Equal(expected, cached.ReadEpoch(epoch).SelectMany(b => b.Data.ToArray()).ToArray());
            Assert.Equal(expected, small.ReadEpoch(epoch).SelectMany(b => b.Data.ToArray()).ToArray());
        }

        // 20×16 gray images are reduced by k = 2 to 10×8 = 80 bytes each.
        Assert.Equal(12, cached.CachedImages);
        Assert.Equal(12 * 80, cached.CachedBytes);
        Assert.Equal(400, small.CachedBytes); // the cap holds exactly five 80-byte images; the rest are decoded each epoch
        Assert.Equal(5, small.CachedImages);
        Assert.Equal(0, uncached.CachedImages);
    }

    [Fact]
    public void MemoryCap_IsStated()
    {
        using var tree = new FixtureTree();
        var data = Build(tree, 2);
        using var loader = new DatasetLoader(data, s_preset, Options(16) with { Workers = 2, CacheBytes = 1000 });
        Assert.Equal((4L * 16 * 64 * sizeof(float)) + 1000, loader.MemoryCapBytes);
    }

    [Fact]
    public async Task BreakingOffEarly_StopsCleanly()
    {
        using var tree = new FixtureTree();
        var data = Build(tree, 40);
        using var loader = new DatasetLoader(data, s_preset, Options(2));
        int taken = 0;
        await foreach (var batch in loader.ReadEpochAsync(0))
        {
            batch.Dispose();
            if (++taken == 3)
            {
                break;
            }
        }

        Assert.Equal(3, taken);
    }

    [Fact]
    public void CropToBox_UsesTheBoxOfYoloItems()
    {
        using var tree = new FixtureTree();
        tree.Text("classes.txt", "note\n");
        tree.Pgm("train/images/a.pgm", 20, 20, (x, y) => x < 10 ? (byte)0 : (byte)200);
        tree.Text("train/labels/a.txt", "0 0.75 0.5 0.5 1\n");
        var data = DatasetReader.Read(tree.Root);
        using var whole = new DatasetLoader(data, s_preset, Options());
        using var boxed = new DatasetLoader(data, s_preset, Options() with { CropToBox = true, BoxMargin = 0 });

        var wholeData = whole.ReadEpoch(0).Single().Data.ToArray();
        var boxData = boxed.ReadEpoch(0).Single().Data.ToArray();
        Assert.Contains(0f, wholeData);
        Assert.All(boxData, v => Assert.Equal(200f / 255f, v, 1e-6f));
    }

    [Fact]
    public void UnknownLabel_OrBadOptions_AreArgumentErrors()
    {
        DatasetItem[] items = [new("/x.pgm", "a")];
        Assert.Throws<ArgumentException>(() => new DatasetLoader(items, ["b"], s_preset));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DatasetLoader(items, ["a"], s_preset, new DatasetLoaderOptions { BatchSize = 0 }));
    }
}
