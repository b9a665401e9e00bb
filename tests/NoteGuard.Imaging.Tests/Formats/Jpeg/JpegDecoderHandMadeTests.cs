using NoteGuard.Imaging.Formats.Jpeg;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>Tiny JPEG streams assembled byte by byte, with pixel values computed by hand.</summary>
public sealed class JpegDecoderHandMadeTests
{
    /// <summary>
    /// One 8×8 gray block, DC only. DQT: every step 8. DC table: one 1-bit code "0" for size 5; AC table: one
    /// 1-bit code "0" for EOB. Entropy bits: 0 (size 5) 10100 (+20) 0 (EOB), padded with ones = 0x51.
    /// Dequantised DC = 160; islow's DC-only path gives ((160·4) + 16) >> 5 = 20, plus 128 = 148 everywhere.
    /// </summary>
    [Fact]
    public void SingleGrayBlock_DcOnly_IsFlat148()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        using Image image = JpegDecoder.Decode(jpeg, DecoderOptions.Default);
        Assert.Equal(PixelFormat.Gray8, image.Format);
        Assert.Equal(8, image.Width);
        Assert.All(image.Pixels.ToArray(), p => Assert.Equal(148, p));
    }

    /// <summary>
    /// 3 components 4:4:4, DC only: Y = 148 (as above), Cb diff 0 → 128, Cr diff +20 → 148.
    /// R = 148 + ((91881·20 + 32768) >> 16) = 148 + 28 = 176; G = 148 + ((−46802·20 + 32768) >> 16) = 148 − 14 = 134;
    /// B = 148 + 0 = 148 (jdcolor.c fixed point; 1.402·20 = 28.04, 0.71414·20 = 14.28).
    /// Bits: Y "0 10100 0" (DC table 0: "0" = size 5), Cb "0 0" (DC table 1: "0" = size 0, then EOB),
    /// Cr "0 10100 0": 0101000 00 0101000 = 0101 0000 0010 1000 = 0x50 0x28.
    /// </summary>
    [Fact]
    public void SingleColourBlock_YCbCr_ConvertsWithLibjpegRounding()
    {
        byte[] jpeg = Colour8x8([0x50, 0x28]);
        using Image image = JpegDecoder.Decode(jpeg, DecoderOptions.Default);
        Assert.Equal(PixelFormat.Rgb24, image.Format);
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(176, image.Pixels[3 * i]);
            Assert.Equal(134, image.Pixels[(3 * i) + 1]);
            Assert.Equal(148, image.Pixels[(3 * i) + 2]);
        }
    }

    [Fact]
    public void OverSubscribedHuffmanTable_IsInvalid()
    {
        // Three codes of length 1 cannot exist.
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51], dcCounts: [3], dcSymbols: [1, 2, 3]);
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("Huffman", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Offset > 0);
    }

    [Fact]
    public void QuantTableIdOutOfRange_IsInvalid()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        int sof = IndexOfMarker(jpeg, 0xC0);
        jpeg[sof + 4 + 8] = 7; // Tq of component 1
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("quantisation table 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanReferencingUnknownComponent_IsInvalid()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        int sos = IndexOfMarker(jpeg, 0xDA);
        jpeg[sos + 5] = 9; // Cs
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("component id 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedQuantTable_IsInvalid()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        int sof = IndexOfMarker(jpeg, 0xC0);
        jpeg[sof + 4 + 8] = 2;
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("not defined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedDimensions_AreRejectedBeforeAllocation()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        int sof = IndexOfMarker(jpeg, 0xC0);
        jpeg[sof + 5] = 0xFF; // height 65535
        jpeg[sof + 6] = 0xFF;
        jpeg[sof + 7] = 0xFF; // width 65535
        jpeg[sof + 8] = 0xFF;
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("MaxPixels", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidImageException>(() => JpegDecoder.Identify(jpeg, DecoderOptions.Default));
    }

    [Fact]
    public void TwelveBitPrecision_IsUnsupported()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        jpeg[IndexOfMarker(jpeg, 0xC0) + 4] = 12;
        var ex = Assert.Throws<UnsupportedImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("12-bit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LosslessFrame_IsUnsupported()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        jpeg[IndexOfMarker(jpeg, 0xC0) + 1] = 0xC3;
        var ex = Assert.Throws<UnsupportedImageException>(() => JpegDecoder.Decode(jpeg, DecoderOptions.Default));
        Assert.Contains("lossless", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSoi_IsInvalid()
    {
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode([0xFF, 0xD9], DecoderOptions.Default));
        Assert.Contains("SOI", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Offset);
    }

    [Fact]
    public void MissingEoi_IsTolerated_WhenTheScanIsComplete()
    {
        byte[] jpeg = Gray8x8(dcSizeSymbol: 5, entropy: [0x51]);
        using Image image = JpegDecoder.Decode(jpeg.AsSpan(0, jpeg.Length - 2), DecoderOptions.Default);
        Assert.Equal(148, image[3, 3]);
    }

    private static int IndexOfMarker(byte[] data, byte marker)
    {
        for (int i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException("marker not found");
    }

    private static byte[] Gray8x8(byte dcSizeSymbol, byte[] entropy, byte[]? dcCounts = null, byte[]? dcSymbols = null)
    {
        var s = new List<byte> { 0xFF, 0xD8 };
        AddQuant(s);
        s.AddRange([0xFF, 0xC0, 0x00, 0x0B, 8, 0x00, 0x08, 0x00, 0x08, 1, 1, 0x11, 0]);
        AddHuffman(s, 0x00, dcCounts ?? [1], dcSymbols ?? [dcSizeSymbol]);
        AddHuffman(s, 0x10, [1], [0x00]);
        s.AddRange([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0]);
        s.AddRange(entropy);
        s.AddRange([0xFF, 0xD9]);
        return [.. s];
    }

    private static byte[] Colour8x8(byte[] entropy)
    {
        var s = new List<byte> { 0xFF, 0xD8 };
        AddQuant(s);
        s.AddRange([0xFF, 0xC0, 0x00, 0x11, 8, 0x00, 0x08, 0x00, 0x08, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);

        AddHuffman(s, 0x00, [1], [5]);
        AddHuffman(s, 0x01, [1], [0]);
        AddHuffman(s, 0x10, [1], [0x00]);
        s.AddRange([0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0x00, 2, 0x10, 3, 0x00, 0, 63, 0]);
        s.AddRange(entropy);
        s.AddRange([0xFF, 0xD9]);
        return [.. s];
    }

    private static void AddQuant(List<byte> s)
    {
        s.AddRange([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        for (int i = 0; i < 64; i++)
        {
            s.Add(8);
        }
    }

    private static void AddHuffman(List<byte> s, byte classAndId, byte[] counts, byte[] symbols)
    {
        int length = 2 + 1 + 16 + symbols.Length;
        s.AddRange([0xFF, 0xC4, (byte)(length >> 8), (byte)length, classAndId]);
        for (int i = 0; i < 16; i++)
        {
            s.Add(i < counts.Length ? counts[i] : (byte)0);
        }

        s.AddRange(symbols);
    }
}
