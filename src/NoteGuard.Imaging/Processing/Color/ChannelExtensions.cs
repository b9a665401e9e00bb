namespace NoteGuard.Imaging.Processing.Color;

/// <summary>Splitting, merging and alpha helpers for interleaved images.</summary>
public static class ChannelExtensions
{
    /// <summary>
    /// Copies channel <paramref name="channel"/> (0 = R or gray, 1 = G, 2 = B, 3 = A) into a new
    /// <see cref="PixelFormat.Gray8"/> image. Throws <see cref="ArgumentOutOfRangeException"/> for a channel the image lacks.
    /// </summary>
    public static Image ExtractChannel(this Image image, int channel)
    {
        Guard.NotNull(image);
        Guard.MustBeBetween(channel, 0, image.Channels - 1);
        var result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Gray8);
        var src = image.Pixels;
        var dst = result.Pixels;
        int channels = image.Channels;
        for (int i = 0, j = channel; i < dst.Length; i++, j += channels)
        {
            dst[i] = src[j];
        }

        return result;
    }

    /// <summary>Every channel as its own <see cref="PixelFormat.Gray8"/> image, in R, G, B(, A) order. The caller disposes them.</summary>
    public static Image[] SplitChannels(this Image image)
    {
        Guard.NotNull(image);
        var planes = new Image[image.Channels];
        for (int c = 0; c < planes.Length; c++)
        {
            planes[c] = image.ExtractChannel(c);
        }

        return planes;
    }

    /// <summary>
    /// Interleaves 1, 3 or 4 gray images of the same size into a Gray8, Rgb24 or Rgba32 image.
    /// Throws <see cref="ArgumentException"/> for another count, a non-gray plane or mismatched sizes.
    /// </summary>
    public static Image MergeChannels(params ReadOnlySpan<Image> planes)
    {
        Guard.IsTrue(planes.Length is 1 or 3 or 4, $"1, 3 or 4 planes are required, got {planes.Length}.", nameof(planes));
        var first = planes[0];
        Guard.NotNull(first);
        foreach (var plane in planes)
        {
            Guard.NotNull(plane);
            Guard.IsTrue(plane.Format == PixelFormat.Gray8, "Every plane must be Gray8.", nameof(planes));
            Guard.IsTrue(plane.Width == first.Width && plane.Height == first.Height, "Every plane must have the same size.", nameof(planes));
        }

        var format = (PixelFormat)planes.Length;
        var result = Image.CreateUninitialized(first.Width, first.Height, format);
        var dst = result.Pixels;
        int channels = planes.Length;
        for (int c = 0; c < channels; c++)
        {
            var src = planes[c].Pixels;
            for (int i = 0, j = c; i < src.Length; i++, j += channels)
            {
                dst[j] = src[i];
            }
        }

        return result;
    }

    /// <summary>An <see cref="PixelFormat.Rgba32"/> image is returned as <see cref="PixelFormat.Rgb24"/> (alpha discarded); other formats are copied.</summary>
    public static Image DropAlpha(this Image image)
    {
        Guard.NotNull(image);
        if (image.Format != PixelFormat.Rgba32)
        {
            return image.Clone();
        }

        var result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Rgb24);
        var src = image.Pixels;
        var dst = result.Pixels;
        for (int i = 0, j = 0; j < dst.Length; i += 4, j += 3)
        {
            dst[j] = src[i];
            dst[j + 1] = src[i + 1];
            dst[j + 2] = src[i + 2];
        }

        return result;
    }

    /// <summary>
    /// Returns an <see cref="PixelFormat.Rgba32"/> image with alpha set to <paramref name="alpha"/> (gray is expanded
    /// to R = G = B). An RGBA input keeps its colour and gets the new alpha.
    /// </summary>
    public static Image WithAlpha(this Image image, byte alpha = 255)
    {
        Guard.NotNull(image);
        var result = Image.CreateUninitialized(image.Width, image.Height, PixelFormat.Rgba32);
        var src = image.Pixels;
        var dst = result.Pixels;
        int channels = image.Channels;
        for (int i = 0, j = 0; j < dst.Length; i += channels, j += 4)
        {
            byte r = src[i];
            dst[j] = r;
            dst[j + 1] = channels == 1 ? r : src[i + 1];
            dst[j + 2] = channels == 1 ? r : src[i + 2];
            dst[j + 3] = alpha;
        }

        return result;
    }

    /// <summary>Copies the alpha channel of <paramref name="source"/> into <paramref name="destination"/> (both RGBA, same size).</summary>
    internal static void CopyAlpha(Image source, Image destination)
    {
        var src = source.Pixels;
        var dst = destination.Pixels;
        for (int i = 3; i < dst.Length; i += 4)
        {
            dst[i] = src[i];
        }
    }
}
