using System.Buffers;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// Options of <see cref="GaussianBlurExtensions.GaussianBlur(Image, GaussianBlurOptions)"/>, with OpenCV's rules:
/// a kernel side of 0 is derived from its sigma (<c>round(σ·6 + 1) | 1</c> for 8-bit images, <c>round(σ·8 + 1) | 1</c>
/// for float planes); a sigma of 0 is derived from its side (<c>0.3·((n − 1)/2 − 1) + 0.8</c>, and for n ≤ 9 OpenCV's
/// fixed tables); <see cref="SigmaY"/> of 0 (or null) means <see cref="Sigma"/>.
/// </summary>
/// <param name="KernelSize">Kernel width: odd 1..255, or 0 to derive it from <paramref name="Sigma"/>.</param>
/// <param name="Sigma">Horizontal standard deviation in pixels (≥ 0).</param>
public sealed record GaussianBlurOptions(int KernelSize = 3, double Sigma = 0)
{
    /// <summary>Kernel height: odd 1..255, 0 to derive from the vertical sigma, or null for <see cref="KernelSize"/>.</summary>
    public int? KernelHeight { get; init; }

    /// <summary>Vertical standard deviation in pixels; null or 0 means <see cref="Sigma"/>.</summary>
    public double? SigmaY { get; init; }

    /// <summary>Border rule (default <see cref="BorderMode.Reflect101"/>, as OpenCV).</summary>
    public BorderMode Border { get; init; } = BorderMode.Reflect101;

    /// <summary>The outside value for <see cref="BorderMode.Constant"/> (0..255 for 8-bit images).</summary>
    public float BorderValue { get; init; }

    /// <summary>Resolves sides and sigmas like OpenCV's <c>createGaussianKernels</c>; throws <see cref="ArgumentException"/> when invalid.</summary>
    internal (int Width, int Height, double SigmaX, double SigmaY) Resolve(bool eightBit)
    {
        Guard.MustBeNonNegative(Sigma);
        double sigmaY = SigmaY ?? 0;
        Guard.MustBeNonNegative(sigmaY, nameof(SigmaY));
        Guard.IsTrue(Enum.IsDefined(Border), $"Unknown border mode {Border}.", nameof(Border));
        Guard.IsTrue(float.IsFinite(BorderValue), "The border value must be finite.", nameof(BorderValue));
        if (sigmaY <= 0)
        {
            sigmaY = Sigma;
        }

        int w = KernelSize;
        int h = KernelHeight ?? KernelSize;
        int factor = eightBit ? 3 : 4;
        if (w <= 0 && Sigma > 0)
        {
            w = (int)Math.Min(ConvolutionKernel.MaxSize, Math.Round((Sigma * factor * 2) + 1, MidpointRounding.ToEven)) | 1;
        }

        if (h <= 0 && sigmaY > 0)
        {
            h = (int)Math.Min(ConvolutionKernel.MaxSize, Math.Round((sigmaY * factor * 2) + 1, MidpointRounding.ToEven)) | 1;
        }

        Guard.IsTrue(w > 0 && (w & 1) == 1 && w <= ConvolutionKernel.MaxSize, $"The kernel width must be odd in 1..{ConvolutionKernel.MaxSize} (or 0 with a sigma > 0), got {KernelSize}.", nameof(KernelSize));
        Guard.IsTrue(h > 0 && (h & 1) == 1 && h <= ConvolutionKernel.MaxSize, $"The kernel height must be odd in 1..{ConvolutionKernel.MaxSize} (or 0 with a sigma > 0), got {KernelHeight}.", nameof(KernelHeight));
        return (w, h, Sigma, sigmaY);
    }
}

