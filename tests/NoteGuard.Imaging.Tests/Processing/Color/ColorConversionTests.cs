using NoteGuard.Imaging.Processing.Color;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Processing.Color;

public class ColorConversionTests
{
    private const double FloatHsvTolerance = 1e-3;
    // OpenCV's float RGB2Lab interpolates a 33³ fixed-point table; ours evaluates the formulas exactly.
    private const double FloatLabToleranceVsOpenCv = 0.5;
    private const double FloatLabTolerance = 0.01;
    private const int HsvToRgbMaxDiff = 1;
    private const double HsvToRgbMeanDiff = 0.005;

    private static readonly ProcessingFixtures s_fixtures = ProcessingFixtures.Instance;

    public static TheoryData<string> RgbInputs => new() { "rgb_61x47", "rgb_100x75", "colors" };

    [Theory]
    [MemberData(nameof(RgbInputs))]
    public void GrayBt601_IsBitExactWithOpenCv(string name)
    {
        using var image = s_fixtures.Image(name);
        using var gray = image.ToGray();
        Assert.Equal(PixelFormat.Gray8, gray.Format);
        Assert.Equal(s_fixtures.Bytes(name + ".gray"), gray.Pixels.ToArray());
    }

    [Fact]
    public void GrayFromRgba_IgnoresAlpha()
    {
        using var image = s_fixtures.Image("rgba_61x47");
        using var gray = image.ToGray();
        Assert.Equal(s_fixtures.Bytes("rgba_61x47.gray"), gray.Pixels.ToArray());
    }

    [Theory]
    [InlineData("rgb_61x47")]
    [InlineData("rgb_100x75")]
    public void GraySeed001_MatchesDocumentedFixedPoint(string name)
    {
        using var image = s_fixtures.Image(name);
        using var gray = image.ToGray(GrayscaleOptions.Seed001);
        Assert.Equal(s_fixtures.Bytes(name + ".gray_seed001"), gray.Pixels.ToArray());
    }

