using NoteGuard.Imaging.Processing.Filters;
using NoteGuard.Imaging.Processing.Geometry;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Processing.Geometry;

public class WarpTests
{
    /// <summary>Warps reproduce OpenCV's fixed-point coordinates and weights: byte-exact.</summary>
    private const int OpenCvMaxDiff = 0;

    /// <summary>Matrix helpers solve the same systems as OpenCV in double precision.</summary>
    private const double MatrixTolerance = 1e-9;

    public static TheoryData<string> AffineCases => ProcessingAFixtures.Names("warp_affine");

    public static TheoryData<string> PerspectiveCases => ProcessingAFixtures.Names("warp_perspective");

    [Theory]
    [MemberData(nameof(AffineCases))]
    public void WarpAffineMatchesOpenCv(string name)
    {
        var c = ProcessingAFixtures.Get(name);
        using var input = c.InputImage();
        double[] m = c.Array64("matrix");
        var transform = new AffineTransform(m[0], m[1], m[2], m[3], m[4], m[5]);
        using var actual = input.WarpAffine(transform, Options(c));
        Tolerance.BytesClose(c.Bytes, actual.Pixels, 0, OpenCvMaxDiff, name);
    }

    [Theory]
    [MemberData(nameof(PerspectiveCases))]
    public void WarpPerspectiveMatchesOpenCv(string name)
    {
        var c = ProcessingAFixtures.Get(name);
        using var input = c.InputImage();
        double[] m = c.Array64("matrix");
        var transform = new PerspectiveTransform(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
        using var actual = input.WarpPerspective(transform, Options(c));
        Tolerance.BytesClose(c.Bytes, actual.Pixels, 0, OpenCvMaxDiff, name);
    }

    [Fact]
    public void RotationMatrixMatchesGetRotationMatrix2D()
    {
        var c = ProcessingAFixtures.Get("matrix_rotation");
        // OpenCV takes the centre as Point2f, so it is rounded to float first.
        var m = AffineTransform.Rotation((float)c.Dbl("cx"), (float)c.Dbl("cy"), c.Dbl("angle"), c.Dbl("scale"));
        AssertClose(c.Doubles(), [m.M00, m.M01, m.M02, m.M10, m.M11, m.M12]);
    }

    [Fact]
    public void AffineFromPointsMatchesGetAffineTransform()
    {
        var c = ProcessingAFixtures.Get("matrix_affine");
        var m = AffineTransform.FromPoints(Points(c.Array64("src")), Points(c.Array64("dst")));
        AssertClose(c.Doubles(), [m.M00, m.M01, m.M02, m.M10, m.M11, m.M12]);
    }

    [Fact]
    public void PerspectiveFromPointsMatchesGetPerspectiveTransform()
    {
        var c = ProcessingAFixtures.Get("matrix_perspective");
        var src = Points(c.Array64("src"));
        var dst = Points(c.Array64("dst"));
        var m = PerspectiveTransform.FromPoints(src, dst);
        AssertClose(c.Doubles(), [m.M00, m.M01, m.M02, m.M10, m.M11, m.M12, m.M20, m.M21, m.M22]);
        for (int i = 0; i < 4; i++)
        {
            var (x, y) = m.Apply(src[i].X, src[i].Y);
            Assert.True(Math.Abs(x - dst[i].X) < MatrixTolerance * 1000 && Math.Abs(y - dst[i].Y) < MatrixTolerance * 1000, $"point {i}");
        }
    }

    [Fact]
    public void InversesUndoTheMaps()
    {
        var a = AffineTransform.Rotation(10, 20, 33, 1.3);
        var (x, y) = a.Apply(3, 4);
        var (bx, by) = a.Invert().Apply(x, y);
        Assert.True(Math.Abs(bx - 3) < MatrixTolerance && Math.Abs(by - 4) < MatrixTolerance);

        var p = PerspectiveTransform.FromPoints([(0, 0), (10, 0), (10, 10), (0, 10)], [(1, 2), (12, 1), (11, 13), (0, 9)]);
        var (px, py) = p.Apply(4, 7);
        var (qx, qy) = p.Invert().Apply(px, py);
        Assert.True(Math.Abs(qx - 4) < MatrixTolerance && Math.Abs(qy - 7) < MatrixTolerance);
    }

    [Fact]
    public void IntegerTranslationShiftsPixelsExactly()
    {
        using var image = ProcessingAFixtures.Image("rgba");
        var options = new WarpOptions(image.Width, image.Height) { Border = BorderMode.Constant, BorderValue = 7 };
        using var shifted = image.WarpAffine(AffineTransform.Translation(3, -2), options);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int sx = x - 3;
                int sy = y + 2;
                bool inside = sx >= 0 && sy < image.Height;
                for (int ch = 0; ch < 4; ch++)
                {
                    Assert.Equal(inside ? image[sx, sy, ch] : 7, shifted[x, y, ch]);
                }
            }
        }
    }

    [Fact]
    public void CollinearPointsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => AffineTransform.FromPoints([(0, 0), (1, 1), (2, 2)], [(0, 0), (1, 0), (0, 1)]));
        Assert.Throws<ArgumentException>(() => PerspectiveTransform.FromPoints([(0, 0), (1, 1), (2, 2), (3, 3)], [(0, 0), (1, 0), (0, 1), (1, 1)]));
        Assert.Throws<ArgumentException>(() => PerspectiveTransform.FromPoints([(0, 0)], [(0, 0)]));
    }

    [Fact]
    public void InvalidOptionsThrow()
    {
        using var image = Image.Create(4, 4, PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.WarpAffine(AffineTransform.Identity, new WarpOptions(0, 4)));
        Assert.Throws<ArgumentException>(() => image.WarpAffine(new AffineTransform(double.NaN, 0, 0, 0, 1, 0), new WarpOptions(4, 4) { InverseMap = true }));
        Assert.Throws<ArgumentException>(() => image.WarpPerspective(PerspectiveTransform.Identity, new WarpOptions(4, 4) { Interpolation = (WarpInterpolation)9 }));
    }

    private static WarpOptions Options(ProcessingAFixtures.Case c) => new(c.Int("width"), c.Int("height"))
    {
        Interpolation = c.Str("mode") == "nearest" ? WarpInterpolation.Nearest : WarpInterpolation.Bilinear,
        Border = ProcessingAFixtures.Border(c.Str("border")),
        BorderValue = (byte)c.Int("value"),
        InverseMap = c.Bool("inverse"),
    };

    private static (double X, double Y)[] Points(double[] xy)
    {
        var points = new (double X, double Y)[xy.Length / 2];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = (xy[2 * i], xy[(2 * i) + 1]);
        }

        return points;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= MatrixTolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
