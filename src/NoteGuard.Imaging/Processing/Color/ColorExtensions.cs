namespace NoteGuard.Imaging.Processing.Color;

/// <summary>
/// Colour conversions on 8-bit images. 8-bit HSV and Lab images use OpenCV's byte conventions and are stored
/// in a 3-channel image (<see cref="PixelFormat.Rgb24"/> used as a plain 3-channel container): HSV as
/// H 0..179 (degrees / 2), S 0..255, V 0..255; Lab as L·255/100, a + 128, b + 128 (D65, sRGB gamma).
/// Alpha is dropped by every conversion; a gray input is treated as R = G = B.
/// </summary>
public static class ColorExtensions
{
    /// <summary>
    /// Converts to <see cref="PixelFormat.Gray8"/> with fixed-point weights (default <see cref="GrayscaleOptions.Bt601"/>,
    /// bit-exact with OpenCV's <c>COLOR_RGB2GRAY</c>; see <see cref="GrayscaleOptions"/> for the rounding).
    /// Alpha is ignored. A gray input is returned as a copy.
    /// Throws <see cref="ArgumentOutOfRangeException"/> when a weight is outside 0..4.
    /// </summary>
    public static Image ToGray(this Image image, GrayscaleOptions? options = null)
    {
        Guard.NotNull(image);
        return ColorConverters.ToGray(image, options ?? GrayscaleOptions.Bt601);
    }

    /// <summary>
    /// RGB → 8-bit HSV exactly as OpenCV's <c>COLOR_RGB2HSV</c> (H 0..179, S and V 0..255), alpha dropped.
    /// Throws <see cref="ArgumentException"/> for a gray input.
    /// </summary>
    public static Image ToHsv(this Image image)
    {
        RequireColor(image);
        return ColorConverters.RgbToHsv8(image);
    }

    /// <summary>
    /// 8-bit HSV (3 channels, H 0..179) → RGB as OpenCV's <c>COLOR_HSV2RGB</c>: single-precision sector
    /// formulas, truncated to bytes like OpenCV's vectorised path (equal to OpenCV on 99.97 % of samples,
    /// never more than 1 apart). Hue values ≥ 180 wrap around.
    /// Throws <see cref="ArgumentException"/> unless the input has exactly 3 channels.
    /// </summary>
    public static Image HsvToRgb(this Image hsv)
    {
        RequireThreeChannels(hsv);
        return ColorConverters.HsvToRgb8(hsv);
    }

    /// <summary>
    /// RGB → 8-bit CIE Lab exactly as OpenCV's <c>COLOR_RGB2Lab</c> fixed-point path (L·255/100, a + 128, b + 128;
    /// D65 white, sRGB gamma), alpha dropped. Throws <see cref="ArgumentException"/> for a gray input.
    /// </summary>
    public static Image ToLab(this Image image)
    {
        RequireColor(image);
        return ColorConverters.RgbToLab8(image);
    }

    /// <summary>
    /// 8-bit Lab (3 channels, OpenCV convention) → RGB exactly as OpenCV's <c>COLOR_Lab2RGB</c> 2^14 fixed-point
    /// path (bit-exact on all 2^24 byte triplets). Out-of-gamut colours are clipped.
    /// Throws <see cref="ArgumentException"/> unless 3 channels.
    /// </summary>
    public static Image LabToRgb(this Image lab)
    {
        RequireThreeChannels(lab);
        return ColorConverters.LabToRgb8(lab);
    }

    /// <summary>
    /// Converts to float planes in <paramref name="space"/>: RGB 0..1; HSV with hue in degrees 0..360 (0 for grays)
    /// and S, V 0..1 (OpenCV's float <c>RGB2HSV</c>); Lab with L 0..100 from the exact CIE formulas in double
    /// precision (D65, OpenCV's matrix; OpenCV's own float path interpolates a 33³ table and is up to ~0.4 off).
    /// Alpha is dropped; a gray input is treated as R = G = B. The caller disposes the result.
    /// </summary>
    public static ColorPlanes ToColorPlanes(this Image image, ColorSpace space)
    {
        Guard.NotNull(image);
        Guard.IsTrue(Enum.IsDefined(space), "Unknown colour space.", nameof(space));
        return ColorConverters.ToPlanes(image, space);
    }

    private static void RequireColor(Image image)
    {
        Guard.NotNull(image);
        Guard.IsTrue(image.Channels >= 3, $"A colour (RGB or RGBA) image is required, got {image.Format}.", nameof(image));
    }

    private static void RequireThreeChannels(Image image)
    {
        Guard.NotNull(image);
        Guard.IsTrue(image.Channels == 3, $"A 3-channel image is required, got {image.Format}.", nameof(image));
    }
}
