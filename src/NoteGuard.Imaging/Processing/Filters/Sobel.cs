namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>Which gradient <see cref="SobelExtensions"/> computes.</summary>
public enum SobelMode
{
    /// <summary>Horizontal derivative d/dx (responds to vertical edges), like <c>cv2.Sobel(src, CV_32F, 1, 0)</c>.</summary>
    X,

    /// <summary>Vertical derivative d/dy (responds to horizontal edges), like <c>cv2.Sobel(src, CV_32F, 0, 1)</c>.</summary>
    Y,

    /// <summary>Gradient magnitude <c>sqrt(gx² + gy²)</c>, like <c>cv2.magnitude</c> of the two.</summary>
    Magnitude,

    /// <summary>
    /// The 45° "Sobel variation" for diagonal intaglio marks (seed 002, 100-soles note): correlation with
    /// <c>[[0,1,2],[-1,0,1],[-2,-1,0]]</c>, the Sobel kernel rotated by 45°. Seed 002's equations 35–37 are not
    /// in its text, so this standard diagonal kernel is used; kernel size must be 3.
    /// </summary>
    Diagonal,
}

/// <summary>Options of the Sobel operator.</summary>
/// <param name="Mode">Which gradient (default <see cref="SobelMode.Magnitude"/>).</param>
/// <param name="KernelSize">Aperture: 1 (plain [-1,0,1]), 3, 5 or 7, as OpenCV (default 3; the diagonal variant needs 3).</param>
/// <param name="Border">Border rule (default <see cref="BorderMode.Reflect101"/>, as OpenCV).</param>
public sealed record SobelOptions(SobelMode Mode = SobelMode.Magnitude, int KernelSize = 3, BorderMode Border = BorderMode.Reflect101)
{
    internal void Validate()
    {
        Guard.IsTrue(Enum.IsDefined(Mode), $"Unknown Sobel mode {Mode}.", nameof(Mode));
        Guard.IsTrue(KernelSize is 1 or 3 or 5 or 7, $"The Sobel kernel size must be 1, 3, 5 or 7, got {KernelSize}.", nameof(KernelSize));
        Guard.IsTrue(Mode != SobelMode.Diagonal || KernelSize == 3, "The diagonal Sobel variant is defined for kernel size 3 only.", nameof(KernelSize));
        Guard.IsTrue(Enum.IsDefined(Border), $"Unknown border mode {Border}.", nameof(Border));
    }
}

/// <summary>
/// Sobel gradients: float output (<see cref="ImagePlane"/>, exact for 8-bit input since all sums are integers) and
/// an 8-bit mode that takes the absolute value and saturates like <c>cv2.convertScaleAbs</c>.
/// </summary>
public static class SobelExtensions
{
    /// <summary>The diagonal kernel of <see cref="SobelMode.Diagonal"/>, row-major.</summary>
    public static ConvolutionKernel DiagonalKernel { get; } = ConvolutionKernel.Square(0, 1, 2, -1, 0, 1, -2, -1, 0);

    /// <summary>
    /// The gradient of a float plane (values in the plane's units per pixel; for 8-bit data with kernel size 3 the
    /// x/y range is ±1020). Throws <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static ImagePlane Sobel(this ImagePlane plane, SobelOptions? options = null)
    {
        Guard.NotNull(plane);
        options ??= new SobelOptions();
        options.Validate();
        var convolution = new ConvolutionOptions(options.Border);
        switch (options.Mode)
        {
            case SobelMode.Diagonal:
                return plane.Convolve(DiagonalKernel, convolution);
            case SobelMode.X:
            case SobelMode.Y:
            {
                var (kx, ky) = DerivativeKernels(options.Mode == SobelMode.X ? 1 : 0, options.Mode == SobelMode.Y ? 1 : 0, options.KernelSize);
                return plane.ConvolveSeparable(kx, ky, convolution);
            }

            default:
            {
                var (xx, xy) = DerivativeKernels(1, 0, options.KernelSize);
                var (yx, yy) = DerivativeKernels(0, 1, options.KernelSize);
                var gx = plane.ConvolveSeparable(xx, xy, convolution);
                using var gy = plane.ConvolveSeparable(yx, yy, convolution);
                var a = gx.Data;
                var b = gy.Data;
                for (int i = 0; i < a.Length; i++)
                {
                    a[i] = MathF.Sqrt((a[i] * a[i]) + (b[i] * b[i]));
                }

                return gx;
            }
        }
    }

    /// <summary>
    /// The gradient of every colour channel as 8-bit <c>saturate(round(|g|))</c> (<c>cv2.convertScaleAbs</c>);
    /// same size and format as the input, <b>alpha copied unchanged</b>. Throws <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static Image Sobel(this Image image, SobelOptions? options = null)
    {
        Guard.NotNull(image);
        options ??= new SobelOptions();
        options.Validate();
        var result = Image.CreateUninitialized(image.Width, image.Height, image.Format);
        int c = image.Channels;
        int colourChannels = c == 4 ? 3 : c;
        var dst = result.Pixels;
        for (int ch = 0; ch < colourChannels; ch++)
        {
            using var plane = ImagePlane.FromImage(image, ch);
            using var gradient = plane.Sobel(options);
            var values = gradient.Data;
            for (int i = 0, j = ch; i < values.Length; i++, j += c)
            {
                dst[j] = ImagePlane.SaturateToByte(MathF.Abs(values[i]));
            }
        }

        if (c == 4)
        {
            Correlation.CopyAlpha(image.Pixels, dst);
        }

        return result;
    }

    /// <summary>
    /// OpenCV's <c>getDerivKernels</c> (unnormalised) for derivative orders <paramref name="dx"/>,
    /// <paramref name="dy"/> ∈ {0, 1}: returns the row kernel and the column kernel.
    /// </summary>
    internal static (float[] KernelX, float[] KernelY) DerivativeKernels(int dx, int dy, int size)
    {
        int sizeX = size == 1 && dx > 0 ? 3 : size;
        int sizeY = size == 1 && dy > 0 ? 3 : size;
        return (Kernel1D(dx, sizeX), Kernel1D(dy, sizeY));
    }

    private static float[] Kernel1D(int order, int size)
    {
        if (size == 1)
        {
            return [1f];
        }

        // Binomial smoothing raised to (size - order - 1), then 'order' finite differences (getSobelKernels).
        var k = new int[size + 1];
        k[0] = 1;
        for (int i = 0; i < size - order - 1; i++)
        {
            int oldValue = k[0];
            for (int j = 1; j <= size; j++)
            {
                int newValue = k[j] + k[j - 1];
                k[j - 1] = oldValue;
                oldValue = newValue;
            }
        }

        for (int i = 0; i < order; i++)
        {
            int oldValue = -k[0];
            for (int j = 1; j <= size; j++)
            {
                int newValue = k[j - 1] - k[j];
                k[j - 1] = oldValue;
                oldValue = newValue;
            }
        }

        var result = new float[size];
        for (int i = 0; i < size; i++)
        {
            result[i] = k[i];
        }

        return result;
    }
}
