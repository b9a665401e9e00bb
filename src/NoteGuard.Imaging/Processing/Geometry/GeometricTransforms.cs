using System.Globalization;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>
/// A 2×3 affine map <c>(x, y) → (M00·x + M01·y + M02, M10·x + M11·y + M12)</c> in pixel coordinates (origin at the
/// centre of the top-left pixel, as OpenCV).
/// </summary>
/// <param name="M00">Row 0, column 0.</param>
/// <param name="M01">Row 0, column 1.</param>
/// <param name="M02">Row 0, column 2 (x translation).</param>
/// <param name="M10">Row 1, column 0.</param>
/// <param name="M11">Row 1, column 1.</param>
/// <param name="M12">Row 1, column 2 (y translation).</param>
public readonly record struct AffineTransform(double M00, double M01, double M02, double M10, double M11, double M12)
{
    /// <summary>The identity map.</summary>
    public static AffineTransform Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>
    /// Rotation by <paramref name="angleDegrees"/> (counter-clockwise on screen, since y points down) about
    /// (<paramref name="centreX"/>, <paramref name="centreY"/>) combined with isotropic <paramref name="scale"/>,
    /// exactly <c>cv2.getRotationMatrix2D(centre, angle, scale)</c>.
    /// </summary>
    public static AffineTransform Rotation(double centreX, double centreY, double angleDegrees, double scale = 1)
    {
        double angle = angleDegrees * Math.PI / 180;
        double alpha = Math.Cos(angle) * scale;
        double beta = Math.Sin(angle) * scale;
        return new AffineTransform(
            alpha, beta, ((1 - alpha) * centreX) - (beta * centreY),
            -beta, alpha, (beta * centreX) + ((1 - alpha) * centreY));
    }

    /// <summary>A translation by (<paramref name="dx"/>, <paramref name="dy"/>) pixels.</summary>
    public static AffineTransform Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy);

    /// <summary>
    /// The affine map sending three <paramref name="source"/> points onto three <paramref name="destination"/> points
    /// (<c>cv2.getAffineTransform</c>). Throws <see cref="ArgumentException"/> unless both hold exactly 3 points, or when
    /// the source points are collinear.
    /// </summary>
    public static AffineTransform FromPoints(ReadOnlySpan<(double X, double Y)> source, ReadOnlySpan<(double X, double Y)> destination)
    {
        Guard.IsTrue(source.Length == 3 && destination.Length == 3, "An affine transform needs exactly 3 point pairs.", nameof(source));
        var a = new double[6, 6];
        var b = new double[6];
        for (int i = 0; i < 3; i++)
        {
            a[2 * i, 0] = a[(2 * i) + 1, 3] = source[i].X;
            a[2 * i, 1] = a[(2 * i) + 1, 4] = source[i].Y;
            a[2 * i, 2] = a[(2 * i) + 1, 5] = 1;
            b[2 * i] = destination[i].X;
            b[(2 * i) + 1] = destination[i].Y;
        }

        Guard.IsTrue(LinearSolver.Solve(a, b), "The three source points are collinear.", nameof(source));
        return new AffineTransform(b[0], b[1], b[2], b[3], b[4], b[5]);
    }

    /// <summary>The inverse map (<c>cv2.invertAffineTransform</c>); a singular matrix yields all-zero linear terms.</summary>
    public AffineTransform Invert()
    {
        double d = (M00 * M11) - (M01 * M10);
        d = d != 0 ? 1.0 / d : 0;
        double a11 = M11 * d;
        double a22 = M00 * d;
        double a12 = -M01 * d;
        double a21 = -M10 * d;
        double b1 = (-a11 * M02) - (a12 * M12);
        double b2 = (-a21 * M02) - (a22 * M12);
        return new AffineTransform(a11, a12, b1, a21, a22, b2);
    }

    /// <summary>Maps a point.</summary>
    public (double X, double Y) Apply(double x, double y) => ((M00 * x) + (M01 * y) + M02, (M10 * x) + (M11 * y) + M12);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{M00}, {M01}, {M02}; {M10}, {M11}, {M12}]");
}

