using NoteGuard.Imaging.Formats.Jpeg;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// The SIMD kernels against scalar formulas written out here. Marked Simd so the scalar-fallback child run
/// (DOTNET_EnableHWIntrinsic=0) repeats them on the fallback paths. Integer outputs are compared exactly: both paths
/// evaluate the same integer expressions.
/// </summary>
[Trait("Category", ScalarFallback.SimdCategory)]
public sealed class JpegKernelTests
{
    [Fact]
    public void Idct_DispatchedPath_EqualsScalarPath_OnRandomBlocks()
    {
        var rng = new Random(11);
        var block = new short[64];
        var quant = new int[64];
        var fast = new byte[8 * 16];
        var scalar = new byte[8 * 16];
        for (int trial = 0; trial < 2000; trial++)
        {
            // Mix of sparse, dense, extreme and out-of-range coefficients (the range limit must wrap identically).
            int magnitude = trial % 4 switch { 0 => 16, 1 => 256, 2 => 2048, _ => 32767 };
            Array.Clear(block);
            int nonZero = 1 + rng.Next(64);
            for (int i = 0; i < nonZero; i++)
            {
                block[rng.Next(64)] = (short)rng.Next(-magnitude, magnitude + 1);
            }

            for (int i = 0; i < 64; i++)
            {
                quant[i] = 1 + rng.Next(trial % 3 == 0 ? 255 : 16);
            }

            JpegIdct.Transform(block, quant, fast, 3, 16);
            JpegIdct.TransformScalar(block, quant, scalar, 3, 16);
            Assert.True(fast.AsSpan().SequenceEqual(scalar), $"trial {trial}: vector IDCT differs from scalar");
        }
    }

    [Fact]
    public void Idct_DcOnly_MatchesFullTransform()
    {
        var block = new short[64];
        var quant = new int[64];
        Array.Fill(quant, 7);
        var full = new byte[64];
        var flat = new byte[64];
        for (int dc = -300; dc <= 300; dc += 7)
        {
            block[0] = (short)dc;
            JpegIdct.TransformScalar(block, quant, full, 0, 8);
            JpegIdct.Fill(JpegIdct.DcOnlyValue(dc, 7), flat, 0, 8);
            Assert.True(full.AsSpan().SequenceEqual(flat), $"dc {dc}");
        }
    }

    [Fact]
    public void YCbCrToRgb_AllLengths_MatchFormula()
    {
        var rng = new Random(5);
        for (int width = 1; width <= 70; width++)
        {
            byte[] y = Random(rng, width);
            byte[] cb = Random(rng, width);
            byte[] cr = Random(rng, width);
            var rgb = new byte[3 * width];
            JpegColor.YCbCrToRgb(y, cb, cr, rgb, width);
            for (int x = 0; x < width; x++)
            {
                // jdcolor.c: R = y + Cr_r_tab[cr], G = y + ((Cb_g_tab[cb] + Cr_g_tab[cr]) >> 16), B = y + Cb_b_tab[cb].
                int b = cb[x] - 128;
                int r = cr[x] - 128;
                Assert.Equal(Math.Clamp(y[x] + ((91881 * r + 32768) >> 16), 0, 255), (int)rgb[3 * x]);
                Assert.Equal(Math.Clamp(y[x] + ((-22554 * b - 46802 * r + 32768) >> 16), 0, 255), (int)rgb[3 * x + 1]);
                Assert.Equal(Math.Clamp(y[x] + ((116130 * b + 32768) >> 16), 0, 255), (int)rgb[3 * x + 2]);
            }
        }
    }

    [Fact]
    public void FancyUpsampling_AllLengths_MatchLibjpegFormulas()
    {
        var rng = new Random(9);
        for (int n = 3; n <= 70; n++)
        {
            byte[] near = Random(rng, n);
            byte[] far = Random(rng, n);
            var scratch = new short[n + 32];
            var output = new byte[2 * n + 32];

            JpegColor.UpsampleH2V1(near, scratch, output);
            for (int i = 0; i < n; i++)
            {
                int left = near[Math.Max(i - 1, 0)];
                int right = near[Math.Min(i + 1, n - 1)];
                Assert.Equal((3 * near[i] + left + 1) >> 2, (int)output[2 * i]);
                Assert.Equal((3 * near[i] + right + 2) >> 2, (int)output[2 * i + 1]);
            }

            JpegColor.UpsampleH2V2(near, far, scratch, output);
            for (int i = 0; i < n; i++)
            {
                int Sum(int j) => 3 * near[Math.Clamp(j, 0, n - 1)] + far[Math.Clamp(j, 0, n - 1)];
                Assert.Equal((3 * Sum(i) + Sum(i - 1) + 8) >> 4, (int)output[2 * i]);
                Assert.Equal((3 * Sum(i) + Sum(i + 1) + 7) >> 4, (int)output[2 * i + 1]);
            }

            JpegColor.UpsampleH1V2(near, far, output, 2);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal((3 * near[i] + far[i] + 2) >> 2, (int)output[i]);
            }
        }
    }

    private static byte[] Random(Random rng, int length)
    {
        var data = new byte[length];
        rng.NextBytes(data);
        return data;
    }
}
