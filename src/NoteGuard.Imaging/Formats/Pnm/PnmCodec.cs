using System.Buffers;
using System.Globalization;
using System.Text;

namespace NoteGuard.Imaging.Formats.Pnm;

/// <summary>Which Netpbm kind to write.</summary>
internal enum PnmKind
{
    /// <summary>P5, 8-bit binary graymap.</summary>
    Graymap,

    /// <summary>P6, 8-bit binary pixmap.</summary>
    Pixmap,
}

/// <summary>
/// Netpbm reader (P1–P6: ASCII and binary bitmaps, graymaps and pixmaps, maxval 1..65535, 16-bit samples
/// big-endian) and writer (P5, P6 with maxval 255). Samples are scaled to 8 bits by rounding, v·255/maxval to the
/// nearest integer ((v·255 + ⌊maxval/2⌋) / maxval). Bitmaps decode to Gray8 with 1 (black) → 0 and 0 → 255.
/// Only the first image of a multi-image file is read; bytes after it are ignored.
/// </summary>
internal static class PnmCodec
{
    public static Image Decode(ReadOnlySpan<byte> data, DecoderOptions options)
    {
        Guard.NotNull(options);
        PnmHeader header = ReadHeader(data);
        CheckSize(header, options);
        CheckRasterLength(data, header);
        var format = header.IsColor ? PixelFormat.Rgb24 : PixelFormat.Gray8;
        var image = Image.CreateUninitialized(header.Width, header.Height, format);
        try
        {
            switch (header.Kind)
            {
                case '1':
                    ReadAsciiBitmap(data, header, image);
                    break;
                case '4':
                    ReadBinaryBitmap(data, header, image);
                    break;
                case '2' or '3':
                    ReadAsciiSamples(data, header, image);
                    break;
                default:
                    ReadBinarySamples(data, header, image);
                    break;
            }

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
        PnmHeader header = ReadHeader(data);
        CheckSize(header, options);
        var details = new Dictionary<string, string>
        {
            ["kind"] = "P" + header.Kind,
            ["encoding"] = header.Kind is '1' or '2' or '3' ? "ascii" : "binary",
            ["maxval"] = header.MaxValue.ToString(CultureInfo.InvariantCulture),
        };
        int depth = header.MaxValue == 1 && header.Kind is '1' or '4' ? 1 : header.MaxValue > 255 ? 16 : 8;
        return new ImageInfo(
            ImageFormat.Pnm,
            header.Width,
            header.Height,
            header.IsColor ? PixelFormat.Rgb24 : PixelFormat.Gray8,
            depth,
            header.IsColor ? "rgb" : "gray",
            details);
    }

    /// <summary>
    /// Writes <paramref name="image"/> as binary P5 (Gray8 only) or P6 (gray expanded to RGB, alpha dropped).
    /// Throws <see cref="ArgumentException"/> when a colour image is asked to be written as a graymap.
    /// </summary>
    public static void Encode(Image image, Stream stream, PnmKind kind)
    {
        Guard.NotNull(image);
        Guard.NotNull(stream);
        if (kind == PnmKind.Graymap && image.Format != PixelFormat.Gray8)
        {
            throw new ArgumentException($"A {image.Format} image cannot be written as a PGM graymap; convert it to gray first or write a PPM.", nameof(image));
        }

        string magic = kind == PnmKind.Graymap ? "P5" : "P6";
        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{magic}\n{image.Width} {image.Height}\n255\n")));
        if (kind == PnmKind.Graymap || image.Format == PixelFormat.Rgb24)
        {
            stream.Write(image.Pixels);
            return;
        }

        int width = image.Width;
        byte[] row = ArrayPool<byte>.Shared.Rent(width * 3);
        try
        {
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> source = image.GetRowReadOnly(y);
                Span<byte> target = row.AsSpan(0, width * 3);
                int channels = image.Channels;
                for (int x = 0; x < width; x++)
                {
                    if (channels == 1)
                    {
                        target[3 * x] = target[(3 * x) + 1] = target[(3 * x) + 2] = source[x];
                    }
                    else
                    {
                        source.Slice(channels * x, 3).CopyTo(target.Slice(3 * x, 3));
                    }
                }

                stream.Write(target);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
        }
    }

    private static void CheckSize(PnmHeader header, DecoderOptions options)
    {
        options.CheckDimensions(header.Width, header.Height, "PNM");
        if (header.Width > Image.MaxDimension || header.Height > Image.MaxDimension)
        {
            throw new UnsupportedImageException(
                $"PNM: {header.Width}×{header.Height} exceeds NoteGuard's largest side of {Image.MaxDimension} pixels.") { Offset = 0 };
        }
    }

    /// <summary>
    /// Rejects a raster too short for the declared size before the image is allocated: binary rasters have an exact
    /// size, ASCII ones need at least one byte per bitmap pixel or a digit and a separator per sample.
    /// </summary>
    private static void CheckRasterLength(ReadOnlySpan<byte> data, PnmHeader header)
    {
        long pixels = (long)header.Width * header.Height;
        long samples = pixels * (header.IsColor ? 3 : 1);
        long rowBytes = header.Kind switch
        {
            '4' => (header.Width + 7L) / 8,
            '5' or '6' => header.Width * (header.IsColor ? 3L : 1L) * (header.MaxValue > 255 ? 2 : 1),
            _ => 0,
        };
        long needed = header.Kind switch
        {
            '1' => pixels,
            '2' or '3' => (2 * samples) - 1,
            _ => rowBytes * header.Height,
        };
        long available = data.Length - header.RasterStart;
        if (available < needed)
        {
            string where = rowBytes > 0 ? $"; the data ends in row {available / rowBytes}" : string.Empty;
            throw Truncated($"the {header.Width}×{header.Height} raster needs at least {needed} bytes but only {available} remain{where}", data.Length);
        }
    }

    private static PnmHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != (byte)'P' || data[1] < (byte)'1' || data[1] > (byte)'6')
        {
            throw Invalid("missing P1..P6 magic number", 0);
        }

