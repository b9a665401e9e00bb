using System.Globalization;

namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// A rectangular filter kernel of 32-bit floats, row-major, applied as a correlation with its anchor at the
/// centre (<c>(Width / 2, Height / 2)</c>), exactly like OpenCV's <c>filter2D</c> with <c>anchor = (-1, -1)</c>.
/// For symmetric kernels correlation and convolution coincide.
/// </summary>
public sealed class ConvolutionKernel
{
    /// <summary>Largest supported side length.</summary>
    public const int MaxSize = 255;

    private readonly float[] _values;

    /// <summary>
    /// Creates a kernel from row-major <paramref name="values"/> (length width × height). Throws
    /// <see cref="ArgumentOutOfRangeException"/> for sides outside 1..<see cref="MaxSize"/> and
    /// <see cref="ArgumentException"/> for a wrong length or a non-finite value.
    /// </summary>
    public ConvolutionKernel(int width, int height, ReadOnlySpan<float> values)
    {
        Guard.MustBeBetween(width, 1, MaxSize);
        Guard.MustBeBetween(height, 1, MaxSize);
        Guard.IsTrue(values.Length == width * height, $"A {width}×{height} kernel needs {width * height} values, got {values.Length}.", nameof(values));
        foreach (float v in values)
        {
            Guard.IsTrue(float.IsFinite(v), "Kernel values must be finite.", nameof(values));
        }

        Width = width;
        Height = height;
        _values = values.ToArray();
    }

    /// <summary>Kernel width (columns).</summary>
    public int Width { get; }

    /// <summary>Kernel height (rows).</summary>
    public int Height { get; }

    /// <summary>Anchor column (<c>Width / 2</c>).</summary>
    public int AnchorX => Width / 2;

    /// <summary>Anchor row (<c>Height / 2</c>).</summary>
    public int AnchorY => Height / 2;

    /// <summary>The coefficients, row-major.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Coefficient at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public float this[int x, int y] => _values[(y * Width) + x];

    /// <summary>
    /// A square kernel from n² row-major values (n = 1, 2, 3, ...). Throws <see cref="ArgumentException"/> when the
    /// count is not a perfect square.
    /// </summary>
    public static ConvolutionKernel Square(params ReadOnlySpan<float> values)
    {
        int n = (int)Math.Round(Math.Sqrt(values.Length));
        Guard.IsTrue(n >= 1 && n * n == values.Length, $"A square kernel needs n² values; {values.Length} is not a square.", nameof(values));
        return new ConvolutionKernel(n, n, values);
    }

    /// <summary>A kernel from a 2-D array indexed [row, column].</summary>
    public static ConvolutionKernel FromRows(float[,] rows)
    {
        Guard.NotNull(rows);
        int h = rows.GetLength(0);
        int w = rows.GetLength(1);
        var values = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                values[(y * w) + x] = rows[y, x];
            }
        }

        return new ConvolutionKernel(w, h, values);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Width}×{Height} [{string.Join(", ", _values)}]");
}

/// <summary>Options shared by the convolution-based filters.</summary>
/// <param name="Border">How pixels outside the image are read (default <see cref="BorderMode.Reflect101"/>, as OpenCV).</param>
/// <param name="BorderValue">The outside value for <see cref="BorderMode.Constant"/>, in sample units (0..255 for 8-bit images).</param>
public sealed record ConvolutionOptions(BorderMode Border = BorderMode.Reflect101, float BorderValue = 0f)
{
    /// <summary>OpenCV's defaults: reflect-101 border.</summary>
    public static ConvolutionOptions Default { get; } = new();

    internal void Validate()
    {
        Guard.IsTrue(Enum.IsDefined(Border), $"Unknown border mode {Border}.", nameof(Border));
        Guard.IsTrue(float.IsFinite(BorderValue), "The border value must be finite.", nameof(BorderValue));
    }
}
