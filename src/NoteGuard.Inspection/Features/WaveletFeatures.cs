using NoteGuard.Imaging;
using NoteGuard.Imaging.Processing.Color;

namespace NoteGuard.Inspection.Features;

/// <summary>Which coefficients of the wavelet transform the statistics are computed over.</summary>
public enum WaveletSubband
{
    /// <summary>Horizontal, vertical and diagonal details of the deepest level, pooled (default).</summary>
    Details,

    /// <summary>The approximation (low-pass) coefficients of the deepest level.</summary>
    Approximation,

    /// <summary>Horizontal detail (pywt's cH) of the deepest level.</summary>
    Horizontal,

    /// <summary>Vertical detail (pywt's cV) of the deepest level.</summary>
    Vertical,

    /// <summary>Diagonal detail (pywt's cD) of the deepest level.</summary>
    Diagonal,
}

/// <summary>Settings of <see cref="WaveletFeatures"/>.</summary>
public sealed record WaveletFeatureOptions
{
    /// <summary>Decomposition level 1..8 (each level halves both sides). Default 1.</summary>
    public int Level { get; init; } = 1;

    /// <summary>Coefficients used. Default <see cref="WaveletSubband.Details"/>.</summary>
    public WaveletSubband Subband { get; init; } = WaveletSubband.Details;

    /// <summary>Histogram bins of the entropy (2..65536). Default 256.</summary>
    public int EntropyBins { get; init; } = 256;
}

/// <summary>
/// The four statistics of seed 003 / the UCI banknote data, from any image.
/// </summary>
/// <param name="Variance">Population variance of the coefficients (grey levels 0..255 squared).</param>
/// <param name="Skewness">Fisher–Pearson skewness m3 / m2^1.5 (scipy.stats.skew, bias=True); 0 for constant coefficients.</param>
/// <param name="Kurtosis">Excess kurtosis m4 / m2² − 3 (scipy.stats.kurtosis, fisher=True, bias=True); 0 for constant coefficients.</param>
/// <param name="Entropy">Shannon entropy in bits of the coefficient histogram (equal-width bins from min to max); 0 for constant coefficients.</param>
public sealed record WaveletStatistics(double Variance, double Skewness, double Kurtosis, double Entropy);

/// <summary>
/// Wavelet statistics of a banknote image (seed 003): the image is converted to grey (ITU-R BT.601 luma,
/// 0..255), transformed with the orthonormal 2-D Haar wavelet (identical to PyWavelets' <c>dwt2(..., "haar",
/// mode="periodization")</c> on even sides; an odd last row or column is dropped at each level) to
/// <see cref="WaveletFeatureOptions.Level"/> levels, and variance, skewness, kurtosis and entropy are taken
/// over the chosen sub-band.
/// </summary>
public static class WaveletFeatures
{
    /// <summary>The Haar filter tap 1/√2.</summary>
    private const double H = 0.70710678118654752440;

    /// <summary>Computes the statistics of an image.</summary>
    /// <exception cref="ArgumentException">The image is too small for the level (each side needs at least 2^level pixels).</exception>
    public static WaveletStatistics Compute(Image image, WaveletFeatureOptions? options = null)
    {
        Guard.NotNull(image);

        // Colour photos go through the shared BT.601 conversion (bit-exact with OpenCV's cvtColor), as a
        // cv2 + PyWavelets pipeline would; gray images are used as they are.
        using var converted = image.Format == PixelFormat.Gray8 ? null : image.ToGray();
        var pixels = (converted ?? image).Pixels;
        var gray = new double[pixels.Length];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = pixels[i];
        }

