namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// An axis-aligned box in normalised image coordinates (YOLO convention): centre and size as fractions of the
/// image width and height, each in 0..1.
/// </summary>
/// <param name="CenterX">Centre x as a fraction of the width.</param>
/// <param name="CenterY">Centre y as a fraction of the height.</param>
/// <param name="Width">Box width as a fraction of the image width.</param>
/// <param name="Height">Box height as a fraction of the image height.</param>
public readonly record struct BoundingBox(double CenterX, double CenterY, double Width, double Height)
{
    /// <summary>Area as a fraction of the image area.</summary>
    public double Area => Width * Height;

    /// <summary>
    /// The box in pixels, enlarged by <paramref name="margin"/> (a fraction of the box size added on each side,
    /// e.g. 0.1) and clipped to the image. The result always has at least one pixel in each direction.
    /// </summary>
    /// <param name="imageWidth">Image width in pixels (≥ 1).</param>
    /// <param name="imageHeight">Image height in pixels (≥ 1).</param>
    /// <param name="margin">Fraction of the box width/height added on each side, ≥ 0.</param>
    /// <returns>(X, Y, Width, Height) in whole pixels inside the image.</returns>
    public (int X, int Y, int Width, int Height) ToPixels(int imageWidth, int imageHeight, double margin = 0)
    {
        Guard.MustBePositive(imageWidth);
        Guard.MustBePositive(imageHeight);
        Guard.MustBeNonNegative(margin);
        double halfW = Width * (0.5 + margin) * imageWidth;
        double halfH = Height * (0.5 + margin) * imageHeight;
        double cx = CenterX * imageWidth;
        double cy = CenterY * imageHeight;
        int x0 = Math.Clamp((int)Math.Floor(cx - halfW), 0, imageWidth - 1);
        int y0 = Math.Clamp((int)Math.Floor(cy - halfH), 0, imageHeight - 1);
        int x1 = Math.Clamp((int)Math.Ceiling(cx + halfW), x0 + 1, imageWidth);
        int y1 = Math.Clamp((int)Math.Ceiling(cy + halfH), y0 + 1, imageHeight);
        return (x0, y0, x1 - x0, y1 - y0);
    }
}
