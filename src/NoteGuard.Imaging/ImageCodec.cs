using NoteGuard.Imaging.Formats.Jpeg;
using NoteGuard.Imaging.Formats.Png;
using NoteGuard.Imaging.Formats.Pnm;

namespace NoteGuard.Imaging;

/// <summary>
/// Reads and writes images. The format is detected from the content, never from the file name.
/// Every decoding failure is an <see cref="InvalidImageException"/> whose message names the problem.
/// </summary>
public static class ImageCodec
{
    /// <summary>Largest file <see cref="Load(string, DecoderOptions?)"/> reads, in bytes (1 GiB).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Recognises PNG, JPEG and PNM from the first bytes of <paramref name="data"/>.</summary>
    public static ImageFormat DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngChunkReader.Signature))
        {
            return ImageFormat.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (data.Length >= 2 && data[0] == (byte)'P' && data[1] >= (byte)'1' && data[1] <= (byte)'6')
        {
            return ImageFormat.Pnm;
        }

        return ImageFormat.Unknown;
    }

    /// <summary>
    /// Decodes an image held in memory. Throws <see cref="InvalidImageException"/> for unknown, corrupt,
    /// truncated or oversized content and <see cref="UnsupportedImageException"/> for unsupported features.
    /// </summary>
    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions? options = null)
    {
        options ??= DecoderOptions.Default;
        return DetectFormat(data) switch
        {
            ImageFormat.Png => PngDecoder.Decode(data, options),
            ImageFormat.Jpeg => JpegDecoder.Decode(data, options),
            ImageFormat.Pnm => PnmCodec.Decode(data, options),
            _ => throw UnknownFormat(data),
        };
    }

    /// <summary>Reads the header only: size, layout, bit depth and format details. Throws like <see cref="Decode"/>.</summary>
    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecoderOptions? options = null)
    {
        options ??= DecoderOptions.Default;
        return DetectFormat(data) switch
        {
            ImageFormat.Png => PngDecoder.Identify(data, options),
            ImageFormat.Jpeg => JpegDecoder.Identify(data, options),
            ImageFormat.Pnm => PnmCodec.Identify(data, options),
            _ => throw UnknownFormat(data),
        };
    }

    /// <summary>
    /// Reads and decodes a file. Throws <see cref="FileNotFoundException"/> when it does not exist and
    /// <see cref="InvalidImageException"/> when it is not a decodable image or is larger than <see cref="MaxFileBytes"/>.
    /// </summary>
    public static Image Load(string path, DecoderOptions? options = null) => Decode(ReadFile(path), options);

    /// <summary>Reads a file's header; see <see cref="Identify"/>.</summary>
    public static ImageInfo IdentifyFile(string path, DecoderOptions? options = null) => Identify(ReadFile(path), options);

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> in the format named by its extension:
    /// <c>.png</c>, <c>.ppm</c>, <c>.pgm</c> or <c>.pnm</c>. A gray image written as <c>.ppm</c> is expanded to RGB;
    /// a colour image written as <c>.pgm</c> throws <see cref="ArgumentException"/>. PNM cannot hold alpha, so it is dropped there.
    /// </summary>
    public static void Save(Image image, string path)
    {
        Guard.NotNull(image);
        Guard.NotNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        using var stream = new MemoryStream();
        switch (extension)
        {
            case ".png":
                PngEncoder.Encode(image, stream, PngEncoderOptions.Default);
                break;
            case ".ppm":
                PnmCodec.Encode(image, stream, PnmKind.Pixmap);
                break;
            case ".pgm":
                PnmCodec.Encode(image, stream, PnmKind.Graymap);
                break;
            case ".pnm":
                PnmCodec.Encode(image, stream, image.Format == PixelFormat.Gray8 ? PnmKind.Graymap : PnmKind.Pixmap);
                break;
            default:
                throw new ArgumentException($"Cannot write '{extension}': the output extension must be .png, .ppm, .pgm or .pnm.", nameof(path));
        }

        // Written only once encoding succeeded, so a failure never leaves a half-written file behind.
        File.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>Encodes <paramref name="image"/> as PNG into <paramref name="stream"/>.</summary>
    public static void EncodePng(Image image, Stream stream, PngEncoderOptions? options = null)
    {
        Guard.NotNull(image);
        Guard.NotNull(stream);
        PngEncoder.Encode(image, stream, options ?? PngEncoderOptions.Default);
    }

    internal static byte[] ReadFile(string path)
    {
        Guard.NotNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InvalidImageException($"{path}: file of {info.Length} bytes is larger than the {MaxFileBytes}-byte limit.");
        }

        return File.ReadAllBytes(path);
    }

    private static InvalidImageException UnknownFormat(ReadOnlySpan<byte> data) =>
        data.IsEmpty
            ? new InvalidImageException("The file is empty.")
            : new InvalidImageException("Not a PNG, JPEG or PNM image (unrecognised signature).") { Offset = 0 };
}
