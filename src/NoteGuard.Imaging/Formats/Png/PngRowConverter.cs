using System.Runtime.CompilerServices;

namespace NoteGuard.Imaging.Formats.Png;

/// <summary>
/// Turns one unfiltered scanline (file layout: any colour type, bit depths 1..16, big-endian 16-bit samples) into
/// interleaved 8-bit output pixels. Gray with 1/2/4 bits is scaled to 0..255 (×255, ×85, ×17); 16-bit samples are
/// reduced by rounding, v·255/65535 = (v·255 + 32767) / 65535; palette indices go through a 256-entry RGBA table whose
/// entries past PLTE are opaque black (libpng's behaviour); a tRNS colour key is compared at the file's bit depth.
/// </summary>
internal sealed class PngRowConverter
{
    private readonly PngHeader _header;
    private readonly bool _hasKey;
    private readonly ushort _keyRed;
    private readonly ushort _keyGreen;
    private readonly ushort _keyBlue;
    private readonly byte[]? _paletteRgba;

    public PngRowConverter(PngMetadata png)
    {
        _header = png.Header;
        _hasKey = png.HasColorKey;
        _keyRed = png.KeyRed;
        _keyGreen = png.KeyGreen;
        _keyBlue = png.KeyBlue;
        OutputFormat = png.OutputFormat;
        if (png.Header.ColorType == PngColorType.Palette && png.Palette is { } palette)
        {
            _paletteRgba = new byte[256 * 4];
            for (int i = 0; i < 256; i++)
            {
                _paletteRgba[(4 * i) + 3] = 255;
            }

            int entries = Math.Min(256, palette.Length / 3);
            for (int i = 0; i < entries; i++)
            {
                _paletteRgba[4 * i] = palette[3 * i];
                _paletteRgba[(4 * i) + 1] = palette[(3 * i) + 1];
                _paletteRgba[(4 * i) + 2] = palette[(3 * i) + 2];
            }

            if (png.PaletteAlpha is { } alpha)
            {
                for (int i = 0; i < alpha.Length && i < 256; i++)
                {
                    _paletteRgba[(4 * i) + 3] = alpha[i];
                }
            }
        }
    }

    public PixelFormat OutputFormat { get; }

    /// <summary>Reduces a 16-bit sample to 8 bits with rounding (identical to libpng's png_set_scale_16 and ImageMagick).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Reduce16(int value) => (byte)((uint)((value * 255) + 32767) / 65535u);

    /// <summary>Converts the first <paramref name="pixels"/> pixels of <paramref name="raw"/> into <paramref name="destination"/>.</summary>
    public void Convert(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        int depth = _header.BitDepth;
        switch (_header.ColorType)
        {
            case PngColorType.Gray when depth < 8:
                GrayLow(raw, destination, pixels);
                break;
            case PngColorType.Gray when depth == 8:
                if (_hasKey)
                {
                    Gray8Keyed(raw, destination, pixels);
                }
                else
                {
                    raw[..pixels].CopyTo(destination);
                }

                break;
            case PngColorType.Gray:
                Gray16(raw, destination, pixels);
                break;
            case PngColorType.Rgb when depth == 8:
                if (_hasKey)
                {
                    Rgb8Keyed(raw, destination, pixels);
                }
                else
                {
                    raw[..(3 * pixels)].CopyTo(destination);
                }

                break;
            case PngColorType.Rgb:
                Rgb16(raw, destination, pixels);
                break;
            case PngColorType.Palette:
                Palette(raw, destination, pixels);
                break;
            case PngColorType.GrayAlpha when depth == 8:
                GrayAlpha8(raw, destination, pixels);
                break;
            case PngColorType.GrayAlpha:
                GrayAlpha16(raw, destination, pixels);
                break;
            case PngColorType.Rgba when depth == 8:
                raw[..(4 * pixels)].CopyTo(destination);
                break;
            default:
                Reduce16Row(raw[..(8 * pixels)], destination[..(4 * pixels)]);
                break;
        }
    }

