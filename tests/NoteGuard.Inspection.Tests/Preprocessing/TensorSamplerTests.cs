using NoteGuard.Imaging;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Tests.Preprocessing;

public sealed class TensorSamplerTests
{
    /// <summary>Whole-factor reduction sweeps sizes (SIMD bodies and remainders, partial edge blocks) and layouts.</summary>
    [Theory]
    [InlineData(384, 384, 128, 3)]
    [InlineData(385, 130, 64, 3)]
    [InlineData(67, 41, 8, 1)]
    [InlineData(203, 99, 16, 4)]
    [InlineData(31, 29, 2, 3)]
    [InlineData(1000, 7, 1, 1)]
    [InlineData(9, 9, 4, 3)]
    public void ReduceForSampling_MatchesNaiveBlockMeans(int width, int height, int target, int channels)
    {
        var format = channels switch { 1 => PixelFormat.Gray8, 3 => PixelFormat.Rgb24, _ => PixelFormat.Rgba32 };
        var random = new Random(width * 31 + height);
        byte[] pixels = new byte[width * height * channels];
        random.NextBytes(pixels);
        using var image = Image.FromPixels(width, height, format, pixels);

        using var reduced = TensorSampler.ReduceForSampling(image, target, target);

        int k = Math.Max(1, Math.Min(width / target, height / target));
        Assert.Equal((width + k - 1) / k, reduced.Width);
        Assert.Equal((height + k - 1) / k, reduced.Height);
        for (int oy = 0; oy < reduced.Height; oy++)
        {
            for (int ox = 0; ox < reduced.Width; ox++)
            {
                for (int c = 0; c < channels; c++)
                {
                    long sum = 0, n = 0;
                    for (int y = oy * k; y < Math.Min((oy + 1) * k, height); y++)
                    {
                        for (int x = ox * k; x < Math.Min((ox + 1) * k, width); x++)
                        {
                            sum += pixels[(((y * width) + x) * channels) + c];
                            n++;
                        }
                    }

                    Assert.Equal((byte)((sum + (n / 2)) / n), reduced.GetRowReadOnly(oy)[(ox * channels) + c]);
                }
            }
        }
    }

    [Fact]
    public void ReduceForSampling_LargeFactor_UsesWideSums_AndAveragesExactly()
    {
        // k = 300 overflows 16-bit column sums (300 × 255 > 65535): a constant image must stay constant.
        using var image = Image.Create(600, 300, PixelFormat.Gray8);
        image.Pixels.Fill(255);

        using var reduced = TensorSampler.ReduceForSampling(image, 1, 1);

        Assert.Equal(2, reduced.Width);
        Assert.Equal(1, reduced.Height);
        Assert.Equal([255, 255], reduced.Pixels.ToArray());
    }
}
