using NoteGuard.Imaging.Processing.Color;

namespace NoteGuard.Imaging.Processing.Histogram;

/// <summary>Histogram-based contrast operations: equalisation, CLAHE and percentile stretch.</summary>
public static class HistogramExtensions
{
    /// <summary>The 256-bin histogram of channel <paramref name="channel"/>; see <see cref="ChannelHistogram.Compute(Image, int)"/>.</summary>
    public static ChannelHistogram ComputeHistogram(this Image image, int channel = 0) => ChannelHistogram.Compute(image, channel);

    /// <summary>
    /// Global histogram equalisation, bit-exact with OpenCV's <c>equalizeHist</c> on each channel: with <c>i0</c>
    /// the lowest occurring value, <c>lut[v] = round(cdf'(v) · 255 / (N − h[i0]))</c> where <c>cdf'</c> excludes
    /// <c>h[i0]</c> (single precision, ties to even); a constant channel stays unchanged. Colour images are
    /// equalised per channel (R, G, B independently, which can shift hues); alpha is copied unchanged.
    /// </summary>
    public static Image EqualizeHistogram(this Image image)
    {
        Guard.NotNull(image);
        var result = image.Clone();
        int colorChannels = image.Format == PixelFormat.Rgba32 ? 3 : image.Channels;
        Span<long> counts = stackalloc long[256];
        Span<int> scratch = stackalloc int[1024];
        Span<byte> lut = stackalloc byte[256];
        for (int c = 0; c < colorChannels; c++)
        {
            counts.Clear();
            HistogramCounter.Count(image.Pixels, image.Channels, c, scratch, counts);
            BuildEqualizationLut(counts, (long)image.Width * image.Height, lut);
            ApplyLut(result.Pixels, image.Channels, c, lut);
        }

        return result;
    }

    /// <summary>
    /// CLAHE, bit-exact with OpenCV's <c>createCLAHE(clipLimit, (tilesX, tilesY)).apply</c> on a gray image.
    /// A colour image is converted to 8-bit Lab (<see cref="ColorExtensions.ToLab(Image)"/>), CLAHE is applied to
    /// L only, and the result is converted back (<see cref="ColorExtensions.LabToRgb(Image)"/>), as seed 004 does
    /// with OpenCV; alpha is copied unchanged. Throws <see cref="ArgumentOutOfRangeException"/> for invalid options.
    /// </summary>
    public static Image ApplyClahe(this Image image, ClaheOptions? options = null) => ApplyClahe(image, options, parallel: true);

    internal static Image ApplyClahe(Image image, ClaheOptions? options, bool parallel)
    {
        Guard.NotNull(image);
        options ??= new ClaheOptions();
        options.Validate();
        if (image.Format == PixelFormat.Gray8)
        {
            var gray = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Gray8);
            Clahe.Apply(image.Pixels, gray.Pixels, image.Width, image.Height, options, parallel);
            return gray;
        }

        using var lab = image.ToLab();
        using var lightness = lab.ExtractChannel(0);
        using var enhanced = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Gray8);
        Clahe.Apply(lightness.Pixels, enhanced.Pixels, image.Width, image.Height, options, parallel);
        var labPixels = lab.Pixels;
        var e = enhanced.Pixels;
        for (int i = 0, j = 0; i < e.Length; i++, j += 3)
        {
            labPixels[j] = e[i];
        }

        var rgb = lab.LabToRgb();
        if (image.Format != PixelFormat.Rgba32)
        {
            return rgb;
        }

        using (rgb)
        {
            var rgba = rgb.WithAlpha();
            ChannelExtensions.CopyAlpha(image, rgba);
            return rgba;
        }
    }

    /// <summary>
    /// Percentile contrast stretch (seed 004 Eq. 3) applied to each colour channel independently with that
    /// channel's own percentiles; see <see cref="ContrastStretchOptions"/>. A channel whose high percentile does
    /// not exceed its low one is copied unchanged. Alpha is copied unchanged.
    /// Throws <see cref="ArgumentOutOfRangeException"/> / <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static Image StretchContrast(this Image image, ContrastStretchOptions? options = null)
    {
        Guard.NotNull(image);
        options ??= new ContrastStretchOptions();
        options.Validate();
        var result = image.Clone();
        int colorChannels = image.Format == PixelFormat.Rgba32 ? 3 : image.Channels;
        Span<byte> lut = stackalloc byte[256];
        for (int c = 0; c < colorChannels; c++)
        {
            var histogram = ChannelHistogram.Compute(image, c);
            double low = histogram.Percentile(options.LowPercentile);
            double high = histogram.Percentile(options.HighPercentile);
            if (!(high > low))
            {
                continue;
            }

            double range = high - low;
            for (int v = 0; v < 256; v++)
            {
                double scaled = Math.Round((v - low) * 255.0 / range);
                lut[v] = scaled <= 0 ? (byte)0 : scaled >= 255 ? (byte)255 : (byte)scaled;
            }

            ApplyLut(result.Pixels, image.Channels, c, lut);
        }

        return result;
    }

    /// <summary>OpenCV's equalizeHist LUT (see <see cref="EqualizeHistogram"/>).</summary>
    internal static void BuildEqualizationLut(ReadOnlySpan<long> counts, long total, Span<byte> lut)
    {
        lut.Clear();
        int first = 0;
        while (first < 255 && counts[first] == 0)
        {
            first++;
        }

        if (counts[first] == total)
        {
            // One value only: OpenCV fills the output with it.
            lut.Fill((byte)first);
            return;
        }

        float scale = 255f / (total - counts[first]);
        long sum = 0;
        for (int v = first + 1; v < 256; v++)
        {
            sum += counts[v];
            lut[v] = ImagePlane.SaturateToByte(sum * scale);
        }
    }

    private static void ApplyLut(Span<byte> pixels, int channels, int channel, ReadOnlySpan<byte> lut)
    {
        if (channels == 1)
        {
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = lut[pixels[i]];
            }

            return;
        }

        for (int i = channel; i < pixels.Length; i += channels)
        {
            pixels[i] = lut[pixels[i]];
        }
    }
}
