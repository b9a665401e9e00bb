namespace NoteGuard.Imaging.Formats.Png;

/// <summary>PNG decoder (ISO/IEC 15948). Placeholder until the codec lands.</summary>
internal static class PngDecoder
{
    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions options) => throw new UnsupportedImageException("PNG decoding is not implemented yet.");

    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecoderOptions options) => throw new UnsupportedImageException("PNG decoding is not implemented yet.");
}
