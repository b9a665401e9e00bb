using NoteGuard.Imaging.Processing.Filters;
using NoteGuard.Imaging.Processing.Geometry;
using NoteGuard.Imaging.Processing.Hashing;

namespace NoteGuard.Imaging.Tests.Processing.Geometry;

/// <summary>Degenerate sizes (1 pixel wide or high) must give results, never index errors.</summary>
public class TinyImageTests
{
    public static TheoryData<int, int, PixelFormat> Sizes => new()
    {
        { 1, 1, PixelFormat.Gray8 },
        { 1, 5, PixelFormat.Rgb24 },
        { 5, 1, PixelFormat.Rgba32 },
        { 2, 2, PixelFormat.Rgb24 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EveryOperationHandlesTinyImages(int width, int height, PixelFormat format)
    {
        using var image = Image.Create(width, height, format);
        var random = new Random(width * 31 + height);
        random.NextBytes(image.Pixels);
        foreach (var mode in Enum.GetValues<ResizeMode>())
        {
            foreach (var (w, h) in new[] { (1, 1), (3, 7), (9, 2), (40, 33) })
            {
                image.Resize(w, h, mode).Dispose();
            }
        }

        image.Flip(FlipAxis.Both).Dispose();
        image.Rotate90(RotationAngle.Clockwise90).Dispose();
        image.Crop(0, 0, 1, 1).Dispose();
        foreach (var border in Enum.GetValues<BorderMode>())
        {
            var warp = new WarpOptions(4, 3) { Border = border };
            image.WarpAffine(AffineTransform.Rotation(0.5, 0.5, 30), warp).Dispose();
            image.WarpPerspective(PerspectiveTransform.Identity, warp with { Interpolation = WarpInterpolation.Nearest }).Dispose();
            image.Convolve(ConvolutionKernel.Square(new float[49]), new ConvolutionOptions(border)).Dispose();
            image.GaussianBlur(new GaussianBlurOptions(7) { Border = border }).Dispose();
        }

        image.MedianBlur(3).Dispose();
        image.MedianBlur(9).Dispose();
        image.Sharpen().Dispose();
        image.Emboss().Dispose();
        image.Sobel(new SobelOptions(SobelMode.Magnitude, 5)).Dispose();
        image.Sobel(new SobelOptions(SobelMode.Diagonal)).Dispose();
        image.Wiener(new WienerOptions(5)).Dispose();
        _ = PerceptualHash.Compute(image);
    }
}
