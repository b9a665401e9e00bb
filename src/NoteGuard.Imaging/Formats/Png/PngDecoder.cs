using System.Buffers;
using System.Globalization;
using System.IO.Compression;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// PNG decoder (ISO/IEC 15948, W3C PNG specification): all colour types and bit depths, Adam7, the five filters,
/// CRC-checked chunks. Output: gray → <see cref="PixelFormat.Gray8"/>, RGB and palette → <see cref="PixelFormat.Rgb24"/>,
/// anything with alpha or a usable tRNS → <see cref="PixelFormat.Rgba32"/>. Policies are documented in docs/codecs/png.md.
/// </summary>
internal static class PngDecoder
{
    /// <summary>
    /// Deflate can expand at most 1032:1 (a 258-byte match coded in 2 bits), so image data larger than this many
    /// times the IDAT payload cannot be there: such a file is rejected before its pixel buffer is allocated.
    /// </summary>
    private const long MaxDeflateRatio = 1032;

    /// <summary>Slack for zlib framing when applying <see cref="MaxDeflateRatio"/>.</summary>
    private const long DeflateSlack = 1024;

    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions options)
    {
        Guard.NotNull(options);
        PngMetadata png = PngChunkReader.Read(data, stopAtImageData: false);
        PngHeader header = png.Header;
        CheckSize(png, options);

        long expected = header.ExpectedDataBytes();
        if (expected > (png.ImageDataBytes * MaxDeflateRatio) + DeflateSlack)
        {
            PngThrowHelper.ThrowInvalid(
                $"IDAT holds {png.ImageDataBytes} compressed bytes, too few to inflate to the {expected} bytes a {header.Width}×{header.Height} image needs",
                png.FirstImageDataOffset);
        }

        CheckZlibHeader(data, png);
        var image = Image.CreateUninitialized(header.Width, header.Height, png.OutputFormat);
        try
        {
            Inflate(data, png, image);
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public static ImageInfo Identify(ReadOnlySpan<byte> data, DecoderOptions options)
    {
        Guard.NotNull(options);
        PngMetadata png = PngChunkReader.Read(data, stopAtImageData: true);
        CheckSize(png, options);
        PngHeader header = png.Header;
        var details = new Dictionary<string, string>
        {
            ["color_type"] = ((int)header.ColorType).ToString(CultureInfo.InvariantCulture),
            ["interlace"] = header.Interlaced ? "adam7" : "none",
            ["has_transparency"] = png.HasTransparency ? "true" : "false",
        };
        if (png.Gamma is uint gamma)
        {
            details["gamma"] = (gamma / 100000.0).ToString("0.#####", CultureInfo.InvariantCulture);
        }

        if (png.SrgbIntent is int intent)
        {
            details["srgb_intent"] = intent.ToString(CultureInfo.InvariantCulture);
        }

        if (png.Palette is { } palette)
        {
            details["palette_entries"] = (palette.Length / 3).ToString(CultureInfo.InvariantCulture);
        }

        string model = header.ColorType switch
        {
            PngColorType.Gray => "gray",
            PngColorType.Rgb => "rgb",
            PngColorType.Palette => "palette",
            PngColorType.GrayAlpha => "gray-alpha",
            _ => "rgba",
        };
        return new ImageInfo(ImageFormat.Png, header.Width, header.Height, png.OutputFormat, header.BitDepth, model, details);
    }

    private static void CheckSize(PngMetadata png, DecoderOptions options)
    {
        PngHeader header = png.Header;
        options.CheckDimensions(header.Width, header.Height, "PNG");
        if (header.Width > Image.MaxDimension || header.Height > Image.MaxDimension)
        {
            throw new UnsupportedImageException(
                $"PNG: {header.Width}×{header.Height} exceeds NoteGuard's largest side of {Image.MaxDimension} pixels.") { Offset = 16 };
        }
    }

    private static unsafe void Inflate(ReadOnlySpan<byte> data, PngMetadata png, Image image)
    {
        PngHeader header = png.Header;
        var converter = new PngRowConverter(png);
        int fullRowBytes = (int)header.RowBytes(header.Width);
        int unit = header.FilterUnit;
        byte[] current = ArrayPool<byte>.Shared.Rent(fullRowBytes + 1);
        byte[] previous = ArrayPool<byte>.Shared.Rent(fullRowBytes + 1);
        byte[]? passPixels = header.Interlaced ? ArrayPool<byte>.Shared.Rent(image.Stride) : null;
        try
        {
            fixed (byte* pinned = data)
            {
                using var idat = new PngIdatStream(pinned, png.ImageData);
                using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
                var reader = new RowReader(zlib, png.FirstImageDataOffset);
                if (!header.Interlaced)
                {
                    Array.Clear(previous, 0, fullRowBytes + 1);
                    for (int y = 0; y < header.Height; y++)
                    {
                        Span<byte> row = current.AsSpan(0, fullRowBytes + 1);
                        reader.ReadRow(row, y, -1);
                        Unfilter(row, previous.AsSpan(1, fullRowBytes), unit, y, -1, png.FirstImageDataOffset);
                        converter.Convert(row[1..], image.GetRow(y), header.Width);
                        (current, previous) = (previous, current);
                    }
                }
                else
                {
                    int channels = image.Channels;
                    for (int pass = 0; pass < Adam7.PassCount; pass++)
                    {
                        var (passWidth, passHeight) = Adam7.PassSize(pass, header.Width, header.Height);
                        if (passWidth == 0 || passHeight == 0)
                        {
                            continue;
                        }

                        int rowBytes = (int)header.RowBytes(passWidth);
                        Array.Clear(previous, 0, rowBytes + 1);
                        int startX = Adam7.StartX(pass);
                        int stepX = Adam7.StepX(pass);
                        for (int py = 0; py < passHeight; py++)
                        {
                            Span<byte> row = current.AsSpan(0, rowBytes + 1);
                            reader.ReadRow(row, py, pass + 1);
                            Unfilter(row, previous.AsSpan(1, rowBytes), unit, py, pass + 1, png.FirstImageDataOffset);
                            Span<byte> pixels = passPixels.AsSpan(0, passWidth * channels);
                            converter.Convert(row[1..], pixels, passWidth);
                            Span<byte> target = image.GetRow(Adam7.StartY(pass) + (py * Adam7.StepY(pass)));
                            Scatter(pixels, target, passWidth, channels, startX, stepX);
                            (current, previous) = (previous, current);
                        }
                    }
                }

                // Surplus compressed data is tolerated (libpng warns and ignores it); nothing past the image is inflated.
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // InvalidDataException: bad deflate data or checksum; ZLibException (an IOException): other zlib failures.
            throw new InvalidImageException(
                $"PNG: the zlib stream in IDAT is corrupt: {ex.Message} (IDAT starts at byte offset {png.FirstImageDataOffset}).", ex)
            {
                Offset = png.FirstImageDataOffset,
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(previous);
            if (passPixels is not null)
            {
                ArrayPool<byte>.Shared.Return(passPixels);
            }
        }
    }

    /// <summary>
    /// Checks the two-byte zlib header (RFC 1950 §2.2) before any allocation: deflate (CM 8) with a window of at most
    /// 32 KiB, a valid FCHECK, and no preset dictionary, which PNG does not allow (PNG spec 10.1).
    /// </summary>
    private static void CheckZlibHeader(ReadOnlySpan<byte> data, PngMetadata png)
    {
        Span<byte> head = stackalloc byte[2];
        int have = 0;
        foreach (var (offset, length) in png.ImageData)
        {
            for (int i = 0; i < length && have < 2; i++)
            {
                head[have++] = data[offset + i];
            }
        }

        if (have < 2)
        {
            PngThrowHelper.ThrowInvalid($"the IDAT data holds {have} byte(s), too few for a zlib header", png.FirstImageDataOffset);
        }

        int cmf = head[0];
        int flg = head[1];
        if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7)
        {
            PngThrowHelper.ThrowInvalid($"the IDAT zlib header 0x{cmf:X2}{flg:X2} does not announce deflate with a window of at most 32 KiB", png.FirstImageDataOffset);
        }

        if (((cmf << 8) | flg) % 31 != 0)
        {
            PngThrowHelper.ThrowInvalid($"the IDAT zlib header 0x{cmf:X2}{flg:X2} fails its FCHECK", png.FirstImageDataOffset);
        }

        if ((flg & 0x20) != 0)
        {
            PngThrowHelper.ThrowInvalid("the IDAT zlib stream asks for a preset dictionary, which PNG does not allow", png.FirstImageDataOffset);
        }
    }

    private static void Unfilter(Span<byte> row, ReadOnlySpan<byte> previous, int unit, int y, int pass, int offset)
    {
        if (!PngFilters.TryUnfilter(row[0], row[1..], previous, unit))
        {
            string where = pass < 0 ? $"row {y}" : $"row {y} of Adam7 pass {pass}";
            PngThrowHelper.ThrowInvalid($"unknown filter type {row[0]} on {where} (IDAT starts at byte offset {offset})", offset);
        }
    }

    private static void Scatter(ReadOnlySpan<byte> pixels, Span<byte> target, int count, int channels, int startX, int stepX)
    {
        for (int i = 0, x = startX; i < count; i++, x += stepX)
        {
            pixels.Slice(i * channels, channels).CopyTo(target.Slice(x * channels, channels));
        }
    }

    /// <summary>Reads exactly one filtered row at a time, so no more than the image needs is ever inflated.</summary>
    private readonly struct RowReader(Stream zlib, int offset)
    {
        public void ReadRow(Span<byte> row, int y, int pass)
        {
            int read = zlib.ReadAtLeast(row, row.Length, throwOnEndOfStream: false);
            if (read < row.Length)
            {
                string where = pass < 0 ? $"row {y}" : $"row {y} of Adam7 pass {pass}";
                PngThrowHelper.ThrowInvalid($"the image data ends early: {where} needs {row.Length} bytes but only {read} were left", offset);
            }
        }
    }
}
