using NoteGuard.Imaging;
using NoteGuard.Inspection.Augmentation;
using NoteGuard.Inspection.Preprocessing;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Augmentation;

public sealed class ImageAugmenterTests
{
    /// <summary>Float rounding between two ways of computing the same bilinear sample.</summary>
    private const double SampleTolerance = 1e-5;

    /// <summary>Coordinates from composed affine maps.</summary>
    private const double MapTolerance = 1e-9;

    private static readonly PreprocessingPreset s_preset = new() { Name = "t", Width = 16, Height = 16, Mean = [0.5f, 0.5f, 0.5f], Std = [0.25f, 0.25f, 0.25f] };

    private static Image Gradient(int width, int height)
    {
        var image = Image.Create(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            var row = image.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                row[3 * x] = (byte)(x * 255 / (width - 1));
                row[(3 * x) + 1] = (byte)(y * 255 / (height - 1));
                row[(3 * x) + 2] = (byte)((x * y) % 256);
            }
        }

        return image;
    }

    private static float[] Augment(Image image, AugmentationOptions options, long seed)
    {
        var tensor = new float[s_preset.TensorLength];
        ImageAugmenter.Apply(image, s_preset, options, seed, tensor);
        return tensor;
    }

    [Fact]
    public void None_EqualsPlainPreprocessing()
    {
        using var image = Gradient(40, 32);
        var plain = Preprocessor.Run(image, s_preset);
        Tolerance.AllClose(plain, Augment(image, AugmentationOptions.None, 1), SampleTolerance);
    }

    [Fact]
    public void SameSeedSameResult_OtherSeedDifferent()
    {
        using var image = Gradient(40, 32);
        var a = Augment(image, AugmentationOptions.Seed004, 7);
        var b = Augment(image, AugmentationOptions.Seed004, 7);
        var c = Augment(image, AugmentationOptions.Seed004, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void HorizontalFlip_MirrorsThePlainTensor()
    {
        using var image = Gradient(16, 16);
        var plain = Preprocessor.Run(image, s_preset);
        var flipped = Augment(image, AugmentationOptions.None with { HorizontalFlipProbability = 1 }, 3);
        var mirrored = new float[plain.Length];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 16; y++)
            {
                for (int x = 0; x < 16; x++)
                {
                    mirrored[(c * 256) + (y * 16) + x] = plain[(c * 256) + (y * 16) + 15 - x];
                }
            }
        }

        Tolerance.AllClose(mirrored, flipped, SampleTolerance);
    }

    [Fact]
    public void Geometry_CropFlipAndRotationMaps_HandChecked()
    {
        var random = new Random(1);

        // Crop of a quarter of the area, square: the unit square maps onto a 0.5 × 0.5 square inside the source.
        var crop = ImageAugmenter.DrawGeometry(random, AugmentationOptions.None with { CropScaleMin = 0.25, CropScaleMax = 0.25 }, 16, 16);
        var (x0, y0) = crop.Apply(0, 0);
        var (x1, y1) = crop.Apply(1, 1);
        Assert.Equal(0.5, x1 - x0, MapTolerance);
        Assert.Equal(0.5, y1 - y0, MapTolerance);
        Assert.InRange(x0, 0, 0.5);

        // A flip maps 0.25 to 0.75 and keeps the centre.
        var flip = ImageAugmenter.DrawGeometry(random, AugmentationOptions.None with { HorizontalFlipProbability = 1 }, 16, 16);
        Assert.Equal((0.75, 0.5), flip.Apply(0.25, 0.5));

        // A rotation keeps the centre fixed and distances from it (square output).
        for (int trial = 0; trial < 20; trial++)
        {
            var rotation = ImageAugmenter.DrawGeometry(random, AugmentationOptions.None with { RotationDegrees = 15 }, 16, 16);
            var (cx, cy) = rotation.Apply(0.5, 0.5);
            Assert.Equal(0.5, cx, MapTolerance);
            Assert.Equal(0.5, cy, MapTolerance);
            var (px, py) = rotation.Apply(1, 0.5);
            Assert.Equal(0.5, Math.Sqrt(((px - 0.5) * (px - 0.5)) + ((py - 0.5) * (py - 0.5))), MapTolerance);
            Assert.True(Math.Abs(Math.Atan2(py - 0.5, px - 0.5)) <= (15 * Math.PI / 180) + MapTolerance);
        }
    }

    [Fact]
    public void Brightness_ScalesEveryValueByOneFactorInRange()
    {
        using var image = Image.Create(16, 16, PixelFormat.Rgb24);
        image.Pixels.Fill(100);
        var identity = s_preset with { Mean = [0, 0, 0], Std = [1, 1, 1] };
        var tensor = new float[identity.TensorLength];
        ImageAugmenter.Apply(image, identity, AugmentationOptions.None with { Brightness = 0.2 }, 5, tensor);
        float factor = tensor[0] / (100f / 255f);
        Assert.InRange(factor, 0.8f, 1.2f);
        Assert.NotEqual(1f, factor);
        Tolerance.AllClose(Enumerable.Repeat(tensor[0], tensor.Length).ToArray(), tensor, SampleTolerance);
    }

    [Fact]
    public void SaturationAndHue_KeepGrayPixelsGray()
    {
        using var image = Image.Create(16, 16, PixelFormat.Rgb24);
        for (int i = 0; i < image.Length; i++)
        {
            image.Pixels[i] = (byte)(i / 3 % 200);
        }

        var identity = s_preset with { Mean = [0, 0, 0], Std = [1, 1, 1] };
        var tensor = new float[identity.TensorLength];
        ImageAugmenter.Apply(image, identity, AugmentationOptions.None with { Saturation = 0.5, Hue = 0.3 }, 9, tensor);
        Tolerance.AllClose(tensor.AsSpan(0, 256), tensor.AsSpan(256, 256), 1e-3, what: "R vs G");
        Tolerance.AllClose(tensor.AsSpan(0, 256), tensor.AsSpan(512, 256), 1e-3, what: "R vs B");
    }

    [Fact]
    public void HueShift_ChangesColour_ButKeepsLuma()
    {
        using var image = Image.Create(16, 16, PixelFormat.Rgb24);
        for (int i = 0; i < image.Length; i += 3)
        {
            image.Pixels[i] = 180;
            image.Pixels[i + 1] = 90;
            image.Pixels[i + 2] = 60;
        }

        var identity = s_preset with { Mean = [0, 0, 0], Std = [1, 1, 1] };
        var tensor = new float[identity.TensorLength];
        ImageAugmenter.Apply(image, identity, AugmentationOptions.None with { Hue = 0.1 }, 2, tensor);
        float luma = (0.299f * tensor[0]) + (0.587f * tensor[256]) + (0.114f * tensor[512]);
        Assert.Equal((0.299 * 180 + 0.587 * 90 + 0.114 * 60) / 255, luma, 2e-3);
        Assert.True(Math.Abs(tensor[0] - (180f / 255f)) > 1e-3, "hue shift should change red");
    }

    [Fact]
    public void RandomErasing_ZeroesOneRectangleOfTheConfiguredArea()
    {
        using var image = Image.Create(32, 32, PixelFormat.Rgb24);
        image.Pixels.Fill(200);
        var preset = s_preset with { Width = 32, Height = 32 };
        var tensor = new float[preset.TensorLength];
        for (int seed = 0; seed < 20; seed++)
        {
            ImageAugmenter.Apply(image, preset, AugmentationOptions.None with { ErasingProbability = 1, ErasingAreaMin = 0.1, ErasingAreaMax = 0.1 }, seed, tensor);
            int zeros = tensor.AsSpan(0, 1024).ToArray().Count(v => v == 0f);
            Assert.InRange(zeros, 70, 135); // 10% of 1024 = 102, rounding of the sides
            Assert.Equal(zeros, tensor.AsSpan(1024, 1024).ToArray().Count(v => v == 0f));
        }

        ImageAugmenter.Apply(image, preset, AugmentationOptions.None, 0, tensor);
        Assert.DoesNotContain(0f, tensor);
    }

    [Fact]
    public void GaussianBlur_PreservesSumAndSymmetry()
    {
        var plane = new float[15 * 15];
        plane[(7 * 15) + 7] = 1;
        ImageAugmenter.GaussianBlur(plane, 15, 15, 1.0);
        Assert.Equal(1.0, plane.Sum(), 1e-5);
        Assert.Equal(plane[(7 * 15) + 6], plane[(7 * 15) + 8], 1e-7);
        Assert.Equal(plane[(6 * 15) + 7], plane[(7 * 15) + 6], 1e-7);
        Assert.True(plane[(7 * 15) + 7] < 0.2f);
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        using var image = Gradient(8, 8);
        var tensor = new float[s_preset.TensorLength];
        Assert.ThrowsAny<ArgumentException>(() => ImageAugmenter.Apply(image, s_preset, AugmentationOptions.Seed004 with { CropScaleMin = 0 }, 1, tensor));
        Assert.ThrowsAny<ArgumentException>(() => ImageAugmenter.Apply(image, s_preset, AugmentationOptions.Seed004 with { ErasingAreaMax = 0.01 }, 1, tensor));
        Assert.ThrowsAny<ArgumentException>(() => ImageAugmenter.Apply(image, s_preset, AugmentationOptions.Seed004 with { Hue = 0.6 }, 1, tensor));
    }

    [Fact]
    public void Seed001_BlursAndZooms_WithoutColourChanges()
    {
        using var image = Gradient(32, 32);
        var gray = s_preset with { Color = PresetColor.Gray, Mean = [0], Std = [1] };
        var tensor = new float[gray.TensorLength];
        ImageAugmenter.Apply(image, gray, AugmentationOptions.Seed001, 4, tensor);
        Assert.All(tensor, v => Assert.InRange(v, 0f, 1f));
    }
}