        char kind = (char)data[1];
        var reader = new PnmTokenReader(data, 2);
        if (reader.Position < data.Length && !PnmTokenReader.IsWhitespace(data[reader.Position]) && data[reader.Position] != (byte)'#')
        {
            throw Invalid($"magic number P{kind} must be followed by whitespace", reader.Position);
        }

        int width = reader.ReadHeaderNumber("width", int.MaxValue);
        int height = reader.ReadHeaderNumber("height", int.MaxValue);
        int maxValue = 1;
        if (kind is not '1' and not '4')
        {
            maxValue = reader.ReadHeaderNumber("maxval", 65535);
        }

        if (width == 0 || height == 0)
        {
            throw Invalid($"header declares an empty image ({width}×{height})", 2);
        }

        if (maxValue == 0)
        {
            throw Invalid("maxval is 0; it must be between 1 and 65535", reader.Position);
        }

        int rasterStart = reader.Position;
        if (kind is '4' or '5' or '6')
        {
            // Binary rasters start after exactly one whitespace byte.
            if (rasterStart >= data.Length)
            {
                throw Truncated("the header ends without the whitespace byte before the raster", rasterStart);
            }

            if (!PnmTokenReader.IsWhitespace(data[rasterStart]))
            {
                throw Invalid($"expected one whitespace byte before the raster, found 0x{data[rasterStart]:X2}", rasterStart);
            }

            rasterStart++;
        }

