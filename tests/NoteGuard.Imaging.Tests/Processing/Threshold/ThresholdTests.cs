using NoteGuard.Imaging.Processing.Threshold;

namespace NoteGuard.Imaging.Tests.Processing.Threshold;

public class ThresholdTests
{
    private static readonly ProcessingFixtures s_fixtures = ProcessingFixtures.Instance;

    public static TheoryData<string, ThresholdType> FixedCases
    {
        get
        {
            var types = new Dictionary<string, ThresholdType>
            {
                ["binary"] = ThresholdType.Binary,
                ["binary_inv"] = ThresholdType.BinaryInverted,
                ["trunc"] = ThresholdType.Truncate,
                ["tozero"] = ThresholdType.ToZero,
                ["tozero_inv"] = ThresholdType.ToZeroInverted,
            };
            var data = new TheoryData<string, ThresholdType>();
            foreach (string name in s_fixtures.Names.Where(n => n.StartsWith("gray_61x47.threshold_", StringComparison.Ordinal)))
            {
                string type = name["gray_61x47.threshold_".Length..];
                type = type[..type.LastIndexOf('_')];
                type = type[..type.LastIndexOf('_')];
                data.Add(name, types[type]);
            }

            return data;
        }
    }

    public static TheoryData<string> OtsuCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in s_fixtures.Names.Where(n => n.StartsWith("otsu_", StringComparison.Ordinal) && !n.Contains('.', StringComparison.Ordinal)))
            {
                data.Add(name);
            }

            data.Add("uniform_otsu");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FixedCases))]
    public void FixedThreshold_IsBitExactWithOpenCv(string name, ThresholdType type)
    {
        using var image = s_fixtures.Image("gray_61x47");
        var options = new ThresholdOptions(s_fixtures.Number(name, "thresh"), s_fixtures.Number(name, "maxval"), type);
        using var result = image.Threshold(options);
        Assert.Equal(s_fixtures.Bytes(name), result.Pixels.ToArray());
    }

    [Fact]
    public void FixedThreshold_OnColourIsPerChannel()
    {
        using var image = s_fixtures.Image("rgb_61x47");
        using var result = image.Threshold(new ThresholdOptions(90));
        Assert.Equal(s_fixtures.Bytes("rgb_61x47.threshold_binary_90_255"), result.Pixels.ToArray());
    }

    [Theory]
    [MemberData(nameof(OtsuCases))]
    public void Otsu_ChoosesOpenCvsThreshold(string name)
    {
        using var image = s_fixtures.Image(name);
        Assert.Equal((int)s_fixtures.Number(name, "otsu"), image.OtsuThreshold());
    }

    [Theory]
    [InlineData("otsu_0")]
    [InlineData("otsu_1")]
    [InlineData("otsu_2")]
    [InlineData("otsu_3")]
    public void OtsuBinary_IsBitExactWithOpenCv(string name)
    {
        using var image = s_fixtures.Image(name);
        using var result = image.Threshold(new ThresholdOptions(Otsu: true), out int[] used);
        Assert.Equal((int)s_fixtures.Number(name, "otsu"), used[0]);
        Assert.Equal(s_fixtures.Bytes(name + ".binary"), result.Pixels.ToArray());
    }

    [Fact]
    public void Otsu_HandComputedTwoLevels()
    {
        // Half 20, half 200: every t in 20..199 separates perfectly; OpenCV keeps the first maximum, t = 20.
        using var image = Image.FromPixels(4, 1, PixelFormat.Gray8, [20, 200, 20, 200]);
        Assert.Equal(20, image.OtsuThreshold());
        using var binary = image.Threshold(new ThresholdOptions(Otsu: true));
        Assert.Equal(new byte[] { 0, 255, 0, 255 }, binary.Pixels.ToArray());
    }

    [Fact]
    public void Threshold_HandComputedTypesAndEdges()
    {
        using var image = Image.FromPixels(4, 1, PixelFormat.Gray8, [0, 100, 101, 255]);
        using var truncated = image.Threshold(new ThresholdOptions(100.9, Type: ThresholdType.Truncate));
        Assert.Equal(new byte[] { 0, 100, 100, 100 }, truncated.Pixels.ToArray());
        using var below = image.Threshold(new ThresholdOptions(-5));
        Assert.Equal(new byte[] { 255, 255, 255, 255 }, below.Pixels.ToArray());
        using var above = image.Threshold(new ThresholdOptions(255, Type: ThresholdType.BinaryInverted, MaxValue: 9));
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, above.Pixels.ToArray());
    }

    [Fact]
    public void Threshold_KeepsAlpha()
    {
        using var image = Image.FromPixels(1, 1, PixelFormat.Rgba32, [10, 200, 129, 42]);
        using var result = image.Threshold(new ThresholdOptions(128));
        Assert.Equal(new byte[] { 0, 255, 255, 42 }, result.Pixels.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Threshold(new ThresholdOptions(MaxValue: 300)));
    }
}