    [Fact]
    public void Gray_HandComputedPrimaries()
    {
        // (255·9798 + 2^14) >> 15 = 76, (255·19235 + 2^14) >> 15 = 150, (255·3735 + 2^14) >> 15 = 29.
        using var image = Image.FromPixels(4, 1, PixelFormat.Rgb24, [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
        using var gray = image.ToGray();
        Assert.Equal(new byte[] { 76, 150, 29, 255 }, gray.Pixels.ToArray());
        // Custom weights 1, 1, 1 saturate.
        using var sum = image.ToGray(new GrayscaleOptions(1, 1, 1));
        Assert.Equal(new byte[] { 255, 255, 255, 255 }, sum.Pixels.ToArray());
    }

    [Fact]
    public void FloatLab_HandComputedReferenceColours()
    {
        // White is L 100, a = b = 0; sRGB red is L 53.24, a 80.09, b 67.20 (CIE formulas, D65).
        using var image = Image.FromPixels(2, 1, PixelFormat.Rgb24, [255, 255, 255, 255, 0, 0]);
        using var lab = image.ToColorPlanes(ColorSpace.Lab);
        Tolerance.AllClose([100f, 53.24f], lab[0].Data, FloatLabTolerance, what: "L");
        Tolerance.AllClose([0f, 80.09f], lab[1].Data, FloatLabTolerance, what: "a");
        Tolerance.AllClose([0f, 67.20f], lab[2].Data, FloatLabTolerance, what: "b");
    }

    [Fact]
    public void Gray_RejectsNegativeWeights()
    {
        using var image = Image.Create(2, 2, PixelFormat.Rgb24);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.ToGray(new GrayscaleOptions(-0.1, 0.5, 0.5)));
    }

    [Theory]
    [MemberData(nameof(RgbInputs))]
    public void Hsv8_IsBitExactWithOpenCv(string name)
    {
        using var image = s_fixtures.Image(name);
        using var hsv = image.ToHsv();
        Assert.Equal(s_fixtures.Bytes(name + ".hsv"), hsv.Pixels.ToArray());
    }

    [Fact]
    public void HsvToRgb8_MatchesOpenCv()
    {
        using var hsv = s_fixtures.Image("hsv_in");
        using var rgb = hsv.HsvToRgb();
        Tolerance.BytesClose(s_fixtures.Bytes("hsv_in.rgb"), rgb.Pixels, HsvToRgbMeanDiff, HsvToRgbMaxDiff, what: "HSV2RGB");
    }

    [Theory]
    [MemberData(nameof(RgbInputs))]
    public void Lab8_IsBitExactWithOpenCv(string name)
    {
        using var image = s_fixtures.Image(name);
        using var lab = image.ToLab();
        Assert.Equal(s_fixtures.Bytes(name + ".lab"), lab.Pixels.ToArray());
    }

    [Fact]
    public void LabToRgb8_IsBitExactWithOpenCv()
    {
        using var anyLab = s_fixtures.Image("lab_in");
        using var rgb = anyLab.LabToRgb();
        Assert.Equal(s_fixtures.Bytes("lab_in.rgb"), rgb.Pixels.ToArray());

        using var image = s_fixtures.Image("rgb_61x47");
        using var lab = image.ToLab();
        using var back = lab.LabToRgb();
        Assert.Equal(s_fixtures.Bytes("rgb_61x47.lab.rgb"), back.Pixels.ToArray());
    }

    [Fact]
    public void FloatPlanes_MatchOpenCvFloatConversions()
    {
        using var image = s_fixtures.Image("colors");
        int n = 16 * 64;
        var hsvExpected = s_fixtures.Float32("colors.hsv_f");
        var labExpected = s_fixtures.Float32("colors.lab_f");
        using var hsv = image.ToColorPlanes(ColorSpace.Hsv);
        using var lab = image.ToColorPlanes(ColorSpace.Lab);
        for (int c = 0; c < 3; c++)
        {
            var expectedHsv = new float[n];
            var expectedLab = new float[n];
            for (int i = 0; i < n; i++)
            {
                expectedHsv[i] = hsvExpected[(i * 3) + c];
                expectedLab[i] = labExpected[(i * 3) + c];
            }

            // Hue is in degrees (OpenCV's float convention), so scale the tolerance with it.
            Tolerance.AllClose(expectedHsv, hsv[c].Data[..n], c == 0 ? FloatHsvTolerance * 360 : FloatHsvTolerance, what: $"HSV float channel {c}");
            Tolerance.AllClose(expectedLab, lab[c].Data[..n], FloatLabToleranceVsOpenCv, what: $"Lab float channel {c}");
        }
    }

    [Theory]
    [InlineData(ColorSpace.Rgb)]
    [InlineData(ColorSpace.Hsv)]
    [InlineData(ColorSpace.Lab)]
    public void FloatPlanes_RoundTripToRgb(ColorSpace space)
    {
        using var image = s_fixtures.Image("colors");
        using var planes = image.ToColorPlanes(space);
        using var back = planes.ToRgbImage();
        Tolerance.BytesClose(image.Pixels, back.Pixels, meanAbs: 0.01, maxAbs: 1, what: $"{space} round trip");
    }

    [Fact]
    public void FloatHsv_HandComputed()
    {
        // Pure yellow: H 60°, S 1, V 1; mid gray: H 0, S 0, V 0.5019608.
        using var image = Image.FromPixels(2, 1, PixelFormat.Rgb24, [255, 255, 0, 128, 128, 128]);
        using var hsv = image.ToColorPlanes(ColorSpace.Hsv);
        Tolerance.AllClose([60f, 0f], hsv[0].Data, 1e-3, what: "hue");
        Tolerance.AllClose([1f, 0f], hsv[1].Data, 1e-6, what: "saturation");
        Tolerance.AllClose([1f, 128f / 255f], hsv[2].Data, 1e-6, what: "value");
    }

    [Fact]
    public void Channels_SplitMergeAndAlphaHelpersRoundTrip()
    {
        using var rgba = s_fixtures.Image("rgba_61x47");
        var planes = rgba.SplitChannels();
        Assert.Equal(4, planes.Length);
        using var merged = ChannelExtensions.MergeChannels(planes);
        Assert.Equal(rgba.Pixels.ToArray(), merged.Pixels.ToArray());
        using var alpha = rgba.ExtractChannel(3);
        Assert.Equal(planes[3].Pixels.ToArray(), alpha.Pixels.ToArray());
        using var rgb = rgba.DropAlpha();
        Assert.Equal(PixelFormat.Rgb24, rgb.Format);
        Assert.Equal(rgba[5, 7, 2], rgb[5, 7, 2]);
        using var opaque = rgb.WithAlpha(200);
        Assert.Equal(200, opaque[3, 4, 3]);
        Assert.Equal(rgba[3, 4, 1], opaque[3, 4, 1]);
        foreach (var p in planes)
        {
            p.Dispose();
        }

        Assert.Throws<ArgumentException>(() => ChannelExtensions.MergeChannels(planes[0], planes[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => rgb.ExtractChannel(3));
    }
}
