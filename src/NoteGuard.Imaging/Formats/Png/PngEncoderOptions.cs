namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// Options for PNG encoding. The encoder writes 8-bit gray, RGB or RGBA (from <see cref="PixelFormat"/>), not
/// interlaced, choosing each row's filter by the minimum-sum-of-absolute-differences heuristic.
/// </summary>
public sealed record PngEncoderOptions
{
    /// <summary>Default options: adaptive filtering, deflate level 6.</summary>
    public static PngEncoderOptions Default { get; } = new();

    /// <summary>
    /// Deflate effort from 0 (stored, rows left unfiltered) to 9 (smallest). Default 6. Encoding throws
    /// <see cref="ArgumentOutOfRangeException"/> for a value outside 0..9.
    /// </summary>
    public int CompressionLevel { get; init; } = 6;
}
