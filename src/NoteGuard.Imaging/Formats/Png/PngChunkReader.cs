using System.Buffers.Binary;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// Walks a PNG's chunks (PNG spec 5.3), checking each chunk's length, type bytes and CRC-32, validating IHDR and the
/// ordering rules for critical chunks, and collecting PLTE, tRNS, gAMA, sRGB and the IDAT payload positions.
/// </summary>
/// <remarks>
/// Policy, following libpng's defaults: a CRC error in a critical chunk (IHDR, PLTE, IDAT, IEND) is fatal; an ancillary
/// chunk with a bad CRC is skipped as if absent. Misplaced, duplicate or wrongly sized ancillary chunks we interpret
/// (tRNS, gAMA, sRGB) are ignored. An unknown critical chunk is unsupported. Bytes after IEND are ignored.
/// </remarks>
internal static class PngChunkReader
{
    public const int SignatureLength = 8;

    private const uint Ihdr = 0x49484452; // "IHDR"
    private const uint Plte = 0x504C5445; // "PLTE"
    private const uint Idat = 0x49444154; // "IDAT"
    private const uint Iend = 0x49454E44; // "IEND"
    private const uint Trns = 0x74524E53; // "tRNS"
    private const uint Gama = 0x67414D41; // "gAMA"
    private const uint Srgb = 0x73524742; // "sRGB"

