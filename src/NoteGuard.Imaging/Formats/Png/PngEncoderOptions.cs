namespace NoteGuard.Imaging.Formats.Png;

/// <summary>Options for PNG encoding.</summary>
public sealed record PngEncoderOptions
{
    /// <summary>Default options: adaptive filtering, optimal compression.</summary>
    public static PngEncoderOptions Default { get; } = new();

    /// <summary>Deflate effort from 0 (store) to 9 (smallest). Default 6.</summary>
    public int CompressionLevel { get; init; } = 6;
}
