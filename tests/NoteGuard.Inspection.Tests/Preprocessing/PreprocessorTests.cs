using NoteGuard.Imaging;
using NoteGuard.Inspection.Datasets;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Preprocessing;

public sealed class PreprocessorTests
{
    /// <summary>Float32 rounding of the scale/normalise arithmetic on hand-computed values.</summary>
    private const double HandTolerance = 1e-5;

    private static Image Rgb(int width, int height, params byte[] pixels) => Image.FromPixels(width, height, PixelFormat.Rgb24, pixels);

    [Fact]
    public void ResnetImageNet_SameSize_IsScaledAndNormalisedPerChannel_HandComputed()
    {
        using var image = Rgb(2, 1, 255, 0, 128, 0, 255, 64);
        var preset = PreprocessingPresets.ResnetImageNet(size: 2) with { Height = 1 };

        float[] tensor = Preprocessor.Run(image, preset);

        // CHW: R plane (x0, x1), G plane, B plane; (v/255 - mean) / std.
        float[] expected =
        [
            (1f - 0.485f) / 0.229f, (0f - 0.485f) / 0.229f,
            (0f - 0.456f) / 0.224f, (1f - 0.456f) / 0.224f,
            ((128f / 255f) - 0.406f) / 0.225f, ((64f / 255f) - 0.406f) / 0.225f,
        ];
        Tolerance.AllClose(expected, tensor, HandTolerance);
    }

    [Fact]
    public void Downscale_AveragesWholeBlocks_HandComputed()
    {
        // 4×4 gray -> 2×2: each output is the mean of a 2×2 block.
        byte[] pixels = [0, 10, 100, 100, 20, 30, 100, 100, 200, 200, 0, 255, 200, 200, 255, 0];
        using var image = Image.FromPixels(4, 4, PixelFormat.Gray8, pixels);
        var preset = new PreprocessingPreset { Name = "t", Width = 2, Height = 2, Color = PresetColor.Gray, Mean = [0], Std = [1] };

        float[] tensor = Preprocessor.Run(image, preset);

        Tolerance.AllClose([15f / 255f, 100f / 255f, 200f / 255f, 128f / 255f], tensor, HandTolerance);
    }

    [Fact]
    public void Upscale_IsBilinearBetweenPixelCentres_HandComputed()
    {
        using var image = Image.FromPixels(2, 1, PixelFormat.Gray8, [0, 200]);
        var preset = new PreprocessingPreset { Name = "t", Width = 4, Height = 1, Color = PresetColor.Gray, Mean = [0], Std = [1] };

        float[] tensor = Preprocessor.Run(image, preset);

        // Output centres 0.5,1.5,2.5,3.5 map to source 0.25,0.75,1.25,1.75 minus 0.5: -0.25 (edge), 0.25, 0.75, 1.25 (edge).
        Tolerance.AllClose([0f, 50f / 255f, 150f / 255f, 200f / 255f], tensor, HandTolerance);
    }

    [Fact]
    public void GrayPreset_UsesItsWeights_AndGrayToRgbReplicates()
    {
        using var color = Rgb(1, 1, 100, 200, 50);
        var gray = new PreprocessingPreset { Name = "g", Width = 1, Height = 1, Color = PresetColor.Gray, GrayWeights = [0.17f, 0.62f, 0.21f], Mean = [0], Std = [1] };
        Tolerance.AllClose([151.5f / 255f], Preprocessor.Run(color, gray), HandTolerance);

        using var mono = Image.FromPixels(1, 1, PixelFormat.Gray8, [51]);
        var rgb = new PreprocessingPreset { Name = "c", Width = 1, Height = 1, Mean = [0.1f, 0.2f, 0.3f], Std = [0.5f, 0.5f, 0.5f] };
        Tolerance.AllClose([0.2f, 0f, -0.2f], Preprocessor.Run(mono, rgb), HandTolerance);
    }

    [Fact]
    public void Box_IsCroppedWithMargin()
    {
        // 10×10 gray, left half 0, right half 250; a box on the right half only sees 250.
        using var image = Image.Create(10, 10, PixelFormat.Gray8);
        for (int y = 0; y < 10; y++)
        {
            image.GetRow(y)[5..].Fill(250);
        }

        var preset = new PreprocessingPreset { Name = "g", Width = 2, Height = 2, Color = PresetColor.Gray, Mean = [0], Std = [1] };
        var box = new BoundingBox(0.75, 0.5, 0.4, 0.8);
        Tolerance.AllClose([250f / 255f, 250f / 255f, 250f / 255f, 250f / 255f], Preprocessor.Run(image, preset, box, boxMargin: 0), HandTolerance);

        // A margin of 0.5 widens the box to 0.8 of the width (x 3.5..11.5 -> 3..10): the left output column mixes in black.
        float[] wide = Preprocessor.Run(image, preset, box, boxMargin: 0.5);
        Assert.True(wide[0] < 0.9f, $"left column {wide[0]} should include black pixels");
    }

