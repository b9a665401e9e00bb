namespace NoteGuard.Imaging.Formats.Png;

/// <summary>Everything the chunk walk learned: header, palette, transparency, colour facts and where the image data lies.</summary>
internal sealed class PngMetadata
{
    public PngMetadata(PngHeader header)
    {
        Header = header;
    }

    public PngHeader Header { get; }

    /// <summary>PLTE entries as R,G,B triples (null when absent).</summary>
    public byte[]? Palette { get; set; }

    /// <summary>tRNS alpha per palette entry; entries past its end are opaque (null when absent).</summary>
    public byte[]? PaletteAlpha { get; set; }

    /// <summary>Whether a gray or RGB tRNS colour key applies.</summary>
    public bool HasColorKey { get; set; }

    /// <summary>The colour key at the file's bit depth (gray uses <see cref="KeyRed"/> only), already masked to that depth.</summary>
    public ushort KeyRed { get; set; }

    public ushort KeyGreen { get; set; }

    public ushort KeyBlue { get; set; }

    /// <summary>gAMA value × 100000, when present and valid.</summary>
    public uint? Gamma { get; set; }

    /// <summary>sRGB rendering intent, when present.</summary>
    public int? SrgbIntent { get; set; }

    /// <summary>Offsets and lengths of IDAT payloads, in file order.</summary>
    public List<(int Offset, int Length)> ImageData { get; } = [];

    /// <summary>Total IDAT payload bytes.</summary>
    public long ImageDataBytes { get; set; }

    /// <summary>Offset of the first IDAT chunk, for error messages.</summary>
    public int FirstImageDataOffset { get; set; } = -1;

    /// <summary>Ancillary chunks that were skipped because their CRC did not match.</summary>
    public List<string> DiscardedChunks { get; } = [];

    /// <summary>True when the output carries alpha: an alpha channel or a usable tRNS.</summary>
    public bool HasTransparency =>
        Header.ColorType is PngColorType.GrayAlpha or PngColorType.Rgba || PaletteAlpha is not null || HasColorKey;

    /// <summary>The 8-bit layout <see cref="PngDecoder"/> produces for this file.</summary>
    public PixelFormat OutputFormat => Header.ColorType switch
    {
        PngColorType.Gray => HasColorKey ? PixelFormat.Rgba32 : PixelFormat.Gray8,
        PngColorType.Rgb => HasColorKey ? PixelFormat.Rgba32 : PixelFormat.Rgb24,
        PngColorType.Palette => PaletteAlpha is not null ? PixelFormat.Rgba32 : PixelFormat.Rgb24,
        _ => PixelFormat.Rgba32,
    };
}
