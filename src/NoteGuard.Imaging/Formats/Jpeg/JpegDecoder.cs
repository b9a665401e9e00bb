namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>JPEG decoder (ITU-T T.81). Placeholder until the codec lands.</summary>
internal static class JpegDecoder
{
    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions options) => throw new UnsupportedImageException("JPEG decoding is not implemented yet.");

    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecoderOptions options) => throw new UnsupportedImageException("JPEG decoding is not implemented yet.");
}