    [Fact]
    public void Presets_AreNamed_WithTheSeedsSizes()
    {
        Assert.Equal((224, 224, 3), Size(PreprocessingPresets.Get("resnet-imagenet")));
        Assert.Equal((224, 224, 1), Size(PreprocessingPresets.Get("gray-histeq")));
        Assert.Equal((64, 64, 3), Size(PreprocessingPresets.Get("ENHANCED")));
        Assert.Equal((96, 96, 3), Size(PreprocessingPresets.Get("enhanced", 96)));
        Assert.Equal(["gray:weights=seed001", "equalize", "wiener:k=3"], PreprocessingPresets.Get("gray-histeq-wiener").Steps);
        Assert.Equal(["median:k=3", "sharpen", "stretch:low=2,high=98", "clahe:clip=2,tiles=8"], PreprocessingPresets.Enhanced().Steps);
        Assert.Throws<ArgumentException>(() => PreprocessingPresets.Get("vgg"));

        static (int, int, int) Size(PreprocessingPreset p) => (p.Width, p.Height, p.Channels);
    }

    [Fact]
    public void Json_RoundTrips_AndUsesSnakeCase()
    {
        var preset = PreprocessingPresets.ResnetImageNet(128) with { Name = "custom" };
        string json = preset.ToJson();
        Assert.Contains("\"gray_weights\"", json, StringComparison.Ordinal);
        Assert.Contains("\"color\": \"rgb\"", json, StringComparison.Ordinal);

        var back = PreprocessingPreset.FromJson(json);
        Assert.Equal(preset.Name, back.Name);
        Assert.Equal((preset.Width, preset.Height, preset.Color), (back.Width, back.Height, back.Color));
        Assert.Equal(preset.Mean, back.Mean);
        Assert.Equal(preset.Std, back.Std);
        Assert.Equal(preset.Steps, back.Steps);
    }

    [Fact]
    public void CustomPresetFile_IsResolved()
    {
        string folder = TestPaths.NewTempDirectory();
        string path = Path.Combine(folder, "mine.json");
        File.WriteAllText(path, "{ // comment\n \"name\": \"mine\", \"width\": 32, \"height\": 16, \"color\": \"gray\", \"mean\": [0.5], \"std\": [0.25], }");
        var preset = PreprocessingPresets.Resolve(path);
        Assert.Equal(("mine", 32, 16, 1), (preset.Name, preset.Width, preset.Height, preset.Channels));
        Assert.Throws<FileNotFoundException>(() => PreprocessingPresets.Resolve(Path.Combine(folder, "none.json")));
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"width\":0,\"height\":8}", "Width")]
    [InlineData("{\"name\":\"x\",\"width\":8,\"height\":8,\"std\":[1,0,1]}", "std")]
    [InlineData("{\"name\":\"x\",\"width\":8,\"height\":8,\"color\":\"gray\"}", "mean has 3")]
    [InlineData("{\"name\":\"x\",\"width\":8,\"height\":8,\"steps\":[\"nosuchop\"]}", "nosuchop")]
    [InlineData("{\"name\":\"x\",\"width\":8,\"height\":8,\"colour\":\"rgb\"}", "colour")]
    [InlineData("{\"name\":\"x\",\"width\":8,", "invalid")]
    [InlineData("{\"name\":\"x\",\"width\":8,\"height\":8,\"color\":\"cmyk\"}", "invalid")]
    public void BadJson_IsInvalidData_NamingTheProblem(string json, string mention)
    {
        var ex = Assert.Throws<InvalidDataException>(() => PreprocessingPreset.FromJson(json));
        Assert.Contains(mention, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WorkingSize_ShrinksByWholeFactorsBeforeTheSteps()
    {
        using var image = Image.Create(384, 300, PixelFormat.Rgb24);
        var preset = PreprocessingPresets.ResnetImageNet(64) with { WorkingSize = 128 };
        using var prepared = Preprocessor.Prepare(image, preset);
        Assert.Equal((192, 150), (prepared.Width, prepared.Height)); // factor 2: factor 3 would make 100 < 128
        Assert.Equal(128, PreprocessingPresets.Enhanced().WorkingSize);
        Assert.Throws<InvalidDataException>(() => PreprocessingPreset.FromJson("{\"name\":\"x\",\"width\":8,\"height\":8,\"working_size\":0}"));
    }

    [Fact]
    public void ShortDestination_IsRejected()
    {
        using var image = Rgb(1, 1, 1, 2, 3);
        var preset = PreprocessingPresets.ResnetImageNet(4);
        Assert.Throws<ArgumentException>(() => Preprocessor.ToTensor(image, preset, new float[preset.TensorLength - 1]));
    }
}
