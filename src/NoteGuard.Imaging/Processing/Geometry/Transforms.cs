namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>Mirror axis of <see cref="TransformExtensions.Flip(Image, FlipAxis)"/>.</summary>
public enum FlipAxis
{
    /// <summary>Mirror left-right (OpenCV flipCode 1).</summary>
    Horizontal,

    /// <summary>Mirror top-bottom (OpenCV flipCode 0).</summary>
    Vertical,

    /// <summary>Both, i.e. a 180° rotation (OpenCV flipCode −1).</summary>
    Both,
}

/// <summary>Clockwise quarter turns of <see cref="TransformExtensions.Rotate90(Image, RotationAngle)"/>.</summary>
public enum RotationAngle
{
    /// <summary>90° clockwise (<c>cv2.ROTATE_90_CLOCKWISE</c>); width and height swap.</summary>
    Clockwise90 = 90,

    /// <summary>180° (<c>cv2.ROTATE_180</c>).</summary>
    Rotate180 = 180,

    /// <summary>270° clockwise = 90° counter-clockwise (<c>cv2.ROTATE_90_COUNTERCLOCKWISE</c>); width and height swap.</summary>
    Clockwise270 = 270,
}

/// <summary>A pixel rectangle: left/top corner and size, in pixels.</summary>
/// <param name="X">Left column (0-based).</param>
/// <param name="Y">Top row (0-based).</param>
/// <param name="Width">Width in pixels (≥ 1).</param>
/// <param name="Height">Height in pixels (≥ 1).</param>
public readonly record struct PixelRectangle(int X, int Y, int Width, int Height);

/// <summary>
/// Exact pixel rearrangements: crop, flip and quarter-turn rotation. Every channel, <b>alpha included, moves with its pixel</b>;
/// values are never changed.
/// </summary>
public static class TransformExtensions
{
    /// <summary>
    /// Copies the <paramref name="region"/> of <paramref name="image"/> into a new image. Throws
    /// <see cref="ArgumentOutOfRangeException"/> when the rectangle is empty or not entirely inside the image.
    /// </summary>
    public static Image Crop(this Image image, PixelRectangle region)
    {
        Guard.NotNull(image);
        Guard.MustBeBetween(region.X, 0, image.Width - 1, "x");
        Guard.MustBeBetween(region.Y, 0, image.Height - 1, "y");
        Guard.MustBeBetween(region.Width, 1, image.Width - region.X, "width");
        Guard.MustBeBetween(region.Height, 1, image.Height - region.Y, "height");
        int c = image.Channels;
        var result = Image.CreateUninitialized(region.Width, region.Height, image.Format);
        for (int y = 0; y < region.Height; y++)
        {
            image.GetRowReadOnly(region.Y + y).Slice(region.X * c, region.Width * c).CopyTo(result.GetRow(y));
        }

        return result;
    }

    /// <summary>Shorthand for <see cref="Crop(Image, PixelRectangle)"/>.</summary>
    public static Image Crop(this Image image, int x, int y, int width, int height) => image.Crop(new PixelRectangle(x, y, width, height));

    /// <summary>Returns a mirrored copy (like <c>cv2.flip</c>). Throws <see cref="ArgumentException"/> for an unknown axis.</summary>
    public static Image Flip(this Image image, FlipAxis axis)
    {
        Guard.NotNull(image);
        Guard.IsTrue(Enum.IsDefined(axis), $"Unknown flip axis {axis}.", nameof(axis));
        int c = image.Channels;
        int w = image.Width;
        var result = Image.CreateUninitialized(w, image.Height, image.Format);
        bool mirrorX = axis != FlipAxis.Vertical;
        bool mirrorY = axis != FlipAxis.Horizontal;
        for (int y = 0; y < image.Height; y++)
        {
            var src = image.GetRowReadOnly(mirrorY ? image.Height - 1 - y : y);
            var dst = result.GetRow(y);
            if (!mirrorX)
            {
                src.CopyTo(dst);
                continue;
            }

            if (c == 1)
            {
                src.CopyTo(dst);
                dst.Reverse();
                continue;
            }

            for (int x = 0; x < w; x++)
            {
                src.Slice(x * c, c).CopyTo(dst.Slice((w - 1 - x) * c, c));
            }
        }

        return result;
    }

    /// <summary>
    /// Rotates clockwise by a quarter-turn multiple (like <c>cv2.rotate</c>). Throws <see cref="ArgumentException"/>
    /// for an angle other than 90, 180 or 270.
    /// </summary>
    public static Image Rotate90(this Image image, RotationAngle angle)
    {
        Guard.NotNull(image);
        Guard.IsTrue(Enum.IsDefined(angle), $"Rotation must be 90, 180 or 270 degrees, got {(int)angle}.", nameof(angle));
        if (angle == RotationAngle.Rotate180)
        {
            return image.Flip(FlipAxis.Both);
        }

        int c = image.Channels;
        int w = image.Width;
        int h = image.Height;
        var result = Image.CreateUninitialized(h, w, image.Format);
        var src = image.Pixels;
        for (int y = 0; y < w; y++)
        {
            var dst = result.GetRow(y);
            for (int x = 0; x < h; x++)
            {
                // Clockwise: dst(x, y) = src(y, h-1-x); counter-clockwise: dst(x, y) = src(w-1-y, x).
                int sx = angle == RotationAngle.Clockwise90 ? y : w - 1 - y;
                int sy = angle == RotationAngle.Clockwise90 ? h - 1 - x : x;
                src.Slice(((sy * w) + sx) * c, c).CopyTo(dst.Slice(x * c, c));
            }
        }

        return result;
    }
}
