using NoteGuard.Imaging.Processing.Geometry;

namespace NoteGuard.Imaging.Tests.Processing.Geometry;

public class TransformTests
{
    private static Image Sample(PixelFormat format)
    {
        // 3×2 image whose every byte is distinct: value = 10·pixel + channel.
        int c = (int)format;
        var bytes = new byte[3 * 2 * c];
        for (int i = 0; i < 6; i++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                bytes[(i * c) + ch] = (byte)((10 * i) + ch);
            }
        }

        return Image.FromPixels(3, 2, format, bytes);
    }

    [Theory]
    [InlineData(PixelFormat.Gray8)]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Rgba32)]
    public void FlipsMoveWholePixels(PixelFormat format)
    {
        using var image = Sample(format);
        using var h = image.Flip(FlipAxis.Horizontal);
        using var v = image.Flip(FlipAxis.Vertical);
        using var b = image.Flip(FlipAxis.Both);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                for (int ch = 0; ch < image.Channels; ch++)
                {
                    Assert.Equal(image[2 - x, y, ch], h[x, y, ch]);
                    Assert.Equal(image[x, 1 - y, ch], v[x, y, ch]);
                    Assert.Equal(image[2 - x, 1 - y, ch], b[x, y, ch]);
                }
            }
        }
    }

    [Fact]
    public void Rotate90ClockwiseByHand()
    {
        // 1 2 3        4 1
        // 4 5 6   ->   5 2
        //              6 3
        using var image = Image.FromPixels(3, 2, PixelFormat.Gray8, [1, 2, 3, 4, 5, 6]);
        using var cw = image.Rotate90(RotationAngle.Clockwise90);
        Assert.Equal((2, 3), (cw.Width, cw.Height));
        Assert.Equal(new byte[] { 4, 1, 5, 2, 6, 3 }, cw.Pixels.ToArray());
        using var ccw = image.Rotate90(RotationAngle.Clockwise270);
        Assert.Equal(new byte[] { 3, 6, 2, 5, 1, 4 }, ccw.Pixels.ToArray());
        using var half = image.Rotate90(RotationAngle.Rotate180);
        Assert.Equal(new byte[] { 6, 5, 4, 3, 2, 1 }, half.Pixels.ToArray());
    }

    [Fact]
    public void FourQuarterTurnsRestoreTheImage()
    {
        using var image = ProcessingAFixtures.Image("rgba");
        var current = image.Clone();
        for (int i = 0; i < 4; i++)
        {
            var next = current.Rotate90(RotationAngle.Clockwise90);
            current.Dispose();
            current = next;
        }

        Assert.Equal(image.Pixels.ToArray(), current.Pixels.ToArray());
        current.Dispose();
    }

    [Fact]
    public void CropCopiesTheRectangle()
    {
        using var image = Sample(PixelFormat.Rgb24);
        using var crop = image.Crop(1, 1, 2, 1);
        Assert.Equal((2, 1), (crop.Width, crop.Height));
        Assert.Equal(new byte[] { 40, 41, 42, 50, 51, 52 }, crop.Pixels.ToArray());
    }

    [Theory]
    [InlineData(-1, 0, 1, 1)]
    [InlineData(0, 0, 0, 1)]
    [InlineData(0, 0, 4, 1)]
    [InlineData(2, 1, 2, 1)]
    [InlineData(0, 2, 1, 1)]
    [InlineData(0, 1, 1, 2)]
    public void CropOutsideTheImageThrows(int x, int y, int w, int h)
    {
        using var image = Sample(PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(x, y, w, h));
    }

    [Fact]
    public void UnknownEnumsThrow()
    {
        using var image = Sample(PixelFormat.Gray8);
        Assert.Throws<ArgumentException>(() => image.Flip((FlipAxis)7));
        Assert.Throws<ArgumentException>(() => image.Rotate90((RotationAngle)45));
    }
}