/// <summary>
/// A 3×3 projective map (homography) <c>(x, y) → ((M00·x + M01·y + M02)/w, (M10·x + M11·y + M12)/w)</c> with
/// <c>w = M20·x + M21·y + M22</c>, in pixel coordinates.
/// </summary>
/// <param name="M00">Row 0, column 0.</param>
/// <param name="M01">Row 0, column 1.</param>
/// <param name="M02">Row 0, column 2.</param>
/// <param name="M10">Row 1, column 0.</param>
/// <param name="M11">Row 1, column 1.</param>
/// <param name="M12">Row 1, column 2.</param>
/// <param name="M20">Row 2, column 0.</param>
/// <param name="M21">Row 2, column 1.</param>
/// <param name="M22">Row 2, column 2.</param>
public readonly record struct PerspectiveTransform(double M00, double M01, double M02, double M10, double M11, double M12, double M20, double M21, double M22)
{
    /// <summary>The identity map.</summary>
    public static PerspectiveTransform Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>The homography of an affine map (last row 0, 0, 1).</summary>
    public static PerspectiveTransform FromAffine(AffineTransform m) => new(m.M00, m.M01, m.M02, m.M10, m.M11, m.M12, 0, 0, 1);

    /// <summary>
    /// The homography sending four <paramref name="source"/> points onto four <paramref name="destination"/> points,
    /// with M22 = 1 (<c>cv2.getPerspectiveTransform</c>, an 8×8 linear solve by LU with partial pivoting). Throws
    /// <see cref="ArgumentException"/> unless both hold exactly 4 points, or when three source points are collinear.
    /// </summary>
    public static PerspectiveTransform FromPoints(ReadOnlySpan<(double X, double Y)> source, ReadOnlySpan<(double X, double Y)> destination)
    {
        Guard.IsTrue(source.Length == 4 && destination.Length == 4, "A perspective transform needs exactly 4 point pairs.", nameof(source));
        var a = new double[8, 8];
        var b = new double[8];
        for (int i = 0; i < 4; i++)
        {
            a[i, 0] = a[i + 4, 3] = source[i].X;
            a[i, 1] = a[i + 4, 4] = source[i].Y;
            a[i, 2] = a[i + 4, 5] = 1;
            a[i, 6] = -source[i].X * destination[i].X;
            a[i, 7] = -source[i].Y * destination[i].X;
            a[i + 4, 6] = -source[i].X * destination[i].Y;
            a[i + 4, 7] = -source[i].Y * destination[i].Y;
            b[i] = destination[i].X;
            b[i + 4] = destination[i].Y;
        }

        Guard.IsTrue(LinearSolver.Solve(a, b), "The four source points do not define a perspective map (three are collinear).", nameof(source));
        return new PerspectiveTransform(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], 1);
    }

    /// <summary>
    /// The inverse (adjugate over determinant, as OpenCV's <c>invert</c> does for 3×3); a singular matrix yields all zeros.
    /// </summary>
    public PerspectiveTransform Invert()
    {
        double det = (M00 * ((M11 * M22) - (M12 * M21))) - (M01 * ((M10 * M22) - (M12 * M20))) + (M02 * ((M10 * M21) - (M11 * M20)));
        if (det == 0)
        {
            return default;
        }

        double d = 1.0 / det;
        return new PerspectiveTransform(
            ((M11 * M22) - (M12 * M21)) * d,
            ((M02 * M21) - (M01 * M22)) * d,
            ((M01 * M12) - (M02 * M11)) * d,
            ((M12 * M20) - (M10 * M22)) * d,
            ((M00 * M22) - (M02 * M20)) * d,
            ((M02 * M10) - (M00 * M12)) * d,
            ((M10 * M21) - (M11 * M20)) * d,
            ((M01 * M20) - (M00 * M21)) * d,
            ((M00 * M11) - (M01 * M10)) * d);
    }

    /// <summary>Maps a point (w = 0 yields infinities).</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        double w = (M20 * x) + (M21 * y) + M22;
        return (((M00 * x) + (M01 * y) + M02) / w, ((M10 * x) + (M11 * y) + M12) / w);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{M00}, {M01}, {M02}; {M10}, {M11}, {M12}; {M20}, {M21}, {M22}]");
}

/// <summary>Gaussian elimination with partial pivoting (OpenCV's <c>LUImpl</c>), in place.</summary>
internal static class LinearSolver
{
    /// <summary>OpenCV's threshold for a zero pivot: 100 × DBL_EPSILON.</summary>
    private const double SingularPivot = 100 * 2.220446049250313e-16;

    /// <summary>Solves <c>a·x = b</c>, leaving x in <paramref name="b"/>; false when singular.</summary>
    public static bool Solve(double[,] a, double[] b)
    {
        int m = b.Length;
        for (int i = 0; i < m; i++)
        {
            int k = i;
            for (int j = i + 1; j < m; j++)
            {
                if (Math.Abs(a[j, i]) > Math.Abs(a[k, i]))
                {
                    k = j;
                }
            }

            if (Math.Abs(a[k, i]) < SingularPivot)
            {
                return false;
            }

            if (k != i)
            {
                for (int j = i; j < m; j++)
                {
                    (a[i, j], a[k, j]) = (a[k, j], a[i, j]);
                }

                (b[i], b[k]) = (b[k], b[i]);
            }

            double d = -1 / a[i, i];
            for (int j = i + 1; j < m; j++)
            {
                double alpha = a[j, i] * d;
                for (int c = i + 1; c < m; c++)
                {
                    a[j, c] += alpha * a[i, c];
                }

                b[j] += alpha * b[i];
            }

            a[i, i] = -d;
        }

        for (int i = m - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < m; k++)
            {
                s -= a[i, k] * b[k];
            }

            b[i] = s * a[i, i];
        }

        return true;
    }
}
