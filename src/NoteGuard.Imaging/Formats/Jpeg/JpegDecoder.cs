namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>
/// JPEG decoder (ITU-T T.81): baseline, extended and progressive Huffman-coded 8-bit gray and YCbCr/RGB images
/// with any integral sampling factors and restart intervals. Output matches libjpeg-turbo's <c>djpeg</c> default
/// decode (islow IDCT, fancy upsampling). Arithmetic coding, 12-bit, lossless and CMYK files throw
/// <see cref="UnsupportedImageException"/>; corrupt or truncated files throw <see cref="InvalidImageException"/>.
/// </summary>
internal static class JpegDecoder
{
    /// <summary>Decodes <paramref name="data"/> to Gray8 or Rgb24, applying EXIF orientation when the options ask.</summary>
    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions options)
    {
        using var decoder = new JpegFrameDecoder(options);
        return decoder.Decode(data);
    }

    /// <summary>Reads the headers only (up to the first scan).</summary>
    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecoderOptions options)
    {
        using var decoder = new JpegFrameDecoder(options);
        return decoder.Identify(data);
    }
}
