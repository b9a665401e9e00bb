using NoteGuard.Imaging.Formats.Png;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>Small cases whose pixels are worked out by hand.</summary>
public sealed class PngHandMadeTests
{
    /// <summary>
    /// A 2×2 RGBA file written by Python's zlib (not by NoteGuard): row 0 uses Sub, row 1 uses Paeth.
    /// Pixels: (10,20,30,255) (40,60,90,128) / (15,25,35,0) (50,70,100,255).
    /// Row 0 Sub bytes: 10,20,30,255, 30,40,60,129. Row 1 Paeth: first pixel predicts from above → 5,5,5,1;
    /// second: a=(15,25,35,0) b=(40,60,90,128) c=(10,20,30,255), Paeth picks b for R,G,B (10,10,10) and a for A (255).
    /// </summary>
    private static readonly byte[] s_twoByTwo = Convert.FromHexString(
        "89504E470D0A1A0A0000000D494844520000000200000002080600000072B60D" +
        "240000001A4944415478DA63E41291FB2FA761D3C8C2CACACAC8C5C5F51F001E" +
        "B103716E47F3E00000000049454E44AE426082");

    [Fact]
    public void Crc32_MatchesPublishedCheckValues()
    {
        // "123456789" → 0xCBF43926 is the standard CRC-32 check value; 0xAE426082 is the CRC every IEND chunk carries.
        Assert.Equal(0xCBF43926u, PngCrc32.Compute("123456789"u8));
        Assert.Equal(0xAE426082u, PngCrc32.Compute("IEND"u8));
        Assert.Equal(0u, PngCrc32.Compute([]));
        var long1 = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        uint whole = PngCrc32.Compute(long1);
        uint split = ~PngCrc32.Update(PngCrc32.Update(0xFFFFFFFFu, long1.AsSpan(0, 333)), long1.AsSpan(333));
        Assert.Equal(whole, split);
    }

    [Fact]
    public void TwoByTwo_SubAndPaeth_DecodeToKnownPixels()
    {
        using Image image = PngDecoder.Decode(s_twoByTwo, DecoderOptions.Default);
        Assert.Equal(PixelFormat.Rgba32, image.Format);
        byte[] expected = [10, 20, 30, 255, 40, 60, 90, 128, 15, 25, 35, 0, 50, 70, 100, 255];
        PixelAssert.Exact(expected, image.Pixels, 2, 4, "2×2 RGBA");
    }

    [Fact]
    public void PaethPredictor_FollowsSpecTieBreaking()
    {
        // p = a + b − c; ties prefer a, then b, then c (PNG spec 9.4).
        Assert.Equal(10, PngFilters.PaethPredictor(10, 10, 10));
        Assert.Equal(50, PngFilters.PaethPredictor(50, 60, 60)); // p = 50 → a
        Assert.Equal(60, PngFilters.PaethPredictor(50, 60, 50)); // p = 60 → b
        Assert.Equal(55, PngFilters.PaethPredictor(50, 60, 55)); // p = 55, pa = 5, pb = 5, pc = 0 → c
    }

    [Fact]
    public void Gray2Bit_ScalesBy85AndPacksMostSignificantFirst()
    {
        // One row of 5 pixels with values 0,1,2,3,1 → bytes 0b00011011, 0b01000000.
        byte[] raw = [0, 0b0001_1011, 0b0100_0000];
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(5, 1, 2, 0)).Chunk("IDAT", PngBuilder.Zlib(raw)).End().ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        PixelAssert.Exact([0, 85, 170, 255, 85], image.Pixels, 5, 1, "2-bit gray");
    }

    [Fact]
    public void Gray16_RoundsToNearest()
    {
        // v·255/65535: 128 → 0.498 → 0; 129 → 0.502 → 1; 65535 → 255; 32896 → 128.0 → 128; 33024 → 128.498 → 128.
        byte[] raw = [0, 0x00, 0x80, 0x00, 0x81, 0xFF, 0xFF, 0x80, 0x80, 0x81, 0x00];
        byte[] png = new PngBuilder().Chunk("IHDR", PngBuilder.Ihdr(5, 1, 16, 0)).Chunk("IDAT", PngBuilder.Zlib(raw)).End().ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        PixelAssert.Exact([0, 1, 255, 128, 128], image.Pixels, 5, 1, "16-bit gray");
    }

    [Fact]
    public void PaletteIndexPastPlte_IsOpaqueBlack()
    {
        byte[] raw = [0, 0, 1, 7];
        byte[] png = new PngBuilder()
            .Chunk("IHDR", PngBuilder.Ihdr(3, 1, 8, 3))
            .Chunk("PLTE", [255, 0, 0, 0, 255, 0])
            .Chunk("tRNS", [128])
            .Chunk("IDAT", PngBuilder.Zlib(raw))
            .End()
            .ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        Assert.Equal(PixelFormat.Rgba32, image.Format);
        PixelAssert.Exact([255, 0, 0, 128, 0, 255, 0, 255, 0, 0, 0, 255], image.Pixels, 3, 4, "palette");
    }

    [Fact]
    public void AncillaryChunkWithBadCrc_IsSkipped()
    {
        byte[] raw = [0, 1, 2];
        byte[] png = new PngBuilder()
            .Chunk("IHDR", PngBuilder.Ihdr(2, 1, 8, 0))
            .Chunk("tRNS", [0, 1], corruptCrc: true)
            .Chunk("IDAT", PngBuilder.Zlib(raw))
            .End()
            .ToArray();
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        Assert.Equal(PixelFormat.Gray8, image.Format);
        PixelAssert.Exact([1, 2], image.Pixels, 2, 1, "gray");
    }

    [Fact]
    public void DataAfterIend_IsIgnored()
    {
        byte[] png = [.. PngBuilder.SimpleGray(3, 2), .. "trailing junk"u8];
        using Image image = PngDecoder.Decode(png, DecoderOptions.Default);
        PixelAssert.Exact([0, 1, 2, 1, 2, 3], image.Pixels, 3, 1, "gray");
    }
}
