using System.Globalization;
using System.Runtime.Intrinsics;
using NoteGuard.Inspection.Preprocessing;

namespace NoteGuard.Inspection.Features;

/// <summary>
/// Print-texture and colour descriptor of a banknote photo, for the <c>texture-svm</c> authenticity model: local
/// binary patterns of the grey image (8 neighbours on the square ring of radius 1, 2 and 3 pixels; bit k is set when
/// neighbour k is at least the centre) histogrammed over a 2 × 2 grid of cells at radii 1 and 2 and over the whole
/// image at radius 3, and a joint hue × saturation × value histogram (12 × 6 × 6 bins, OpenCV's 8-bit HSV scale). Each
/// histogram is normalised to sum 1 and square-rooted (Hellinger mapping), giving <see cref="Length"/> values.
/// <para>
/// Typical counterfeits (office printers, inkjets) differ from intaglio and offset print mainly in fine texture (dot
/// patterns, blur, missing micro-lines), which downsampled CNN inputs lose; the patterns here are computed at the
/// preset's full working resolution (the <c>texture</c> preset: 384 × 384), and the grid keeps where on the note
/// each texture occurs. docs/results.md gives the measured effect and how the layout was chosen.
/// </para>
/// </summary>
public static class TextureFeatures
{
    private const int HueBins = 12;
    private const int SaturationBins = 6;
    private const int ValueBins = 6;
    private const int PatternCodes = 256;

    /// <summary>The pattern rings: radius in pixels and grid cells per side (1 = one histogram over the whole image).</summary>
    public static IReadOnlyList<(int Radius, int Grid)> Rings { get; } = [(1, 2), (2, 2), (3, 1)];

    /// <summary>Values in one descriptor: (4 + 4 + 1) × 256 pattern bins + 12 × 6 × 6 colour bins = 2,736.</summary>
    public static int Length { get; } = (Rings.Sum(static r => r.Grid * r.Grid) * PatternCodes) + (HueBins * SaturationBins * ValueBins);

    /// <summary>The name of each value, in order (<c>lbp_r1_c0_000</c> … <c>lbp_r3_c0_255</c>, <c>hsv_h0_s0_v0</c> … <c>hsv_h11_s5_v5</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = MakeNames();

    /// <summary>
    /// Computes the descriptor of one RGB image given as a CHW float tensor with values 0..1 (the output of a preset with
    /// mean 0 and standard deviation 1, such as <c>texture</c>), writing <see cref="Length"/> values to
    /// <paramref name="destination"/>. Pixel values are first rounded to 8-bit levels, so ties between neighbours count
    /// as they do on the decoded image.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not 3 × <paramref name="height"/> × <paramref name="width"/>, a side is
    /// shorter than 8 pixels, or <paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public static void Extract(ReadOnlySpan<float> rgbChw, int width, int height, Span<double> destination)
    {
        Guard.IsTrue(width >= 8 && height >= 8, $"texture features need at least 8×8 pixels, got {width}×{height}.", nameof(width));
        int plane = width * height;
        Guard.IsTrue(rgbChw.Length == 3 * plane, $"expected a 3×{height}×{width} tensor ({3 * plane} floats), got {rgbChw.Length}.", nameof(rgbChw));
        Guard.IsTrue(destination.Length >= Length, $"the destination holds {destination.Length} values; the descriptor has {Length}.", nameof(destination));

        var r = rgbChw[..plane];
        var g = rgbChw.Slice(plane, plane);
        var b = rgbChw.Slice(2 * plane, plane);
        byte[] gray = new byte[plane];
        var colour = new int[HueBins * SaturationBins * ValueBins];
        for (int i = 0; i < plane; i++)
        {
            int red = ToByte(r[i]);
            int green = ToByte(g[i]);
            int blue = ToByte(b[i]);
            gray[i] = (byte)(((299 * red) + (587 * green) + (114 * blue) + 500) / 1000); // ITU-R BT.601 luma, rounded
            colour[ColourBin(red, green, blue)]++;
        }

        var output = destination[..Length];
        int offset = 0;
        foreach (var (radius, grid) in Rings)
        {
            var histograms = new int[grid * grid * PatternCodes];
            CountPatterns(gray, width, height, radius, grid, histograms);
            int inner = width - (2 * radius);
            int innerRows = height - (2 * radius);
            for (int cell = 0; cell < grid * grid; cell++)
            {
                int cellRows = CellEdge((cell / grid) + 1, grid, innerRows) - CellEdge(cell / grid, grid, innerRows);
                int cellColumns = CellEdge((cell % grid) + 1, grid, inner) - CellEdge(cell % grid, grid, inner);
                WriteHellinger(histograms.AsSpan(cell * PatternCodes, PatternCodes), cellRows * cellColumns, output.Slice(offset, PatternCodes));
                offset += PatternCodes;
            }
        }

        WriteHellinger(colour, plane, output[offset..]);
    }

