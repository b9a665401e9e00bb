using NoteGuard.Imaging.Common;
using NoteGuard.Imaging.Processing.Filters;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>Sampling rule of the warps.</summary>
public enum WarpInterpolation
{
    /// <summary>Bilinear (<c>INTER_LINEAR</c>): 1/32-pixel positions, 15-bit fixed-point weights.</summary>
    Bilinear,

    /// <summary>Nearest neighbour (<c>INTER_NEAREST</c>): the source position rounded to the nearest pixel.</summary>
    Nearest,
}

/// <summary>Output size and sampling of <see cref="WarpExtensions"/>.</summary>
/// <param name="Width">Output width in pixels, 1..65536.</param>
/// <param name="Height">Output height in pixels, 1..65536.</param>
public sealed record WarpOptions(int Width, int Height)
{
    /// <summary>Sampling rule (default bilinear).</summary>
    public WarpInterpolation Interpolation { get; init; } = WarpInterpolation.Bilinear;

    /// <summary>How source pixels outside the image are read (default <see cref="BorderMode.Constant"/>, as OpenCV).</summary>
    public BorderMode Border { get; init; } = BorderMode.Constant;

    /// <summary>
    /// Value of every channel outside the image for <see cref="BorderMode.Constant"/> (default 0; for RGBA the alpha of
    /// the outside is this value too, so 0 makes it transparent).
    /// </summary>
    public byte BorderValue { get; init; }

    /// <summary>
    /// False (default): the matrix maps source to destination and is inverted first, like OpenCV without flags.
    /// True: the matrix already maps destination pixels to source positions (<c>WARP_INVERSE_MAP</c>).
    /// </summary>
    public bool InverseMap { get; init; }

    internal void Validate()
    {
        Guard.MustBeBetween(Width, 1, Image.MaxDimension, nameof(Width));
        Guard.MustBeBetween(Height, 1, Image.MaxDimension, nameof(Height));
        Guard.IsTrue(Enum.IsDefined(Interpolation), $"Unknown interpolation {Interpolation}.", nameof(Interpolation));
        Guard.IsTrue(Enum.IsDefined(Border), $"Unknown border mode {Border}.", nameof(Border));
    }
}

/// <summary>
/// Affine and perspective warps equal to <c>cv2.warpAffine</c> / <c>cv2.warpPerspective</c> on <c>uint8</c>
/// (same fixed-point coordinates and weights, so results are bit-exact). Every destination pixel is mapped back to a
/// source position (dst → src); all channels, <b>alpha included, are resampled alike</b>.
/// </summary>
public static class WarpExtensions
{
    /// <summary>
    /// Warps with a 2×3 affine matrix. Throws <see cref="ArgumentNullException"/> / <see cref="ArgumentException"/> for
    /// invalid arguments or a non-finite matrix.
    /// </summary>
    public static Image WarpAffine(this Image image, AffineTransform transform, WarpOptions options)
    {
        Guard.NotNull(image);
        Guard.NotNull(options);
        options.Validate();
        var m = options.InverseMap ? transform : transform.Invert();
        Guard.IsTrue(double.IsFinite(m.M00 + m.M01 + m.M02 + m.M10 + m.M11 + m.M12), "The affine matrix must be finite.", nameof(transform));
        var result = Image.CreateUninitialized(options.Width, options.Height, image.Format);
        ParallelRows.For(options.Height, options.Width, new AffineRows(new Sampler(image, result, options), m));
        return result;
    }

    /// <summary>
    /// Warps with a 3×3 homography. Throws <see cref="ArgumentNullException"/> / <see cref="ArgumentException"/> for
    /// invalid arguments or a non-finite matrix.
    /// </summary>
    public static Image WarpPerspective(this Image image, PerspectiveTransform transform, WarpOptions options)
    {
        Guard.NotNull(image);
        Guard.NotNull(options);
        options.Validate();
        var m = options.InverseMap ? transform : transform.Invert();
        Guard.IsTrue(double.IsFinite(m.M00 + m.M01 + m.M02 + m.M10 + m.M11 + m.M12 + m.M20 + m.M21 + m.M22), "The perspective matrix must be finite.", nameof(transform));
        var result = Image.CreateUninitialized(options.Width, options.Height, image.Format);
        ParallelRows.For(options.Height, options.Width, new PerspectiveRows(new Sampler(image, result, options), m));
        return result;
    }

