using NoteGuard.Imaging.Processing.Filters;

namespace NoteGuard.Imaging.Tests.Processing.Filters;

/// <summary>Small cases worked out by hand, independent of OpenCV.</summary>
public class FilterHandComputedTests
{
    /// <summary>Float results of integer data through small integer kernels are exact.</summary>
    private const float ExactFloat = 0f;

    [Fact]
    public void ImpulseThroughA3x3KernelReproducesTheKernelRotated180()
    {
        // Correlation of a centred impulse with K gives K flipped in both axes around the impulse.
        using var impulse = ImagePlane.Create(5, 5);
        impulse[2, 2] = 1;
        var kernel = ConvolutionKernel.Square(1, 2, 3, 4, 5, 6, 7, 8, 9);
        using var result = impulse.Convolve(kernel, new ConvolutionOptions(BorderMode.Constant));
        float[] expected =
        [
            0, 0, 0, 0, 0,
            0, 9, 8, 7, 0,
            0, 6, 5, 4, 0,
            0, 3, 2, 1, 0,
            0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, result.Data.ToArray());
    }

    [Fact]
    public void ImpulseThroughSharpenSaturatesNegativesToZero()
    {
        using var image = Image.Create(5, 5, PixelFormat.Gray8);
        image[2, 2] = 20;
        using var result = image.Sharpen();
        for (int y = 0; y < 5; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                int expected = (x, y) == (2, 2) ? 180 : 0; // 9·20 at the centre, −20 → 0 around it
                Assert.Equal(expected, result[x, y]);
            }
        }
    }

    [Theory]
    [InlineData(BorderMode.Reflect101, new float[] { 2, 1, 2, 3, 2 })]
    [InlineData(BorderMode.Replicate, new float[] { 1, 1, 2, 3, 3 })]
    [InlineData(BorderMode.Reflect, new float[] { 1, 1, 2, 3, 3 })]
    [InlineData(BorderMode.Constant, new float[] { 9, 1, 2, 3, 9 })]
    public void BorderModesReadTheDocumentedPixels(BorderMode mode, float[] expectedPadded)
    {
        // A 1×3 row [1,2,3] through a 3×1 "pick left" and "pick right" kernel exposes the padded values.
        using var row = ImagePlane.FromValues(3, 1, [1, 2, 3]);
        var options = new ConvolutionOptions(mode, BorderValue: 9);
        using var left = row.Convolve(new ConvolutionKernel(3, 1, [1, 0, 0]), options);
        using var right = row.Convolve(new ConvolutionKernel(3, 1, [0, 0, 1]), options);
        Assert.Equal(expectedPadded[0], left[0, 0]);
        Assert.Equal(expectedPadded[4], right[2, 0]);
        Assert.Equal(expectedPadded[1], left[1, 0]);
        Assert.Equal(expectedPadded[3], right[1, 0]);
    }

    [Fact]
    public void BorderIndexHandlesOvershootBeyondOneImageWidth()
    {
        // Reflect101 on length 3 (abc) repeats with period 4: positions −4..−1 read a c b ... → −4 → a (0), −2 → c (2), 6 → c (2).
        Assert.Equal(0, BorderIndex.Map(-4, 3, BorderMode.Reflect101));
        Assert.Equal(2, BorderIndex.Map(-2, 3, BorderMode.Reflect101));
        Assert.Equal(2, BorderIndex.Map(6, 3, BorderMode.Reflect101));
        Assert.Equal(0, BorderIndex.Map(-7, 1, BorderMode.Reflect101));
        Assert.Equal(-1, BorderIndex.Map(5, 3, BorderMode.Constant));
        Assert.Equal(2, BorderIndex.Map(-3, 3, BorderMode.Reflect)); // c b a | a b c
    }

    [Fact]
    public void SeparableEqualsTheOuterProductKernel()
    {
        using var image = ProcessingAFixtures.Image("gray");
        using var plane = ImagePlane.FromImage(image);
        float[] kx = [1, 2, 1];
        float[] ky = [-1, 0, 1];
        var outer = new ConvolutionKernel(3, 3, [-1, -2, -1, 0, 0, 0, 1, 2, 1]);
        foreach (var mode in Enum.GetValues<BorderMode>())
        {
            using var separable = plane.ConvolveSeparable(kx, ky, new ConvolutionOptions(mode, 17));
            using var full = plane.Convolve(outer, new ConvolutionOptions(mode, 17));
            NoteGuard.TestUtilities.Tolerance.AllClose(full.Data, separable.Data, ExactFloat, what: mode.ToString());
            using var separable8 = image.ConvolveSeparable(kx, ky, new ConvolutionOptions(mode, 17));
            using var full8 = image.Convolve(outer, new ConvolutionOptions(mode, 17));
            Assert.Equal(full8.Pixels.ToArray(), separable8.Pixels.ToArray());
        }
    }

    [Fact]
    public void MedianOf3x3PicksTheMiddleValue()
    {
        // Centre window holds 1..9 in scrambled order → median 5; replicated corners give predictable results.
        using var image = Image.FromPixels(3, 3, PixelFormat.Gray8, [9, 1, 8, 2, 7, 3, 6, 4, 5]);
        using var result = image.MedianBlur(3);
        Assert.Equal(5, result[1, 1]);

        // Top-left window with replication: rows [9 9 1],[9 9 1],[2 2 7] → sorted 1 1 2 2 7 9 9 9 9 → 7.
        Assert.Equal(7, result[0, 0]);
    }

    [Fact]
    public void LargeMedianRemovesSaltAndPepperAndKeepsAlpha()
    {
        using var image = Image.Create(20, 20, PixelFormat.Rgba32);
        var p = image.Pixels;
        for (int i = 0; i < p.Length; i += 4)
        {
            p[i] = p[i + 1] = p[i + 2] = 100;
            p[i + 3] = (byte)(i / 4);
        }

        image[5, 5, 0] = 255;
        image[6, 5, 1] = 0;
        image[15, 12, 2] = 255;
        foreach (int k in new[] { 3, 7, 11 })
        {
            using var result = image.MedianBlur(k);
            for (int y = 0; y < 20; y++)
            {
                for (int x = 0; x < 20; x++)
                {
                    Assert.Equal(100, result[x, y, 0]);
                    Assert.Equal(100, result[x, y, 1]);
                    Assert.Equal(100, result[x, y, 2]);
                    Assert.Equal(image[x, y, 3], result[x, y, 3]);
                }
            }
        }
    }

    [Fact]
    public void GaussianFixedPointKernelsSumTo256()
    {
        foreach (int n in new[] { 1, 3, 5, 7, 9, 11, 15, 31 })
        {
            foreach (double sigma in new[] { 0, 0.5, 1.3, 4 })
            {
                Assert.Equal(256, GaussianKernel.FixedPoint(n, sigma).Sum());
            }
        }

        Assert.Equal([64, 128, 64], GaussianKernel.FixedPoint(3, 0));
    }

    [Fact]
    public void GaussianBlurKeepsAConstantImageAndAlpha()
    {
        using var image = Image.Create(9, 7, PixelFormat.Rgba32);
        image.Pixels.Fill(201);
        image[4, 3, 3] = 5;
        using var result = image.GaussianBlur(new GaussianBlurOptions(0, 2) { Border = BorderMode.Reflect });
        for (int y = 0; y < 7; y++)
        {
            for (int x = 0; x < 9; x++)
            {
                Assert.Equal(201, result[x, y, 0]);
                Assert.Equal(image[x, y, 3], result[x, y, 3]);
            }
        }
    }

    [Fact]
    public void SobelOfAHorizontalRampIsConstant()
    {
        // f(x) = 3x: kernel [-1,0,1] ⊗ [1,2,1] gives 2·3·4 = 24 inside; reflect-101 makes the edges 0.
        using var plane = ImagePlane.Create(6, 4);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                plane[x, y] = 3 * x;
            }
        }

        using var gx = plane.Sobel(new SobelOptions(SobelMode.X));
        using var gy = plane.Sobel(new SobelOptions(SobelMode.Y));
        for (int y = 0; y < 4; y++)
        {
            Assert.Equal(0f, gx[0, y]);
            Assert.Equal(0f, gx[5, y]);
            for (int x = 1; x < 5; x++)
            {
                Assert.Equal(24f, gx[x, y]);
            }

            for (int x = 0; x < 6; x++)
            {
                Assert.Equal(0f, gy[x, y]);
            }
        }
    }

    [Fact]
    public void DerivativeKernelsMatchOpenCv()
    {
        var (kx, ky) = SobelExtensions.DerivativeKernels(1, 0, 3);
        Assert.Equal([-1f, 0, 1], kx);
        Assert.Equal([1f, 2, 1], ky);
        (kx, ky) = SobelExtensions.DerivativeKernels(1, 0, 5);
        Assert.Equal([-1f, -2, 0, 2, 1], kx);
        Assert.Equal([1f, 4, 6, 4, 1], ky);
        (kx, ky) = SobelExtensions.DerivativeKernels(0, 1, 1);
        Assert.Equal([1f], kx);
        Assert.Equal([-1f, 0, 1], ky);
    }

    [Fact]
    public void WienerLeavesAFlatImageFlatAndSmoothsNoise()
    {
        using var flat = ImagePlane.Create(8, 8);
        flat.Data.Fill(50);
        using var filtered = flat.Wiener(new WienerOptions(3));

        // Interior windows are flat (σ² = 0) → the local mean 50; border windows see zero padding.
        Assert.Equal(50f, filtered[4, 4], 3);

        // Where σ² < ν the output is the local mean (ν large → a plain box mean).
        using var noisy = ImagePlane.FromValues(3, 3, [0, 9, 0, 9, 0, 9, 0, 9, 0]);
        using var mean = noisy.Wiener(new WienerOptions(3, 1e9));
        Assert.Equal(4f, mean[1, 1], 5); // (4·9)/9
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        using var image = Image.Create(4, 4, PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.MedianBlur(4));
        Assert.Throws<ArgumentException>(() => image.GaussianBlur(new GaussianBlurOptions(0, 0)));
        Assert.Throws<ArgumentException>(() => image.GaussianBlur(new GaussianBlurOptions(4)));
        Assert.ThrowsAny<ArgumentException>(() => image.GaussianBlur(new GaussianBlurOptions(3, -1)));
        Assert.Throws<ArgumentException>(() => ConvolutionKernel.Square(1, 2));
        Assert.Throws<ArgumentException>(() => ConvolutionKernel.Square(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionKernel(0, 1, []));
        Assert.Throws<ArgumentException>(() => image.Convolve(ConvolutionKernel.Square(1), new ConvolutionOptions((BorderMode)9)));
        Assert.Throws<ArgumentException>(() => image.Sobel(new SobelOptions(SobelMode.Diagonal, 5)));
        Assert.Throws<ArgumentException>(() => image.ConvolveSeparable([], [1f]));
        Assert.ThrowsAny<ArgumentException>(() => image.Wiener(new WienerOptions(2)));
    }
}