    /// <summary>
    /// Counts the 8-bit pattern of every pixel at least <paramref name="radius"/> from the border into the histogram of its
    /// grid cell (row-major cells of 256 counts; cell edges at ⌊i·n/grid⌋ of the n inner rows and columns). Bit k is set
    /// when the k-th neighbour (clockwise from top-left: TL, T, TR, R, BR, B, BL, L) is at least the centre.
    /// </summary>
    internal static void CountPatterns(byte[] gray, int width, int height, int radius, int grid, int[] histograms)
    {
        int d = radius;
        int inner = width - (2 * d);
        int innerRows = height - (2 * d);
        ReadOnlySpan<int> offsets = [(-d * width) - d, -d * width, (-d * width) + d, d, (d * width) + d, d * width, (d * width) - d, -d];
        Span<byte> codes = stackalloc byte[Vector128<byte>.Count];
        for (int y = d; y < height - d; y++)
        {
            int cellRow = 0;
            while (CellEdge(cellRow + 1, grid, innerRows) <= y - d)
            {
                cellRow++;
            }

            int row = y * width;
            for (int cellColumn = 0; cellColumn < grid; cellColumn++)
            {
                var histogram = histograms.AsSpan(((cellRow * grid) + cellColumn) * PatternCodes, PatternCodes);
                int x = d + CellEdge(cellColumn, grid, inner);
                int end = d + CellEdge(cellColumn + 1, grid, inner);
                if (Vector128.IsHardwareAccelerated)
                {
                    // 16 centres at a time: each neighbour comparison is a byte mask (0xFF where neighbour ≥ centre, unsigned),
                    // kept to its bit and OR-ed into the codes; the rest of the cell's row runs through the scalar loop below.
                    for (; x + Vector128<byte>.Count <= end; x += Vector128<byte>.Count)
                    {
                        int i = row + x;
                        var centre = Vector128.Create(gray.AsSpan(i, Vector128<byte>.Count));
                        var code = Vector128<byte>.Zero;
                        for (int k = 0; k < 8; k++)
                        {
                            var neighbour = Vector128.Create(gray.AsSpan(i + offsets[k], Vector128<byte>.Count));
                            code |= Vector128.GreaterThanOrEqual(neighbour, centre) & Vector128.Create((byte)(1 << k));
                        }

                        code.CopyTo(codes);
                        foreach (byte c in codes)
                        {
                            histogram[c]++;
                        }
                    }
                }

                for (; x < end; x++)
                {
                    int i = row + x;
                    int c = gray[i];
                    int code = 0;
                    for (int k = 0; k < 8; k++)
                    {
                        code |= gray[i + offsets[k]] >= c ? 1 << k : 0;
                    }

                    histogram[code]++;
                }
            }
        }
    }

