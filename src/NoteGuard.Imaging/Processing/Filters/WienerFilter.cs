namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>Options of the adaptive Wiener filter.</summary>
/// <param name="KernelSize">Odd window side 1..255 (default 3, SciPy's default).</param>
/// <param name="NoisePower">
/// The noise variance in squared sample units; null estimates it as the mean of all local variances
/// (seed 001; SciPy's <c>noise=None</c>).
/// </param>
public sealed record WienerOptions(int KernelSize = 3, double? NoisePower = null)
{
    internal void Validate()
    {
        Guard.MustBeOdd(KernelSize);
        Guard.MustBeBetween(KernelSize, 1, ConvolutionKernel.MaxSize);
        if (NoisePower is double noise)
        {
            Guard.MustBeNonNegative(noise, nameof(NoisePower));
        }
    }
}

/// <summary>
/// Adaptive (local-statistics) Wiener denoising, seed 001, computed exactly like <c>scipy.signal.wiener(im, k, noise)</c>:
/// with μ and σ² the mean and variance over the k×k window (zero padding outside the image, divisor k² everywhere),
/// and ν the noise power (mean of σ² over the image when not given):
/// <c>out = σ² &lt; ν ? μ : μ + (1 − ν/σ²)(x − μ)</c>. Statistics are accumulated in double precision.
/// </summary>
public static class WienerFilterExtensions
{
    /// <summary>Filters a float plane; returns a new plane. Throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static ImagePlane Wiener(this ImagePlane plane, WienerOptions? options = null)
    {
        Guard.NotNull(plane);
        options ??= new WienerOptions();
        options.Validate();
        var result = ImagePlane.CreateUninitialized(plane.Width, plane.Height);
        Filter(plane.Data, result.Data, plane.Width, plane.Height, options);
        return result;
    }

    /// <summary>
    /// Filters each colour channel of an 8-bit image as a float plane (noise estimated per channel when not given),
    /// rounding half to even and saturating back to 8 bits; <b>alpha is copied unchanged</b>.
    /// </summary>
    public static Image Wiener(this Image image, WienerOptions? options = null)
    {
        Guard.NotNull(image);
        options ??= new WienerOptions();
        options.Validate();
        var result = Image.CreateUninitialized(image.Width, image.Height, image.Format);
        int c = image.Channels;
        int colourChannels = c == 4 ? 3 : c;
        var dst = result.Pixels;
        using var output = ImagePlane.CreateUninitialized(image.Width, image.Height);
        for (int ch = 0; ch < colourChannels; ch++)
        {
            using var plane = ImagePlane.FromImage(image, ch);
            Filter(plane.Data, output.Data, image.Width, image.Height, options);
            var values = output.Data;
            for (int i = 0, j = ch; i < values.Length; i++, j += c)
            {
                dst[j] = ImagePlane.SaturateToByte(values[i]);
            }
        }

        if (c == 4)
        {
            Correlation.CopyAlpha(image.Pixels, dst);
        }

        return result;
    }

    private static void Filter(ReadOnlySpan<float> src, Span<float> dst, int width, int height, WienerOptions options)
    {
        int r = options.KernelSize / 2;
        double area = (double)options.KernelSize * options.KernelSize;

        // Integral images of x and x² with a zero first row/column: window sums in O(1), zero padding for free
        // by clamping the window to the image.
        int iw = width + 1;
        var sum = new double[iw * (height + 1)];
        var sumSq = new double[iw * (height + 1)];
        for (int y = 0; y < height; y++)
        {
            double rowSum = 0;
            double rowSq = 0;
            for (int x = 0; x < width; x++)
            {
                double v = src[(y * width) + x];
                rowSum += v;
                rowSq += v * v;
                sum[((y + 1) * iw) + x + 1] = sum[(y * iw) + x + 1] + rowSum;
                sumSq[((y + 1) * iw) + x + 1] = sumSq[(y * iw) + x + 1] + rowSq;
            }
        }

        var mean = new double[width * height];
        var variance = new double[width * height];
        double varianceTotal = 0;
        for (int y = 0; y < height; y++)
        {
            int y0 = Math.Max(0, y - r);
            int y1 = Math.Min(height, y + r + 1);
            for (int x = 0; x < width; x++)
            {
                int x0 = Math.Max(0, x - r);
                int x1 = Math.Min(width, x + r + 1);
                double s = sum[(y1 * iw) + x1] - sum[(y0 * iw) + x1] - sum[(y1 * iw) + x0] + sum[(y0 * iw) + x0];
                double s2 = sumSq[(y1 * iw) + x1] - sumSq[(y0 * iw) + x1] - sumSq[(y1 * iw) + x0] + sumSq[(y0 * iw) + x0];
                double m = s / area;
                double v = (s2 / area) - (m * m);
                mean[(y * width) + x] = m;
                variance[(y * width) + x] = v;
                varianceTotal += v;
            }
        }

        double noise = options.NoisePower ?? varianceTotal / (width * (double)height);
        for (int i = 0; i < mean.Length; i++)
        {
            double m = mean[i];
            double v = variance[i];

            // SciPy yields NaN for σ² = ν = 0 (0/0); a flat window is best left at its mean.
            dst[i] = v < noise || v <= 0 ? (float)m : (float)(((src[i] - m) * (1 - (noise / v))) + m);
        }
    }
}
