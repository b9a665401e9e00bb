using NoteGuard.Imaging;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// The one seam between the datasets layer and the perceptual hash: a 64-bit DCT pHash (seed 004) whose Hamming
/// distance measures visual similarity.
/// </summary>
internal static class ImageHashing
{
    /// <summary>The 64-bit perceptual hash of <paramref name="image"/>.</summary>
    // TODO(lead): swap to NoteGuard.Imaging's PerceptualHash.Compute(image) when processing A lands; this interim
    // version follows the same recipe (gray, 32×32 area resample, 2-D DCT-II, 8×8 lowest frequencies vs their median).
    public static ulong Compute(Image image) => InterimPerceptualHash(image);

    private const int Side = 32;
    private const int Low = 8;
    private static readonly float[] s_cos = BuildCosines();

    private static float[] BuildCosines()
    {
        var table = new float[Low * Side];
        for (int u = 0; u < Low; u++)
        {
            for (int x = 0; x < Side; x++)
            {
                table[(u * Side) + x] = (float)Math.Cos((2 * x + 1) * u * Math.PI / (2 * Side));
            }
        }

        return table;
    }

    private static ulong InterimPerceptualHash(Image image)
    {
        // Area-average the luma into 32×32 cells (each source pixel adds to the cell it falls in).
        Span<float> cells = stackalloc float[Side * Side];
        Span<int> counts = stackalloc int[Side * Side];
        cells.Clear();
        counts.Clear();
        int channels = image.Channels;
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRowReadOnly(y);
            int cy = (int)((long)y * Side / image.Height);
            for (int x = 0; x < image.Width; x++)
            {
                int i = x * channels;
                float luma = channels >= 3 ? (0.299f * row[i]) + (0.587f * row[i + 1]) + (0.114f * row[i + 2]) : row[i];
                int cell = (cy * Side) + (int)((long)x * Side / image.Width);
                cells[cell] += luma;
                counts[cell]++;
            }
        }

        for (int i = 0; i < cells.Length; i++)
        {
            // Images smaller than 32 px leave empty cells; copy the nearest filled neighbour above or left.
            cells[i] = counts[i] > 0 ? cells[i] / counts[i] : (i >= Side ? cells[i - Side] : (i > 0 ? cells[i - 1] : 0));
        }

        // Separable DCT-II restricted to the 8 lowest frequencies in each direction.
        Span<float> rows = stackalloc float[Side * Low];
        for (int y = 0; y < Side; y++)
        {
            for (int u = 0; u < Low; u++)
            {
                float sum = 0;
                for (int x = 0; x < Side; x++)
                {
                    sum += cells[(y * Side) + x] * s_cos[(u * Side) + x];
                }

                rows[(y * Low) + u] = sum;
            }
        }

        Span<float> coefficients = stackalloc float[Low * Low];
        for (int v = 0; v < Low; v++)
        {
            for (int u = 0; u < Low; u++)
            {
                float sum = 0;
                for (int y = 0; y < Side; y++)
                {
                    sum += rows[(y * Low) + u] * s_cos[(v * Side) + y];
                }

                coefficients[(v * Low) + u] = sum;
            }
        }

        // Median of the 63 AC terms (the DC term only measures brightness).
        Span<float> sorted = stackalloc float[(Low * Low) - 1];
        coefficients[1..].CopyTo(sorted);
        sorted.Sort();
        float median = sorted[sorted.Length / 2];
        ulong hash = 0;
        for (int i = 0; i < Low * Low; i++)
        {
            if (coefficients[i] > median)
            {
                hash |= 1UL << i;
            }
        }

        return hash;
    }
}