    /// <summary>Why a preset cannot feed the descriptor (it needs RGB values 0..1 of at least 8×8 pixels), or null when it can.</summary>
    internal static string? PresetProblem(PreprocessingPreset preset) =>
        preset.Color != PresetColor.Rgb ? $"preset '{preset.Name}' is not RGB"
        : preset.Mean.Any(static m => m != 0f) || preset.Std.Any(static s => s != 1f) ? $"preset '{preset.Name}' normalises its values (the texture descriptor needs 0..1: mean 0, std 1)"
        : preset.Width < 8 || preset.Height < 8 ? $"preset '{preset.Name}' is smaller than 8×8 pixels"
        : null;

    /// <summary>Start of grid cell <paramref name="index"/> along a side of <paramref name="length"/> pixels: ⌊index·length/grid⌋.</summary>
    private static int CellEdge(int index, int grid, int length) => index * length / grid;

    /// <summary>
    /// The joint HSV bin of an 8-bit RGB pixel, on OpenCV's 8-bit scale: V = max, S = 255·(max − min)/max rounded, H in
    /// degrees; 12 hue bins of 30°, 6 saturation and 6 value bins of 256/6.
    /// </summary>
    internal static int ColourBin(int red, int green, int blue)
    {
        int max = Math.Max(red, Math.Max(green, blue));
        int chroma = max - Math.Min(red, Math.Min(green, blue));
        int h = 0;
        if (chroma > 0)
        {
            // Hue / 30° = (60°·difference / chroma + sector offset) / 30°, floored in integers: offsets 0°, 120°, 240° are 0, 4, 8 chromas.
            int t = max == red ? 2 * (green - blue)
                : max == green ? (2 * (blue - red)) + (4 * chroma)
                : (2 * (red - green)) + (8 * chroma);
            h = t >= 0 ? Math.Min(HueBins - 1, t / chroma) : HueBins - ((chroma - 1 - t) / chroma);
        }

        int s = s_saturationBins[(max << 8) | chroma];
        int v = max * ValueBins / 256;
        return (((h * SaturationBins) + s) * ValueBins) + v;
    }

    /// <summary>Saturation bin by (max, chroma): S = round(255·chroma/max) (0 when max is 0), 6 bins of 256/6.</summary>
    private static readonly byte[] s_saturationBins = MakeSaturationBins();

    private static byte[] MakeSaturationBins()
    {
        var bins = new byte[256 * 256];
        for (int max = 1; max < 256; max++)
        {
            for (int chroma = 0; chroma <= max; chroma++)
            {
                int saturation = (int)Math.Round(255.0 * chroma / max);
                bins[(max << 8) | chroma] = (byte)(saturation * SaturationBins / 256);
            }
        }

        return bins;
    }

    private static void WriteHellinger(ReadOnlySpan<int> counts, int total, Span<double> destination)
    {
        double scale = 1.0 / total;
        for (int i = 0; i < counts.Length; i++)
        {
            destination[i] = Math.Sqrt(counts[i] * scale);
        }
    }

    /// <summary>A 0..1 value as the nearest 8-bit level (halves round up; out-of-range values clamp, NaN gives 0).</summary>
    private static int ToByte(float unit) => Math.Clamp((int)((unit * 255f) + 0.5f), 0, 255);

    private static string[] MakeNames()
    {
        var names = new List<string>(Length);
        foreach (var (radius, grid) in Rings)
        {
            for (int cell = 0; cell < grid * grid; cell++)
            {
                for (int code = 0; code < PatternCodes; code++)
                {
                    names.Add(string.Create(CultureInfo.InvariantCulture, $"lbp_r{radius}_c{cell}_{code:D3}"));
                }
            }
        }

        for (int h = 0; h < HueBins; h++)
        {
            for (int s = 0; s < SaturationBins; s++)
            {
                for (int v = 0; v < ValueBins; v++)
                {
                    names.Add(string.Create(CultureInfo.InvariantCulture, $"hsv_h{h}_s{s}_v{v}"));
                }
            }
        }

        return [.. names];
    }
}
