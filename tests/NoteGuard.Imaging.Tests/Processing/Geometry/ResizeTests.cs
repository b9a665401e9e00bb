using NoteGuard.Imaging.Processing.Geometry;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Processing.Geometry;

public class ResizeTests
{
    /// <summary>
    /// Every mode reproduces OpenCV 4.6's integer and float arithmetic (including its vector-path rounding),
    /// so all fixture cases must match byte for byte.
    /// </summary>
    private const int OpenCvMaxDiff = 0;

    public static TheoryData<string> Cases => ProcessingAFixtures.Names("resize");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOpenCvExactly(string name)
    {
        var c = ProcessingAFixtures.Get(name);
        using var input = c.InputImage();
        using var actual = input.Resize(c.Int("width"), c.Int("height"), Mode(c.Str("mode")));
        Assert.Equal(c.Width, actual.Width);
        Assert.Equal(c.Height, actual.Height);
        Assert.Equal(input.Format, actual.Format);
        Tolerance.BytesClose(c.Bytes, actual.Pixels, 0, OpenCvMaxDiff, name);
    }

    [Fact]
    public void AreaHalvingOf4x4AveragesEach2x2BlockRoundingHalfUp()
    {
        byte[] pixels =
        [
            0, 2, 10, 20,
            4, 8, 30, 41,
            100, 100, 255, 255,
            100, 101, 255, 254,
        ];
        using var image = Image.FromPixels(4, 4, PixelFormat.Gray8, pixels);
        using var result = image.Resize(2, 2, ResizeMode.Area);

        // (0+2+4+8)/4 = 3.5 -> 4; (10+20+30+41)/4 = 25.25 -> 25; 401/4 = 100.25 -> 100; 1019/4 = 254.75 -> 255.
        Assert.Equal(new byte[] { 4, 25, 100, 255 }, result.Pixels.ToArray());
    }

    [Fact]
    public void AreaReductionBy3UsesFractionalBoxWeightsForNonIntegerFactors()
    {
        // 5 -> 2 columns: box width 2.5, so output 0 = (p0 + p1 + 0.5·p2) / 2.5 and output 1 = (0.5·p2 + p3 + p4) / 2.5.
        using var image = Image.FromPixels(5, 1, PixelFormat.Gray8, [10, 20, 100, 40, 50]);
        using var result = image.Resize(2, 1, ResizeMode.Area);
        Assert.Equal(new byte[] { 32, 56 }, result.Pixels.ToArray());
    }

    [Fact]
    public void NearestDoublingRepeatsEachPixel()
    {
        using var image = Image.FromPixels(2, 2, PixelFormat.Gray8, [1, 2, 3, 4]);
        using var result = image.Resize(4, 4, ResizeMode.Nearest);
        Assert.Equal(new byte[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, result.Pixels.ToArray());
    }

    [Fact]
    public void BilinearDoublingInterpolatesAtQuarterPositions()
    {
        // Output x maps to source (x + 0.5)/2 - 0.5: -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        using var image = Image.FromPixels(2, 1, PixelFormat.Gray8, [0, 200]);
        using var result = image.Resize(4, 1, ResizeMode.Bilinear);
        Assert.Equal(new byte[] { 0, 50, 150, 200 }, result.Pixels.ToArray());
    }

    [Theory]
    [InlineData(ResizeMode.Nearest)]
    [InlineData(ResizeMode.Bilinear)]
    [InlineData(ResizeMode.Bicubic)]
    [InlineData(ResizeMode.Area)]
    public void ConstantImageStaysConstantAndAlphaIsResampled(ResizeMode mode)
    {
        using var image = Image.Create(13, 9, PixelFormat.Rgba32);
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i += 4)
        {
            p[i] = 17;
            p[i + 1] = 128;
            p[i + 2] = 250;
            p[i + 3] = 99;
        }

        foreach (var (w, h) in new[] { (5, 4), (31, 20), (13, 3), (2, 17) })
        {
            using var result = image.Resize(w, h, mode);
            var r = result.Pixels;
            for (int i = 0; i < r.Length; i += 4)
            {
                Assert.Equal(17, r[i]);
                Assert.Equal(128, r[i + 1]);
                Assert.Equal(250, r[i + 2]);
                Assert.Equal(99, r[i + 3]);
            }
        }
    }

    [Fact]
    public void SameSizeIsACopy()
    {
        using var image = ProcessingAFixtures.Image("rgb");
        using var result = image.Resize(image.Width, image.Height, ResizeMode.Bicubic);
        Assert.Equal(image.Pixels.ToArray(), result.Pixels.ToArray());
        Assert.NotSame(image, result);
    }

    [Fact]
    public void ScaleFactorsFollowOpenCvSizeRounding()
    {
        using var image = Image.Create(61, 47, PixelFormat.Gray8);
        var options = ResizeOptions.FromScale(image, 0.5, 0.5, ResizeMode.Area);
        Assert.Equal(30, options.Width); // round-half-even(30.5)
        Assert.Equal(24, options.Height); // 23.5 -> 24
        using var result = image.Resize(options);
        Assert.Equal(30, result.Width);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        using var image = Image.Create(4, 4, PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Resize(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Resize(4, Image.MaxDimension + 1));
        Assert.Throws<ArgumentException>(() => image.Resize(4, 4, (ResizeMode)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResizeOptions.FromScale(image, -1, 1));
        Assert.Throws<ArgumentNullException>(() => image.Resize(null!));
    }

    private static ResizeMode Mode(string text) => text switch
    {
        "nearest" => ResizeMode.Nearest,
        "bilinear" => ResizeMode.Bilinear,
        "bicubic" => ResizeMode.Bicubic,
        "area" => ResizeMode.Area,
        _ => throw new ArgumentException(text),
    };
}
