using NoteGuard.Imaging.Formats.Jpeg;
using NoteGuard.TestUtilities;
using Xunit.Sdk;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>Every corpus file against djpeg's default decode (islow IDCT, fancy upsampling).</summary>
public sealed class JpegDecoderCorpusTests
{
    /// <summary>
    /// Largest allowed |ours − djpeg| per sample. The decoder implements libjpeg-turbo's integer arithmetic
    /// exactly, so the corpus must match bit for bit; the task's ceiling would be 8.
    /// </summary>
    private const int MaxSampleDifference = 0;

    /// <summary>Largest allowed mean |ours − djpeg| per channel (the task's ceiling is 1.0).</summary>
    private const double MaxMeanDifference = 0.0;

    public static TheoryData<string> Supported() => new(JpegCorpus.Names("ok"));

    public static TheoryData<string> UnsupportedFiles() => new(JpegCorpus.Names("unsupported"));

    [Theory]
    [MemberData(nameof(Supported))]
    [Trait("Category", ScalarFallback.SimdCategory)]
    public void Decode_MatchesDjpeg(string name)
    {
        JpegCorpusEntry entry = JpegCorpus.Entries[name];
        using Image image = JpegDecoder.Decode(JpegCorpus.Jpeg(name), DecoderOptions.Default);
        Assert.Equal(entry.Width, image.Width);
        Assert.Equal(entry.Height, image.Height);
        Assert.Equal(entry.Channels, image.Channels);
        AssertClose(JpegCorpus.Reference(name), image.Pixels, entry.Channels, name);
    }

    [Theory]
    [MemberData(nameof(Supported))]
    public void Identify_ReportsUprightSize(string name)
    {
        JpegCorpusEntry entry = JpegCorpus.Entries[name];
        ImageInfo info = JpegDecoder.Identify(JpegCorpus.Jpeg(name), DecoderOptions.Default);
        Assert.Equal(ImageFormat.Jpeg, info.Format);
        Assert.Equal(entry.Width, info.Width);
        Assert.Equal(entry.Height, info.Height);
        Assert.Equal(entry.Channels == 1 ? PixelFormat.Gray8 : PixelFormat.Rgb24, info.PixelFormat);
        Assert.Equal(entry.Orientation.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Details["exif_orientation"]);
        Assert.Equal(entry.Args.Contains("-progressive", StringComparison.Ordinal) ? "true" : "false", info.Details["progressive"]);
    }

    [Theory]
    [MemberData(nameof(UnsupportedFiles))]
    public void Decode_UnsupportedFeature_NamesIt(string name)
    {
        JpegCorpusEntry entry = JpegCorpus.Entries[name];
        var ex = Assert.Throws<UnsupportedImageException>(() => JpegDecoder.Decode(JpegCorpus.Jpeg(name), DecoderOptions.Default));
        Assert.Contains(entry.Feature!, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(ex.Offset > 0, "the exception carries the offset of the offending marker");
    }

    [Fact]
    public void Identify_Details_DescribeSubsamplingAndRestart()
    {
        ImageInfo info = JpegDecoder.Identify(JpegCorpus.Jpeg("d75x53_restart5b"), DecoderOptions.Default);
        Assert.Equal("4:2:0", info.Details["subsampling"]);
        Assert.Equal("5", info.Details["restart_interval"]);
        Assert.Equal("3", info.Details["components"]);
        Assert.Equal("ycbcr", info.Details["color_transform"]);

        Assert.Equal("4:2:2", JpegDecoder.Identify(JpegCorpus.Jpeg("a67x45_422"), DecoderOptions.Default).Details["subsampling"]);
        Assert.Equal("4:4:0", JpegDecoder.Identify(JpegCorpus.Jpeg("a67x45_440"), DecoderOptions.Default).Details["subsampling"]);
        Assert.Equal("4:1:1", JpegDecoder.Identify(JpegCorpus.Jpeg("a67x45_411"), DecoderOptions.Default).Details["subsampling"]);
        Assert.Equal("rgb", JpegDecoder.Identify(JpegCorpus.Jpeg("a67x45_rgb"), DecoderOptions.Default).Details["color_transform"]);
        ImageInfo gray = JpegDecoder.Identify(JpegCorpus.Jpeg("g67x45_gray"), DecoderOptions.Default);
        Assert.Equal(PixelFormat.Gray8, gray.PixelFormat);
        Assert.Equal("4:0:0", gray.Details["subsampling"]);
    }

    [Fact]
    public void Exif_NotApplied_WhenOptionOff()
    {
        var options = DecoderOptions.Default with { ApplyExifOrientation = false };
        using Image upright = JpegDecoder.Decode(JpegCorpus.Jpeg("a67x45_exif1"), options);
        using Image stored = JpegDecoder.Decode(JpegCorpus.Jpeg("a67x45_exif6"), options);
        Assert.Equal(67, stored.Width);
        Assert.Equal(45, stored.Height);
        Assert.True(upright.Pixels.SequenceEqual(stored.Pixels), "without orientation the pixels are the stored ones");
        ImageInfo info = JpegDecoder.Identify(JpegCorpus.Jpeg("a67x45_exif6"), options);
        Assert.Equal(67, info.Width);
        Assert.Equal("6", info.Details["exif_orientation"]);
    }

    [Fact]
    public void ImageCodec_RoutesJpeg()
    {
        using Image image = ImageCodec.Decode(JpegCorpus.Jpeg("b96x64_q75_420"));
        Assert.Equal(96, image.Width);
        Assert.Equal(ImageFormat.Jpeg, ImageCodec.Identify(JpegCorpus.Jpeg("b96x64_q75_420")).Format);
    }

    /// <summary>Per-channel max and mean absolute difference against the reference.</summary>
    internal static void AssertClose(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int channels, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int pixels = expected.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            long sum = 0;
            int max = 0;
            int worst = -1;
            for (int i = c; i < expected.Length; i += channels)
            {
                int d = Math.Abs(expected[i] - actual[i]);
                sum += d;
                if (d > max)
                {
                    max = d;
                    worst = i / channels;
                }
            }

            double mean = (double)sum / pixels;
            if (max > MaxSampleDifference || mean > MaxMeanDifference)
            {
                throw new XunitException($"{what} channel {c}: max |diff| {max} at pixel {worst} (limit {MaxSampleDifference}), mean {mean:F4} (limit {MaxMeanDifference}).");
            }
        }
    }
}
