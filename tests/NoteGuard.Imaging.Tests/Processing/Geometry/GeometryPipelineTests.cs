using NoteGuard.Imaging.Processing.Geometry;
using NoteGuard.Imaging.Processing.Pipeline;

namespace NoteGuard.Imaging.Tests.Processing.Geometry;

public class GeometryPipelineTests
{
    [Theory]
    [InlineData("resize:w=20,h=10,mode=area", 20, 10)]
    [InlineData("resize:w=30", 30, 23)]
    [InlineData("resize:h=94", 122, 94)]
    [InlineData("resize:scale=0.5,mode=nearest", 30, 24)]
    [InlineData("crop:x=3,y=4,w=10,h=7", 10, 7)]
    [InlineData("flip:axis=both", 61, 47)]
    [InlineData("rotate:deg=90", 47, 61)]
    [InlineData("rotate:deg=-90", 47, 61)]
    public void StepsProduceTheExpectedSize(string spec, int width, int height)
    {
        using var image = ProcessingAFixtures.Image("rgb");
        using var result = ImagePipeline.Apply(image, [spec]);
        Assert.Equal((width, height), (result.Width, result.Height));
    }

    [Fact]
    public void StepsEqualTheLibraryCalls()
    {
        using var image = ProcessingAFixtures.Image("rgba");
        using var viaPipeline = ImagePipeline.Apply(image, ["resize:w=11,h=9,mode=bicubic", "flip:axis=v", "rotate:deg=270", "crop:x=1,y=2,w=5,h=4"]);
        using var a = image.Resize(11, 9, ResizeMode.Bicubic);
        using var b = a.Flip(FlipAxis.Vertical);
        using var c = b.Rotate90(RotationAngle.Clockwise270);
        using var d = c.Crop(1, 2, 5, 4);
        Assert.Equal(d.Pixels.ToArray(), viaPipeline.Pixels.ToArray());
    }

    [Theory]
    [InlineData("resize")]
    [InlineData("resize:w=0,h=3")]
    [InlineData("resize:scale=0")]
    [InlineData("resize:scale=2,w=3")]
    [InlineData("resize:w=3,h=3,mode=lanczos")]
    [InlineData("resize:w=3,h=3,colour=red")]
    [InlineData("crop:x=1,y=1")]
    [InlineData("flip:axis=diagonal")]
    [InlineData("rotate:deg=45")]
    [InlineData("rotate")]
    public void BadSpecsAreArgumentErrors(string spec)
    {
        Assert.ThrowsAny<ArgumentException>(() => ImagePipeline.Parse(spec));
    }

    [Fact]
    public void EveryGeometryOperationHasUsage()
    {
        foreach (string name in new[] { "resize", "crop", "flip", "rotate" })
        {
            var op = Assert.Single(ImagePipeline.Operations, o => o.Name == name);
            Assert.StartsWith(name, op.Usage, StringComparison.Ordinal);
        }
    }
}
