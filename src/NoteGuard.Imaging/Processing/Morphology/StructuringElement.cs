namespace NoteGuard.Imaging.Processing.Morphology;

/// <summary>Predefined structuring-element shapes, as OpenCV's <c>MORPH_RECT</c>, <c>MORPH_CROSS</c>, <c>MORPH_ELLIPSE</c>.</summary>
public enum StructuringElementShape
{
    /// <summary>All ones.</summary>
    Rectangle,

    /// <summary>The anchor row and the anchor column.</summary>
    Cross,

    /// <summary>A filled ellipse inscribed in the rectangle (OpenCV's rasterisation).</summary>
    Ellipse,
}

/// <summary>
/// A binary structuring element: a <see cref="Width"/> × <see cref="Height"/> mask with an anchor (the element's
/// origin). Immutable.
/// </summary>
public sealed class StructuringElement
{
    private readonly bool[] _mask;

    private StructuringElement(int width, int height, int anchorX, int anchorY, bool[] mask)
    {
        Width = width;
        Height = height;
        AnchorX = anchorX;
        AnchorY = anchorY;
        _mask = mask;
        IsRectangle = Array.TrueForAll(mask, m => m);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Anchor column, 0..Width−1.</summary>
    public int AnchorX { get; }

    /// <summary>Anchor row, 0..Height−1.</summary>
    public int AnchorY { get; }

    /// <summary>True when every cell is set (enables the separable fast path).</summary>
    public bool IsRectangle { get; }

    /// <summary>Whether cell (<paramref name="x"/>, <paramref name="y"/>) belongs to the element.</summary>
    public bool this[int x, int y] => _mask[(y * Width) + x];

    /// <summary>Number of set cells.</summary>
    public int Count => _mask.Count(m => m);

    /// <summary>
    /// A predefined shape exactly as OpenCV's <c>getStructuringElement(shape, (width, height))</c> with the anchor
    /// at the centre (<c>width/2</c>, <c>height/2</c>). Sides must be 1..255; a 1×1 element is always a single cell.
    /// Throws <see cref="ArgumentOutOfRangeException"/> otherwise.
    /// </summary>
    public static StructuringElement Create(StructuringElementShape shape, int width, int height)
    {
        Guard.MustBeBetween(width, 1, 255);
        Guard.MustBeBetween(height, 1, 255);
        Guard.IsTrue(Enum.IsDefined(shape), "Unknown shape.", nameof(shape));
        int anchorX = width / 2, anchorY = height / 2;
        if (width == 1 && height == 1)
        {
            shape = StructuringElementShape.Rectangle;
        }

        int r = 0, c = 0;
        double inverseR2 = 0;
        if (shape == StructuringElementShape.Ellipse)
        {
            r = height / 2;
            c = width / 2;
            inverseR2 = r != 0 ? 1.0 / ((double)r * r) : 0;
        }

        var mask = new bool[width * height];
        for (int i = 0; i < height; i++)
        {
            int j1 = 0, j2 = 0;
            if (shape == StructuringElementShape.Rectangle || (shape == StructuringElementShape.Cross && i == anchorY))
            {
                j2 = width;
            }
            else if (shape == StructuringElementShape.Cross)
            {
                j1 = anchorX;
                j2 = j1 + 1;
            }
            else
            {
                int dy = i - r;
                if (Math.Abs(dy) <= r)
                {
                    // OpenCV: dx = saturate_cast<int>(c * sqrt((r² − dy²) / r²)), rounded half to even.
                    int dx = (int)Math.Round(c * Math.Sqrt(((r * r) - (dy * dy)) * inverseR2));
                    j1 = Math.Max(c - dx, 0);
                    j2 = Math.Min(c + dx + 1, width);
                }
            }

            for (int j = j1; j < j2; j++)
            {
                mask[(i * width) + j] = true;
            }
        }

        return new StructuringElement(width, height, anchorX, anchorY, mask);
    }

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> rectangle, anchor at the centre.</summary>
    public static StructuringElement Rectangle(int width, int height) => Create(StructuringElementShape.Rectangle, width, height);

    /// <summary>A cross of the given size, anchor at the centre.</summary>
    public static StructuringElement Cross(int width, int height) => Create(StructuringElementShape.Cross, width, height);

    /// <summary>An ellipse of the given size, anchor at the centre.</summary>
    public static StructuringElement Ellipse(int width, int height) => Create(StructuringElementShape.Ellipse, width, height);

    /// <summary>
    /// A custom element from a mask (<c>mask[row, column]</c>, nonzero = set) with an explicit anchor (default: centre).
    /// Throws <see cref="ArgumentException"/> for an empty mask, no set cell, or sides above 255, and
    /// <see cref="ArgumentOutOfRangeException"/> for an anchor outside the mask.
    /// </summary>
    public static StructuringElement FromMask(byte[,] mask, int anchorX = -1, int anchorY = -1)
    {
        Guard.NotNull(mask);
        int height = mask.GetLength(0), width = mask.GetLength(1);
        Guard.IsTrue(width is > 0 and <= 255 && height is > 0 and <= 255, "The mask must be 1..255 on each side.", nameof(mask));
        anchorX = anchorX < 0 ? width / 2 : anchorX;
        anchorY = anchorY < 0 ? height / 2 : anchorY;
        Guard.MustBeBetween(anchorX, 0, width - 1);
        Guard.MustBeBetween(anchorY, 0, height - 1);
        var cells = new bool[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                cells[(y * width) + x] = mask[y, x] != 0;
            }
        }

        Guard.IsTrue(Array.Exists(cells, c => c), "The mask must have at least one set cell.", nameof(mask));
        return new StructuringElement(width, height, anchorX, anchorY, cells);
    }

    /// <summary>A custom element from a mask of booleans; see <see cref="FromMask(byte[,], int, int)"/>.</summary>
    public static StructuringElement FromMask(bool[,] mask, int anchorX = -1, int anchorY = -1)
    {
        Guard.NotNull(mask);
        var bytes = new byte[mask.GetLength(0), mask.GetLength(1)];
        for (int y = 0; y < mask.GetLength(0); y++)
        {
            for (int x = 0; x < mask.GetLength(1); x++)
            {
                bytes[y, x] = mask[y, x] ? (byte)1 : (byte)0;
            }
        }

        return FromMask(bytes, anchorX, anchorY);
    }

    /// <summary>The element as rows of 0/1 bytes (row-major), e.g. for comparison with OpenCV.</summary>
    public byte[] ToBytes() => [.. _mask.Select(m => m ? (byte)1 : (byte)0)];

    /// <summary>The set cells as offsets (dx, dy) relative to the anchor, in row-major order.</summary>
    internal (int Dx, int Dy)[] Offsets()
    {
        var offsets = new List<(int, int)>();
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                if (_mask[(y * Width) + x])
                {
                    offsets.Add((x - AnchorX, y - AnchorY));
                }
            }
        }

        return [.. offsets];
    }
}
