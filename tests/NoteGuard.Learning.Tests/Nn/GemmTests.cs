using NoteGuard.Learning.Kernels;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>
/// The packed GEMM against a naive double-accumulating reference, for every micro-kernel this machine can run
/// (scalar always; AVX2 and AVX-512 when present), all transpose combinations, sizes 0..70 around the 6×16 / 6×32 tiles,
/// and one case crossing the Kc/Mc/Nc cache blocks. Run with DOTNET_EnableHWIntrinsic=0 to exercise the scalar build of
/// the whole engine (see docs/engine.md).
/// </summary>
[Collection("Gemm")]
[Trait("Category", ScalarFallback.SimdCategory)]
public sealed class GemmTests
{
    /// <summary>float32 products summed over k ≤ 300: relative error grows like k·2⁻²⁴.</summary>
    private const double GemmAbsTolerance = 1e-4;
    private const double GemmRelTolerance = 1e-4;

    public static TheoryData<int> Isas()
    {
        var data = new TheoryData<int> { (int)GemmIsa.Scalar };
        var best = Gemm.DetectIsa();
        if (best >= GemmIsa.Avx2)
        {
            data.Add((int)GemmIsa.Avx2);
        }

        if (best == GemmIsa.Avx512)
        {
            data.Add((int)GemmIsa.Avx512);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void SweepMatchesReference(int isa)
    {
        int[] sizes = [0, 1, 5, 6, 7, 16, 17, 31, 33, 64, 70];
        int[] depths = [0, 1, 17, 70];
        var random = new SeededRandom(7);
        int cases = 0;
        foreach (int m in sizes)
        {
            foreach (int n in sizes)
            {
                foreach (int k in depths)
                {
                    for (int t = 0; t < 4; t++)
                    {
                        Check((GemmIsa)isa, m, n, k, (t & 1) != 0, (t & 2) != 0, accumulate: ((m + n + k + t) & 1) == 1, parallel: false, random);
                        cases++;
                    }
                }
            }
        }

        Assert.Equal(sizes.Length * sizes.Length * depths.Length * 4, cases);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void LargeBlockedParallelMatchesReference(int isa)
    {
        var random = new SeededRandom(11);
        Check((GemmIsa)isa, 100, Gemm.Nc + 70, Gemm.Kc + 44, false, false, accumulate: false, parallel: true, random);
        Check((GemmIsa)isa, Gemm.Mc + 13, 90, Gemm.Kc + 3, true, true, accumulate: true, parallel: true, random);
    }

    [Fact]
    public void HandComputedTwoByTwo()
    {
        float[] a = [1, 2, 3, 4];
        float[] b = [5, 6, 7, 8];
        float[] c = new float[4];
        Gemm.Multiply(2, 2, 2, a, 2, false, b, 2, false, c, 2, false);
        Tolerance.AllClose([19, 22, 43, 50], c, 0, what: "[[1,2],[3,4]]·[[5,6],[7,8]]");
        Gemm.Multiply(2, 2, 2, a, 2, true, b, 2, false, c, 2, true);
        Tolerance.AllClose([19 + 26, 22 + 30, 43 + 38, 50 + 44], c, 0, what: "accumulate Aᵀ·B");
    }

    private static void Check(GemmIsa isa, int m, int n, int k, bool transA, bool transB, bool accumulate, bool parallel, SeededRandom random)
    {
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 2;
        int ldc = n + 1;
        float[] a = new float[Math.Max(1, (transA ? k : m) * lda)];
        float[] b = new float[Math.Max(1, (transB ? n : k) * ldb)];
        float[] c = new float[Math.Max(1, m * ldc)];
        random.FillUniform(a, -1, 1);
        random.FillUniform(b, -1, 1);
        random.FillUniform(c, -1, 1);
        float[] expected = (float[])c.Clone();
        Gemm.Reference(m, n, k, a, lda, transA, b, ldb, transB, expected, ldc, accumulate);
        Gemm.Multiply(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate, parallel, isa);
        Tolerance.AllClose(expected, c, GemmAbsTolerance * Math.Max(1, k), GemmRelTolerance, $"{isa} m={m} n={n} k={k} tA={transA} tB={transB} acc={accumulate}");
    }
}
