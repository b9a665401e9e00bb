using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Tests.Core;

public sealed class ImageTests
{
    [Theory]
    [InlineData(PixelFormat.Gray8, 1)]
    [InlineData(PixelFormat.Rgb24, 3)]
    [InlineData(PixelFormat.Rgba32, 4)]
    public void CreateIsZeroedWithRowLayout(PixelFormat format, int channels)
    {
        using var image = Image.Create(7, 5, format);
        Assert.Equal(channels, image.Channels);
        Assert.Equal(7 * channels, image.Stride);
        Assert.Equal(7 * 5 * channels, image.Pixels.Length);
        Assert.All(image.Pixels.ToArray(), b => Assert.Equal(0, b));

        image[3, 2, channels - 1] = 200;
        Assert.Equal(200, image.GetRow(2)[3 * channels + channels - 1]);
        Assert.Equal(200, image.Pixels[2 * image.Stride + 3 * channels + channels - 1]);
    }

    [Fact]
    public void CreateFromPooledBufferIsStillZeroed()
    {
        // Rent, dirty and return a buffer of the same size; a new image must not see the old bytes.
        var dirty = Image.Create(64, 64, PixelFormat.Rgb24);
        dirty.Pixels.Fill(0xAB);
        dirty.Dispose();
        using var fresh = Image.Create(64, 64, PixelFormat.Rgb24);
        Assert.DoesNotContain((byte)0xAB, fresh.Pixels.ToArray());
    }

    [Fact]
    public void CloneIsIndependent()
    {
        using var image = Image.FromPixels(2, 1, PixelFormat.Gray8, [10, 20]);
        using var copy = image.Clone();
        copy[0, 0] = 99;
        Assert.Equal(10, image[0, 0]);
        Assert.Equal(99, copy[0, 0]);
    }

    [Fact]
    public void DisposedImageThrowsOnAccess()
    {
        var image = Image.Create(2, 2, PixelFormat.Gray8);
        image.Dispose();
        image.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => image.Pixels.Length);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(-1, 5)]
    [InlineData(Image.MaxDimension + 1, 1)]
    public void InvalidSizesAreRejected(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Image.Create(width, height, PixelFormat.Gray8));
    }

    [Fact]
    public void FromPixelsChecksLength()
    {
        Assert.Throws<ArgumentException>(() => Image.FromPixels(2, 2, PixelFormat.Rgb24, new byte[11]));
    }

    [Fact]
    public void PlaneRoundTripsAChannelAndSaturates()
    {
        using var image = Image.FromPixels(2, 1, PixelFormat.Rgb24, [1, 2, 3, 4, 5, 6]);
        using var green = ImagePlane.FromImage(image, channel: 1);
        Assert.Equal([2f, 5f], green.Data.ToArray());

        using var plane = ImagePlane.FromValues(5, 1, [-3.2f, 0.5f, 1.5f, 254.6f, 1000f]);
        using var bytes = plane.ToImage();
        // Round half to even, then clamp: -3.2→0, 0.5→0, 1.5→2, 254.6→255, 1000→255.
        Assert.Equal([0, 0, 2, 255, 255], bytes.Pixels.ToArray());
    }

    [Fact]
    public void DecoderOptionsRejectEmptyAndOversizedBeforeAllocating()
    {
        var options = DecoderOptions.Default with { MaxPixels = 1000 };
        options.CheckDimensions(10, 100, "TEST");
        var tooBig = Assert.Throws<InvalidImageException>(() => options.CheckDimensions(10, 101, "TEST"));
        Assert.Contains("exceeds the limit of 1000 pixels", tooBig.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidImageException>(() => options.CheckDimensions(0, 10, "TEST"));
        Assert.Throws<InvalidImageException>(() => DecoderOptions.Default.CheckDimensions(int.MaxValue, int.MaxValue, "TEST"));
    }

    [Fact]
    public void FormatIsDetectedFromContentNotName()
    {
        Assert.Equal(ImageFormat.Png, ImageCodec.DetectFormat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal(ImageFormat.Unknown, ImageCodec.DetectFormat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A]));
        Assert.Equal(ImageFormat.Jpeg, ImageCodec.DetectFormat([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal(ImageFormat.Pnm, ImageCodec.DetectFormat("P6\n1 1\n255\n"u8));
        Assert.Equal(ImageFormat.Unknown, ImageCodec.DetectFormat("GIF89a"u8));
        Assert.Equal(ImageFormat.Unknown, ImageCodec.DetectFormat([]));
        var error = Assert.Throws<InvalidImageException>(() => ImageCodec.Decode("GIF89a"u8));
        Assert.Contains("unrecognised", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelRowsVisitsEveryRowExactlyOnce()
    {
        foreach (var (width, height) in new[] { (1, 1), (3, 7), (1024, 300), (300, 1024) })
        {
            var visits = new int[height];
            ParallelRows.For(height, width, new CountRows(visits));
            Assert.All(visits, v => Assert.Equal(1, v));
        }
    }

    private readonly struct CountRows(int[] visits) : IRowOperation
    {
        public void Invoke(int y) => Interlocked.Increment(ref visits[y]);
    }
}
