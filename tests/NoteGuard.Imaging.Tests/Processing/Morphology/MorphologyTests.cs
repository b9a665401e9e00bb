using NoteGuard.Imaging.Processing.Morphology;

namespace NoteGuard.Imaging.Tests.Processing.Morphology;

public class MorphologyTests
{
    private static readonly ProcessingFixtures s_fixtures = ProcessingFixtures.Instance;

    private static readonly Dictionary<string, StructuringElementShape> s_shapes = new()
    {
        ["rect"] = StructuringElementShape.Rectangle,
        ["cross"] = StructuringElementShape.Cross,
        ["ellipse"] = StructuringElementShape.Ellipse,
    };

    private static readonly Dictionary<string, MorphologyOperation> s_operations = new()
    {
        ["erode"] = MorphologyOperation.Erode,
        ["dilate"] = MorphologyOperation.Dilate,
        ["open"] = MorphologyOperation.Open,
        ["close"] = MorphologyOperation.Close,
        ["gradient"] = MorphologyOperation.Gradient,
        ["tophat"] = MorphologyOperation.TopHat,
        ["blackhat"] = MorphologyOperation.BlackHat,
    };

    public static TheoryData<string, string, string, int> OperationCases
    {
        get
        {
            var data = new TheoryData<string, string, string, int>();
            foreach (string source in new[] { "gray_61x47", "bin_61x47" })
            {
                foreach (string shape in s_shapes.Keys)
                {
                    foreach (int k in new[] { 3, 5 })
                    {
                        foreach (string op in s_operations.Keys)
                        {
                            data.Add(source, op, shape, k);
                        }
                    }
                }
            }

            return data;
        }
    }

    public static TheoryData<string, int, int> ElementCases
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach (string shape in s_shapes.Keys)
            {
                data.Add(shape, 3, 3);
                data.Add(shape, 5, 5);
                data.Add(shape, 7, 4);
                data.Add(shape, 9, 9);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ElementCases))]
    public void StructuringElements_MatchGetStructuringElement(string shape, int width, int height)
    {
        var element = StructuringElement.Create(s_shapes[shape], width, height);
        Assert.Equal(s_fixtures.Bytes($"element_{shape}_{width}x{height}"), element.ToBytes());
        Assert.Equal(width / 2, element.AnchorX);
        Assert.Equal(height / 2, element.AnchorY);
    }

    [Theory]
    [MemberData(nameof(OperationCases))]
    public void Operations_AreBitExactWithOpenCv(string source, string op, string shape, int k)
    {
        using var image = s_fixtures.Image(source);
        var options = new MorphologyOptions(StructuringElement.Create(s_shapes[shape], k, k));
        using var result = image.Morphology(s_operations[op], options);
        Assert.Equal(s_fixtures.Bytes($"{source}.{op}_{shape}_{k}"), result.Pixels.ToArray());
    }

    [Theory]
    [InlineData("rect")]
    [InlineData("ellipse")]
    public void Iterations_MatchOpenCv(string shape)
    {
        using var image = s_fixtures.Image("gray_61x47");
        var element = StructuringElement.Create(s_shapes[shape], 3, 3);
        using var eroded = image.Erode(element, iterations: 3);
        Assert.Equal(s_fixtures.Bytes($"gray_61x47.erode_{shape}_3_it3"), eroded.Pixels.ToArray());
        using var opened = image.Open(element, iterations: 2);
        Assert.Equal(s_fixtures.Bytes($"gray_61x47.open_{shape}_3_it2"), opened.Pixels.ToArray());
    }

    [Fact]
    public void NonSquareAndCustomElements_MatchOpenCv()
    {
        using var image = s_fixtures.Image("gray_61x47");
        using var dilated = image.Dilate(StructuringElement.Rectangle(7, 4));
        Assert.Equal(s_fixtures.Bytes("gray_61x47.dilate_rect_7x4"), dilated.Pixels.ToArray());

        var shape = s_fixtures.Shape("custom_element");
        var cells = s_fixtures.Bytes("custom_element");
        var mask = new byte[shape[0], shape[1]];
        for (int y = 0; y < shape[0]; y++)
        {
            for (int x = 0; x < shape[1]; x++)
            {
                mask[y, x] = cells[(y * shape[1]) + x];
            }
        }

        var custom = StructuringElement.FromMask(mask, (int)s_fixtures.Number("custom_element", "anchor_x"), (int)s_fixtures.Number("custom_element", "anchor_y"));
        Assert.False(custom.IsRectangle);
        using var eroded = image.Erode(custom);
        Assert.Equal(s_fixtures.Bytes("gray_61x47.erode_custom"), eroded.Pixels.ToArray());
        using var dilatedCustom = image.Dilate(custom);
        Assert.Equal(s_fixtures.Bytes("gray_61x47.dilate_custom"), dilatedCustom.Pixels.ToArray());
    }

    [Fact]
    public void Colour_IsPerChannelAndAlphaIsKept()
    {
        using var rgb = s_fixtures.Image("rgb_61x47");
        using var dilated = rgb.Dilate(StructuringElement.Ellipse(5, 5));
        Assert.Equal(s_fixtures.Bytes("rgb_61x47.dilate_ellipse_5"), dilated.Pixels.ToArray());

        using var rgba = s_fixtures.Image("rgba_61x47");
        using var eroded = rgba.Erode(StructuringElement.Rectangle(3, 3));
        var expected = s_fixtures.Bytes("rgba_61x47.erode_rect_3");
        var actual = eroded.Pixels;
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.Equal((i & 3) == 3 ? rgba.Pixels[i] : expected[i], actual[i]);
        }
    }

    [Fact]
    public void HandComputed_SinglePixelDilatesToTheElement()
    {
        using var image = Image.Create(5, 5, PixelFormat.Gray8);
        image[2, 2] = 200;
        using var dilated = image.Dilate(StructuringElement.Cross(3, 3));
        byte[] expected =
        [
            0, 0, 0, 0, 0,
            0, 0, 200, 0, 0,
            0, 200, 200, 200, 0,
            0, 0, 200, 0, 0,
            0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, dilated.Pixels.ToArray());

        // Border is neutral: eroding an all-255 image keeps it 255 everywhere, including the edges.
        using var white = Image.Create(4, 3, PixelFormat.Gray8);
        white.Pixels.Fill(255);
        using var eroded = white.Erode(StructuringElement.Ellipse(5, 5));
        Assert.All(eroded.Pixels.ToArray(), v => Assert.Equal(255, v));

        // Opening removes a 1-pixel speck but keeps a 3×3 block.
        using var specks = Image.Create(8, 8, PixelFormat.Gray8);
        specks[0, 0] = 255;
        for (int y = 4; y < 7; y++)
        {
            for (int x = 4; x < 7; x++)
            {
                specks[x, y] = 255;
            }
        }

        using var opened = specks.Open(StructuringElement.Rectangle(3, 3));
        Assert.Equal(0, opened[0, 0]);
        Assert.Equal(255, opened[5, 5]);
        Assert.Equal(9, opened.Pixels.ToArray().Count(v => v == 255));
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuringElement.Rectangle(0, 3));
        Assert.Throws<ArgumentException>(() => StructuringElement.FromMask(new byte[2, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuringElement.FromMask(new byte[,] { { 1 } }, 1, 0));
        using var image = Image.Create(4, 4, PixelFormat.Gray8);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Erode(StructuringElement.Rectangle(3, 3), 0));
    }
}
