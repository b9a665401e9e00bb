using NoteGuard.Imaging;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Preprocessing;

/// <summary><see cref="Preprocessor.Load"/> (reduced-size JPEG decode to the working size) on the repository's sample photos (416×416 JPEG).</summary>
public sealed class ReducedDecodeTests
{
    /// <summary>
    /// Largest mean |reduced − full| of the 139×139 working images, in 0..255 units: the 1/2-scale IDCT plus a 1.5×
    /// area average is a slightly different low-pass filter from 3×3 block means (measured 1.98 on vnd-020000.jpg).
    /// </summary>
    private const double WorkingImageTolerance = 3.0;

    /// <summary>
    /// Largest mean |reduced − full| of the final enhanced 64×64 tensors, in 0..255 units: sharpen and CLAHE amplify
    /// the working-image difference (measured 7.0 over these three photos through the loader, 7.7 over 256 taka photos).
    /// </summary>
    private const double EnhancedTensorTolerance = 10.0;

    private static string[] Samples => [.. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples"), "*.jpg").Order(StringComparer.Ordinal)];

    [Fact]
    public void Load_ReachesTheWorkingSizeOfAFullDecode_WithASmallDifference()
    {
        var preset = PreprocessingPresets.Enhanced();
        foreach (string path in Samples)
        {
            using var full = ImageCodec.Load(path);
            using var fullWorking = TensorSampler.ReduceForSampling(full, 128, 128);
            using var reduced = Preprocessor.Load(path, preset);

            Assert.Equal((139, 139), (fullWorking.Width, fullWorking.Height)); // 416 / 3, rounded up
            Assert.Equal((fullWorking.Width, fullWorking.Height), (reduced.Width, reduced.Height));
            double mean = MeanAbsoluteDifference(fullWorking.Pixels, reduced.Pixels);
            Assert.True(mean > 0 && mean <= WorkingImageTolerance, $"{Path.GetFileName(path)}: mean |diff| {mean:F3}");

            float[] a = Preprocessor.Run(full, preset with { Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] });
            float[] b = Preprocessor.Run(reduced, preset with { Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] });
            double tensorMean = a.Zip(b, (x, y) => Math.Abs(x - y)).Average() * 255;
            Assert.True(tensorMean <= EnhancedTensorTolerance, $"{Path.GetFileName(path)}: enhanced tensor mean |diff| {tensorMean:F3}/255");
        }
    }

    [Fact]
    public void Load_WithoutAWorkingSize_IsAFullDecode()
    {
        string path = Samples[0];
        using var full = ImageCodec.Load(path);
        using var loaded = Preprocessor.Load(path, PreprocessingPresets.ResnetImageNet());
        Assert.True(full.Pixels.SequenceEqual(loaded.Pixels));

        // A working size the photo cannot be shrunk to by 2× also decodes at full size.
        using var large = Preprocessor.Load(path, PreprocessingPresets.ResnetImageNet() with { WorkingSize = 300 });
        Assert.True(full.Pixels.SequenceEqual(large.Pixels));
    }

    [Fact]
    public void Load_MissingFile_IsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Preprocessor.Load(Path.Combine(TestPaths.RepoRoot, "samples", "no-such.jpg"), PreprocessingPresets.Enhanced()));
    }

    [Fact]
    public void Loader_ReducedDecoding_DeliversTheSameShapes_AndCloseTensors()
    {
        var items = Samples.Select(p => new DatasetItem(p, "note")).ToList();
        var options = new DatasetLoaderOptions { BatchSize = 8, Shuffle = false, Workers = 2 };
        float[] full = Single(new DatasetLoader(items, ["note"], PreprocessingPresets.Enhanced(), options));
        float[] reduced = Single(new DatasetLoader(items, ["note"], PreprocessingPresets.Enhanced(), options with { ReducedDecoding = true }));

        Assert.Equal(full.Length, reduced.Length);
        // Undo the ImageNet normalisation's division by each channel's std: back to 0..255 units.
        var std = PreprocessingPresets.ImageNetStd;
        int plane = 64 * 64;
        double mean = Enumerable.Range(0, full.Length).Average(i => Math.Abs(full[i] - reduced[i]) * std[(i / plane) % 3]) * 255;
        Assert.True(mean > 0 && mean <= EnhancedTensorTolerance, $"mean |diff| {mean:F3}/255");

        static float[] Single(DatasetLoader loader)
        {
            using (loader)
            {
                var batch = Assert.Single(loader.ReadEpoch(0));
                using (batch)
                {
                    Assert.Empty(loader.Skipped);
                    return batch.Data.ToArray();
                }
            }
        }
    }

    private static double MeanAbsoluteDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / a.Length;
    }
}
