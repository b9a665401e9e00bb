using NoteGuard.Imaging.Processing.Filters;

namespace NoteGuard.Imaging.Tests.Processing.Filters;

/// <summary>The 3×3 sorting-network median against a plain sort of each window, on every channel layout and row length.</summary>
public sealed class Median3NetworkTests
{
    [Theory]
    [Trait("Category", "Simd")]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void NetworkMedianEqualsSortedWindowMedian(int channels)
    {
        var rng = new Random(11 + channels);
        for (int width = 1; width <= 70; width++)
        {
            int stride = width * channels;
            var rows = new byte[3][];
            var padded = new byte[3][];
            for (int r = 0; r < 3; r++)
            {
                rows[r] = new byte[stride];
                rng.NextBytes(rows[r]);
                if (width % 3 == 0)
                {
                    // Many ties: values from a tiny alphabet.
                    for (int i = 0; i < stride; i++)
                    {
                        rows[r][i] = (byte)(rows[r][i] % 3);
                    }
                }

                padded[r] = new byte[stride + (2 * channels)];
                Median3.Pad(rows[r], padded[r], channels);
            }

            var actual = new byte[stride];
            Median3.Row(padded[0], padded[1], padded[2], actual, channels);
            var window = new byte[9];
            for (int x = 0; x < width; x++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    int n = 0;
                    for (int r = 0; r < 3; r++)
                    {
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int xx = Math.Clamp(x + dx, 0, width - 1);
                            window[n++] = rows[r][(xx * channels) + ch];
                        }
                    }

                    Array.Sort(window);
                    Assert.True(window[4] == actual[(x * channels) + ch], $"width {width}, x {x}, channel {ch}");
                }
            }
        }
    }
}