    /// <summary>The eight bytes every PNG file starts with (shared by the reader, the writer and format detection).</summary>
    internal static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Reads the chunk structure. With <paramref name="stopAtImageData"/> the walk ends at the first IDAT
    /// (enough for <see cref="PngDecoder.Identify"/>); otherwise it runs to IEND.
    /// </summary>
    public static PngMetadata Read(ReadOnlySpan<byte> data, bool stopAtImageData)
    {
        if (data.Length < SignatureLength || !data[..SignatureLength].SequenceEqual(Signature))
        {
            PngThrowHelper.ThrowInvalid("missing or damaged 8-byte PNG signature", 0);
        }

        PngMetadata? png = null;
        bool seenPalette = false;
        bool seenTransparency = false;
        bool inImageData = false;
        bool afterImageData = false;
        int pos = SignatureLength;
        while (true)
        {
            if (pos == data.Length)
            {
                if (png is null)
                {
                    PngThrowHelper.ThrowTruncated("no IHDR chunk after the signature", pos);
                }

                if (png.ImageData.Count == 0)
                {
                    PngThrowHelper.ThrowTruncated("the file ends before any IDAT chunk", pos);
                }

                PngThrowHelper.ThrowTruncated("the file ends without an IEND chunk", pos);
            }

            if (data.Length - pos < 12)
            {
                PngThrowHelper.ThrowTruncated($"only {data.Length - pos} bytes left for a 12-byte chunk frame", pos);
            }

            uint declared = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(pos, 4));
            if (declared > int.MaxValue)
            {
                PngThrowHelper.ThrowInvalid($"chunk length {declared} exceeds the PNG limit of 2^31-1", pos);
            }

            int length = (int)declared;
            ReadOnlySpan<byte> typeBytes = data.Slice(pos + 4, 4);
            if (!IsChunkType(typeBytes))
            {
                PngThrowHelper.ThrowInvalid($"chunk type bytes {Convert.ToHexString(typeBytes)} are not ASCII letters", pos + 4);
            }

            uint type = BinaryPrimitives.ReadUInt32BigEndian(typeBytes);
            string name = TypeName(typeBytes);
            if (length > data.Length - pos - 12)
            {
                PngThrowHelper.ThrowTruncated($"chunk '{name}' declares {length} data bytes but only {Math.Max(0, data.Length - pos - 12)} remain", pos);
            }

            ReadOnlySpan<byte> body = data.Slice(pos + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(pos + 8 + length, 4));
            uint computed = PngCrc32.Compute(data.Slice(pos + 4, length + 4));
            bool critical = (typeBytes[0] & 0x20) == 0;
            if (png is null && type != Ihdr)
            {
                PngThrowHelper.ThrowInvalid($"the first chunk is '{name}', expected IHDR", pos);
            }

            if (stored != computed)
            {
                if (critical)
                {
                    PngThrowHelper.ThrowInvalid($"CRC mismatch in critical chunk '{name}' (stored 0x{stored:X8}, computed 0x{computed:X8})", pos);
                }

                png!.DiscardedChunks.Add(name);
                if (inImageData)
                {
                    afterImageData = true;
                    inImageData = false;
                }

                pos += 12 + length;
                continue;
            }

            if (inImageData && type != Idat)
            {
                inImageData = false;
                afterImageData = true;
            }

            switch (type)
            {
                case Ihdr:
                    if (png is not null)
                    {
                        PngThrowHelper.ThrowInvalid("duplicate IHDR chunk", pos);
                    }

                    png = new PngMetadata(ParseHeader(body, pos));
                    break;

                case Plte:
                    ReadPalette(png!, body, pos, seenPalette, inImageData || afterImageData);
                    seenPalette = true;
                    break;

                case Idat:
                    if (afterImageData)
                    {
                        PngThrowHelper.ThrowInvalid("IDAT chunks are not consecutive", pos);
                    }

                    if (png!.Header.ColorType == PngColorType.Palette && png.Palette is null)
                    {
                        PngThrowHelper.ThrowInvalid("palette image has no PLTE chunk before its image data", pos);
                    }

                    if (png.FirstImageDataOffset < 0)
                    {
                        png.FirstImageDataOffset = pos;
                    }

                    png.ImageData.Add((pos + 8, length));
                    png.ImageDataBytes += length;
                    inImageData = true;
                    if (stopAtImageData)
                    {
                        return png;
                    }

                    break;

                case Iend:
                    if (png!.ImageData.Count == 0)
                    {
                        PngThrowHelper.ThrowInvalid("IEND reached without any IDAT chunk", pos);
                    }

                    return png;

                case Trns:
                    if (!seenTransparency && !inImageData && !afterImageData)
                    {
                        seenTransparency = ReadTransparency(png!, body);
                    }

                    break;

                case Gama:
                    if (png!.Gamma is null && length == 4 && !inImageData && !afterImageData)
                    {
                        uint gamma = BinaryPrimitives.ReadUInt32BigEndian(body);
                        if (gamma is > 0 and <= int.MaxValue)
                        {
                            png.Gamma = gamma;
                        }
                    }

                    break;

                case Srgb:
                    if (png!.SrgbIntent is null && length == 1 && !inImageData && !afterImageData)
                    {
                        png.SrgbIntent = body[0];
                    }

                    break;

                default:
                    if (critical)
                    {
                        PngThrowHelper.ThrowUnsupported($"unknown critical chunk '{name}'", pos);
                    }

                    break;
            }

            pos += 12 + length;
        }
    }

    private static PngHeader ParseHeader(ReadOnlySpan<byte> body, int pos)
    {
        if (body.Length != 13)
        {
            PngThrowHelper.ThrowInvalid($"IHDR has {body.Length} data bytes, expected 13", pos);
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(body);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        int depth = body[8];
        var colorType = (PngColorType)body[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            PngThrowHelper.ThrowInvalid($"IHDR size {width}×{height} is outside 1..2^31-1", pos + 8);
        }

        if (!PngHeader.IsLegalDepth(colorType, depth))
        {
            PngThrowHelper.ThrowInvalid($"IHDR colour type {body[9]} with bit depth {depth} is not a legal combination", pos + 16);
        }

        if (body[10] != 0)
        {
            PngThrowHelper.ThrowInvalid($"IHDR compression method {body[10]} is not 0 (deflate)", pos + 18);
        }

        if (body[11] != 0)
        {
            PngThrowHelper.ThrowInvalid($"IHDR filter method {body[11]} is not 0 (adaptive)", pos + 19);
        }

        if (body[12] > 1)
        {
            PngThrowHelper.ThrowInvalid($"IHDR interlace method {body[12]} is neither 0 (none) nor 1 (Adam7)", pos + 20);
        }

        return new PngHeader((int)width, (int)height, depth, colorType, body[12] == 1);
    }

    private static void ReadPalette(PngMetadata png, ReadOnlySpan<byte> body, int pos, bool seenPalette, bool afterImageData)
    {
        if (seenPalette)
        {
            PngThrowHelper.ThrowInvalid("duplicate PLTE chunk", pos);
        }

        if (afterImageData)
        {
            PngThrowHelper.ThrowInvalid("PLTE chunk after the image data", pos);
        }

        if (png.Header.ColorType is PngColorType.Gray or PngColorType.GrayAlpha)
        {
            PngThrowHelper.ThrowInvalid($"PLTE chunk is not allowed for colour type {(int)png.Header.ColorType}", pos);
        }

        if (body.Length == 0 || body.Length % 3 != 0 || body.Length > 3 * 256)
        {
            PngThrowHelper.ThrowInvalid($"PLTE length {body.Length} is not a multiple of 3 between 3 and 768", pos);
        }

        // For RGB and RGBA images PLTE is only a quantisation hint; the decoder does not need it.
        if (png.Header.ColorType == PngColorType.Palette)
        {
            png.Palette = body.ToArray();
        }
    }

    /// <summary>Applies a tRNS chunk when its size fits the colour type; returns whether it was used.</summary>
    private static bool ReadTransparency(PngMetadata png, ReadOnlySpan<byte> body)
    {
        int depthMask = png.Header.BitDepth == 16 ? 0xFFFF : (1 << png.Header.BitDepth) - 1;
        switch (png.Header.ColorType)
        {
            case PngColorType.Palette:
                if (png.Palette is null || body.Length == 0 || body.Length > png.Palette.Length / 3)
                {
                    return false;
                }

                png.PaletteAlpha = body.ToArray();
                return true;

            case PngColorType.Gray:
                if (body.Length != 2)
                {
                    return false;
                }

                // Like libpng's expansion, only the bits of the image's depth are compared.
                png.KeyRed = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(body) & depthMask);
                png.HasColorKey = true;
                return true;

            case PngColorType.Rgb:
                if (body.Length != 6)
                {
                    return false;
                }

                png.KeyRed = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(body) & depthMask);
                png.KeyGreen = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(body[2..]) & depthMask);
                png.KeyBlue = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(body[4..]) & depthMask);
                png.HasColorKey = true;
                return true;

            default:
                // tRNS is forbidden with an alpha channel; libpng ignores it and so do we.
                return false;
        }
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static string TypeName(ReadOnlySpan<byte> type) =>
        string.Create(4, (type[0], type[1], type[2], type[3]), static (span, t) =>
        {
            span[0] = (char)t.Item1;
            span[1] = (char)t.Item2;
            span[2] = (char)t.Item3;
            span[3] = (char)t.Item4;
        });
}
