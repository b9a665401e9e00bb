using NoteGuard.Imaging.Processing.Histogram;
using NoteGuard.Imaging.Tests.Processing;
using NoteGuard.TestUtilities;


namespace NoteGuard.Imaging.Tests.Processing.Histogram;

public class HistogramTests
{
    /// <summary>The stretch reference is NumPy double arithmetic; only exact .5 ties could round differently.</summary>
    private const int StretchMaxDiff = 1;
    private const double StretchMeanDiff = 0.01;
    private const double PercentileTolerance = 1e-9;

    private static readonly ProcessingFixtures s_fixtures = ProcessingFixtures.Instance;

    public static TheoryData<string> GrayInputs => new() { "gray_61x47", "gray_100x75", "gray_64x48", "gray_64x47" };

    public static TheoryData<string> ClaheCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in s_fixtures.Names.Where(n => n.Contains(".clahe_", StringComparison.Ordinal) && (n.StartsWith("gray", StringComparison.Ordinal) || n.StartsWith("tiny", StringComparison.Ordinal))))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Fact]
    public void Histogram_HandComputed8x8()
    {
        // Rows: 8 zeros; 8 × 255; then values 0..47 once each; total 64.
        var pixels = new byte[64];
        Array.Fill(pixels, (byte)255, 8, 8);
        for (int i = 16; i < 64; i++)
        {
            pixels[i] = (byte)(i - 16);
        }

        using var image = Image.FromPixels(8, 8, PixelFormat.Gray8, pixels);
        var histogram = image.ComputeHistogram();
        Assert.Equal(64, histogram.Total);
        Assert.Equal(9, histogram[0]);
        Assert.Equal(8, histogram[255]);
        Assert.Equal(1, histogram[1]);
        Assert.Equal(1, histogram[47]);
        Assert.Equal(0, histogram[48]);
        Assert.Equal(0, histogram[254]);
        long sum = 0;
        foreach (long c in histogram.Counts)
        {
            sum += c;
        }

        Assert.Equal(64, sum);
    }

    [Fact]
    public void Histogram_CountsOneChannelOfRgba()
    {
        using var image = Image.FromPixels(3, 1, PixelFormat.Rgba32, [1, 2, 3, 4, 1, 9, 3, 4, 7, 9, 3, 4]);
        var green = image.ComputeHistogram(1);
        Assert.Equal(1, green[2]);
        Assert.Equal(2, green[9]);
        Assert.Equal(3, image.ComputeHistogram(3)[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ComputeHistogram(4));
    }

    [Fact]
    public void Percentile_FollowsNumPyLinearDefinition()
    {
        // Samples 10, 20, 30, 40 → np.percentile: p0 = 10, p50 = 25, p2 = 10.6, p98 = 39.4, p100 = 40.
        using var image = Image.FromPixels(2, 2, PixelFormat.Gray8, [40, 10, 30, 20]);
        var histogram = image.ComputeHistogram();
        Assert.Equal(10, histogram.Percentile(0), PercentileTolerance);
        Assert.Equal(25, histogram.Percentile(50), PercentileTolerance);
        Assert.Equal(10.6, histogram.Percentile(2), PercentileTolerance);
        Assert.Equal(39.4, histogram.Percentile(98), PercentileTolerance);
        Assert.Equal(40, histogram.Percentile(100), PercentileTolerance);
    }

    [Theory]
    [MemberData(nameof(GrayInputs))]
    public void Equalize_IsBitExactWithOpenCv(string name)
    {
        using var image = s_fixtures.Image(name);
        using var equalized = image.EqualizeHistogram();
        Assert.Equal(s_fixtures.Bytes(name + ".equalize"), equalized.Pixels.ToArray());
    }

    [Fact]
    public void Equalize_HandComputed()
    {
        // Values 10 (×2), 20, 30: first bin excluded, scale 255/2 → 20 ↦ 127.5 → 128 (ties to even), 30 ↦ 255, 10 ↦ 0.
        using var image = Image.FromPixels(2, 2, PixelFormat.Gray8, [10, 20, 10, 30]);
        using var equalized = image.EqualizeHistogram();
        Assert.Equal(new byte[] { 0, 128, 0, 255 }, equalized.Pixels.ToArray());

        // A constant image keeps its value (OpenCV fills with it).
        using var flat = Image.FromPixels(2, 1, PixelFormat.Gray8, [77, 77]);
        using var flatOut = flat.EqualizeHistogram();
        Assert.Equal(new byte[] { 77, 77 }, flatOut.Pixels.ToArray());
    }

    [Fact]
    public void Equalize_ColourIsPerChannelAndKeepsAlpha()
    {
        using var rgba = s_fixtures.Image("rgba_61x47");
        using var equalized = rgba.EqualizeHistogram();
        for (int c = 0; c < 3; c++)
        {
            using var channel = rgba.ExtractChannelForTest(c);
            using var expected = channel.EqualizeHistogram();
            for (int i = 0; i < expected.Pixels.Length; i++)
            {
                Assert.Equal(expected.Pixels[i], equalized.Pixels[(i * 4) + c]);
            }
        }

        for (int i = 3; i < rgba.Pixels.Length; i += 4)
        {
            Assert.Equal(rgba.Pixels[i], equalized.Pixels[i]);
        }
    }

    [Theory]
    [MemberData(nameof(ClaheCases))]
    public void Clahe_IsBitExactWithOpenCv(string name)
    {
        string input = name[..name.IndexOf('.', StringComparison.Ordinal)];
        using var image = s_fixtures.Image(input);
        var options = new ClaheOptions(s_fixtures.Number(name, "clip"), (int)s_fixtures.Number(name, "tiles_x"), (int)s_fixtures.Number(name, "tiles_y"));
        using var result = image.ApplyClahe(options);
        Assert.Equal(s_fixtures.Bytes(name), result.Pixels.ToArray());
        using var serial = HistogramExtensions.ApplyClahe(image, options, parallel: false);
        Assert.Equal(s_fixtures.Bytes(name), serial.Pixels.ToArray());

        // The scalar fallback (no AVX2) must agree bit for bit too.
        var scalar = new byte[image.Pixels.Length];
        Clahe.Apply(image.Pixels, scalar, image.Width, image.Height, options, parallel: false, allowSimd: false);
        Assert.Equal(s_fixtures.Bytes(name), scalar);
    }

    [Theory]
    [InlineData("rgb_61x47")]
    [InlineData("rgb_100x75")]
    public void ClaheOnColour_WorksOnLabLightness(string name)
    {
        using var image = s_fixtures.Image(name);
        using var result = image.ApplyClahe(new ClaheOptions(2.0, 8, 8));
        Assert.Equal(PixelFormat.Rgb24, result.Format);
        Assert.Equal(s_fixtures.Bytes(name + ".clahe_lab"), result.Pixels.ToArray());
    }

    [Fact]
    public void Clahe_ClipRedistributionHandComputed()
    {
        // 300 samples in bin 5 clipped at 10: excess 290 → 1 to every bin, residual 34 → every 7th bin from 0 gets 1 more.
        Span<int> hist = stackalloc int[256];
        hist[5] = 300;
        Clahe.ClipAndRedistribute(hist, 10);
        Assert.Equal(2, hist[0]);
        Assert.Equal(1, hist[1]);
        Assert.Equal(11, hist[5]);
        Assert.Equal(2, hist[7]);
        Assert.Equal(2, hist[33 * 7]);
        Assert.Equal(1, hist[34 * 7]);
        int total = 0;
        foreach (int h in hist)
        {
            total += h;
        }

        Assert.Equal(300, total);
    }

    [Fact]
    public void Reflect101_MatchesOpenCvBorderInterpolate()
    {
        // len 4: ... 2 1 | 0 1 2 3 | 2 1 0 1 2 ...
        Assert.Equal(2, Clahe.Reflect101(4, 4));
        Assert.Equal(1, Clahe.Reflect101(5, 4));
        Assert.Equal(0, Clahe.Reflect101(6, 4));
        Assert.Equal(1, Clahe.Reflect101(7, 4));
        Assert.Equal(1, Clahe.Reflect101(-1, 4));
        Assert.Equal(0, Clahe.Reflect101(9, 1));
    }

    [Fact]
    public void Clahe_RejectsInvalidOptions()
    {
        using var image = Image.Create(8, 8, PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ApplyClahe(new ClaheOptions(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ApplyClahe(new ClaheOptions(2, 0, 8)));
    }

    [Theory]
    [InlineData("gray_61x47", 2, 98, "stretch_2_98")]
    [InlineData("rgb_100x75", 2, 98, "stretch_2_98")]
    [InlineData("rgb_61x47", 5, 95, "stretch_5_95")]
    public void Stretch_MatchesNumPyPercentileReference(string name, double low, double high, string suffix)
    {
        using var image = s_fixtures.Image(name);
        using var result = image.StretchContrast(new ContrastStretchOptions(low, high));
        Tolerance.BytesClose(s_fixtures.Bytes(name + "." + suffix), result.Pixels, StretchMeanDiff, StretchMaxDiff, "stretch");
    }

    [Fact]
    public void Stretch_HandComputed()
    {
        // Samples 10, 20, 30, 40 with p0/p100: 10 ↦ 0, 20 ↦ 85, 30 ↦ 170, 40 ↦ 255.
        using var image = Image.FromPixels(4, 1, PixelFormat.Gray8, [10, 20, 30, 40]);
        using var result = image.StretchContrast(new ContrastStretchOptions(0, 100));
        Assert.Equal(new byte[] { 0, 85, 170, 255 }, result.Pixels.ToArray());
        Assert.Throws<ArgumentException>(() => image.StretchContrast(new ContrastStretchOptions(50, 40)));
    }
}

internal static class HistogramTestExtensions
{
    public static Image ExtractChannelForTest(this Image image, int channel) =>
        NoteGuard.Imaging.Processing.Color.ChannelExtensions.ExtractChannel(image, channel);
}
