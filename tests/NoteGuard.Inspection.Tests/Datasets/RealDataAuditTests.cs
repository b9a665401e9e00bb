using NoteGuard.Imaging;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Datasets;

/// <summary>Audits and splits of the shared real data (docs/datasets.md quotes the full figures).</summary>
public sealed class RealDataAuditTests
{
    private const int Threshold = 5;

    private static List<DatasetItem> Jpegs(Dataset data) => [.. data.Items.Where(i => i.Path.EndsWith(".jpg", StringComparison.Ordinal))];

    [RealDataFact("taka-counterfeit", needsJpeg: true)]
    public void Taka_Audit_FindsCrossClassNearDuplicates_AndTheSplitLeavesNoneAcrossSplits()
    {
        var read = DatasetReader.Read(TestPaths.Dataset("taka-counterfeit")!, new DatasetReadOptions { GroupPattern = @"note_\d+", GroupByClass = true });
        var data = new Dataset(read.Root, read.Layout, read.Classes, Jpegs(read), read.Issues, read.ImagesWithoutBox);
        var report = DatasetAudit.Run(data);

        Assert.Equal(1428, report.Images);
        Assert.Equal(0, report.Unreadable);
        Assert.Equal(302, report.Groups);

        // Some counterfeit photos are near-identical to genuine ones (e.g. fake/note_106 and real/note_400, serial 1843831).
        Assert.True(report.CrossClassNearDuplicates > 0, "expected near duplicates across classes");
        Assert.True(report.CrossGroupNearDuplicates > 0, "expected near duplicates across note ids");

        var split = DatasetSplitter.Split(data, report, new SplitOptions { Seed = 1 });
        var splitOf = split.Items.ToDictionary(i => i.Path, i => i.Split);
        Assert.All(report.NearDuplicates, p => Assert.Equal(splitOf[data.Items[p.IndexA].Path], splitOf[data.Items[p.IndexB].Path]));
        Assert.All(split.Items.GroupBy(i => i.Group), g => Assert.Single(g.Select(i => i.Split).Distinct()));
    }

    [RealDataFact("vnd-denomination", needsJpeg: true)]
    public void Vnd_GivenSplit_HasNearDuplicatesAcrossSplits()
    {
        var read = DatasetReader.Read(TestPaths.Dataset("vnd-denomination")!);
        var data = new Dataset(read.Root, read.Layout, read.Classes, Jpegs(read), read.Issues, read.ImagesWithoutBox);
        var report = DatasetAudit.Run(data);
        Assert.Equal(0, report.Unreadable);
        Assert.True(report.CrossSplitNearDuplicates > 0, "consecutive video frames should leak across the given split");
    }

    [RealDataFact("taka-counterfeit", needsJpeg: true)]
    public void Taka_PerceptualHash_FindsResizedAndRequantisedCopies_MostShiftedOnes()
    {
        var data = DatasetReader.Read(TestPaths.Dataset("taka-counterfeit")!);
        var sample = Jpegs(data).Where((_, k) => k % 48 == 0).ToList();
        int shiftedFound = 0;
        foreach (var item in sample)
        {
            using var image = ImageCodec.Load(item.Path);
            using var half = TensorSampler.ReduceForSampling(image, image.Width / 2, image.Height / 2);
            using var noisy = image.Clone();
            var random = new Random(3);
            var pixels = noisy.Pixels;
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-6, 7), 0, 255);
            }

            using var shifted = Preprocessor.Crop(image, 4, 4, image.Width - 4, image.Height - 4); // ~1% shift
            ulong h = ImageHashing.Compute(image);
            Assert.True(HammingIndex.Distance(h, ImageHashing.Compute(half)) <= Threshold, item.FileName + ": half-size copy");
            Assert.True(HammingIndex.Distance(h, ImageHashing.Compute(noisy)) <= Threshold, item.FileName + ": requantised copy");
            shiftedFound += HammingIndex.Distance(h, ImageHashing.Compute(shifted)) <= Threshold ? 1 : 0;
        }

        // Measured: 22 of 30 one-percent shifts stay within 5 bits (docs/datasets.md); pHash is not shift-invariant.
        Assert.True(shiftedFound >= sample.Count * 2 / 3, $"shifted copies found {shiftedFound}/{sample.Count}");
    }
}
