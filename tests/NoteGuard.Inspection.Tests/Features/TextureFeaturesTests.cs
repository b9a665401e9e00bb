using System.Text.Json;
using NoteGuard.Inspection.Features;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;

namespace NoteGuard.Inspection.Tests.Features;

public sealed class TextureFeaturesTests
{
    // Pattern counts are integers and must match numpy's exactly (compared as square-rooted fractions).
    private const double PatternTolerance = 1e-12;

    // OpenCV rounds hue to whole 2° units before binning; NoteGuard bins the exact hue, so a pixel whose hue lies less
    // than 1° below a 30° bin edge lands one bin lower. Bound: the share of such pixels in the fixtures (L1 of fractions).
    private const double OpenCvHueRoundingTolerance = 0.06;

    private const int PatternBins = 256;

    // Pattern histograms: 4 cells at radius 1, 4 at radius 2, 1 at radius 3; then the colour histogram.
    private const int ColourOffset = 9 * PatternBins;

    private static IEnumerable<JsonElement> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Fixture("texture", "texture_fixtures.json")));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone())];
    }

    public static TheoryData<int> CaseIndices() => [.. Enumerable.Range(0, Cases().Count())];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void PatternsMatchNumpyAndColoursMatchOpenCv(int index)
    {
        var c = Cases().ElementAt(index);
        int width = c.GetProperty("width").GetInt32();
        int height = c.GetProperty("height").GetInt32();
        int[] pixels = [.. c.GetProperty("pixels").EnumerateArray().Select(v => v.GetInt32())];
        var features = Describe(pixels, width, height);
        string what = c.GetProperty("image").GetString()!;

        int offset = 0;
        foreach (var (radius, grid) in TextureFeatures.Rings)
        {
            var cells = c.GetProperty("patterns").GetProperty(radius.ToString(System.Globalization.CultureInfo.InvariantCulture)).EnumerateArray().ToList();
            Assert.Equal(grid * grid, cells.Count);
            Assert.Equal((width - (2 * radius)) * (height - (2 * radius)), cells.Sum(cell => cell.EnumerateArray().Sum(v => v.GetInt32())));
            foreach (var cell in cells)
            {
                int[] counts = [.. cell.EnumerateArray().Select(v => v.GetInt32())];
                double total = counts.Sum();
                for (int code = 0; code < PatternBins; code++, offset++)
                {
                    double expected = Math.Sqrt(counts[code] / total);
                    Assert.True(Math.Abs(expected - features[offset]) <= PatternTolerance, $"{what} r{radius} value {offset}: {features[offset]} vs numpy {expected}");
                }
            }
        }

        Assert.Equal(ColourOffset, offset);

        int[] colour = [.. c.GetProperty("colour").EnumerateArray().Select(v => v.GetInt32())];
        double l1 = 0;
        for (int bin = 0; bin < colour.Length; bin++)
        {
            double mine = features[ColourOffset + bin] * features[ColourOffset + bin]; // back from the Hellinger root to a fraction
            l1 += Math.Abs(mine - (colour[bin] / (double)(width * height)));
        }

        Assert.True(l1 <= OpenCvHueRoundingTolerance, $"{what}: colour histogram differs from OpenCV's by L1 {l1}");
    }

    [Fact]
    public void FlatImageHasEveryPatternAtAllOnesAndOneGreyBin()
    {
        // Every neighbour equals the centre (≥ holds): code 255 everywhere. Grey (90, 90, 90): hue 0, saturation 0, value bin 90·6/256 = 2.
        var features = Describe([.. Enumerable.Repeat(90, 9 * 8 * 3)], 9, 8);
        for (int histogram = 0; histogram < 9; histogram++)
        {
            Assert.Equal(1.0, features[(histogram * PatternBins) + 255]);
            Assert.Equal(1.0, features.AsSpan(histogram * PatternBins, PatternBins).ToArray().Sum(), 12);
        }

        Assert.Equal(1.0, features[ColourOffset + 2]);
        Assert.Equal(1.0, features.AsSpan(ColourOffset).ToArray().Sum(), 12);
    }

    [Fact]
    public void OneBrightDotIsCodeZeroAmongAllOnes()
    {
        // 8×8 with one bright pixel at (4, 4). Radius 1: 6×6 inner pixels in four 3×3 cells; the dot is inner (3, 3), the
        // first pixel of the bottom-right cell, code 0 (every neighbour darker); all others 255 (equal or brighter neighbours).
        int[] pixels = new int[8 * 8 * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (i / 3) == (4 * 8) + 4 ? 250 : 20;
        }

        var features = Describe(pixels, 8, 8);
        int bottomRight = 3 * PatternBins;
        Assert.Equal(Math.Sqrt(1.0 / 9), features[bottomRight], 12);
        Assert.Equal(Math.Sqrt(8.0 / 9), features[bottomRight + 255], 12);
        Assert.Equal(1.0, features[255]); // top-left cell: no dot

        // Radius 3: 2×2 inner pixels, one histogram; the dot is one of them.
        int lastRing = 8 * PatternBins;
        Assert.Equal(Math.Sqrt(1.0 / 4), features[lastRing], 12);
        Assert.Equal(Math.Sqrt(3.0 / 4), features[lastRing + 255], 12);
    }

    [Fact]
    public void SimdRowsAndScalarRemaindersAgreeWithAPixelByPixelCount()
    {
        // Widths around the 16-byte vector width exercise the vector loop, the scalar remainder and rows with no vector step.
        var random = new SeededRandom(3);
        foreach (int width in (int[])[8, 15, 16, 17, 22, 23, 38, 40, 41, 70])
        {
            byte[] gray = new byte[width * 11];
            for (int i = 0; i < gray.Length; i++)
            {
                gray[i] = (byte)(random.NextDouble() < 0.3 ? 128 : random.NextDouble() * 256); // many ties
            }

            foreach (int radius in (int[])[1, 2, 3])
            {
                foreach (int grid in (int[])[1, 2])
                {
                    var fast = new int[grid * grid * PatternBins];
                    TextureFeatures.CountPatterns(gray, width, 11, radius, grid, fast);
                    Assert.Equal(SlowPatterns(gray, width, 11, radius, grid), fast);
                }
            }
        }
    }

    [Fact]
    public void HueBinsFollowTheColourWheel()
    {
        // Pure red, yellow, green, cyan, blue, magenta at full saturation and value: hues 0°, 60°, 120°, 180°, 240°, 300°.
        (int R, int G, int B, int HueBin)[] colours = [(255, 0, 0, 0), (255, 255, 0, 2), (0, 255, 0, 4), (0, 255, 255, 6), (0, 0, 255, 8), (255, 0, 255, 10)];
        foreach (var (r, g, b, hue) in colours)
        {
            Assert.Equal((((hue * 6) + 5) * 6) + 5, TextureFeatures.ColourBin(r, g, b));
        }

        // Just below red from the magenta side (hue 359°): the last hue bin.
        Assert.Equal((((11 * 6) + 5) * 6) + 5, TextureFeatures.ColourBin(255, 0, 4));
    }

    [Fact]
    public void RejectsWrongShapes()
    {
        var destination = new double[TextureFeatures.Length];
        Assert.Throws<ArgumentException>(() => TextureFeatures.Extract(new float[3 * 7 * 7], 7, 7, destination));
        Assert.Throws<ArgumentException>(() => TextureFeatures.Extract(new float[3 * 8 * 8], 8, 9, destination));
        Assert.Throws<ArgumentException>(() => TextureFeatures.Extract(new float[3 * 8 * 8], 8, 8, new double[10]));
        Assert.Equal(TextureFeatures.Length, TextureFeatures.Names.Count);
        Assert.Equal(TextureFeatures.Names.Count, TextureFeatures.Names.Distinct().Count());
    }

    private static double[] Describe(int[] interleavedRgb, int width, int height)
    {
        int plane = width * height;
        var tensor = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                tensor[(channel * plane) + i] = interleavedRgb[(3 * i) + channel] / 255f;
            }
        }

        var features = new double[TextureFeatures.Length];
        TextureFeatures.Extract(tensor, width, height, features);
        return features;
    }

    private static int[] SlowPatterns(byte[] gray, int width, int height, int r, int grid)
    {
        (int Dy, int Dx)[] ring = [(-r, -r), (-r, 0), (-r, r), (0, r), (r, r), (r, 0), (r, -r), (0, -r)];
        int innerWidth = width - (2 * r);
        int innerHeight = height - (2 * r);
        var histogram = new int[grid * grid * PatternBins];
        for (int y = r; y < height - r; y++)
        {
            for (int x = r; x < width - r; x++)
            {
                int code = 0;
                for (int k = 0; k < 8; k++)
                {
                    if (gray[((y + ring[k].Dy) * width) + x + ring[k].Dx] >= gray[(y * width) + x])
                    {
                        code |= 1 << k;
                    }
                }

                // The cell whose [⌊i·n/grid⌋, ⌊(i+1)·n/grid⌋) range holds the inner coordinate, found by search.
                int cellRow = Enumerable.Range(0, grid).Last(i => i * innerHeight / grid <= y - r);
                int cellColumn = Enumerable.Range(0, grid).Last(j => j * innerWidth / grid <= x - r);
                histogram[(((cellRow * grid) + cellColumn) * PatternBins) + code]++;
            }
        }

        return histogram;
    }
}
