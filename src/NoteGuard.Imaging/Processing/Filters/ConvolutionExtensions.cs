namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// Linear filtering: arbitrary 2-D kernels, separable kernels, and the fixed sharpen and emboss kernels the seeds use.
/// </summary>
/// <remarks>
/// 8-bit results equal OpenCV's <c>cv2.filter2D(src, -1, kernel, borderType=...)</c>: float accumulation
/// (fused multiply-add over the non-zero taps), then round half to even and saturate to 0..255. Exact for
/// integer kernels; fractional kernels may differ from OpenCV by 1 where OpenCV's own scalar and SIMD paths
/// disagree. Gray, RGB and the colour channels of RGBA are filtered independently; <b>alpha is copied unchanged</b>.
/// </remarks>
public static class ConvolutionExtensions
{
    /// <summary>The sharpening kernel of seed 004, <c>[[-1,-1,-1],[-1,9,-1],[-1,-1,-1]]</c> (sum 1).</summary>
    public static ConvolutionKernel SharpenKernel { get; } = ConvolutionKernel.Square(-1, -1, -1, -1, 9, -1, -1, -1, -1);

    /// <summary>
    /// The emboss kernel <c>[[-2,-1,0],[-1,1,1],[0,1,2]]</c> (sum 1, lights from the bottom-right). Seed 002 names a
    /// per-denomination embossing filter (its equations 32–34) but its text does not carry the coefficients, so
    /// this is the standard emboss kernel; pass another kernel to <see cref="Convolve(Image, ConvolutionKernel, ConvolutionOptions?)"/>
    /// (or a currency profile) to use different coefficients.
    /// </summary>
    public static ConvolutionKernel EmbossKernel { get; } = ConvolutionKernel.Square(-2, -1, 0, -1, 1, 1, 0, 1, 2);

    /// <summary>
    /// Correlates <paramref name="image"/> with <paramref name="kernel"/> (anchor at the centre), saturating to 8 bits.
    /// Returns a new image of the same size and format; alpha is copied. Throws <see cref="ArgumentNullException"/>
    /// for null arguments and <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static Image Convolve(this Image image, ConvolutionKernel kernel, ConvolutionOptions? options = null)
    {
        Guard.NotNull(image);
        Guard.NotNull(kernel);
        options ??= ConvolutionOptions.Default;
        options.Validate();
        return Correlation.Apply(image, kernel, options.Border, options.BorderValue);
    }

    /// <summary>
    /// Correlates a float plane with <paramref name="kernel"/> (anchor at the centre) without rounding, like
    /// <c>cv2.filter2D</c> on <c>float32</c>. Returns a new plane.
    /// </summary>
    public static ImagePlane Convolve(this ImagePlane plane, ConvolutionKernel kernel, ConvolutionOptions? options = null)
    {
        Guard.NotNull(plane);
        Guard.NotNull(kernel);
        options ??= ConvolutionOptions.Default;
        options.Validate();
        return Correlation.Apply(plane, kernel, options.Border, options.BorderValue);
    }

    /// <summary>
    /// Applies the separable kernel <c>kernelY ⊗ kernelX</c> (a row pass with <paramref name="kernelX"/>, then a column
    /// pass with <paramref name="kernelY"/>, anchors at the centres) in float, saturating to 8 bits at the end; alpha
    /// is copied. Like <c>cv2.sepFilter2D(src, -1, kernelX, kernelY)</c>. Each kernel needs 1..255 finite values.
    /// </summary>
    public static Image ConvolveSeparable(this Image image, ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, ConvolutionOptions? options = null)
    {
        Guard.NotNull(image);
        ValidateVector(kernelX, nameof(kernelX));
        ValidateVector(kernelY, nameof(kernelY));
        options ??= ConvolutionOptions.Default;
        options.Validate();
        return SeparableCorrelation.Apply(image, kernelX, kernelY, options.Border, options.BorderValue);
    }

    /// <summary>Float-plane form of <see cref="ConvolveSeparable(Image, ReadOnlySpan{float}, ReadOnlySpan{float}, ConvolutionOptions?)"/>.</summary>
    public static ImagePlane ConvolveSeparable(this ImagePlane plane, ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, ConvolutionOptions? options = null)
    {
        Guard.NotNull(plane);
        ValidateVector(kernelX, nameof(kernelX));
        ValidateVector(kernelY, nameof(kernelY));
        options ??= ConvolutionOptions.Default;
        options.Validate();
        return SeparableCorrelation.Apply(plane, kernelX, kernelY, options.Border, options.BorderValue);
    }

    /// <summary>Sharpens with <see cref="SharpenKernel"/> (seed 004), saturating to 8 bits; alpha is copied.</summary>
    public static Image Sharpen(this Image image, ConvolutionOptions? options = null) => image.Convolve(SharpenKernel, options);

    /// <summary>Embosses with <see cref="EmbossKernel"/> (seed 002), saturating to 8 bits; alpha is copied.</summary>
    public static Image Emboss(this Image image, ConvolutionOptions? options = null) => image.Convolve(EmbossKernel, options);

    private static void ValidateVector(ReadOnlySpan<float> kernel, string name)
    {
        Guard.IsTrue(kernel.Length is >= 1 and <= ConvolutionKernel.MaxSize, $"A kernel needs 1..{ConvolutionKernel.MaxSize} values, got {kernel.Length}.", name);
        foreach (float v in kernel)
        {
            Guard.IsTrue(float.IsFinite(v), "Kernel values must be finite.", name);
        }
    }
}
