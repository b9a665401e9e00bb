using NoteGuard.Imaging.Processing.Components;

namespace NoteGuard.Imaging.Tests.Processing.Components;

public class ComponentTests
{
    /// <summary>OpenCV divides the same integer sums; only the last bit may differ.</summary>
    private const double CentroidTolerance = 1e-12;

    private static readonly ProcessingFixtures s_fixtures = ProcessingFixtures.Instance;

    [Theory]
    [InlineData("bin_61x47", 4)]
    [InlineData("bin_61x47", 8)]
    [InlineData("bin_100x75", 4)]
    [InlineData("bin_100x75", 8)]
    [InlineData("bin_40x33", 4)]
    [InlineData("bin_40x33", 8)]
    public void LabelsAndStats_EqualConnectedComponentsWithStats(string name, int connectivity)
    {
        using var mask = s_fixtures.Image(name);
        var result = mask.LabelComponents((Connectivity)connectivity);
        string prefix = $"{name}.cc{connectivity}";
        Assert.Equal((int)s_fixtures.Number(prefix + ".labels", "count"), result.Count);
        Assert.Equal(s_fixtures.Int32(prefix + ".labels"), result.Labels.ToArray());
        var stats = s_fixtures.Int32(prefix + ".stats");
        var centroids = s_fixtures.Float64(prefix + ".centroids");
        for (int l = 0; l < result.Count; l++)
        {
            var c = result.Components[l];
            Assert.Equal(l, c.Label);
            Assert.Equal(stats[(l * 5) + 0], c.Left);
            Assert.Equal(stats[(l * 5) + 1], c.Top);
            Assert.Equal(stats[(l * 5) + 2], c.Width);
            Assert.Equal(stats[(l * 5) + 3], c.Height);
            Assert.Equal(stats[(l * 5) + 4], c.Area);
            Assert.Equal(centroids[l * 2], c.CentroidX, CentroidTolerance);
            Assert.Equal(centroids[(l * 2) + 1], c.CentroidY, CentroidTolerance);
        }
    }

    [Fact]
    public void HandComputedShapes_KnownLabelsAreasAndCentroids()
    {
        // 7×5 mask:
        //   A A . . . . B      A: 2×2 square at (0,0)      area 4, centroid (0.5, 0.5)
        //   A A . . . B .      B: diagonal pair (6,0),(5,1): one object with 8-conn, two with 4-conn
        //   . . . . . . .
        //   C C C . . . .      C: bar (0..2, 3)            area 3, centroid (1, 3)
        //   . . . . D . .      D: single pixel (4, 4)
        byte[] pixels =
        [
            1, 1, 0, 0, 0, 0, 1,
            1, 1, 0, 0, 0, 1, 0,
            0, 0, 0, 0, 0, 0, 0,
            9, 9, 9, 0, 0, 0, 0,
            0, 0, 0, 0, 255, 0, 0,
        ];
        using var mask = Image.FromPixels(7, 5, PixelFormat.Gray8, pixels);

        var eight = mask.LabelComponents(Connectivity.Eight);
        Assert.Equal(4, eight.ObjectCount);
        Assert.Equal(1, eight[0, 0]);
        Assert.Equal(2, eight[6, 0]);
        Assert.Equal(2, eight[5, 1]);
        Assert.Equal(3, eight[1, 3]);
        Assert.Equal(4, eight[4, 4]);
        Assert.Equal(new ConnectedComponent(1, 0, 0, 2, 2, 4, 0.5, 0.5), eight.Components[1]);
        Assert.Equal(new ConnectedComponent(2, 5, 0, 2, 2, 2, 5.5, 0.5), eight.Components[2]);
        Assert.Equal(new ConnectedComponent(3, 0, 3, 3, 1, 3, 1.0, 3.0), eight.Components[3]);
        Assert.Equal(new ConnectedComponent(4, 4, 4, 1, 1, 1, 4.0, 4.0), eight.Components[4]);
        Assert.Equal(35 - 10, eight.Components[0].Area);

        var four = mask.LabelComponents(Connectivity.Four);
        Assert.Equal(5, four.ObjectCount);
        Assert.Equal(2, four[6, 0]);
        Assert.Equal(3, four[5, 1]);
        Assert.Equal(4, four[0, 3]);
    }

    [Fact]
    public void EightConnectivity_NumbersByTwoByTwoBlocksLikeOpenCv()
    {
        // (10,0) comes first in raster order, but (0,1) lies in an earlier 2×2 block: OpenCV labels it 1 with 8-conn.
        using var mask = Image.Create(20, 4, PixelFormat.Gray8);
        mask[10, 0] = 255;
        mask[0, 1] = 255;
        var eight = mask.LabelComponents(Connectivity.Eight);
        Assert.Equal(1, eight[0, 1]);
        Assert.Equal(2, eight[10, 0]);
        var four = mask.LabelComponents(Connectivity.Four);
        Assert.Equal(1, four[10, 0]);
        Assert.Equal(2, four[0, 1]);
    }

    [Fact]
    public void EmptyAndFullMasks()
    {
        using var empty = Image.Create(3, 2, PixelFormat.Gray8);
        var none = empty.LabelComponents();
        Assert.Equal(0, none.ObjectCount);
        Assert.Equal(6, none.Components[0].Area);

        using var full = Image.Create(3, 2, PixelFormat.Gray8);
        full.Pixels.Fill(1);
        var one = full.LabelComponents(Connectivity.Four);
        Assert.Equal(1, one.ObjectCount);
        Assert.Equal(0, one.Components[0].Area);
        Assert.True(double.IsNaN(one.Components[0].CentroidX));
        Assert.Equal(6, one.Components[1].Area);

        using var rgb = Image.Create(2, 2, PixelFormat.Rgb24);
        Assert.Throws<ArgumentException>(() => rgb.LabelComponents());
    }
}