/// <summary>Gaussian kernels exactly as OpenCV builds them.</summary>
public static class GaussianKernel
{
    /// <summary>
    /// The normalised 1-D Gaussian of <paramref name="size"/> taps, like <c>cv2.getGaussianKernel(size, sigma, CV_64F)</c>:
    /// for <paramref name="sigma"/> ≤ 0 and size 1, 3, 5, 7 or 9 OpenCV's fixed binomial-like tables, otherwise
    /// <c>exp(−x²/(2σ²))</c> normalised to sum 1 with σ = <paramref name="sigma"/> or, when ≤ 0,
    /// <c>0.15·size + 0.35</c>. Throws <see cref="ArgumentOutOfRangeException"/> unless size is in 1..255.
    /// </summary>
    public static double[] Create(int size, double sigma)
    {
        Guard.MustBeBetween(size, 1, ConvolutionKernel.MaxSize);
        Guard.IsTrue(!double.IsNaN(sigma) && !double.IsInfinity(sigma), "Sigma must be finite.", nameof(sigma));
        if (sigma <= 0)
        {
            double[]? table = size switch
            {
                1 => [1.0],
                3 => [0.25, 0.5, 0.25],
                5 => [0.0625, 0.25, 0.375, 0.25, 0.0625],
                7 => [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
                9 => [4 / 256.0, 13 / 256.0, 30 / 256.0, 51 / 256.0, 60 / 256.0, 51 / 256.0, 30 / 256.0, 13 / 256.0, 4 / 256.0],
                _ => null,
            };
            if (table is not null)
            {
                return table;
            }
        }

        // OpenCV's getGaussianKernelBitExact: symmetric halves, x doubled to stay integral, centre value exp(0) = 1.
        double sigmaX = sigma > 0 ? sigma : Math.FusedMultiplyAdd(size, 0.15, 0.35);
        double scale2X = -0.125 / (sigmaX * sigmaX);
        int half = (size - 1) / 2;
        var values = new double[size];
        double sum = 0;
        for (int i = 0, x = 1 - size; i < half; i++, x += 2)
        {
            double t = Math.Exp((double)(x * x) * scale2X);
            values[i] = t;
            sum += t;
        }

        sum = (sum * 2) + 1;
        if ((size & 1) == 0)
        {
            sum += 1;
        }

        double mul = 1 / sum;
        for (int i = 0; i < half; i++)
        {
            values[i] *= mul;
            values[size - 1 - i] = values[i];
        }

        values[half] = mul;
        if ((size & 1) == 0)
        {
            values[half + 1] = mul;
        }

        return values;
    }

    /// <summary>
    /// The kernel in 8-bit fixed point (integers summing to 256) as OpenCV's bit-exact 8-bit Gaussian blur uses it:
    /// error-diffused rounding of <c>k·256</c> over one half, the centre taking the remainder.
    /// </summary>
    internal static int[] FixedPoint(int size, double sigma)
    {
        double[] k = Create(size, sigma);
        var result = new int[size];
        int half = size / 2;
        double err = 0;
        int sum = 0;
        for (int i = 0; i < half; i++)
        {
            double adjusted = (k[i] * 256) + err;
            int v = (int)Math.Round(adjusted, MidpointRounding.ToEven);
            err = adjusted - v;
            result[i] = v;
            result[size - 1 - i] = v;
            sum += v;
        }

        result[half] = 256 - (2 * sum);
        return result;
    }
}

/// <summary>Gaussian blur of 8-bit images (bit-exact with OpenCV) and float planes.</summary>
public static class GaussianBlurExtensions
{
    /// <summary>
    /// Blurs with a separable Gaussian. Bit-exact with <c>cv2.GaussianBlur</c> on <c>uint8</c>: kernels in 8-bit
    /// fixed point (sum 256), an exact integer row pass, then an integer column pass rounded half up
    /// (<c>(Σ + 2¹⁵) ≫ 16</c>). Colour channels are blurred independently; <b>alpha is copied unchanged</b>.
    /// Throws <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) for invalid options.
    /// </summary>
    public static Image GaussianBlur(this Image image, GaussianBlurOptions options)
    {
        Guard.NotNull(image);
        Guard.NotNull(options);
        var (w, h, sx, sy) = options.Resolve(eightBit: true);
        int[] kx = GaussianKernel.FixedPoint(w, sx);
        int[] ky = w == h && sx == sy ? kx : GaussianKernel.FixedPoint(h, sy);
        byte value = ImagePlane.SaturateToByte(options.BorderValue);
        return FixedPointGaussian.Apply(image, kx, ky, options.Border, value);
    }