    private void GrayLow(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        int depth = _header.BitDepth;
        int mask = (1 << depth) - 1;
        int scale = 255 / mask;

        // Samples are packed most significant first; walk the bits instead of dividing per pixel.
        int byteIndex = 0;
        int shift = 8 - depth;
        for (int i = 0; i < pixels; i++)
        {
            int v = (raw[byteIndex] >> shift) & mask;
            shift -= depth;
            if (shift < 0)
            {
                shift = 8 - depth;
                byteIndex++;
            }

            byte g = (byte)(v * scale);
            if (!_hasKey)
            {
                destination[i] = g;
                continue;
            }

            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = g;
            px[1] = g;
            px[2] = g;
            px[3] = v == _keyRed ? (byte)0 : (byte)255;
        }
    }

    private void Gray8Keyed(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        for (int i = 0; i < pixels; i++)
        {
            byte g = raw[i];
            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = g;
            px[1] = g;
            px[2] = g;
            px[3] = g == _keyRed ? (byte)0 : (byte)255;
        }
    }

    private void Gray16(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        if (!_hasKey)
        {
            Reduce16Row(raw[..(2 * pixels)], destination[..pixels]);
            return;
        }

        for (int i = 0; i < pixels; i++)
        {
            int v = (raw[2 * i] << 8) | raw[(2 * i) + 1];
            byte g = Reduce16(v);
            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = g;
            px[1] = g;
            px[2] = g;
            px[3] = v == _keyRed ? (byte)0 : (byte)255;
        }
    }

    private void Rgb8Keyed(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        for (int i = 0; i < pixels; i++)
        {
            ReadOnlySpan<byte> s = raw.Slice(3 * i, 3);
            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = s[0];
            px[1] = s[1];
            px[2] = s[2];
            px[3] = s[0] == _keyRed && s[1] == _keyGreen && s[2] == _keyBlue ? (byte)0 : (byte)255;
        }
    }

    private void Rgb16(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        if (!_hasKey)
        {
            Reduce16Row(raw[..(6 * pixels)], destination[..(3 * pixels)]);
            return;
        }

        for (int i = 0; i < pixels; i++)
        {
            ReadOnlySpan<byte> s = raw.Slice(6 * i, 6);
            int r = (s[0] << 8) | s[1];
            int g = (s[2] << 8) | s[3];
            int b = (s[4] << 8) | s[5];
            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = Reduce16(r);
            px[1] = Reduce16(g);
            px[2] = Reduce16(b);
            px[3] = r == _keyRed && g == _keyGreen && b == _keyBlue ? (byte)0 : (byte)255;
        }
    }

    private void Palette(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        ReadOnlySpan<byte> lut = _paletteRgba;
        int depth = _header.BitDepth;
        int mask = (1 << depth) - 1;
        bool alpha = OutputFormat == PixelFormat.Rgba32;
        int byteIndex = 0;
        int shift = 8 - depth;
        for (int i = 0; i < pixels; i++)
        {
            int index = (raw[byteIndex] >> shift) & mask;
            shift -= depth;
            if (shift < 0)
            {
                shift = 8 - depth;
                byteIndex++;
            }

            ReadOnlySpan<byte> entry = lut.Slice(4 * index, 4);
            if (alpha)
            {
                entry.CopyTo(destination.Slice(4 * i, 4));
            }
            else
            {
                entry[..3].CopyTo(destination.Slice(3 * i, 3));
            }
        }
    }

    private static void GrayAlpha8(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        for (int i = 0; i < pixels; i++)
        {
            byte g = raw[2 * i];
            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = g;
            px[1] = g;
            px[2] = g;
            px[3] = raw[(2 * i) + 1];
        }
    }

    private static void GrayAlpha16(ReadOnlySpan<byte> raw, Span<byte> destination, int pixels)
    {
        for (int i = 0; i < pixels; i++)
        {
            byte g = Reduce16((raw[4 * i] << 8) | raw[(4 * i) + 1]);
            Span<byte> px = destination.Slice(4 * i, 4);
            px[0] = g;
            px[1] = g;
            px[2] = g;
            px[3] = Reduce16((raw[(4 * i) + 2] << 8) | raw[(4 * i) + 3]);
        }
    }

    /// <summary>Reduces big-endian 16-bit samples to 8 bits, one output byte per input pair.</summary>
    private static void Reduce16Row(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Reduce16((raw[2 * i] << 8) | raw[(2 * i) + 1]);
        }
    }
}