        return Compute(gray, image.Width, image.Height, options);
    }

    /// <summary>Computes the statistics of a grey image given as row-major values.</summary>
    /// <exception cref="ArgumentException">Size mismatch or the image is too small for the level.</exception>
    public static WaveletStatistics Compute(ReadOnlySpan<double> gray, int width, int height, WaveletFeatureOptions? options = null)
    {
        options ??= new WaveletFeatureOptions();
        Guard.MustBeBetween(options.Level, 1, 8);
        Guard.MustBeBetween(options.EntropyBins, 2, 65536);
        Guard.MustBePositive(width);
        Guard.MustBePositive(height);
        Guard.IsTrue(gray.Length == (long)width * height, "gray must hold width × height values", nameof(gray));
        int need = 1 << options.Level;
        Guard.IsTrue(width >= need && height >= need,
            $"a level-{options.Level} transform needs at least {need}×{need} pixels, the image is {width}×{height}", nameof(gray));

        double[] approximation = gray.ToArray();
        int w = width;
        int h = height;
        double[] horizontal = [];
        double[] vertical = [];
        double[] diagonal = [];
        for (int level = 0; level < options.Level; level++)
        {
            int hw = w / 2;
            int hh = h / 2;
            var a = new double[hw * hh];
            horizontal = new double[hw * hh];
            vertical = new double[hw * hh];
            diagonal = new double[hw * hh];
            for (int y = 0; y < hh; y++)
            {
                int top = 2 * y * w;
                int bottom = top + w;
                for (int x = 0; x < hw; x++)
                {
                    double p = approximation[top + (2 * x)];
                    double q = approximation[top + (2 * x) + 1];
                    double r = approximation[bottom + (2 * x)];
                    double s = approximation[bottom + (2 * x) + 1];
                    int o = (y * hw) + x;

                    // Separable filtering with h = 1/√2 along columns (axis 0) then rows (axis 1), in the same
                    // floating-point order as PyWavelets, so values on histogram bin edges agree to the bit.
                    double lowLeft = (H * p) + (H * r);
                    double lowRight = (H * q) + (H * s);
                    double highLeft = (H * p) - (H * r);
                    double highRight = (H * q) - (H * s);
                    a[o] = (H * lowLeft) + (H * lowRight);
                    horizontal[o] = (H * highLeft) + (H * highRight);
                    vertical[o] = (H * lowLeft) - (H * lowRight);
                    diagonal[o] = (H * highLeft) - (H * highRight);
                }
            }

            approximation = a;
            w = hw;
            h = hh;
        }

        double[] coefficients = options.Subband switch
        {
            WaveletSubband.Approximation => approximation,
            WaveletSubband.Horizontal => horizontal,
            WaveletSubband.Vertical => vertical,
            WaveletSubband.Diagonal => diagonal,
            _ => [.. horizontal, .. vertical, .. diagonal],
        };
        return Statistics(coefficients, options.EntropyBins);
    }

    internal static WaveletStatistics Statistics(ReadOnlySpan<double> values, int bins)
    {
        int n = values.Length;
        double mean = 0;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            mean += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (!(max > min) || m2 <= 0)
        {
            return new WaveletStatistics(0, 0, 0, 0);
        }

        // Equal-width bins with edges min + i·step (the last edge is max), assigned exactly as numpy.histogram
        // does: estimate the bin, then correct by one if the value lies on the other side of an edge.
        var histogram = new long[bins];
        double scale = bins / (max - min);
        double step = (max - min) / bins;
        double Edge(int i) => i == bins ? max : (i * step) + min;
        foreach (double v in values)
        {
            int b = Math.Min((int)((v - min) * scale), bins - 1);
            if (v < Edge(b))
            {
                b--;
            }
            else if (b != bins - 1 && v >= Edge(b + 1))
            {
                b++;
            }

            histogram[b]++;
        }

        double entropy = 0;
        foreach (long count in histogram)
        {
            if (count > 0)
            {
                double p = (double)count / n;
                entropy -= p * Math.Log2(p);
            }
        }

        return new WaveletStatistics(m2, m3 / Math.Pow(m2, 1.5), (m4 / (m2 * m2)) - 3, entropy);
    }
}
