namespace NoteGuard.Imaging.Formats.Pnm;

/// <summary>Which Netpbm kind to write.</summary>
internal enum PnmKind
{
    Graymap,
    Pixmap,
}

/// <summary>Netpbm reader and writer. Placeholder until the codec lands.</summary>
internal static class PnmCodec
{
    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions options) => throw new UnsupportedImageException("PNM decoding is not implemented yet.");

    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecoderOptions options) => throw new UnsupportedImageException("PNM decoding is not implemented yet.");

    public static void Encode(Image image, Stream stream, PnmKind kind) => throw new NotSupportedException("PNM encoding is not implemented yet.");
}
