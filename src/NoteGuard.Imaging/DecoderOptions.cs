namespace NoteGuard.Imaging;

/// <summary>Limits and behaviour shared by every decoder.</summary>
public sealed record DecoderOptions
{
    /// <summary>The default options: at most 100 megapixels, EXIF orientation applied.</summary>
    public static DecoderOptions Default { get; } = new();

    /// <summary>
    /// Largest image accepted, in pixels (width × height), checked from the header before any pixel buffer is
    /// allocated. Guards against decompression bombs. Default 100,000,000 (100 MP).
    /// </summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>Whether a JPEG's EXIF orientation tag is applied so the image comes out upright. Default true.</summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>
    /// Smallest width and height, in pixels, the caller needs (0, the default, decodes at full size). A JPEG is then
    /// decoded at the smallest of the scales 1/8, 1/4 and 1/2 that keeps both sides at least this large, as libjpeg's
    /// <c>scale_denom</c> (<c>djpeg -scale 1/N</c>) does: only the low-frequency DCT coefficients are inverse-transformed
    /// (4×4, 2×2 or 1×1 outputs per block), which is faster and already low-pass filtered. The output is
    /// ceil(width / N) × ceil(height / N) and matches <c>djpeg -scale 1/N</c>. When no scale fits, or for PNG and PNM,
    /// the image is decoded at full size; 0 or less means full size.
    /// </summary>
    public int MinimumSize { get; init; }

    /// <summary>Throws <see cref="InvalidImageException"/> when the declared size is empty or over <see cref="MaxPixels"/>.</summary>
    internal void CheckDimensions(long width, long height, string format)
    {
        if (width <= 0 || height <= 0)
        {
            throw new InvalidImageException($"{format} header declares an empty image ({width}×{height}).");
        }

        if (width > MaxPixels / height)
        {
            throw new InvalidImageException(
                $"{format} image of {width}×{height} pixels exceeds the limit of {MaxPixels} pixels (DecoderOptions.MaxPixels).");
        }
    }
}