        return new PnmHeader(kind, width, height, maxValue, rasterStart);
    }

    private static void ReadBinaryBitmap(ReadOnlySpan<byte> data, PnmHeader header, Image image)
    {
        int rowBytes = (header.Width + 7) / 8;
        for (int y = 0; y < header.Height; y++)
        {
            long start = header.RasterStart + ((long)y * rowBytes);
            if (start + rowBytes > data.Length)
            {
                throw Truncated($"raster row {y} needs {rowBytes} bytes but only {Math.Max(0, data.Length - start)} remain", Math.Min(start, data.Length));
            }

            ReadOnlySpan<byte> source = data.Slice((int)start, rowBytes);
            Span<byte> row = image.GetRow(y);
            for (int x = 0; x < header.Width; x++)
            {
                row[x] = ((source[x >> 3] >> (7 - (x & 7))) & 1) != 0 ? (byte)0 : (byte)255;
            }
        }
    }

    private static void ReadAsciiBitmap(ReadOnlySpan<byte> data, PnmHeader header, Image image)
    {
        var reader = new PnmTokenReader(data, header.RasterStart);
        Span<byte> pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            reader.SkipWhitespaceAndComments();
            if (reader.Position >= data.Length)
            {
                throw Truncated($"the P1 raster ends after {i} of {pixels.Length} pixels (row {i / header.Width})", reader.Position);
            }

            byte c = data[reader.Position];
            if (c != (byte)'0' && c != (byte)'1')
            {
                throw Invalid($"P1 pixel must be '0' or '1', found 0x{c:X2} (row {i / header.Width})", reader.Position);
            }

            pixels[i] = c == (byte)'1' ? (byte)0 : (byte)255;
            reader.Position++;
        }
    }

    private static void ReadAsciiSamples(ReadOnlySpan<byte> data, PnmHeader header, Image image)
    {
        var reader = new PnmTokenReader(data, header.RasterStart);
        byte[] scale = ScaleTable(header.MaxValue);
        Span<byte> samples = image.Pixels;
        int perRow = header.Width * image.Channels;
        for (int i = 0; i < samples.Length; i++)
        {
            int start = reader.Position;
            int value = reader.ReadRasterNumber(header.MaxValue, i / perRow, out bool ended);
            if (ended)
            {
                throw Truncated($"the ASCII raster ends after {i} of {samples.Length} samples (row {i / perRow})", start);
            }

            samples[i] = scale[value];
        }
    }

    private static void ReadBinarySamples(ReadOnlySpan<byte> data, PnmHeader header, Image image)
    {
        int bytesPerSample = header.MaxValue > 255 ? 2 : 1;
        int perRow = header.Width * image.Channels;
        long rowBytes = (long)perRow * bytesPerSample;
        byte[] scale = ScaleTable(header.MaxValue);
        for (int y = 0; y < header.Height; y++)
        {
            long start = header.RasterStart + (y * rowBytes);
            if (start + rowBytes > data.Length)
            {
                throw Truncated($"raster row {y} needs {rowBytes} bytes but only {Math.Max(0, data.Length - start)} remain", Math.Min(start, data.Length));
            }

            ReadOnlySpan<byte> source = data.Slice((int)start, (int)rowBytes);
            Span<byte> row = image.GetRow(y);
            for (int i = 0; i < perRow; i++)
            {
                int value = bytesPerSample == 1 ? source[i] : (source[2 * i] << 8) | source[(2 * i) + 1];
                if (value > header.MaxValue)
                {
                    throw Invalid($"sample {value} on row {y} exceeds maxval {header.MaxValue}", start + (i * bytesPerSample));
                }

                row[i] = scale[value];
            }
        }
    }

    /// <summary>Maps 0..maxval to 0..255 rounding to nearest: (v·255 + ⌊maxval/2⌋) / maxval.</summary>
    private static byte[] ScaleTable(int maxValue)
    {
        var table = new byte[maxValue + 1];
        for (int v = 0; v <= maxValue; v++)
        {
            table[v] = (byte)(((long)v * 255 + (maxValue / 2)) / maxValue);
        }

        return table;
    }

    internal static InvalidImageException Invalid(string message, long offset) =>
        new($"PNM: {message} (at byte offset {offset}).") { Offset = offset };

    internal static InvalidImageException Truncated(string message, long offset) =>
        new($"PNM is truncated: {message} (at byte offset {offset}).") { Offset = offset };

    private readonly record struct PnmHeader(char Kind, int Width, int Height, int MaxValue, int RasterStart)
    {
        public bool IsColor => Kind is '3' or '6';
    }
}
