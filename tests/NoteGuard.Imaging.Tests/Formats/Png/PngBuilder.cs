using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NoteGuard.Imaging.Formats.Png;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>Assembles PNG files chunk by chunk for hand-made and malformed test inputs.</summary>
internal sealed class PngBuilder
{
    private readonly MemoryStream _stream = new();

    public PngBuilder()
    {
        _stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
    }

    public static byte[] Ihdr(uint width, uint height, byte depth, byte colorType, byte interlace = 0, byte compression = 0, byte filter = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        data[8] = depth;
        data[9] = colorType;
        data[10] = compression;
        data[11] = filter;
        data[12] = interlace;
        return data;
    }

    /// <summary>zlib-compresses raw scanlines (each starting with its filter byte).</summary>
    public static byte[] Zlib(ReadOnlySpan<byte> raw)
    {
        using var memory = new MemoryStream();
        using (var zlib = new ZLibStream(memory, CompressionLevel.Optimal))
        {
            zlib.Write(raw);
        }

        return memory.ToArray();
    }

    public PngBuilder Chunk(string type, ReadOnlySpan<byte> data, bool corruptCrc = false)
    {
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        _stream.Write(word);
        _stream.Write(typeBytes);
        _stream.Write(data);
        uint crc = ~PngCrc32.Update(PngCrc32.Update(0xFFFFFFFFu, typeBytes), data);
        BinaryPrimitives.WriteUInt32BigEndian(word, corruptCrc ? crc ^ 0x1u : crc);
        _stream.Write(word);
        return this;
    }

    public PngBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public PngBuilder End() => Chunk("IEND", []);

    public byte[] ToArray() => _stream.ToArray();

    /// <summary>A valid 8-bit gray file of the given size whose rows use filter None and hold x + y.</summary>
    public static byte[] SimpleGray(int width, int height)
    {
        var raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                raw[(y * (width + 1)) + 1 + x] = (byte)(x + y);
            }
        }

        return new PngBuilder().Chunk("IHDR", Ihdr((uint)width, (uint)height, 8, 0)).Chunk("IDAT", Zlib(raw)).End().ToArray();
    }
}
