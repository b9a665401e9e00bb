namespace NoteGuard.Imaging.Processing.Components;

/// <summary>Pixel connectivity for component labelling.</summary>
public enum Connectivity
{
    /// <summary>Edge neighbours only (left, right, up, down).</summary>
    Four = 4,

    /// <summary>Edge and corner neighbours.</summary>
    Eight = 8,
}

/// <summary>
/// One labelled region. Coordinates are pixels with (0, 0) at the top-left; the box is inclusive of
/// <see cref="Left"/>/<see cref="Top"/> and spans <see cref="Width"/> × <see cref="Height"/> pixels.
/// </summary>
/// <param name="Label">The label value in <see cref="ComponentLabeling.Labels"/> (0 = background).</param>
/// <param name="Left">Leftmost column.</param>
/// <param name="Top">Topmost row.</param>
/// <param name="Width">Bounding-box width in pixels (0 only for an empty background).</param>
/// <param name="Height">Bounding-box height in pixels.</param>
/// <param name="Area">Number of pixels.</param>
/// <param name="CentroidX">Mean column of the pixels (NaN when <paramref name="Area"/> is 0).</param>
/// <param name="CentroidY">Mean row of the pixels (NaN when <paramref name="Area"/> is 0).</param>
public sealed record ConnectedComponent(int Label, int Left, int Top, int Width, int Height, int Area, double CentroidX, double CentroidY);

/// <summary>
/// The result of <see cref="ComponentExtensions.LabelComponents(Image, Connectivity)"/>: a label per pixel and
/// statistics per label, equal to OpenCV's <c>connectedComponentsWithStats</c> (labels, stats and centroids).
/// </summary>
public sealed class ComponentLabeling
{
    private readonly int[] _labels;

    internal ComponentLabeling(int width, int height, int[] labels, ConnectedComponent[] components)
    {
        Width = width;
        Height = height;
        _labels = labels;
        Components = components;
    }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Number of labels including the background label 0 (OpenCV's return value).</summary>
    public int Count => Components.Count;

    /// <summary>Number of foreground objects (<see cref="Count"/> − 1), the per-channel object count of seed 002.</summary>
    public int ObjectCount => Components.Count - 1;

    /// <summary>Label of every pixel, row-major (0 = background, 1..ObjectCount = objects).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Statistics indexed by label; entry 0 describes the background pixels.</summary>
    public IReadOnlyList<ConnectedComponent> Components { get; }

    /// <summary>Label of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public int this[int x, int y] => _labels[(y * Width) + x];
}