    /// <summary>OpenCV's INTER_BITS: positions have 5 fractional bits (1/32 pixel).</summary>
    private const int InterBits = 5;

    private const int InterTabSize = 1 << InterBits;

    /// <summary>OpenCV's AB_BITS: affine coordinates are accumulated with 10 fractional bits.</summary>
    private const int AbBits = 10;

    private const int AbScale = 1 << AbBits;

    private readonly struct AffineRows(Sampler sampler, AffineTransform m) : IRowOperation
    {
        public void Invoke(int y)
        {
            bool nearest = sampler.Nearest;
            int roundDelta = nearest ? AbScale / 2 : AbScale / InterTabSize / 2;
            int x0 = Round((m.M01 * y + m.M02) * AbScale) + roundDelta;
            int y0 = Round((m.M11 * y + m.M12) * AbScale) + roundDelta;
            var dst = sampler.Destination.GetRow(y);
            for (int x = 0; x < sampler.Destination.Width; x++)
            {
                int adelta = Round(m.M00 * x * AbScale);
                int bdelta = Round(m.M10 * x * AbScale);
                if (nearest)
                {
                    sampler.Nearest1(dst, x, ToShort((x0 + adelta) >> AbBits), ToShort((y0 + bdelta) >> AbBits));
                }
                else
                {
                    int sx = (x0 + adelta) >> (AbBits - InterBits);
                    int sy = (y0 + bdelta) >> (AbBits - InterBits);
                    sampler.Bilinear(dst, x, ToShort(sx >> InterBits), ToShort(sy >> InterBits), sx & (InterTabSize - 1), sy & (InterTabSize - 1));
                }
            }
        }
    }

    private readonly struct PerspectiveRows(Sampler sampler, PerspectiveTransform m) : IRowOperation
    {
        public void Invoke(int y)
        {
            // OpenCV evaluates the row in blocks of bw0 columns starting at block origin xb: (X0 + M00·x1)·W with
            // X0 = M00·xb + M01·y + M02. Reproducing the blocks keeps the double rounding identical.
            int width = sampler.Destination.Width;
            int bh0 = Math.Min(16, sampler.Destination.Height);
            int bw0 = Math.Min(1024 / bh0, width);
            bool nearest = sampler.Nearest;
            var dst = sampler.Destination.GetRow(y);
            for (int xb = 0; xb < width; xb += bw0)
            {
                double xx0 = (m.M00 * xb) + (m.M01 * y) + m.M02;
                double yy0 = (m.M10 * xb) + (m.M11 * y) + m.M12;
                double ww0 = (m.M20 * xb) + (m.M21 * y) + m.M22;
                int end = Math.Min(width, xb + bw0);
                for (int x = xb; x < end; x++)
                {
                    int x1 = x - xb;
                    double w = ww0 + (m.M20 * x1);
                    w = w != 0 ? (nearest ? 1.0 : InterTabSize) / w : 0;
                    double fx = Math.Max(int.MinValue, Math.Min(int.MaxValue, (xx0 + (m.M00 * x1)) * w));
                    double fy = Math.Max(int.MinValue, Math.Min(int.MaxValue, (yy0 + (m.M10 * x1)) * w));
                    int sx = Round(fx);
                    int sy = Round(fy);
                    if (nearest)
                    {
                        sampler.Nearest1(dst, x, ToShort(sx), ToShort(sy));
                    }
                    else
                    {
                        sampler.Bilinear(dst, x, ToShort(sx >> InterBits), ToShort(sy >> InterBits), sx & (InterTabSize - 1), sy & (InterTabSize - 1));
                    }
                }
            }
        }
    }

    /// <summary>OpenCV's <c>saturate_cast&lt;int&gt;(double)</c>: round half to even, clamp to the int range (NaN → 0).</summary>
    private static int Round(double value)
    {
        double r = Math.Round(value, MidpointRounding.ToEven);
        return r >= int.MaxValue ? int.MaxValue : r <= int.MinValue ? int.MinValue : double.IsNaN(r) ? 0 : (int)r;
    }

