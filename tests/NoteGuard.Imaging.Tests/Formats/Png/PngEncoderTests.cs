using System.Buffers.Binary;
using System.IO.Compression;
using NoteGuard.Imaging.Formats.Png;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>Encoder output decodes back exactly and is framed the way the spec says.</summary>
[Trait("Category", "Simd")]
public sealed class PngEncoderTests
{
    public static TheoryData<PixelFormat, int, int, int> RoundTripCases()
    {
        var data = new TheoryData<PixelFormat, int, int, int>();
        foreach (PixelFormat format in new[] { PixelFormat.Gray8, PixelFormat.Rgb24, PixelFormat.Rgba32 })
        {
            foreach (var (w, h) in new[] { (1, 1), (1, 9), (13, 1), (33, 17), (130, 67) })
            {
                foreach (int level in new[] { 0, 1, 6, 9 })
                {
                    data.Add(format, w, h, level);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void EncodeThenDecode_IsExact(PixelFormat format, int width, int height, int level)
    {
        using Image original = SyntheticImage(format, width, height, seed: (width * 31) + height + level);
        using var stream = new MemoryStream();
        PngEncoder.Encode(original, stream, new PngEncoderOptions { CompressionLevel = level });
        using Image decoded = PngDecoder.Decode(stream.ToArray(), DecoderOptions.Default);
        Assert.Equal(format, decoded.Format);
        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        PixelAssert.Exact(original.Pixels, decoded.Pixels, width, original.Channels, $"{format} {width}×{height} level {level}");
    }

    [Fact]
    public void LargeImage_SpansSeveralIdatChunks()
    {
        using Image original = SyntheticImage(PixelFormat.Rgba32, 300, 200, seed: 5, noiseOnly: true);
        using var stream = new MemoryStream();
        PngEncoder.Encode(original, stream, new PngEncoderOptions { CompressionLevel = 1 });
        byte[] png = stream.ToArray();
        var chunks = ChunkTypes(png);
        Assert.True(chunks.Count(c => c == "IDAT") >= 2, string.Join(",", chunks));
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        using Image decoded = PngDecoder.Decode(png, DecoderOptions.Default);
        PixelAssert.Exact(original.Pixels, decoded.Pixels, 300, 4, "multi-IDAT");
    }

    [Fact]
    public void Header_DeclaresEightBitAndTheRightColourType()
    {
        foreach (var (format, colorType) in new[] { (PixelFormat.Gray8, 0), (PixelFormat.Rgb24, 2), (PixelFormat.Rgba32, 6) })
        {
            using Image image = Image.Create(3, 2, format);
            using var stream = new MemoryStream();
            PngEncoder.Encode(image, stream, PngEncoderOptions.Default);
            byte[] png = stream.ToArray();
            Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
            Assert.Equal(8, png[24]);
            Assert.Equal(colorType, png[25]);
            Assert.Equal(0, png[28]);
        }
    }

    [Fact]
    public void AdaptiveFilter_PicksMinimumSignedSum()
    {
        // Every row is 0,50,100,150,200,250. Row 0: None scores 0+50+100+106+56+6 = 318, Sub 0+50×5 = 250,
        // Average 0+50+75+100+125+106 = 456 → Sub. Later rows: Up gives all zeros → Up (ties keep the earlier filter).
        using Image image = Image.Create(6, 4, PixelFormat.Gray8);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                image[x, y] = (byte)(50 * x);
            }
        }

        using var stream = new MemoryStream();
        PngEncoder.Encode(image, stream, PngEncoderOptions.Default);
        byte[] scanlines = InflateImageData(stream.ToArray());
        Assert.Equal(4 * 7, scanlines.Length);
        Assert.Equal([1, 2, 2, 2], new[] { scanlines[0], scanlines[7], scanlines[14], scanlines[21] });
    }

    [Fact]
    public void LevelZero_StoresUnfilteredRows()
    {
        using Image image = SyntheticImage(PixelFormat.Rgb24, 10, 5, seed: 3);
        using var stream = new MemoryStream();
        PngEncoder.Encode(image, stream, new PngEncoderOptions { CompressionLevel = 0 });
        byte[] scanlines = InflateImageData(stream.ToArray());
        for (int y = 0; y < 5; y++)
        {
            Assert.Equal(0, scanlines[y * 31]);
        }
    }

    [Fact]
    public void CompressionLevelOutOfRange_Throws()
    {
        using Image image = Image.Create(1, 1, PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(image, new MemoryStream(), new PngEncoderOptions { CompressionLevel = 10 }));
    }

    internal static Image SyntheticImage(PixelFormat format, int width, int height, int seed, bool noiseOnly = false)
    {
        var rng = new Random(seed);
        var image = Image.Create(width, height, format);
        int channels = image.Channels;
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = image.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    int smooth = ((x * 3) + (y * 5) + (c * 40)) & 0xFF;
                    row[(x * channels) + c] = noiseOnly || rng.Next(4) == 0 ? (byte)rng.Next(256) : (byte)smooth;
                }
            }
        }

        return image;
    }

    private static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (int pos = 8; pos < png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            types.Add(System.Text.Encoding.ASCII.GetString(png, pos + 4, 4));
            Assert.Equal(PngCrc32.Compute(png.AsSpan(pos + 4, length + 4)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length)));
            pos += 12 + length;
        }

        return types;
    }

    private static byte[] InflateImageData(byte[] png)
    {
        using var compressed = new MemoryStream();
        for (int pos = 8; pos < png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (png.AsSpan(pos + 4, 4).SequenceEqual("IDAT"u8))
            {
                compressed.Write(png, pos + 8, length);
            }

            pos += 12 + length;
        }

        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
