using NoteGuard.Imaging.Processing.Histogram;

namespace NoteGuard.Imaging.Processing.Threshold;

/// <summary>Thresholding of 8-bit images (seed 002 binarisation).</summary>
public static class ThresholdExtensions
{
    /// <summary>
    /// Thresholds every colour channel independently (per-channel thresholding of seed 002); alpha is copied
    /// unchanged. Equal to OpenCV's <c>cv2.threshold</c> on each channel. With <see cref="ThresholdOptions.Otsu"/>
    /// each channel gets its own Otsu threshold. Throws <see cref="ArgumentOutOfRangeException"/> /
    /// <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static Image Threshold(this Image image, ThresholdOptions options) => Threshold(image, options, out _);

    /// <summary>
    /// As <see cref="Threshold(Image, ThresholdOptions)"/>, also returning the threshold used per colour channel
    /// (the Otsu choice, or the floored fixed threshold).
    /// </summary>
    public static Image Threshold(this Image image, ThresholdOptions options, out int[] thresholds)
    {
        Guard.NotNull(image);
        Guard.NotNull(options);
        options.Validate();
        int colorChannels = image.Format == PixelFormat.Rgba32 ? 3 : image.Channels;
        thresholds = new int[colorChannels];
        var result = image.Clone();
        Span<byte> lut = stackalloc byte[256];
        for (int c = 0; c < colorChannels; c++)
        {
            double t = options.Otsu ? OtsuThreshold(image, c) : options.Threshold;
            thresholds[c] = (int)Math.Clamp(Math.Floor(t), int.MinValue, int.MaxValue);
            BuildLut(t, options.MaxValue, options.Type, lut);
            var pixels = result.Pixels;
            for (int i = c; i < pixels.Length; i += image.Channels)
            {
                pixels[i] = lut[pixels[i]];
            }
        }

        return result;
    }

    /// <summary>
    /// The threshold Otsu's method picks for channel <paramref name="channel"/>: the <c>t</c> maximising the
    /// between-class variance of {v ≤ t} and {v &gt; t}, computed exactly as OpenCV's <c>getThreshVal_Otsu_8u</c>
    /// (double precision, first maximum wins, 0 for a constant channel).
    /// </summary>
    public static int OtsuThreshold(this Image image, int channel = 0)
    {
        Guard.NotNull(image);
        var histogram = ChannelHistogram.Compute(image, channel);
        return Otsu.Compute(histogram.Counts, histogram.Total);
    }

    /// <summary>OpenCV's 8-bit threshold table for a (fractional) threshold and maximum.</summary>
    internal static void BuildLut(double threshold, double maxValue, ThresholdType type, Span<byte> lut)
    {
        long t = (long)Math.Floor(Math.Clamp(threshold, -1e9, 1e9));
        int max = (int)Math.Round(maxValue);
        for (int v = 0; v < 256; v++)
        {
            bool above = v > t;
            lut[v] = type switch
            {
                ThresholdType.Binary => above ? (byte)max : (byte)0,
                ThresholdType.BinaryInverted => above ? (byte)0 : (byte)max,
                ThresholdType.Truncate => above ? (byte)Math.Clamp(t, 0, 255) : (byte)v,
                ThresholdType.ToZero => above ? (byte)v : (byte)0,
                _ => above ? (byte)0 : (byte)v,
            };
        }
    }
}
