using NoteGuard.Imaging.Formats.Png;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>Malformed PNGs end in <see cref="InvalidImageException"/> whose message says what and where.</summary>
public sealed class PngBadInputTests
{
    /// <summary>Decoding a rejected header must not allocate anything image-sized (a 1 MB allowance for test noise).</summary>
    private const long SmallAllocationBytes = 1 << 20;

    private static InvalidImageException DecodeFails(byte[] png, DecoderOptions? options = null) =>
        Assert.ThrowsAny<InvalidImageException>(() => PngDecoder.Decode(png, options ?? DecoderOptions.Default).Dispose());

    private static byte[] WithHeader(byte[] ihdr, byte[] raw) =>
        new PngBuilder().Chunk("IHDR", ihdr).Chunk("IDAT", PngBuilder.Zlib(raw)).End().ToArray();

    [Fact]
    public void EveryTruncation_IsRejected()
    {
        byte[] png = PngBuilder.SimpleGray(7, 5);
        for (int length = 0; length < png.Length; length++)
        {
            var ex = DecodeFails(png[..length]);
            Assert.StartsWith("PNG", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TruncatedInsideIdat_NamesTheChunk()
    {
        byte[] png = PngBuilder.SimpleGray(7, 5);
        var ex = DecodeFails(png[..50]);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'IDAT'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(33, ex.Offset);
    }

    [Fact]
    public void WrongSignature_IsRejectedAtOffsetZero()
    {
        byte[] png = PngBuilder.SimpleGray(2, 2);
        png[1] ^= 0x20;
        var ex = DecodeFails(png);
        Assert.Equal(0, ex.Offset);
        Assert.Contains("signature", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, "IHDR")]
    [InlineData(33, "IDAT")]
    public void CriticalChunkCrcError_IsFatal(int chunkOffset, string chunk)
    {
        byte[] png = PngBuilder.SimpleGray(4, 3);
        int length = (png[chunkOffset] << 24) | (png[chunkOffset + 1] << 16) | (png[chunkOffset + 2] << 8) | png[chunkOffset + 3];
        png[chunkOffset + 8 + length] ^= 0x40;
        var ex = DecodeFails(png);
        Assert.Contains("CRC mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{chunk}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(chunkOffset, ex.Offset);
    }

    [Fact]
    public void IendCrcError_IsFatal()
    {
        byte[] png = PngBuilder.SimpleGray(4, 3);
        png[^1] ^= 1;
        var ex = DecodeFails(png);
        Assert.Contains("'IEND'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LyingIhdr_HugeSize_IsRejectedBeforeAllocation()
    {
        byte[] png = WithHeader(PngBuilder.Ihdr(2_000_000_000, 2_000_000_000, 16, 6), [0, 1, 2]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = DecodeFails(png);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("MaxPixels", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < SmallAllocationBytes, $"allocated {allocated} bytes before rejecting");
    }

    [Fact]
    public void MaxPixels_IsHonoured()
    {
        byte[] png = PngBuilder.SimpleGray(33, 17);
        var ex = DecodeFails(png, new DecoderOptions { MaxPixels = 500 });
        Assert.Contains("exceeds the limit of 500 pixels", ex.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<InvalidImageException>(() => PngDecoder.Identify(png, new DecoderOptions { MaxPixels = 500 }));
        using Image ok = PngDecoder.Decode(png, new DecoderOptions { MaxPixels = 33 * 17 });
        Assert.Equal(33, ok.Width);
    }

    [Fact]
    public void LyingIhdr_WithinBudgetButTooLittleData_IsRejectedBeforeAllocation()
    {
        // 10000×10000 RGBA (100 MP, inside the default budget) cannot come out of a few dozen compressed bytes.
        byte[] png = WithHeader(PngBuilder.Ihdr(10_000, 10_000, 8, 6), new byte[100]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = DecodeFails(png);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("too few to inflate", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < SmallAllocationBytes, $"allocated {allocated} bytes before rejecting");
    }

    [Fact]
    public void SideLongerThanImageMaxDimension_IsUnsupported()
    {
        byte[] png = WithHeader(PngBuilder.Ihdr(100_000, 1, 1, 0), new byte[10]);
        Assert.Throws<UnsupportedImageException>(() => PngDecoder.Decode(png, DecoderOptions.Default));
    }

    [Fact]
    public void BadFilterByte_NamesRow()
    {
        byte[] raw = [0, 1, 2, 5, 3, 4];
        var ex = DecodeFails(WithHeader(PngBuilder.Ihdr(2, 3, 8, 0), [.. raw, 0, 9, 9]));
        Assert.Contains("unknown filter type 5 on row 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFilterByteInInterlacedPass_NamesPass()
    {
        // 1×1 Adam7 image: only pass 1 has a pixel.
        var ex = DecodeFails(WithHeader(PngBuilder.Ihdr(1, 1, 8, 0, interlace: 1), [7, 0]));
        Assert.Contains("row 0 of Adam7 pass 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingIdat_IsRejected()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(2, 2, 8, 0)).End().ToArray();
        var ex = DecodeFails(png);
        Assert.Contains("without any IDAT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingIend_IsRejected()
    {
        byte[] png = PngBuilder.SimpleGray(2, 2)[..^12];
        var ex = DecodeFails(png);
        Assert.Contains("without an IEND", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptZlib_IsRejectedWithCause()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(4, 4, 8, 0)).Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]).End().ToArray();
        var ex = DecodeFails(png);
        Assert.Contains("zlib stream in IDAT is corrupt", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x34, 0x56, 0x78 }, "does not announce deflate")]
    [InlineData(new byte[] { 0x78, 0x9D, 0x01, 0x02 }, "fails its FCHECK")]
    [InlineData(new byte[] { 0x78, 0xBB, 0x00, 0x00, 0x00, 0x01, 0x63, 0x00 }, "preset dictionary")]
    [InlineData(new byte[] { 0x78 }, "too few for a zlib header")]
    public void BadZlibHeader_IsRejectedBeforeInflating(byte[] idat, string expected)
    {
        // Found by fuzzing: a preset-dictionary flag made ZLibStream throw ZLibException rather than InvalidDataException.
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(4, 4, 8, 0)).Chunk("IDAT", idat).End().ToArray();
        Assert.Contains(expected, DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZlibHeaderSplitAcrossIdatChunks_IsAccepted()
    {
        byte[] stream = PngBuilder.Zlib([0, 5, 6]);
        byte[] png = new PngBuilder()
            .Chunk("IHDR", PngBuilder.Ihdr(2, 1, 8, 0))
            .Chunk("IDAT", [])
            .Chunk("IDAT", stream.AsSpan(0, 1))
            .Chunk("IDAT", stream.AsSpan(1))
            .End()
            .ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        PixelAssert.Exact([5, 6], image.Pixels, 2, 1, "gray");
    }

    [Fact]
    public void TooLittleImageData_SaysWhichRow()
    {
        var ex = DecodeFails(WithHeader(PngBuilder.Ihdr(3, 4, 8, 0), [0, 1, 2, 3, 0, 4, 5, 6]));
        Assert.Contains("image data ends early: row 2 needs 4 bytes but only 0 were left", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SurplusImageData_IsTolerated()
    {
        using Image image = PngDecoder.Decode(WithHeader(PngBuilder.Ihdr(2, 1, 8, 0), [0, 7, 8, 0, 9, 9]), DecoderOptions.Default);
        PixelAssert.Exact([7, 8], image.Pixels, 2, 1, "gray");
    }

    [Theory]
    [InlineData(8, 5, 0, 0, 0, "colour type 5 with bit depth 8")]
    [InlineData(4, 2, 0, 0, 0, "colour type 2 with bit depth 4")]
    [InlineData(16, 3, 0, 0, 0, "colour type 3 with bit depth 16")]
    [InlineData(8, 0, 1, 0, 0, "compression method 1")]
    [InlineData(8, 0, 0, 1, 0, "filter method 1")]
    [InlineData(8, 0, 0, 0, 2, "interlace method 2")]
    public void IllegalIhdrFields_AreRejected(byte depth, byte colorType, byte compression, byte filter, byte interlace, string expected)
    {
        byte[] ihdr = PngBuilder.Ihdr(2, 2, depth, colorType, interlace, compression, filter);
        var ex = DecodeFails(WithHeader(ihdr, new byte[20]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 5u)]
    [InlineData(5u, 0u)]
    [InlineData(0x80000000u, 1u)]
    public void IllegalIhdrSize_IsRejected(uint width, uint height)
    {
        var ex = DecodeFails(WithHeader(PngBuilder.Ihdr(width, height, 8, 0), [0, 0]));
        Assert.Contains("IHDR size", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IhdrOfWrongLength_IsRejected()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", new byte[12]).End().ToArray();
        Assert.Contains("expected 13", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstChunkNotIhdr_IsRejected()
    {
        byte[] png = new PngBuilder().Chunk("tEXt", "a\0b"u8).Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 0)).End().ToArray();
        Assert.Contains("expected IHDR", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCriticalChunk_IsUnsupported()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 0)).Chunk("ABCD", [1]).Chunk("IDAT", PngBuilder.Zlib([0, 0])).End().ToArray();
        var ex = Assert.Throws<UnsupportedImageException>(() => PngDecoder.Decode(png, DecoderOptions.Default));
        Assert.Contains("'ABCD'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAncillaryChunk_IsSkipped()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 0)).Chunk("abCd", [1]).Chunk("IDAT", PngBuilder.Zlib([0, 42])).End().ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        Assert.Equal(42, image[0, 0]);
    }

    [Fact]
    public void NonLetterChunkType_IsRejected()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 0)).Chunk("ID1T", [1]).End().ToArray();
        Assert.Contains("not ASCII letters", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkLengthOver2GiB_IsRejected()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 0)).Raw([0x80, 0, 0, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T']).Raw(new byte[16]).ToArray();
        Assert.Contains("exceeds the PNG limit", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PaletteImageWithoutPlte_IsRejected()
    {
        var ex = DecodeFails(WithHeader(PngBuilder.Ihdr(1, 1, 8, 3), [0, 0]));
        Assert.Contains("no PLTE", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(771)]
    public void PlteOfBadLength_IsRejected(int length)
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 3)).Chunk("PLTE", new byte[length]).Chunk("IDAT", PngBuilder.Zlib([0, 0])).End().ToArray();
        Assert.Contains("PLTE length", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlteInGrayImage_IsRejected()
    {
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 0)).Chunk("PLTE", new byte[3]).Chunk("IDAT", PngBuilder.Zlib([0, 0])).End().ToArray();
        Assert.Contains("PLTE chunk is not allowed", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitIdatWithChunkBetween_IsRejected()
    {
        byte[] stream = PngBuilder.Zlib([0, 1, 0, 2]);
        byte[] png = new PngBuilder()
            .Chunk("IHDR", PngBuilder.Ihdr(1, 2, 8, 0))
            .Chunk("IDAT", stream.AsSpan(0, 4))
            .Chunk("tEXt", "k\0v"u8)
            .Chunk("IDAT", stream.AsSpan(4))
            .End()
            .ToArray();
        Assert.Contains("not consecutive", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIhdr_IsRejected()
    {
        byte[] ihdr = PngBuilder.Ihdr(1, 1, 8, 0);
        byte[] png = new PngBuilder().Chunk("IHDR", ihdr).Chunk("IHDR", ihdr).Chunk("IDAT", PngBuilder.Zlib([0, 0])).End().ToArray();
        Assert.Contains("duplicate IHDR", DecodeFails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrnsOnRgbaImage_IsIgnored()
    {
        byte[] png = new PngBuilder()
            .Chunk("IHDR", PngBuilder.Ihdr(1, 1, 8, 6))
            .Chunk("tRNS", [0, 1, 0, 2, 0, 3])
            .Chunk("IDAT", PngBuilder.Zlib([0, 1, 2, 3, 200]))
            .End()
            .ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        PixelAssert.Exact([1, 2, 3, 200], image.Pixels, 1, 4, "rgba");
    }
}
