using NoteGuard.Imaging.Formats.Jpeg;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// Reduced-size decoding (<see cref="DecoderOptions.MinimumSize"/>) against <c>djpeg -scale 1/N</c> run at test time,
/// on every valid corpus file (all samplings, progressive, restarts, gray, RGB, non-interleaved) and a few real photos.
/// </summary>
public sealed class JpegScaledDecodeTests
{
    /// <summary>
    /// Largest allowed |ours − djpeg| per sample: 0. The reduced IDCTs follow jidctred.c's integer arithmetic, the
    /// chroma block sizes and upsampling follow jdmaster.c/jdsample.c, so the output is bit-exact.
    /// </summary>
    private const int MaxScaledDifference = 0;

    public static TheoryData<string, int> CorpusCases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in JpegCorpus.Names("ok"))
        {
            foreach (int denominator in new[] { 2, 4, 8 })
            {
                data.Add(name, denominator);
            }
        }

        return data;
    }

    [DjpegTheory]
    [MemberData(nameof(CorpusCases))]
    public void CorpusFile_AtReducedScale_MatchesDjpeg(string name, int denominator)
    {
        byte[] jpeg = JpegCorpus.Jpeg(name);
        string path = Path.Combine(Path.GetTempPath(), $"noteguard-scaled-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(path, jpeg);
        try
        {
            AssertMatchesDjpeg(path, jpeg, denominator);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [DjpegTheory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void RealPhotos_AtReducedScale_MatchDjpeg(int denominator)
    {
        string? dir = TestPaths.Dataset("taka-counterfeit");
        if (dir is null)
        {
            return; // the datasets are optional; the corpus cases cover the decoder
        }

        foreach (string file in Directory.GetFiles(Path.Combine(dir, "real"), "*.jpg").Order(StringComparer.Ordinal).Take(3))
        {
            AssertMatchesDjpeg(file, File.ReadAllBytes(file), denominator);
        }
    }

    [Fact]
    public void MinimumSize_PicksTheLargestReductionThatKeepsBothSides()
    {
        byte[] jpeg = JpegCorpus.Jpeg("b96x64_q75_420"); // 96×64
        Assert.Equal((96, 64), Size(jpeg, 0));
        Assert.Equal((96, 64), Size(jpeg, 65)); // 1/2 would give 32 rows
        Assert.Equal((48, 32), Size(jpeg, 32));
        Assert.Equal((24, 16), Size(jpeg, 16));
        Assert.Equal((12, 8), Size(jpeg, 1));
        Assert.Equal((96, 64), Size(jpeg, -5)); // 0 or less: full size

        static (int, int) Size(byte[] jpeg, int minimum)
        {
            using var image = JpegDecoder.Decode(jpeg, DecoderOptions.Default with { MinimumSize = minimum });
            return (image.Width, image.Height);
        }
    }

    [Fact]
    public void MinimumSize_DoesNotChangeAFullSizeDecode()
    {
        // A minimum larger than half the image keeps the full-size (islow) path: identical bytes to the default.
        byte[] jpeg = JpegCorpus.Jpeg("a67x45_420");
        using var expected = JpegDecoder.Decode(jpeg, DecoderOptions.Default);
        using var actual = JpegDecoder.Decode(jpeg, DecoderOptions.Default with { MinimumSize = 40 });
        Assert.True(expected.Pixels.SequenceEqual(actual.Pixels));
    }

    private static void AssertMatchesDjpeg(string path, byte[] jpeg, int denominator)
    {
        (int width, int height, int channels, byte[] pixels) = JpegDatasetTests.Djpeg.Decode(path, denominator);
        var info = JpegDecoder.Identify(jpeg, DecoderOptions.Default with { ApplyExifOrientation = false });

        // The minimum that selects exactly this denominator: its own output size.
        int minimum = Math.Min((info.Width + denominator - 1) / denominator, (info.Height + denominator - 1) / denominator);
        using Image image = JpegDecoder.Decode(jpeg, DecoderOptions.Default with { ApplyExifOrientation = false, MinimumSize = minimum });
        string where = $"{Path.GetFileName(path)} at 1/{denominator}";
        Assert.True(width == image.Width && height == image.Height, $"{where}: djpeg {width}×{height}, ours {image.Width}×{image.Height}");
        Assert.Equal(channels, image.Channels);
        int worst = 0;
        var ours = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(pixels[i] - ours[i]));
        }

        Assert.True(worst <= MaxScaledDifference, $"{where}: max |ours − djpeg| = {worst} > {MaxScaledDifference}");
    }

    /// <summary>A theory skipped, with the reason, when djpeg is not installed.</summary>
    private sealed class DjpegTheoryAttribute : TheoryAttribute
    {
        public DjpegTheoryAttribute()
        {
            if (!JpegDatasetTests.Djpeg.IsAvailable)
            {
                Skip = "djpeg (libjpeg-turbo-progs) is not installed";
            }
        }
    }
}
