namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>Resampling rule of <see cref="ResizeExtensions.Resize(Image, ResizeOptions)"/>, matching OpenCV's <c>cv2.INTER_*</c>.</summary>
public enum ResizeMode
{
    /// <summary>Nearest neighbour, <c>INTER_NEAREST</c>: source <c>x_s = min(floor(x_d · scale), w − 1)</c> (no half-pixel shift).</summary>
    Nearest,

    /// <summary>Bilinear, <c>INTER_LINEAR</c>: pixel centres aligned, <c>x_s = (x_d + 0.5) · scale − 0.5</c>, edges replicated.</summary>
    Bilinear,

    /// <summary>Bicubic (Keys, a = −0.75), <c>INTER_CUBIC</c>: 4×4 taps, same centre mapping, edges replicated.</summary>
    Bicubic,

    /// <summary>
    /// Pixel-area relation, <c>INTER_AREA</c>: for shrinking, exact box averaging with fractional edge weights
    /// (the right choice for large reductions); for enlarging, a bilinear variant.
    /// </summary>
    Area,
}

/// <summary>Target size and rule of a resize.</summary>
/// <param name="Width">Output width in pixels, 1..65536.</param>
/// <param name="Height">Output height in pixels, 1..65536.</param>
/// <param name="Mode">Resampling rule (default <see cref="ResizeMode.Bilinear"/>).</param>
public sealed record ResizeOptions(int Width, int Height, ResizeMode Mode = ResizeMode.Bilinear)
{
    /// <summary>
    /// Horizontal scale factor (output/input) to use instead of <c>Width / input width</c>, as OpenCV does when
    /// called with <c>fx</c>; null (default) derives it from the sizes.
    /// </summary>
    public double? ScaleX { get; init; }

    /// <summary>Vertical counterpart of <see cref="ScaleX"/>.</summary>
    public double? ScaleY { get; init; }

    /// <summary>
    /// Options scaling <paramref name="image"/> by <paramref name="scaleX"/> × <paramref name="scaleY"/> (OpenCV's
    /// <c>dsize = 0, fx, fy</c>): the output size is the rounded product (at least 1) and the factors themselves drive
    /// the mapping. Throws <see cref="ArgumentOutOfRangeException"/> for non-positive factors or a size beyond 65536.
    /// </summary>
    public static ResizeOptions FromScale(Image image, double scaleX, double scaleY, ResizeMode mode = ResizeMode.Bilinear)
    {
        Guard.NotNull(image);
        Guard.MustBePositive(scaleX);
        Guard.MustBePositive(scaleY);
        double w = Math.Round(image.Width * scaleX, MidpointRounding.ToEven);
        double h = Math.Round(image.Height * scaleY, MidpointRounding.ToEven);
        Guard.MustBeBetween(w, 1, Image.MaxDimension, "width");
        Guard.MustBeBetween(h, 1, Image.MaxDimension, "height");
        return new ResizeOptions((int)w, (int)h, mode) { ScaleX = scaleX, ScaleY = scaleY };
    }
}

/// <summary>
/// Resizing 8-bit images like <c>cv2.resize</c> on <c>uint8</c>. All channels, <b>alpha included</b>, are resampled
/// alike (alpha moves with the pixels; it is not premultiplied).
/// </summary>
/// <remarks>
/// Coordinates: OpenCV's half-pixel convention. With <c>scale = input / output</c>, bilinear, bicubic and area
/// enlargement read the source at <c>(x + 0.5)·scale − 0.5</c>; nearest reads <c>floor(x·scale)</c>; area shrinking
/// averages the source box <c>[x·scale, (x + 1)·scale)</c> with fractional weights at its ends.
/// Arithmetic: bilinear and bicubic use 11-bit fixed-point weights and a separable integer pipeline (rows are
/// resampled horizontally once, then combined vertically); results equal OpenCV's exactly for nearest, integer
/// area factors and (mostly) general area, and within 1 for bilinear/bicubic, where OpenCV's SIMD and scalar
/// paths round differently.
/// </remarks>
public static class ResizeExtensions
{
    /// <summary>C's DBL_EPSILON (2⁻⁵²), OpenCV's test for "the scale is an integer".</summary>
    private const double DoubleEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Returns a resized copy. When the size is unchanged (and no scale overrides it) the result is a plain copy.
    /// Throws <see cref="ArgumentNullException"/> for null arguments and <see cref="ArgumentOutOfRangeException"/> /
    /// <see cref="ArgumentException"/> for invalid sizes, scales or modes.
    /// </summary>
    public static Image Resize(this Image image, ResizeOptions options)
    {
        Guard.NotNull(image);
        Guard.NotNull(options);
        Guard.MustBeBetween(options.Width, 1, Image.MaxDimension, nameof(options.Width));
        Guard.MustBeBetween(options.Height, 1, Image.MaxDimension, nameof(options.Height));
        Guard.IsTrue(Enum.IsDefined(options.Mode), $"Unknown resize mode {options.Mode}.", nameof(options.Mode));
        double invScaleX = options.ScaleX ?? (double)options.Width / image.Width;
        double invScaleY = options.ScaleY ?? (double)options.Height / image.Height;
        Guard.MustBePositive(invScaleX, nameof(options.ScaleX));
        Guard.MustBePositive(invScaleY, nameof(options.ScaleY));
        if (options.Width == image.Width && options.Height == image.Height)
        {
            return image.Clone();
        }

        double scaleX = 1.0 / invScaleX;
        double scaleY = 1.0 / invScaleY;
        var result = Image.CreateUninitialized(options.Width, options.Height, image.Format);
        switch (options.Mode)
        {
            case ResizeMode.Nearest:
                NearestResize.Apply(image, result, scaleX, scaleY);
                break;
            case ResizeMode.Area when scaleX >= 1 && scaleY >= 1:
                int ix = (int)Math.Round(scaleX, MidpointRounding.ToEven);
                int iy = (int)Math.Round(scaleY, MidpointRounding.ToEven);
                if (Math.Abs(scaleX - ix) < DoubleEpsilon && Math.Abs(scaleY - iy) < DoubleEpsilon)
                {
                    AreaResize.ApplyIntegerFactor(image, result, ix, iy);
                }
                else
                {
                    AreaResize.Apply(image, result, scaleX, scaleY);
                }

                break;
            case ResizeMode.Bilinear when Math.Abs(scaleX - 2) < DoubleEpsilon && Math.Abs(scaleY - 2) < DoubleEpsilon:
                // OpenCV switches a 2× bilinear reduction to its area path (the same 2×2 average).
                AreaResize.ApplyIntegerFactor(image, result, 2, 2);
                break;
            default:
                InterpolatingResize.Apply(image, result, invScaleX, invScaleY, options.Mode);
                break;
        }

        return result;
    }

    /// <summary>Shorthand for <see cref="Resize(Image, ResizeOptions)"/> with a size and mode.</summary>
    public static Image Resize(this Image image, int width, int height, ResizeMode mode = ResizeMode.Bilinear) =>
        image.Resize(new ResizeOptions(width, height, mode));
}
