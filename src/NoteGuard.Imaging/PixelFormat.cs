namespace NoteGuard.Imaging;

/// <summary>Interleaved 8-bit pixel layouts. The numeric value is the number of channels.</summary>
public enum PixelFormat
{
    /// <summary>One 8-bit luminance sample per pixel.</summary>
    Gray8 = 1,

    /// <summary>Three 8-bit samples per pixel in R, G, B order.</summary>
    Rgb24 = 3,

    /// <summary>Four 8-bit samples per pixel in R, G, B, A order; alpha is straight (not premultiplied).</summary>
    Rgba32 = 4,
}

/// <summary>Helpers for <see cref="PixelFormat"/>.</summary>
public static class PixelFormatExtensions
{
    /// <summary>Number of 8-bit channels of <paramref name="format"/> (1, 3 or 4).</summary>
    public static int ChannelCount(this PixelFormat format) => (int)format;

    /// <summary>True when the format carries an alpha channel.</summary>
    public static bool HasAlpha(this PixelFormat format) => format == PixelFormat.Rgba32;
}
