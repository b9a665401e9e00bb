using System.Text.Json;
using NoteGuard.Imaging;
using NoteGuard.Inspection.Features;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Features;

public sealed class WaveletFeaturesTests
{
    // The transform is exact in doubles; moments differ from numpy only by summation order.
    private const double MomentTolerance = 1e-9;
    // Histogram bin edges can differ by one ulp from numpy's, moving a value across a bin edge at most rarely.
    private const double EntropyTolerance = 1e-6;

    private static IEnumerable<JsonElement> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Fixture("classical", "sklearn_fixtures.json")));
        return [.. doc.RootElement.GetProperty("wavelet").EnumerateArray().Select(e => e.Clone())];
    }

    public static TheoryData<int> CaseIndices() => [.. Enumerable.Range(0, Cases().Count())];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void MatchesPyWaveletsAndScipy(int index)
    {
        var c = Cases().ElementAt(index);
        int width = c.GetProperty("width").GetInt32();
        int height = c.GetProperty("height").GetInt32();
        byte[] pixels = [.. c.GetProperty("pixels").EnumerateArray().Select(v => (byte)v.GetInt32())];
        var options = new WaveletFeatureOptions
        {
            Level = c.GetProperty("level").GetInt32(),
            Subband = Enum.Parse<WaveletSubband>(c.GetProperty("subband").GetString()!, ignoreCase: true),
        };
        using var image = Image.FromPixels(width, height, PixelFormat.Gray8, pixels);
        var stats = WaveletFeatures.Compute(image, options);
        string what = $"{c.GetProperty("image").GetString()} level {options.Level} {options.Subband}";
        Close(c.GetProperty("variance").GetDouble(), stats.Variance, MomentTolerance, what + " variance");
        Close(c.GetProperty("skewness").GetDouble(), stats.Skewness, MomentTolerance, what + " skewness");
        Close(c.GetProperty("kurtosis").GetDouble(), stats.Kurtosis, MomentTolerance, what + " kurtosis");
        Close(c.GetProperty("entropy").GetDouble(), stats.Entropy, EntropyTolerance, what + " entropy");
    }

    [Fact]
    public void HandComputedTwoByTwo()
    {
        // [[1, 2], [3, 5]]: cH = −2.5, cV = −1.5, cD = 0.5 (pywt's Haar); details pooled: mean −7/6.
        var stats = WaveletFeatures.Compute([1.0, 2, 3, 5], 2, 2);
        double mean = -7.0 / 6;
        double variance = (Math.Pow(-2.5 - mean, 2) + Math.Pow(-1.5 - mean, 2) + Math.Pow(0.5 - mean, 2)) / 3;
        Close(variance, stats.Variance, MomentTolerance, "variance");
        // Three distinct values in 256 bins: entropy log2(3).
        Close(Math.Log2(3), stats.Entropy, MomentTolerance, "entropy");
    }

    [Fact]
    public void ConstantImageHasZeroStatistics()
    {
        using var image = Image.Create(8, 8, PixelFormat.Gray8);
        image.Pixels.Fill(77);
        Assert.Equal(new WaveletStatistics(0, 0, 0, 0), WaveletFeatures.Compute(image));
    }

    [Fact]
    public void GreyRgbEqualsGray8()
    {
        var random = new Random(1);
        byte[] gray = new byte[16 * 12];
        random.NextBytes(gray);
        byte[] rgb = [.. gray.SelectMany(v => new[] { v, v, v })];
        using var g = Image.FromPixels(16, 12, PixelFormat.Gray8, gray);
        using var c = Image.FromPixels(16, 12, PixelFormat.Rgb24, rgb);
        var a = WaveletFeatures.Compute(g);
        var b = WaveletFeatures.Compute(c);
        Close(a.Variance, b.Variance, MomentTolerance, "variance");
        Close(a.Entropy, b.Entropy, EntropyTolerance, "entropy");
    }

    [Fact]
    public void TooSmallForTheLevelIsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => WaveletFeatures.Compute(new double[9], 3, 3, new WaveletFeatureOptions { Level = 2 }));
    }

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
