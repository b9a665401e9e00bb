using System.Buffers.Binary;

namespace NoteGuard.Imaging.Formats.Jpeg;

/// <summary>EXIF (APP1) orientation: reading tag 0x0112 of IFD0 and turning the decoded image upright.</summary>
internal static class JpegExif
{
    private const int OrientationTag = 0x0112;
    private const int TypeShort = 3;

    /// <summary>
    /// Reads the orientation (1..8) from an APP1 payload starting with "Exif\0\0" and a TIFF header in either
    /// byte order. Returns false when the segment is not EXIF, is malformed, or has no valid orientation tag.
    /// </summary>
    public static bool TryReadOrientation(ReadOnlySpan<byte> segment, out int orientation)
    {
        orientation = 1;
        if (segment.Length < 14 || !segment[..6].SequenceEqual("Exif\0\0"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> tiff = segment[6..];
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return false;
        }

        if (Read16(tiff, 2, little) != 42)
        {
            return false;
        }

        uint ifd = Read32(tiff, 4, little);
        if (ifd > (uint)tiff.Length - 2 || ifd < 8)
        {
            return false;
        }

        int entries = Read16(tiff, (int)ifd, little);
        int start = (int)ifd + 2;
        for (int i = 0; i < entries; i++)
        {
            int entry = start + (12 * i);
            if (entry + 12 > tiff.Length)
            {
                return false;
            }

            if (Read16(tiff, entry, little) != OrientationTag)
            {
                continue;
            }

            if (Read16(tiff, entry + 2, little) != TypeShort || Read32(tiff, entry + 4, little) < 1)
            {
                return false;
            }

            int value = Read16(tiff, entry + 8, little);
            if (value is < 1 or > 8)
            {
                return false;
            }

            orientation = value;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Returns the image as displayed for an EXIF orientation (2 mirror, 3 rotate 180°, 4 flip, 5 transpose,
    /// 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise); orientation 1 returns the input.
    /// </summary>
    public static Image Orient(Image source, int orientation)
    {
        if (orientation is < 2 or > 8)
        {
            return source;
        }

        int w = source.Width;
        int h = source.Height;
        int channels = source.Channels;
        bool swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        Image result = Image.CreateUninitialized(outW, outH, source.Format);
        ReadOnlySpan<byte> src = source.Pixels;
        int srcStride = source.Stride;
        for (int y = 0; y < outH; y++)
        {
            // Source coordinates of display pixel (0, y) and their step per display column, per the EXIF 2.3
            // orientation definitions; the source offset is then linear in x.
            (int sx, int sy, int dx, int dy) = orientation switch
            {
                2 => (w - 1, y, -1, 0),
                3 => (w - 1, h - 1 - y, -1, 0),
                4 => (0, h - 1 - y, 1, 0),
                5 => (y, 0, 0, 1),
                6 => (y, h - 1, 0, -1),
                7 => (w - 1 - y, h - 1, 0, -1),
                _ => (w - 1 - y, 0, 0, 1),
            };
            int offset = (sy * srcStride) + (sx * channels);
            int step = (dy * srcStride) + (dx * channels);
            Span<byte> row = result.GetRow(y);
            if (channels == 1)
            {
                for (int x = 0; x < outW; x++, offset += step)
                {
                    row[x] = src[offset];
                }
            }
            else
            {
                for (int x = 0; x < outW; x++, offset += step)
                {
                    src.Slice(offset, channels).CopyTo(row.Slice(x * channels, channels));
                }
            }
        }

        return result;
    }

    private static int Read16(ReadOnlySpan<byte> data, int offset, bool little)
    {
        if (offset < 0 || offset + 2 > data.Length)
        {
            return -1;
        }

        return little ? BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(offset, 2)) : BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));
    }

    private static uint Read32(ReadOnlySpan<byte> data, int offset, bool little)
    {
        if (offset < 0 || offset + 4 > data.Length)
        {
            return uint.MaxValue;
        }

        return little ? BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset, 4)) : BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));
    }
}
