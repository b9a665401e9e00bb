using NoteGuard.Imaging.Processing.Color;

namespace NoteGuard.Imaging.Processing.Morphology;

/// <summary>
/// Grayscale morphology (binary masks are the special case 0/255), bit-exact with OpenCV's <c>erode</c>,
/// <c>dilate</c> and <c>morphologyEx</c> under their default border (pixels outside the image never win).
/// Colour channels are processed independently; alpha is copied unchanged.
/// </summary>
public static class MorphologyExtensions
{
    /// <summary>
    /// Applies <paramref name="operation"/> with <paramref name="options"/>. Throws <see cref="ArgumentNullException"/>
    /// / <see cref="ArgumentOutOfRangeException"/> for missing or invalid options.
    /// </summary>
    public static Image Morphology(this Image image, MorphologyOperation operation, MorphologyOptions options)
    {
        Guard.NotNull(image);
        Guard.NotNull(options);
        options.Validate();
        Guard.IsTrue(Enum.IsDefined(operation), "Unknown morphology operation.", nameof(operation));
        var element = options.Element;
        int n = options.Iterations;
        Image result;
        switch (operation)
        {
            case MorphologyOperation.Erode:
                result = MorphologyFilter.Apply(image, element, n, dilate: false);
                break;
            case MorphologyOperation.Dilate:
                result = MorphologyFilter.Apply(image, element, n, dilate: true);
                break;
            case MorphologyOperation.Open:
                using (var eroded = MorphologyFilter.Apply(image, element, n, dilate: false))
                {
                    result = MorphologyFilter.Apply(eroded, element, n, dilate: true);
                }

                break;
            case MorphologyOperation.Close:
                using (var dilated = MorphologyFilter.Apply(image, element, n, dilate: true))
                {
                    result = MorphologyFilter.Apply(dilated, element, n, dilate: false);
                }

                break;
            case MorphologyOperation.Gradient:
                result = MorphologyFilter.Apply(image, element, n, dilate: true);
                using (var eroded = MorphologyFilter.Apply(image, element, n, dilate: false))
                {
                    SubtractSaturate(result.Pixels, eroded.Pixels, result.Pixels);
                }

                break;
            case MorphologyOperation.TopHat:
                result = image.Clone();
                using (var opened = image.Morphology(MorphologyOperation.Open, options))
                {
                    SubtractSaturate(image.Pixels, opened.Pixels, result.Pixels);
                }

                break;
            default:
                result = image.Morphology(MorphologyOperation.Close, options);
                SubtractSaturate(result.Pixels, image.Pixels, result.Pixels);
                break;
        }

        if (image.Format == PixelFormat.Rgba32)
        {
            ChannelExtensions.CopyAlpha(image, result);
        }

        return result;
    }

    /// <summary>Erosion (minimum over <paramref name="element"/>), <paramref name="iterations"/> times.</summary>
    public static Image Erode(this Image image, StructuringElement element, int iterations = 1) =>
        image.Morphology(MorphologyOperation.Erode, new MorphologyOptions(element, iterations));

    /// <summary>Dilation (maximum over <paramref name="element"/>), <paramref name="iterations"/> times.</summary>
    public static Image Dilate(this Image image, StructuringElement element, int iterations = 1) =>
        image.Morphology(MorphologyOperation.Dilate, new MorphologyOptions(element, iterations));

    /// <summary>Opening: erosion then dilation.</summary>
    public static Image Open(this Image image, StructuringElement element, int iterations = 1) =>
        image.Morphology(MorphologyOperation.Open, new MorphologyOptions(element, iterations));

    /// <summary>Closing: dilation then erosion.</summary>
    public static Image Close(this Image image, StructuringElement element, int iterations = 1) =>
        image.Morphology(MorphologyOperation.Close, new MorphologyOptions(element, iterations));

    private static void SubtractSaturate(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            int d = a[i] - b[i];
            destination[i] = d > 0 ? (byte)d : (byte)0;
        }
    }
}
