using System.Runtime.Intrinsics;
using NoteGuard.Learning.Classical;
using NoteGuard.Learning.Classical.Svm;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Classical;

/// <summary>
/// The SIMD paths of the SVM kernel rows against plain scalar arithmetic: the column-major dot products must be
/// bit-identical, the vector exp must round to the same floats as <see cref="Math.Exp"/>.
/// </summary>
[Trait("Category", ScalarFallback.SimdCategory)]
public sealed class SvmKernelRowTests
{
    // A correctly working Taylor/Cody–Waite exp is within about one unit in the last place of the libm result.
    private const double ExpRelativeTolerance = 4.5e-16;

    [Fact]
    public void VectorExpMatchesMathExpOnceRoundedToFloat()
    {
        var random = new Random(7);
        Span<double> lanes = stackalloc double[Vector256<double>.Count];
        for (int k = 0; k < 50_000; k++)
        {
            // Half evenly over the RBF range (arguments −γ·distance², −720 … 2), half random small arguments.
            for (int l = 0; l < lanes.Length; l++)
            {
                lanes[l] = (k & 1) == 0 ? -720.0 + (722.0 * ((k * lanes.Length) + l) / (50_000.0 * lanes.Length)) : -random.NextDouble() * 4;
            }

            var result = KernelFunction.Exp(Vector256.Create<double>(lanes));
            for (int l = 0; l < lanes.Length; l++)
            {
                double expected = Math.Exp(lanes[l]);
                double actual = result[l];
                if (lanes[l] < -708)
                {
                    Assert.Equal(0.0, actual);
                    continue;
                }

                Assert.True(Math.Abs(actual - expected) <= ExpRelativeTolerance * expected, $"exp({lanes[l]:R}) = {actual:R}, libm {expected:R}");
                Assert.Equal((float)expected, (float)actual);
            }
        }
    }

    [Theory]
    [InlineData(SvmKernel.Rbf, 4)]
    [InlineData(SvmKernel.Rbf, 7)]
    [InlineData(SvmKernel.Polynomial, 4)]
    [InlineData(SvmKernel.Linear, 3)]
    public void ShortRowKernelRowsEqualTheScalarFormula(SvmKernel kind, int columns)
    {
        // 203 rows: the vector loops run and leave a scalar tail; rows are used out of order through `rows`.
        const int Count = 203;
        var random = new Random(11);
        var data = new double[(Count + 5) * columns];
        for (int v = 0; v < data.Length; v++)
        {
            data[v] = (random.NextDouble() * 4) - 2;
        }

        var x = new FeatureMatrix(data, Count + 5, columns);
        int[] rows = [.. Enumerable.Range(0, Count + 5).Reverse().Take(Count)];
        var y = new sbyte[Count];
        for (int i = 0; i < Count; i++)
        {
            y[i] = (sbyte)(random.Next(2) == 0 ? -1 : 1);
        }

        var kernel = new KernelFunction(kind, 0.3, 0.5, 3);
        var q = new SvcKernelMatrix(x, rows, y, kernel, 1L << 20);

        // Partial rows first, extended later (the cache fills from where it stopped), and shrinking-style swaps.
        foreach (int i in new[] { 0, 5, 101, 202 })
        {
            AssertRow(q.GetRow(i, 37), i, 37);
        }

        q.SwapIndex(3, 150);
        (rows[3], rows[150]) = (rows[150], rows[3]);
        (y[3], y[150]) = (y[150], y[3]);
        foreach (int i in new[] { 0, 3, 5, 150, 202 })
        {
            AssertRow(q.GetRow(i, Count), i, Count);
        }

        void AssertRow(float[] row, int i, int length)
        {
            for (int j = 0; j < length; j++)
            {
                var a = x.Row(rows[i]);
                var b = x.Row(rows[j]);
                double dot = 0;
                double squareA = 0;
                double squareB = 0;
                for (int c = 0; c < columns; c++)
                {
                    dot += a[c] * b[c];
                    squareA += a[c] * a[c];
                    squareB += b[c] * b[c];
                }

                float expected = (float)(y[i] * y[j] * kernel.FromDot(dot, squareB, squareA));
                Assert.True(expected == row[j], $"Q[{i}, {j}] = {row[j]:R}, expected {expected:R}");
            }
        }
    }
}