    /// <summary>
    /// Blurs a float plane with the separable float kernels of <see cref="GaussianKernel.Create"/> (like
    /// <c>cv2.GaussianBlur</c> on <c>float32</c>; auto kernel size uses 8σ + 1).
    /// </summary>
    public static ImagePlane GaussianBlur(this ImagePlane plane, GaussianBlurOptions options)
    {
        Guard.NotNull(plane);
        Guard.NotNull(options);
        var (w, h, sx, sy) = options.Resolve(eightBit: false);
        float[] kx = Array.ConvertAll(GaussianKernel.Create(w, sx), v => (float)v);
        float[] ky = Array.ConvertAll(GaussianKernel.Create(h, sy), v => (float)v);
        return SeparableCorrelation.Apply(plane, kx, ky, options.Border, options.BorderValue);
    }
}

/// <summary>The integer Gaussian: row pass Σ k·p (units of 1/256), column pass (Σ k·r + 2¹⁵) ≫ 16.</summary>
internal static class FixedPointGaussian
{
    public static Image Apply(Image image, int[] kx, int[] ky, BorderMode border, byte value)
    {
        int c = image.Channels;
        int width = image.Width;
        int height = image.Height;
        int rowLength = width * c;
        int ax = kx.Length / 2;
        int[] columns = BorderIndex.Table(width, ax, ax, border);
        int[] rowTable = BorderIndex.Table(height, ky.Length / 2, ky.Length / 2, border);
        for (int i = 0; i < rowTable.Length; i++)
        {
            if (rowTable[i] < 0)
            {
                rowTable[i] = height;
            }
        }

        int[] rows = ArrayPool<int>.Shared.Rent((height + 1) * rowLength);
        try
        {
            ParallelRows.For(height + 1, rowLength * kx.Length / 3, new RowPass(image, kx, columns, value, rows));
            var result = Image.CreateUninitialized(width, height, image.Format);
            ParallelRows.For(height, rowLength * ky.Length / 3, new ColumnPass(rows, rowLength, rowTable, ky, image, result));
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    private readonly struct RowPass(Image image, int[] kernel, int[] columns, byte value, int[] rows) : IRowOperation
    {
        public void Invoke(int y)
        {
            int c = image.Channels;
            int rowLength = image.Width * c;
            var dst = rows.AsSpan(y * rowLength, rowLength);
            if (y == image.Height)
            {
                int k = 0;
                foreach (int v in kernel)
                {
                    k += v;
                }

                dst.Fill(k * value);
                return;
            }

            // Pad the source row once (small, pooled), then slide the kernel over it.
            int paddedLength = columns.Length * c;
            byte[] padded = ArrayPool<byte>.Shared.Rent(paddedLength);
            var src = image.GetRowReadOnly(y);
            for (int i = 0; i < columns.Length; i++)
            {
                int sx = columns[i];
                for (int ch = 0; ch < c; ch++)
                {
                    padded[(i * c) + ch] = sx < 0 ? value : src[(sx * c) + ch];
                }
            }

            var p = padded.AsSpan(0, paddedLength);
            for (int t = 0; t < rowLength; t++)
            {
                int sum = 0;
                for (int j = 0, o = t; j < kernel.Length; j++, o += c)
                {
                    sum += kernel[j] * p[o];
                }

                dst[t] = sum;
            }

            ArrayPool<byte>.Shared.Return(padded);
        }
    }

    private readonly struct ColumnPass(int[] rows, int rowLength, int[] rowTable, int[] kernel, Image input, Image output) : IRowOperation
    {
        public void Invoke(int y)
        {
            var dst = output.GetRow(y);
            int[] acc = ArrayPool<int>.Shared.Rent(rowLength);
            var sum = acc.AsSpan(0, rowLength);
            sum.Clear();
            for (int i = 0; i < kernel.Length; i++)
            {
                int k = kernel[i];
                if (k == 0)
                {
                    continue;
                }

                var row = rows.AsSpan(rowTable[y + i] * rowLength, rowLength);
                for (int t = 0; t < sum.Length; t++)
                {
                    sum[t] += k * row[t];
                }
            }

            for (int t = 0; t < sum.Length; t++)
            {
                dst[t] = (byte)Math.Min(255, (sum[t] + (1 << 15)) >> 16);
            }

            ArrayPool<int>.Shared.Return(acc);
            if (input.Channels == 4)
            {
                Correlation.CopyAlpha(input.GetRowReadOnly(y), dst);
            }
        }
    }
}
