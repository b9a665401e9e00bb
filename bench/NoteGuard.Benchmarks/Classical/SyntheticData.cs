using NoteGuard.Learning.Classical;

namespace NoteGuard.Benchmarks.Classical;

/// <summary>
/// The synthetic SVM benchmark set, generated identically by bench/peers/sklearn_svm_bench.py: xorshift64*
/// uniforms, x in [−1, 1)^32, y = [Σ_{j&lt;8} ±x_j + 0.5 sin(3 x_8) + 0.6 (u − 0.5) &gt; 0].
/// </summary>
public static class SyntheticData
{
    public static (FeatureMatrix X, int[] Y) Create(int rows = 20_000, int columns = 32, ulong seed = 20261121)
    {
        ulong state = seed == 0 ? 1 : seed;
        var x = new FeatureMatrix(rows, columns);
        var y = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = x.Row(r);
            for (int c = 0; c < columns; c++)
            {
                row[c] = (2 * Next(ref state)) - 1;
            }

            double noise = Next(ref state);
            double score = 0.5 * Math.Sin(3 * row[8]) + (0.6 * (noise - 0.5));
            for (int j = 0; j < 8; j++)
            {
                score += (j % 2 == 0 ? 1 : -1) * row[j];
            }

            y[r] = score > 0 ? 1 : 0;
        }

        return (x, y);
    }

    private static double Next(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return ((state * 2685821657736338717UL) >> 11) / (double)(1UL << 53);
    }
}
