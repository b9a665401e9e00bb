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
