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

    /// <summary>
    /// Maps without rotation or shear take the axis-aligned path; every value must equal the general per-pixel
    /// formula (reproduced here), exactly: same double coordinates, same float arithmetic.
    /// </summary>
    [Theory]
    [InlineData(128, 128, 64, 64, 1.0, 0.0, 1.0, 0.0, 3)]
    [InlineData(97, 61, 64, 32, 0.8, 0.13, 1.2, -0.07, 3)]
    [InlineData(50, 40, 64, 64, -1.0, 1.0, 0.9, 0.05, 1)]
    [InlineData(33, 35, 20, 24, 1.1, -0.2, -1.0, 1.0, 3)]
    public void Sample_AxisAlignedMaps_EqualTheGeneralFormula(int srcW, int srcH, int outW, int outH, double a, double c, double e, double f, int channels)
    {
        var random = new Random(srcW * 7 + srcH);
        using var image = Image.Create(srcW, srcH, channels == 3 ? PixelFormat.Rgb24 : PixelFormat.Gray8);
        random.NextBytes(image.Pixels);
        // Normalised map composed with the pixel scalings, as Preprocessor.SampleUnit does.
        var map = Affine.Scale(srcW, srcH).After(new Affine(a, 0, c, 0, e, f)).After(Affine.Scale(1.0 / outW, 1.0 / outH));
        float[] actual = new float[channels * outW * outH];

        TensorSampler.Sample(image, map, outW, outH, channels, [0.299f, 0.587f, 0.114f], actual);

        var pixels = image.Pixels.ToArray();
        for (int oy = 0; oy < outH; oy++)
        {
            for (int ox = 0; ox < outW; ox++)
            {
                var (sx, sy) = map.Apply(ox + 0.5, oy + 0.5);
                sx -= 0.5;
                sy -= 0.5;
                double fx = Math.Floor(sx), fy = Math.Floor(sy);
                float ax = (float)(sx - fx), ay = (float)(sy - fy);
                int x0 = Clamp(fx, srcW - 1), x1 = Clamp(fx + 1, srcW - 1), y0 = Clamp(fy, srcH - 1), y1 = Clamp(fy + 1, srcH - 1);
                float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
                for (int ch = 0; ch < channels; ch++)
                {
                    float expected = ((w00 * pixels[(((y0 * srcW) + x0) * channels) + ch]) + (w01 * pixels[(((y0 * srcW) + x1) * channels) + ch])
                        + (w10 * pixels[(((y1 * srcW) + x0) * channels) + ch]) + (w11 * pixels[(((y1 * srcW) + x1) * channels) + ch])) * (1f / 255f);
                    float got = actual[(ch * outW * outH) + (oy * outW) + ox];
                    Assert.True(expected.Equals(got), $"({ox},{oy},{ch}): expected {expected:R}, got {got:R}");
                }
            }
        }

        static int Clamp(double v, int max) => v <= 0 ? 0 : v >= max ? max : (int)v;
    }
}
