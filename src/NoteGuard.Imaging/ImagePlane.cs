using System.Buffers;
using System.Diagnostics;

namespace NoteGuard.Imaging;

/// <summary>
/// A single-channel 32-bit float image for processing that needs more range or precision than 8 bits
/// (gradients, filters, statistics). Rows are contiguous with no padding; the buffer is pooled and returned
/// by <see cref="Dispose"/>. Values are in whatever unit the producing operation documents
/// (for planes made from an <see cref="Image"/>, 0..255).
/// </summary>
public sealed class ImagePlane : IDisposable
{
    private float[]? _buffer;

    private ImagePlane(int width, int height, float[] buffer)
    {
        Width = width;
        Height = height;
        _buffer = buffer;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of values (Width × Height).</summary>
    public int Length => Width * Height;

    /// <summary>All values, row-major.</summary>
    public Span<float> Data => Buffer.AsSpan(0, Length);

    private float[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(ImagePlane));

    /// <summary>Creates a zero-filled plane. Throws <see cref="ArgumentOutOfRangeException"/> for sides outside 1..65536.</summary>
    public static ImagePlane Create(int width, int height)
    {
        var plane = CreateUninitialized(width, height);
        plane.Data.Clear();
        return plane;
    }

    /// <summary>Creates a plane holding a copy of <paramref name="values"/> (length width × height).</summary>
    public static ImagePlane FromValues(int width, int height, ReadOnlySpan<float> values)
    {
        var plane = CreateUninitialized(width, height);
        Guard.IsTrue(values.Length == plane.Length, $"Expected {plane.Length} values, got {values.Length}.", nameof(values));
        values.CopyTo(plane.Data);
        return plane;
    }

    internal static ImagePlane CreateUninitialized(int width, int height)
    {
        Guard.MustBeBetween(width, 1, Image.MaxDimension);
        Guard.MustBeBetween(height, 1, Image.MaxDimension);
        long length = (long)width * height;
        Guard.IsTrue(length <= Array.MaxLength, $"A plane of {width}×{height} exceeds the buffer limit.", nameof(width));
        return new ImagePlane(width, height, ArrayPool<float>.Shared.Rent((int)length));
    }

    /// <summary>
    /// Copies channel <paramref name="channel"/> of <paramref name="image"/> into a new plane (values 0..255).
    /// </summary>
    public static ImagePlane FromImage(Image image, int channel = 0)
    {
        Guard.NotNull(image);
        Guard.MustBeBetween(channel, 0, image.Channels - 1);
        var plane = CreateUninitialized(image.Width, image.Height);
        var src = image.Pixels;
        var dst = plane.Data;
        int c = image.Channels;
        for (int i = 0, j = channel; i < dst.Length; i++, j += c)
        {
            dst[i] = src[j];
        }

        return plane;
    }

    /// <summary>
    /// Converts to an 8-bit gray image, rounding to nearest (ties to even) and saturating to 0..255.
    /// </summary>
    public Image ToImage()
    {
        var image = Image.CreateUninitialized(Width, Height, PixelFormat.Gray8);
        var src = Data;
        var dst = image.Pixels;
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = SaturateToByte(src[i]);
        }

        return image;
    }

    /// <summary>Values of row <paramref name="y"/>.</summary>
    public Span<float> GetRow(int y)
    {
        Debug.Assert((uint)y < (uint)Height);
        return Buffer.AsSpan(y * Width, Width);
    }

    /// <summary>Value at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public float this[int x, int y]
    {
        get => Buffer[y * Width + x];
        set => Buffer[y * Width + x] = value;
    }

    /// <summary>A deep copy with its own buffer.</summary>
    public ImagePlane Clone() => FromValues(Width, Height, Data);

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Rounds half to even and clamps to 0..255 (NaN becomes 0), as OpenCV's saturate_cast does.</summary>
    internal static byte SaturateToByte(float value)
    {
        float r = MathF.Round(value);
        return r >= 255f ? (byte)255 : r > 0f ? (byte)r : (byte)0;
    }
}