    private static int ToShort(int value) => Math.Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>OpenCV's <c>remapNearest</c> / <c>remapBilinear</c> for 8-bit data.</summary>
    private readonly struct Sampler(Image source, Image destination, WarpOptions options)
    {
        public Image Destination => destination;

        public bool Nearest => options.Interpolation == WarpInterpolation.Nearest;

        public void Nearest1(Span<byte> dst, int x, int sx, int sy)
        {
            int c = source.Channels;
            var d = dst.Slice(x * c, c);
            if ((uint)sx >= (uint)source.Width || (uint)sy >= (uint)source.Height)
            {
                if (options.Border == BorderMode.Constant)
                {
                    d.Fill(options.BorderValue);
                    return;
                }

                sx = BorderIndex.Map(sx, source.Width, options.Border);
                sy = BorderIndex.Map(sy, source.Height, options.Border);
            }

            source.GetRowReadOnly(sy).Slice(sx * c, c).CopyTo(d);
        }

        public void Bilinear(Span<byte> dst, int x, int sx, int sy, int fx, int fy)
        {
            int c = source.Channels;
            var d = dst.Slice(x * c, c);

            // Weights of the 2×2 taps in 15-bit fixed point; (32−fy)(32−fx)·32 etc. sum to 32768 exactly.
            int w0 = (InterTabSize - fy) * (InterTabSize - fx) * 32;
            int w1 = (InterTabSize - fy) * fx * 32;
            int w2 = fy * (InterTabSize - fx) * 32;
            int w3 = fy * fx * 32;
            if ((uint)sx < (uint)(source.Width - 1) && (uint)sy < (uint)(source.Height - 1))
            {
                var r0 = source.GetRowReadOnly(sy).Slice(sx * c, 2 * c);
                var r1 = source.GetRowReadOnly(sy + 1).Slice(sx * c, 2 * c);
                for (int k = 0; k < c; k++)
                {
                    d[k] = Cast((r0[k] * w0) + (r0[k + c] * w1) + (r1[k] * w2) + (r1[k + c] * w3));
                }

                return;
            }

            var border = options.Border;
            if (border == BorderMode.Constant && (sx >= source.Width || sx + 1 < 0 || sy >= source.Height || sy + 1 < 0))
            {
                d.Fill(options.BorderValue);
                return;
            }

            int sx0, sx1, sy0, sy1;
            if (border == BorderMode.Replicate)
            {
                sx0 = Math.Clamp(sx, 0, source.Width - 1);
                sx1 = Math.Clamp(sx + 1, 0, source.Width - 1);
                sy0 = Math.Clamp(sy, 0, source.Height - 1);
                sy1 = Math.Clamp(sy + 1, 0, source.Height - 1);
            }
            else
            {
                sx0 = BorderIndex.Map(sx, source.Width, border);
                sx1 = BorderIndex.Map(sx + 1, source.Width, border);
                sy0 = BorderIndex.Map(sy, source.Height, border);
                sy1 = BorderIndex.Map(sy + 1, source.Height, border);
            }

            int cval = options.BorderValue;
            for (int k = 0; k < c; k++)
            {
                int v0 = sx0 >= 0 && sy0 >= 0 ? source.GetRowReadOnly(sy0)[(sx0 * c) + k] : cval;
                int v1 = sx1 >= 0 && sy0 >= 0 ? source.GetRowReadOnly(sy0)[(sx1 * c) + k] : cval;
                int v2 = sx0 >= 0 && sy1 >= 0 ? source.GetRowReadOnly(sy1)[(sx0 * c) + k] : cval;
                int v3 = sx1 >= 0 && sy1 >= 0 ? source.GetRowReadOnly(sy1)[(sx1 * c) + k] : cval;
                d[k] = Cast((v0 * w0) + (v1 * w1) + (v2 * w2) + (v3 * w3));
            }
        }

        private static byte Cast(int value) => (byte)Math.Clamp((value + (1 << 14)) >> 15, 0, 255);
    }
}
