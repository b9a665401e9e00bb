using NoteGuard.Imaging.Processing.Color;
using NoteGuard.Imaging.Processing.Histogram;
using NoteGuard.Imaging.Processing.Morphology;
using NoteGuard.Imaging.Processing.Pipeline;
using NoteGuard.Imaging.Processing.Threshold;

namespace NoteGuard.Imaging.Tests.Processing.Color;

/// <summary>The colour, histogram, threshold and morphology operations registered in <see cref="ImagePipeline"/>.</summary>
public class PipelineOperationsTests
{
    private static readonly ProcessingFixtures s_fixtures = ProcessingFixtures.Instance;

    [Theory]
    [InlineData("gray")]
    [InlineData("hsv")]
    [InlineData("lab")]
    [InlineData("rgb")]
    [InlineData("channel")]
    [InlineData("equalize")]
    [InlineData("clahe")]
    [InlineData("stretch")]
    [InlineData("threshold")]
    [InlineData("erode")]
    [InlineData("dilate")]
    [InlineData("open")]
    [InlineData("close")]
    [InlineData("gradient")]
    [InlineData("tophat")]
    [InlineData("blackhat")]
    public void Operation_IsRegisteredWithUsage(string name)
    {
        var definition = Assert.Single(ImagePipeline.Operations, d => d.Name == name);
        Assert.StartsWith(name, definition.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed001Preset_GrayThenEqualize_MatchesDirectCalls()
    {
        using var image = s_fixtures.Image("rgb_61x47");
        using var piped = ImagePipeline.Apply(image, ["gray:weights=seed001", "equalize"]);
        using var gray = image.ToGray(GrayscaleOptions.Seed001);
        using var direct = gray.EqualizeHistogram();
        Assert.Equal(direct.Pixels.ToArray(), piped.Pixels.ToArray());
    }

    [Fact]
    public void Seed004Preset_StretchThenClahe_MatchesDirectCalls()
    {
        using var image = s_fixtures.Image("rgb_100x75");
        using var piped = ImagePipeline.Apply(image, ["stretch:low=2,high=98", "clahe:clip=2,tiles=8"]);
        using var stretched = image.StretchContrast(new ContrastStretchOptions(2, 98));
        using var direct = stretched.ApplyClahe(new ClaheOptions(2, 8, 8));
        Assert.Equal(direct.Pixels.ToArray(), piped.Pixels.ToArray());
    }

    [Fact]
    public void Seed002Preset_ThresholdThenOpen_MatchesDirectCalls()
    {
        using var image = s_fixtures.Image("gray_61x47");
        using var piped = ImagePipeline.Apply(image, ["threshold:t=otsu", "open:shape=ellipse,k=5"]);
        using var binary = image.Threshold(new ThresholdOptions(Otsu: true));
        using var direct = binary.Open(StructuringElement.Ellipse(5, 5));
        Assert.Equal(direct.Pixels.ToArray(), piped.Pixels.ToArray());
    }

    [Fact]
    public void HsvSaturationMask_AsInSeed004BackgroundRemoval()
    {
        using var image = s_fixtures.Image("rgb_61x47");
        using var piped = ImagePipeline.Apply(image, ["hsv", "channel:index=1", "threshold:t=60", "close:w=5,h=3"]);
        using var hsv = image.ToHsv();
        using var saturation = hsv.ExtractChannel(1);
        using var mask = saturation.Threshold(new ThresholdOptions(60));
        using var direct = mask.Close(StructuringElement.Rectangle(5, 3));
        Assert.Equal(direct.Pixels.ToArray(), piped.Pixels.ToArray());
    }

    [Fact]
    public void CustomGrayWeightsAndTileGrid_Parse()
    {
        using var image = s_fixtures.Image("rgb_61x47");
        using var piped = ImagePipeline.Apply(image, ["gray:r=0.2,g=0.7,b=0.1", "clahe:clip=3,tiles=4x3"]);
        using var gray = image.ToGray(new GrayscaleOptions(0.2, 0.7, 0.1));
        using var direct = gray.ApplyClahe(new ClaheOptions(3, 4, 3));
        Assert.Equal(direct.Pixels.ToArray(), piped.Pixels.ToArray());
    }

    [Theory]
    [InlineData("gray:weights=bt709")]
    [InlineData("gray:r=-1")]
    [InlineData("clahe:tiles=0")]
    [InlineData("clahe:tiles=8x")]
    [InlineData("clahe:clip=-2")]
    [InlineData("stretch:low=90,high=10")]
    [InlineData("threshold:t=abc")]
    [InlineData("threshold:mode=otsu")]
    [InlineData("threshold:max=300")]
    [InlineData("erode:shape=disc")]
    [InlineData("dilate:k=0")]
    [InlineData("open:iterations=0")]
    [InlineData("rgb:from=xyz")]
    [InlineData("channel:index=4")]
    [InlineData("equalize:strength=2")]
    public void InvalidArguments_AreArgumentExceptions(string spec)
    {
        Assert.ThrowsAny<ArgumentException>(() => ImagePipeline.Parse(spec));
    }
}
