using NoteGuard.Imaging;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Tests.Preprocessing;

/// <summary>Marked Simd so a scalar-fallback run (DOTNET_EnableHWIntrinsic=0) covers the non-vector path too.</summary>
[Trait("Category", "Simd")]
public sealed class ReduceForSamplingTests
{
    /// <summary>The definition: each output pixel is the rounded mean of its k×k block (partial blocks at the edges average what they hold).</summary>
    private static byte[] Reference(Image source, int k)
    {
        int outW = (source.Width + k - 1) / k;
        int outH = (source.Height + k - 1) / k;
        int ch = source.Channels;
        var expected = new byte[outW * outH * ch];
        for (int oy = 0; oy < outH; oy++)
        {
            for (int ox = 0; ox < outW; ox++)
            {
                for (int c = 0; c < ch; c++)
                {
                    int sum = 0;
                    int n = 0;
                    for (int y = oy * k; y < Math.Min((oy + 1) * k, source.Height); y++)
                    {
                        for (int x = ox * k; x < Math.Min((ox + 1) * k, source.Width); x++)
                        {
                            sum += source[x, y, c];
                            n++;
                        }
                    }

                    expected[(((oy * outW) + ox) * ch) + c] = (byte)((sum + (n / 2)) / n);
                }
            }
        }

        return expected;
    }

    [Theory]
    [InlineData(512, 512, PixelFormat.Rgb24, 128)] // check's 512×512 photo to the enhanced working size, k = 4
    [InlineData(383, 201, PixelFormat.Rgb24, 64)] // partial blocks at the right and bottom
    [InlineData(97, 50, PixelFormat.Gray8, 20)]
    [InlineData(70, 33, PixelFormat.Rgba32, 16)]
    public void Matches_the_block_mean_definition_exactly(int width, int height, PixelFormat format, int target)
    {
        using var image = Image.Create(width, height, format);
        var rng = new Random(width * height);
        for (int y = 0; y < height; y++)
        {
            rng.NextBytes(image.GetRow(y));
        }

        int k = Math.Min(width / target, height / target);
        using var reduced = TensorSampler.ReduceForSampling(image, target, target);

        Assert.Equal((width + k - 1) / k, reduced.Width);
        var actual = new byte[reduced.Width * reduced.Height * reduced.Channels];
        for (int y = 0; y < reduced.Height; y++)
        {
            reduced.GetRowReadOnly(y)[..(reduced.Width * reduced.Channels)].CopyTo(actual.AsSpan(y * reduced.Width * reduced.Channels));
        }

        Assert.Equal(Reference(image, k), actual);
    }
}
