using System.Text;
using NoteGuard.Imaging.Formats.Pnm;
using NoteGuard.Imaging.Tests.Formats.Png;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Pnm;

/// <summary>Netpbm reading (hand-written P1–P6 cases), writing round trips and malformed input.</summary>
public sealed class PnmCodecTests
{
    /// <summary>A rejected header must not allocate anything image-sized (1 MB allowance for test noise).</summary>
    private const long SmallAllocationBytes = 1 << 20;

    private static Image Decode(string text) => PnmCodec.Decode(Encoding.ASCII.GetBytes(text), DecoderOptions.Default);

    private static Image Decode(byte[] data) => PnmCodec.Decode(data, DecoderOptions.Default);

    private static InvalidImageException Fails(byte[] data, DecoderOptions? options = null) =>
        Assert.ThrowsAny<InvalidImageException>(() => PnmCodec.Decode(data, options ?? DecoderOptions.Default).Dispose());

    private static InvalidImageException Fails(string text) => Fails(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void P1_WithCommentsAndAdjacentDigits_MapsOneToBlack()
    {
        using Image image = Decode("P1\n# a comment\n3 # inline\n2\n0 1 0\n101");
        Assert.Equal(PixelFormat.Gray8, image.Format);
        PixelAssert.Exact([255, 0, 255, 0, 255, 0], image.Pixels, 3, 1, "P1");
    }

    [Fact]
    public void P2_ScalesByRoundingToNearest()
    {
        // maxval 1000: 2 → 0.51 → 1; 500 → 127.5 → 128 (half up); 998 → 254.49 → 254; 1000 → 255.
        using Image image = Decode("P2\r\n5 1\r\n1000\r\n0 2\t500\n998 1000\n");
        PixelAssert.Exact([0, 1, 128, 254, 255], image.Pixels, 5, 1, "P2");
        using Image small = Decode("P2 3 1 15 0 7 15");
        PixelAssert.Exact([0, 119, 255], small.Pixels, 3, 1, "P2 maxval 15");
    }

    [Fact]
    public void P3_ReadsRgbTriples()
    {
        using Image image = Decode("P3\n2 1\n255\n1 2 3  4 5 6\n");
        Assert.Equal(PixelFormat.Rgb24, image.Format);
        PixelAssert.Exact([1, 2, 3, 4, 5, 6], image.Pixels, 2, 3, "P3");
    }

    [Fact]
    public void P4_PacksMostSignificantBitFirstWithPaddedRows()
    {
        // Width 10: two bytes a row. Row bits 1010000000 → 0,255,0,255,255,...; second row 0000000001.
        byte[] data = [.. "P4\n10 2\n"u8, 0b1010_0000, 0b0000_0000, 0b0000_0000, 0b0100_0000];
        using Image image = Decode(data);
        PixelAssert.Exact(
            [0, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0],
            image.Pixels,
            10,
            1,
            "P4");
    }

    [Fact]
    public void P5_SixteenBitBigEndian_RoundsLikePng()
    {
        // maxval 65535: 128 → 0.498 → 0, 129 → 0.502 → 1, 33025 → 128.502 → 129, 65535 → 255.
        byte[] data = [.. "P5 4 1 65535\n"u8, 0x00, 0x80, 0x00, 0x81, 0x81, 0x01, 0xFF, 0xFF];
        using Image image = Decode(data);
        PixelAssert.Exact([0, 1, 129, 255], image.Pixels, 4, 1, "P5 16-bit");
    }

    [Fact]
    public void P6_WithMaxval1_ScalesTo255()
    {
        byte[] data = [.. "P6 2 1 1\n"u8, 0, 1, 0, 1, 1, 1];
        using Image image = Decode(data);
        PixelAssert.Exact([0, 255, 0, 255, 255, 255], image.Pixels, 2, 3, "P6 maxval 1");
    }

    [Fact]
    public void TrailingDataAfterTheRaster_IsIgnored()
    {
        byte[] data = [.. "P5 2 1 255\n"u8, 7, 9, .. "P5 junk"u8];
        using Image image = Decode(data);
        PixelAssert.Exact([7, 9], image.Pixels, 2, 1, "P5");
    }

    [Theory]
    [InlineData(PixelFormat.Gray8, false)]
    [InlineData(PixelFormat.Gray8, true)]
    [InlineData(PixelFormat.Rgb24, true)]
    [InlineData(PixelFormat.Rgba32, true)]
    public void WriteThenRead_RoundTrips(PixelFormat format, bool pixmap)
    {
        PnmKind kind = pixmap ? PnmKind.Pixmap : PnmKind.Graymap;
        using Image original = Png.PngEncoderTests.SyntheticImage(format, 37, 11, seed: 9);
        using var stream = new MemoryStream();
        PnmCodec.Encode(original, stream, kind);
        byte[] data = stream.ToArray();
        Assert.Equal(kind == PnmKind.Graymap ? "P5\n37 11\n255\n" : "P6\n37 11\n255\n", Encoding.ASCII.GetString(data, 0, 13));
        using Image decoded = Decode(data);
        byte[] expected = PixelAssert.ToRgba(original);
        if (format == PixelFormat.Rgba32)
        {
            for (int i = 3; i < expected.Length; i += 4)
            {
                expected[i] = 255; // PNM has no alpha: it is dropped.
            }
        }

        PixelAssert.Exact(expected, PixelAssert.ToRgba(decoded), 37, 4, $"{format} as {kind}");
    }

    [Fact]
    public void ColourImageAsGraymap_ThrowsArgumentException()
    {
        using Image image = Image.Create(2, 2, PixelFormat.Rgb24);
        Assert.Throws<ArgumentException>(() => PnmCodec.Encode(image, new MemoryStream(), PnmKind.Graymap));
    }

    [Fact]
    public void Identify_ReportsKindAndDepth()
    {
        ImageInfo info = PnmCodec.Identify([.. "P6 4 3 65535\n"u8, .. new byte[72]], DecoderOptions.Default);
        Assert.Equal((ImageFormat.Pnm, 4, 3, PixelFormat.Rgb24, 16), (info.Format, info.Width, info.Height, info.PixelFormat, info.BitDepth));
        Assert.Equal("P6", info.Details["kind"]);
        Assert.Equal("65535", info.Details["maxval"]);
        ImageInfo bitmap = PnmCodec.Identify("P1 2 2 0101"u8, DecoderOptions.Default);
        Assert.Equal((PixelFormat.Gray8, 1, "ascii"), (bitmap.PixelFormat, bitmap.BitDepth, bitmap.Details["encoding"]));
    }

    [Fact]
    public void EveryTruncation_IsRejected()
    {
        byte[] data = [.. "P5\n# c\n3 2\n300\n"u8, .. new byte[12]];
        for (int length = 0; length < data.Length; length++)
        {
            Fails(data[..length]);
        }

        foreach (string text in new[] { "P2 2 2 9 1 2 3", "P3 1 1 9 1 2", "P1 2 2 010" })
        {
            Assert.Contains("truncated", Fails(text).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("P7 1 1 255\n", "magic")]
    [InlineData("Px", "magic")]
    [InlineData("P21 1 1 0", "must be followed by whitespace")]
    [InlineData("P2 1 1 0 0", "maxval is 0")]
    [InlineData("P2 1 1 65536 0", "maxval is larger than 65535")]
    [InlineData("P2 x 1 255 0", "expected the width")]
    [InlineData("P2 0 1 255 0", "empty image")]
    [InlineData("P2 2 1 255 4 256", "exceeds maxval 255")]
    [InlineData("P2 2 1 255 4 a", "expected a decimal sample on row 0")]
    [InlineData("P1 2 1 12", "must be '0' or '1'")]
    [InlineData("P5 1 1 255x", "one whitespace byte before the raster")]
    [InlineData("P2 99999999999 1 255 0", "width is larger than")]
    public void BadHeadersAndSamples_AreRejectedWithReason(string text, string expected)
    {
        Assert.Contains(expected, Fails(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BinarySampleAboveMaxval_IsRejected()
    {
        byte[] data = [.. "P5 2 1 1000\n"u8, 0x03, 0xE8, 0x03, 0xE9];
        var ex = Fails(data);
        Assert.Contains("sample 1001 on row 0 exceeds maxval 1000", ex.Message, StringComparison.Ordinal);
        Assert.Equal(14, ex.Offset);
    }

    [Fact]
    public void HugeDeclaredSize_IsRejectedBeforeAllocation()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("MaxPixels", Fails("P6 60000 60000 255\n\0\0\0").Message, StringComparison.Ordinal);
        Assert.Contains("raster needs at least", Fails("P6 9000 9000 255\n\0\0\0").Message, StringComparison.Ordinal);
        Assert.Contains("raster needs at least", Fails("P2 9000 9000 255 1 2 3").Message, StringComparison.Ordinal);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < SmallAllocationBytes, $"allocated {allocated} bytes");
    }

    [Fact]
    public void MutatedFiles_EndInImageOrInvalidImageException()
    {
        var seeds = new List<(string, byte[])>
        {
            ("p1", "P1\n# c\n4 3\n0101\n1100\n0011\n"u8.ToArray()),
            ("p2", "P2\n3 2\n1000\n0 500 1000\n7 8 9\n"u8.ToArray()),
            ("p3", "P3 2 2 255 1 2 3 4 5 6 7 8 9 10 11 12"u8.ToArray()),
            ("p4", [.. "P4 9 2\n"u8, 0xAA, 0x80, 0x55, 0x00]),
            ("p5", [.. "P5 3 2 65535\n"u8, .. new byte[12]]),
            ("p6", [.. "P6 2 2 255\n"u8, .. Enumerable.Range(0, 12).Select(i => (byte)(i * 20))]),
        };
        var options = new DecoderOptions { MaxPixels = 1 << 16 };
        var failures = new List<string>();
        foreach (var (index, seed, data) in MutationFuzzer.Cases(seeds, 3000, randomSeed: 404))
        {
            try
            {
                PnmCodec.Decode(data, options).Dispose();
                PnmCodec.Identify(data, options);
            }
            catch (InvalidImageException)
            {
            }
            catch (Exception ex)
            {
                failures.Add($"case {index} (seed {seed}): {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }
}
