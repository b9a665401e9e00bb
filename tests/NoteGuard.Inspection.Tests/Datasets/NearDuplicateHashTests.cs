using NoteGuard.Imaging;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Tests.Datasets;

/// <summary>The audit's perceptual hash on synthetic "notes": smooth random patterns with printed-like detail.</summary>
public sealed class NearDuplicateHashTests
{
    /// <summary>The audit's default near-duplicate threshold (seed 004).</summary>
    private const int Threshold = 5;

    /// <summary>A smooth random colour pattern: a sum of random low-frequency waves plus fine stripes.</summary>
    private static Image Note(int seed, int width = 160, int height = 96, double shiftX = 0, double shiftY = 0)
    {
        var random = new Random(seed);
        var waves = Enumerable.Range(0, 24).Select(_ => (fx: (random.NextDouble() * 6) - 3, fy: (random.NextDouble() * 6) - 3, phase: random.NextDouble() * 6.28, channel: random.Next(3))).ToArray();
        var image = Image.Create(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            var row = image.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                double u = (x + shiftX) / 160.0, v = (y + shiftY) / 96.0;
                Span<double> rgb = [128, 128, 128];
                foreach (var (fx, fy, phase, channel) in waves)
                {
                    rgb[channel] += 25 * Math.Sin((2 * Math.PI * ((fx * u) + (fy * v))) + phase);
                }

                double stripes = 10 * Math.Sin(x * 1.3);
                for (int c = 0; c < 3; c++)
                {
                    row[(3 * x) + c] = (byte)Math.Clamp(rgb[c] + stripes, 0, 255);
                }
            }
        }

        return image;
    }

    private static Image Noisy(Image image, int seed, int amplitude)
    {
        var copy = image.Clone();
        var random = new Random(seed);
        var pixels = copy.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-amplitude, amplitude + 1), 0, 255);
        }

        return copy;
    }

    private static Image HalfSize(Image image)
    {
        var half = Image.Create(image.Width / 2, image.Height / 2, image.Format);
        for (int y = 0; y < half.Height; y++)
        {
            for (int x = 0; x < half.Width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    half[x, y, c] = (byte)((image[2 * x, 2 * y, c] + image[(2 * x) + 1, 2 * y, c] + image[2 * x, (2 * y) + 1, c] + image[(2 * x) + 1, (2 * y) + 1, c] + 2) / 4);
                }
            }
        }

        return half;
    }

    /// <summary>
    /// pHash is not shift-invariant: a shift of 1% flips a few low-frequency bits, occasionally more than the threshold
    /// (on real taka photos, 1% shifts give 0–8 bits, most ≤ 4). So the shifted copies must be found in at least 8 of 10
    /// cases; resized and re-quantised copies in every case.
    /// </summary>
    [Fact]
    public void FindsResizedRecompressedAndShiftedCopies()
    {
        int shiftedFound = 0;
        var distances = new List<string>();
        for (int seed = 0; seed < 10; seed++)
        {
            using var original = Note(seed);
            using var resized = HalfSize(original);
            using var recompressed = Noisy(original, seed, 6); // quantisation-like noise of a re-encode
            using var shifted = Note(seed, shiftX: 1, shiftY: 1);
            ulong h = ImageHashing.Compute(original);
            int dResized = HammingIndex.Distance(h, ImageHashing.Compute(resized));
            int dRecompressed = HammingIndex.Distance(h, ImageHashing.Compute(recompressed));
            int dShifted = HammingIndex.Distance(h, ImageHashing.Compute(shifted));
            distances.Add($"{seed}: {dResized}/{dRecompressed}/{dShifted}");
            Assert.True(dResized <= Threshold, $"seed {seed}: resized copy at distance {dResized}");
            Assert.True(dRecompressed <= Threshold, $"seed {seed}: recompressed copy at distance {dRecompressed}");
            shiftedFound += dShifted <= Threshold ? 1 : 0;
        }

        Assert.True(shiftedFound >= 8, "shifted copies found " + shiftedFound + "/10; distances resized/recompressed/shifted " + string.Join(", ", distances));
    }

    [Fact]
    public void DoesNotPairDifferentNotes()
    {
        var hashes = Enumerable.Range(100, 40).Select(seed =>
        {
            using var note = Note(seed);
            return (ulong?)ImageHashing.Compute(note);
        }).ToList();
        Assert.Empty(HammingIndex.Pairs(hashes, Threshold));
    }
}
