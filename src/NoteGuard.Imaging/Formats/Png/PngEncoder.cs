namespace NoteGuard.Imaging.Formats.Png;

/// <summary>PNG encoder. Placeholder until the codec lands.</summary>
internal static class PngEncoder
{
    public static void Encode(Image image, Stream stream, PngEncoderOptions options) => throw new NotSupportedException("PNG encoding is not implemented yet.");
}
