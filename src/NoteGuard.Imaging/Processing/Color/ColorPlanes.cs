namespace NoteGuard.Imaging.Processing.Color;

/// <summary>
/// A colour image as three 32-bit float planes in a stated <see cref="ColorSpace"/>; made by
/// <see cref="ColorExtensions.ToColorPlanes(Image, ColorSpace)"/> and turned back into 8-bit RGB by
/// <see cref="ToRgbImage"/>. Owns its planes: <see cref="Dispose"/> returns their buffers.
/// </summary>
public sealed class ColorPlanes : IDisposable
{
    private readonly ImagePlane[] _planes;

    /// <summary>
    /// Wraps three planes of equal size. Throws <see cref="ArgumentException"/> when the sizes differ.
    /// The planes become owned by this object.
    /// </summary>
    public ColorPlanes(ColorSpace space, ImagePlane first, ImagePlane second, ImagePlane third)
    {
        Guard.NotNull(first);
        Guard.NotNull(second);
        Guard.NotNull(third);
        Guard.IsTrue(first.Width == second.Width && first.Width == third.Width && first.Height == second.Height && first.Height == third.Height,
            "The three planes must have the same size.", nameof(second));
        Space = space;
        _planes = [first, second, third];
    }

    /// <summary>The colour space the values are in.</summary>
    public ColorSpace Space { get; }

    /// <summary>Width in pixels.</summary>
    public int Width => _planes[0].Width;

    /// <summary>Height in pixels.</summary>
    public int Height => _planes[0].Height;

    /// <summary>Plane <paramref name="channel"/> (0..2): R,G,B or H,S,V or L,a,b.</summary>
    public ImagePlane this[int channel] => _planes[channel];

    /// <summary>
    /// Converts back to an 8-bit <see cref="PixelFormat.Rgb24"/> image: values ×255, rounded half to even,
    /// saturated. HSV hue is taken modulo 360; out-of-gamut Lab colours are clipped.
    /// </summary>
    public Image ToRgbImage() => ColorConverters.PlanesToRgb(this);

    /// <summary>Disposes the three planes.</summary>
    public void Dispose()
    {
        foreach (var plane in _planes)
        {
            plane.Dispose();
        }
    }
}
