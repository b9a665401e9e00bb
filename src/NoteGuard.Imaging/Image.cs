using System.Buffers;
using System.Diagnostics;

namespace NoteGuard.Imaging;

/// <summary>
/// An 8-bit image with interleaved channels (<see cref="PixelFormat"/>), rows stored top to bottom with no
/// padding: row <c>y</c> starts at byte <c>y × Stride</c>. The pixel buffer is rented from a pool;
/// <see cref="Dispose"/> returns it. An undisposed image is simply collected by the GC.
/// </summary>
/// <remarks>
/// Processing operations return a new image and never modify their input unless they say so.
/// Each operation's documentation says what it does with alpha.
/// </remarks>
public sealed class Image : IDisposable
{
    /// <summary>Largest supported side length in pixels.</summary>
    public const int MaxDimension = 1 << 16;

    private byte[]? _buffer;

    private Image(int width, int height, PixelFormat format, byte[] buffer)
    {
        Width = width;
        Height = height;
        Format = format;
        _buffer = buffer;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Channel layout of each pixel.</summary>
    public PixelFormat Format { get; }

    /// <summary>Channels per pixel (1, 3 or 4).</summary>
    public int Channels => (int)Format;

    /// <summary>Bytes per row (<see cref="Width"/> × <see cref="Channels"/>).</summary>
    public int Stride => Width * (int)Format;

    /// <summary>Total number of bytes of pixel data.</summary>
    public int Length => Stride * Height;

    /// <summary>All pixel bytes, row-major. Throws <see cref="ObjectDisposedException"/> after disposal.</summary>
    public Span<byte> Pixels => Buffer.AsSpan(0, Length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Image));

    /// <summary>
    /// Creates a zero-filled image. Throws <see cref="ArgumentOutOfRangeException"/> when a side is not in
    /// 1..<see cref="MaxDimension"/> or the buffer would exceed 2 GiB.
    /// </summary>
    public static Image Create(int width, int height, PixelFormat format)
    {
        var image = CreateUninitialized(width, height, format);
        image.Pixels.Clear();
        return image;
    }

    /// <summary>Creates an image holding a copy of <paramref name="pixels"/> (length must be width × height × channels).</summary>
    public static Image FromPixels(int width, int height, PixelFormat format, ReadOnlySpan<byte> pixels)
    {
        var image = CreateUninitialized(width, height, format);
        Guard.IsTrue(pixels.Length == image.Length, $"Expected {image.Length} bytes of pixels for {width}×{height} {format}, got {pixels.Length}.", nameof(pixels));
        pixels.CopyTo(image.Pixels);
        return image;
    }

    /// <summary>Creates an image whose bytes are unspecified; the caller must write every byte.</summary>
    internal static Image CreateUninitialized(int width, int height, PixelFormat format)
    {
        Guard.MustBeBetween(width, 1, MaxDimension);
        Guard.MustBeBetween(height, 1, MaxDimension);
        Guard.IsTrue(format is PixelFormat.Gray8 or PixelFormat.Rgb24 or PixelFormat.Rgba32, "Unknown pixel format.", nameof(format));
        long length = (long)width * height * (int)format;
        Guard.IsTrue(length <= Array.MaxLength, $"An image of {width}×{height} {format} exceeds the 2 GiB buffer limit.", nameof(width));
        return new Image(width, height, format, ArrayPool<byte>.Shared.Rent((int)length));
    }

    /// <summary>The bytes of row <paramref name="y"/> (0 = top).</summary>
    public Span<byte> GetRow(int y)
    {
        Debug.Assert((uint)y < (uint)Height);
        return Buffer.AsSpan(y * Stride, Stride);
    }

    /// <summary>A read-only view of row <paramref name="y"/>.</summary>
    public ReadOnlySpan<byte> GetRowReadOnly(int y) => GetRow(y);

    /// <summary>Sample of channel <paramref name="channel"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public byte this[int x, int y, int channel = 0]
    {
        get => Buffer[(y * Width + x) * (int)Format + channel];
        set => Buffer[(y * Width + x) * (int)Format + channel] = value;
    }

    /// <summary>A deep copy with its own buffer.</summary>
    public Image Clone() => FromPixels(Width, Height, Format, Pixels);

    /// <summary>Returns the pixel buffer to the pool. Further access throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Width}×{Height} {Format}";
}
