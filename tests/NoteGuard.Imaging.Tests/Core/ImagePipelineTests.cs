using NoteGuard.Imaging.Processing.Pipeline;

namespace NoteGuard.Imaging.Tests.Core;

public sealed class ImagePipelineTests
{
    [Fact]
    public void UnknownOperationListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ImagePipeline.Parse("sharpenn"));
        Assert.Contains("Unknown operation 'sharpenn'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gray:weights", "key=value")]
    [InlineData("gray:=3", "key=value")]
    public void MalformedArgumentsAreReported(string spec, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ImagePipeline.Parse(spec));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltKeyIsReportedNotIgnored()
    {
        var error = Assert.Throws<ArgumentException>(() => ImagePipeline.Parse("clahe:clip=2,tilez=8"));
        Assert.Contains("'tilez'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadNumberNamesTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => ImagePipeline.Parse("clahe:clip=lots"));
        Assert.Contains("clip=lots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogHasTheIssueOperations()
    {
        var names = ImagePipeline.Operations.Select(o => o.Name).ToHashSet();
        foreach (string name in new[] { "gray", "resize", "equalize", "clahe", "median", "sharpen", "sobel", "emboss", "stretch", "wiener", "threshold", "open", "close", "erode", "dilate", "crop", "flip", "rotate", "blur" })
        {
            Assert.Contains(name, names);
        }

        Assert.All(ImagePipeline.Operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Usage)));
    }

    [Fact]
    public void ApplyLeavesInputUntouchedAndChains()
    {
        using var input = Image.FromPixels(4, 1, PixelFormat.Rgb24, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
        byte[] before = input.Pixels.ToArray();
        using var output = ImagePipeline.Apply(input, ["gray", "flip:axis=h"]);
        Assert.Equal(before, input.Pixels.ToArray());
        Assert.Equal(PixelFormat.Gray8, output.Format);
        Assert.True(output[0, 0] > output[3, 0], "flipped gray ramp should decrease left to right");
    }
}
