namespace NoteGuard.Imaging.Processing.Color;

/// <summary>Colour spaces of <see cref="ColorPlanes"/>.</summary>
public enum ColorSpace
{
    /// <summary>Red, green, blue, each 0..1 (sRGB-encoded, as stored in the image).</summary>
    Rgb,

    /// <summary>Hue in degrees 0..360 (0 for grays), saturation 0..1, value 0..1.</summary>
    Hsv,

    /// <summary>CIE L*a*b* (D65, sRGB gamma): L 0..100, a and b roughly −128..127.</summary>
    Lab,
}
