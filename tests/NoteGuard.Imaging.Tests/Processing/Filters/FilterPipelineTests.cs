using NoteGuard.Imaging.Processing.Filters;
using NoteGuard.Imaging.Processing.Pipeline;

namespace NoteGuard.Imaging.Tests.Processing.Filters;

public class FilterPipelineTests
{
    public static TheoryData<string, Func<Image, Image>> Steps => new()
    {
        { "blur:k=5", i => i.GaussianBlur(new GaussianBlurOptions(5)) },
        { "blur:k=0,sigma=1.5,border=replicate", i => i.GaussianBlur(new GaussianBlurOptions(0, 1.5) { Border = BorderMode.Replicate }) },
        { "median:k=5", i => i.MedianBlur(5) },
        { "sharpen", i => i.Sharpen() },
        { "emboss", i => i.Emboss() },
        { "sobel:mode=diagonal", i => i.Sobel(new SobelOptions(SobelMode.Diagonal)) },
        { "sobel:mode=x,k=5", i => i.Sobel(new SobelOptions(SobelMode.X, 5)) },
        { "sobel", i => i.Sobel(new SobelOptions(SobelMode.Magnitude)) },
        { "wiener:k=5", i => i.Wiener(new WienerOptions(5)) },
        { "wiener:k=3,noise=50", i => i.Wiener(new WienerOptions(3, 50)) },
        { "convolve:kernel=0;-1;0;-1;5;-1;0;-1;0,border=constant", i => i.Convolve(ConvolutionKernel.Square(0, -1, 0, -1, 5, -1, 0, -1, 0), new ConvolutionOptions(BorderMode.Constant)) },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void StepEqualsTheLibraryCall(string spec, Func<Image, Image> direct)
    {
        using var image = ProcessingAFixtures.Image("rgba");
        using var expected = direct(image);
        using var actual = ImagePipeline.Apply(image, [spec]);
        Assert.Equal(expected.Pixels.ToArray(), actual.Pixels.ToArray());
    }

    [Theory]
    [InlineData("blur:k=4")]
    [InlineData("blur:k=0,sigma=0")]
    [InlineData("median:k=2")]
    [InlineData("median:k=301")]
    [InlineData("sobel:mode=diagonal,k=5")]
    [InlineData("sobel:mode=sideways")]
    [InlineData("wiener:k=4")]
    [InlineData("wiener:noise=-1")]
    [InlineData("convolve")]
    [InlineData("convolve:kernel=1;2;3")]
    [InlineData("convolve:kernel=1;x")]
    [InlineData("sharpen:border=wrap")]
    [InlineData("emboss:strength=2")]
    public void BadSpecsAreArgumentErrors(string spec)
    {
        Assert.ThrowsAny<ArgumentException>(() => ImagePipeline.Parse(spec));
    }

    [Fact]
    public void EveryFilterOperationHasUsage()
    {
        foreach (string name in new[] { "blur", "median", "sharpen", "emboss", "sobel", "wiener", "convolve" })
        {
            var op = Assert.Single(ImagePipeline.Operations, o => o.Name == name);
            Assert.StartsWith(name, op.Usage, StringComparison.Ordinal);
        }
    }
}
