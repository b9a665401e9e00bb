using NoteGuard.Imaging.Processing.Filters;
using NoteGuard.Imaging.Processing.Geometry;
using NoteGuard.Imaging.Processing.Hashing;
using Xunit.Abstractions;

namespace NoteGuard.Imaging.Tests.Processing.Hashing;

public class PerceptualHashTests(ITestOutputHelper output)
{
    /// <summary>Seed 004's near-duplicate threshold.</summary>
    private const int NearDuplicateDistance = PerceptualHash.DefaultDuplicateDistance;

    /// <summary>Unrelated images must be clearly apart (random hashes differ in ~32 bits).</summary>
    private const int DistinctMinDistance = 16;

    [Fact]
    public void AlteredCopiesAreNearDuplicates()
    {
        using var note = ProcessingAFixtures.Image("phash_note");
        using var jpeg = ProcessingAFixtures.Image("phash_note_jpeg60");
        using var smaller = note.Resize(71, 35, ResizeMode.Area);
        using var larger = note.Resize(150, 75, ResizeMode.Bicubic);
        using var shifted = note.WarpAffine(AffineTransform.Translation(2, 1), new WarpOptions(note.Width, note.Height) { Border = BorderMode.Replicate });
        using var blurred = note.GaussianBlur(new GaussianBlurOptions(3));
        using var brighter = note.Clone();
        var p = brighter.Pixels;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = (byte)Math.Min(255, p[i] + 12);
        }

        var reference = PerceptualHash.Compute(note);
        foreach (var (name, copy) in new[] { ("jpeg60", jpeg), ("smaller", smaller), ("larger", larger), ("shifted", shifted), ("blurred", blurred), ("brighter", brighter) })
        {
            int d = reference.DistanceTo(PerceptualHash.Compute(copy));
            output.WriteLine($"{name}: {d}");
            Assert.True(d <= NearDuplicateDistance, $"{name}: distance {d} > {NearDuplicateDistance}");
            Assert.True(reference.IsNearDuplicateOf(PerceptualHash.Compute(copy)));
        }
    }

    [Fact]
    public void DistinctImagesAreFarApart()
    {
        var images = new List<(string Name, Image Image)>
        {
            ("note", ProcessingAFixtures.Image("phash_note")),
            ("rgb", ProcessingAFixtures.Image("rgb")),
            ("stripes", Pattern((x, y) => ((x + y) / 6) % 2 * 200)),
            ("horizontal-ramp", Pattern((x, y) => x * 4)),
            ("vertical-ramp", Pattern((x, y) => y * 4)),
            ("checker", Pattern((x, y) => ((x / 8) + (y / 8)) % 2 * 255)),
            ("rings", Pattern((x, y) => (int)(127 + (127 * Math.Cos(Math.Sqrt(((x - 32) * (x - 32)) + ((y - 32) * (y - 32))) / 3))))),
        };
        var hashes = images.Select(i => PerceptualHash.Compute(i.Image)).ToArray();
        for (int i = 0; i < hashes.Length; i++)
        {
            for (int j = i + 1; j < hashes.Length; j++)
            {
                int d = hashes[i].DistanceTo(hashes[j]);
                output.WriteLine($"{images[i].Name} vs {images[j].Name}: {d}");
                Assert.True(d >= DistinctMinDistance, $"{images[i].Name} vs {images[j].Name}: distance {d} < {DistinctMinDistance}");
            }
        }

        foreach (var (_, image) in images)
        {
            image.Dispose();
        }
    }

    [Fact]
    public void HammingDistanceCountsDifferingBits()
    {
        var a = new PerceptualHash(0b1011UL);
        var b = new PerceptualHash(0b0110UL);
        Assert.Equal(3, a.DistanceTo(b));
        Assert.Equal(3, PerceptualHash.HammingDistance(b, a));
        Assert.Equal(64, new PerceptualHash(0).DistanceTo(new PerceptualHash(ulong.MaxValue)));
        Assert.Equal(0, a.DistanceTo(a));
    }

    [Fact]
    public void HexFormRoundTrips()
    {
        var hash = new PerceptualHash(0x8f00_1234_abcd_0001);
        Assert.Equal("8f001234abcd0001", hash.ToString());
        Assert.Equal(hash, PerceptualHash.Parse("8f001234abcd0001"));
        Assert.Throws<FormatException>(() => PerceptualHash.Parse("xyz"));
        Assert.Throws<FormatException>(() => PerceptualHash.Parse("8f001234abcd00011"));
    }

    [Fact]
    public void DcIsIncludedAndAlwaysSetForNonBlackImages()
    {
        using var image = Pattern((x, y) => x * 4);
        var hash = PerceptualHash.Compute(image);

        // The DC coefficient (sum of all pixels) dominates the 64 values, so the top bit is set.
        Assert.Equal(1UL, hash.Bits >> 63);
    }

    [Fact]
    public void GrayAndRgbOfTheSameLumaHashAlike()
    {
        using var rgb = ProcessingAFixtures.Image("phash_note");
        using var gray = Image.Create(rgb.Width, rgb.Height, PixelFormat.Gray8);
        for (int y = 0; y < rgb.Height; y++)
        {
            for (int x = 0; x < rgb.Width; x++)
            {
                gray[x, y] = (byte)(((rgb[x, y, 0] * 4899) + (rgb[x, y, 1] * 9617) + (rgb[x, y, 2] * 1868) + 8192) >> 14);
            }
        }

        Assert.Equal(PerceptualHash.Compute(gray), PerceptualHash.Compute(rgb));
    }

    private static Image Pattern(Func<int, int, int> value)
    {
        var image = Image.Create(64, 64, PixelFormat.Gray8);
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                image[x, y] = (byte)Math.Clamp(value(x, y), 0, 255);
            }
        }

        return image;
    }
}
