namespace NoteGuard.Imaging;

/// <summary>What a file's header says about the image, read without decoding pixels.</summary>
/// <param name="Format">Container format detected from content.</param>
/// <param name="Width">Width in pixels after EXIF orientation is applied.</param>
/// <param name="Height">Height in pixels after EXIF orientation is applied.</param>
/// <param name="PixelFormat">The 8-bit layout the decoder produces.</param>
/// <param name="BitDepth">Bits per sample stored in the file (1, 2, 4, 8, 12 or 16).</param>
/// <param name="ColorModel">The file's colour model, e.g. "gray", "rgb", "palette", "ycbcr", "cmyk".</param>
/// <param name="Details">Format-specific facts (interlace, progressive, subsampling, EXIF orientation, ...).</param>
public sealed record ImageInfo(
    ImageFormat Format,
    int Width,
    int Height,
    PixelFormat PixelFormat,
    int BitDepth,
    string ColorModel,
    IReadOnlyDictionary<string, string> Details);
