namespace NoteGuard.Imaging.Formats.Png;

/// <summary>PNG colour types (IHDR byte 9).</summary>
internal enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}

/// <summary>The validated IHDR fields and the row geometry that follows from them.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel in the file (palette index counts as one).</summary>
    public int SamplesPerPixel => ColorType switch
    {
        PngColorType.Rgb => 3,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgba => 4,
        _ => 1,
    };

    /// <summary>Bits per pixel in the file: 1..64.</summary>
    public int BitsPerPixel => SamplesPerPixel * BitDepth;

    /// <summary>The filter unit: bytes per complete pixel, rounded up to 1 (PNG spec 9.2, "bpp").</summary>
    public int FilterUnit => Math.Max(1, BitsPerPixel / 8);

    /// <summary>Filtered row length without the filter-type byte for a row of <paramref name="pixels"/> pixels.</summary>
    public long RowBytes(long pixels) => ((pixels * BitsPerPixel) + 7) / 8;

    /// <summary>Total decompressed size of the image data stream: every (sub-image) row plus its filter byte.</summary>
    public long ExpectedDataBytes()
    {
        if (!Interlaced)
        {
            return Height * (1 + RowBytes(Width));
        }

        long total = 0;
        for (int pass = 0; pass < Adam7.PassCount; pass++)
        {
            var (w, h) = Adam7.PassSize(pass, Width, Height);
            if (w > 0 && h > 0)
            {
                total += h * (1 + RowBytes(w));
            }
        }

        return total;
    }

    /// <summary>Checks the bit depth / colour type pairs allowed by PNG spec table 11.1.</summary>
    public static bool IsLegalDepth(PngColorType colorType, int bitDepth) => colorType switch
    {
        PngColorType.Gray => bitDepth is 1 or 2 or 4 or 8 or 16,
        PngColorType.Palette => bitDepth is 1 or 2 or 4 or 8,
        PngColorType.Rgb or PngColorType.GrayAlpha or PngColorType.Rgba => bitDepth is 8 or 16,
        _ => false,
    };
}

/// <summary>The seven Adam7 interlace passes (PNG spec 8.2).</summary>
internal static class Adam7
{
    public const int PassCount = 7;

    private static readonly int[] s_startX = [0, 4, 0, 2, 0, 1, 0];
    private static readonly int[] s_startY = [0, 0, 4, 0, 2, 0, 1];
    private static readonly int[] s_stepX = [8, 8, 4, 4, 2, 2, 1];
    private static readonly int[] s_stepY = [8, 8, 8, 4, 4, 2, 2];

    public static int StartX(int pass) => s_startX[pass];

    public static int StartY(int pass) => s_startY[pass];

    public static int StepX(int pass) => s_stepX[pass];

    public static int StepY(int pass) => s_stepY[pass];

    /// <summary>Width and height of the reduced image of <paramref name="pass"/>; either may be zero.</summary>
    public static (int Width, int Height) PassSize(int pass, int width, int height)
    {
        int w = width > s_startX[pass] ? (int)(((long)width - s_startX[pass] + s_stepX[pass] - 1) / s_stepX[pass]) : 0;
        int h = height > s_startY[pass] ? (int)(((long)height - s_startY[pass] + s_stepY[pass] - 1) / s_stepY[pass]) : 0;
        return (w, h);
    }
}
