using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoteGuard.Learning.Kernels;

/// <summary>Which micro-kernel <see cref="Gemm"/> uses. Tests force each one to cover every path on one machine.</summary>
internal enum GemmIsa
{
    /// <summary>Portable scalar loops over a 6×16 tile (also the layout of the AVX2 kernel).</summary>
    Scalar,

    /// <summary>6×16 tile: 12 ymm accumulators, FMA3.</summary>
    Avx2,

    /// <summary>6×32 tile: 12 zmm accumulators, AVX-512F.</summary>
    Avx512,
}

/// <summary>
/// Single-precision GEMM, C (m×n) = op(A) (m×k) · op(B) (k×n) [+ C], in the Goto/BLIS structure:
/// B is packed into k-major panels of <c>Nr</c> columns (kept in L1 by the micro-kernel), A into panels of
/// <see cref="Mr"/> rows (an <see cref="Mc"/>×<see cref="Kc"/> block stays in L2), and a register-blocked micro-kernel
/// accumulates an Mr×Nr tile with broadcast-A × vector-B fused multiply-adds. Partial tiles (m or n not a multiple of the
/// tile) are packed with zeros and written back through a small stack tile. Transposition is absorbed by packing.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Rows of the AVX2 and scalar tiles.</summary>
    internal const int Mr = 6;

    /// <summary>Rows of the AVX-512 tile (32 zmm registers hold 16 accumulators).</summary>
    internal const int Mr512 = 8;
    internal const int Kc = 256;
    internal const int Mc = 96;
    internal const int Nc = 2048;

    /// <summary>The micro-kernel in use: the widest the hardware accelerates. Fixed for the process, so results never
    /// depend on what else runs (tests pick other kernels through the <c>isa</c> argument of the internal <c>Multiply</c> overload).</summary>
    internal static GemmIsa Isa { get; } = DetectIsa();

    internal static GemmIsa DetectIsa()
    {
        if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated)
        {
            return GemmIsa.Avx512;
        }

        return Avx2.IsSupported && Fma.IsSupported ? GemmIsa.Avx2 : GemmIsa.Scalar;
    }

    internal static int NrFor(GemmIsa isa) => isa == GemmIsa.Avx512 ? 32 : 16;

    internal static int MrFor(GemmIsa isa) => isa == GemmIsa.Avx512 ? Mr512 : Mr;

    /// <summary>
    /// C = op(A)·op(B) (+ C when <paramref name="accumulate"/>). op(A)(i,p) is <c>a[i·lda+p]</c>, or <c>a[p·lda+i]</c> when
    /// <paramref name="transA"/>; op(B)(p,j) is <c>b[p·ldb+j]</c>, or <c>b[j·ldb+p]</c> when <paramref name="transB"/>.
    /// With <paramref name="parallel"/> the columns (or rows) are split over the cores.
    /// </summary>
    public static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb, bool transB,
        Span<float> c, int ldc, bool accumulate, bool parallel = false) =>
        Multiply(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate, parallel, Isa);

    /// <summary><see cref="Multiply(int, int, int, ReadOnlySpan{float}, int, bool, ReadOnlySpan{float}, int, bool, Span{float}, int, bool, bool)"/>
    /// with an explicit micro-kernel (tests compare every kernel against the reference).</summary>
    internal static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb, bool transB,
        Span<float> c, int ldc, bool accumulate, bool parallel, GemmIsa isa)
    {
        Debug.Assert(m >= 0 && n >= 0 && k >= 0, "dimensions must not be negative");
        if (m == 0 || n == 0)
        {
            return;
        }

        Debug.Assert(c.Length >= ((m - 1) * ldc) + n, "C too short");
        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        Debug.Assert(a.Length >= (transA ? ((k - 1) * lda) + m : ((m - 1) * lda) + k), "A too short");
        Debug.Assert(b.Length >= (transB ? ((n - 1) * ldb) + k : ((k - 1) * ldb) + n), "B too short");

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            var job = new Job(m, n, k, pa, lda, transA, pb, ldb, transB, pc, ldc, accumulate, isa);
            long flops = (long)m * n * k;
            int workers = parallel && flops >= 1 << 16 ? ParallelWork.WorkerCount : 1;
            if (workers <= 1)
            {
                job.Run(0, 1);
            }
            else
            {
                ParallelWork.Run(ref job, workers);
            }
        }
    }

    /// <summary>A naive triple loop with double accumulation: the reference the tests compare against.</summary>
    internal static void Reference(
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb, bool transB,
        Span<float> c, int ldc, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * ldc) + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    float bv = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += (double)av * bv;
                }

                c[(i * ldc) + j] = (float)sum;
            }
        }
    }

    private readonly struct Job : IParallelWork
    {
        private readonly int _m;
        private readonly int _n;
        private readonly int _k;
        private readonly float* _a;
        private readonly int _lda;
        private readonly bool _transA;
        private readonly float* _b;
        private readonly int _ldb;
        private readonly bool _transB;
        private readonly float* _c;
        private readonly int _ldc;
        private readonly bool _accumulate;
        private readonly GemmIsa _isa;

        public Job(int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate, GemmIsa isa)
        {
            _m = m;
            _n = n;
            _k = k;
            _a = a;
            _lda = lda;
            _transA = transA;
            _b = b;
            _ldb = ldb;
            _transB = transB;
            _c = c;
            _ldc = ldc;
            _accumulate = accumulate;
            _isa = isa;
        }

        /// <summary>Runs share <paramref name="part"/> of <paramref name="parts"/>: a slice of columns (or rows when n is narrow).</summary>
        public void Run(int part, int parts)
        {
            int nr = NrFor(_isa);
            if (parts == 1)
            {
                Region(0, _m, 0, _n);
                return;
            }

            int colPanels = (_n + nr - 1) / nr;
            int mr = MrFor(_isa);
            if (colPanels >= parts * 2 || _m < mr * parts)
            {
                int start = (int)((long)colPanels * part / parts) * nr;
                int end = Math.Min(_n, (int)((long)colPanels * (part + 1) / parts) * nr);
                if (start < end)
                {
                    Region(0, _m, start, end);
                }
            }
            else
            {
                int rowPanels = (_m + mr - 1) / mr;
                int start = (int)((long)rowPanels * part / parts) * mr;
                int end = Math.Min(_m, (int)((long)rowPanels * (part + 1) / parts) * mr);
                if (start < end)
                {
                    Region(start, end, 0, _n);
                }
            }
        }

        private void Region(int i0, int i1, int j0, int j1)
        {
            int nr = NrFor(_isa);
            int mr = MrFor(_isa);
            // Pack buffers come from the shared pool (per-core caches), not per thread: the thread pool may bring in new
            // threads, and a per-thread buffer would then be allocated again for each of them.
            float[] packA = ArrayPool<float>.Shared.Rent(Mc * Kc);
            float[] packB = ArrayPool<float>.Shared.Rent(Kc * (Nc + 32));
            try
            {
                fixed (float* pA = packA)
                fixed (float* pB = packB)
                {
                    RegionCore(pA, pB, nr, mr, i0, i1, j0, j1);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(packB);
                ArrayPool<float>.Shared.Return(packA);
            }
        }

        private void RegionCore(float* pA, float* pB, int nr, int mr, int i0, int i1, int j0, int j1)
        {
            for (int jc = j0; jc < j1; jc += Nc)
            {
                int nc = Math.Min(Nc, j1 - jc);
                for (int pc = 0; pc < _k; pc += Kc)
                {
                    int kc = Math.Min(Kc, _k - pc);
                    bool acc = _accumulate || pc > 0;
                    PackB(pB, pc, kc, jc, nc, nr);
                    for (int ic = i0; ic < i1; ic += Mc)
                    {
                        int mc = Math.Min(Mc, i1 - ic);
                        PackA(pA, ic, mc, pc, kc, mr);
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int nn = Math.Min(nr, nc - jr);
                            float* bPanel = pB + (jr * kc);
                            for (int ir = 0; ir < mc; ir += mr)
                            {
                                int mm = Math.Min(mr, mc - ir);
                                float* cTile = _c + ((long)(ic + ir) * _ldc) + jc + jr;
                                float* aPanel = pA + (ir * kc);
                                switch (_isa)
                                {
                                    case GemmIsa.Avx512:
                                        Kernel512(kc, aPanel, bPanel, cTile, _ldc, mm, nn, acc);
                                        break;
                                    case GemmIsa.Avx2:
                                        Kernel256(kc, aPanel, bPanel, cTile, _ldc, mm, nn, acc);
                                        break;
                                    default:
                                        KernelScalar(kc, aPanel, bPanel, cTile, _ldc, mm, nn, acc);
                                        break;
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) as Mr-row panels, each k-major (Mr values per depth step), zero-padded.</summary>
        private void PackA(float* dst, int i0, int mc, int p0, int kc, int mr)
        {
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                float* panel = dst + (ir * kc);
                if (!_transA)
                {
                    for (int r = 0; r < mr; r++)
                    {
                        if (r < rows)
                        {
                            float* src = _a + ((long)(i0 + ir + r) * _lda) + p0;
                            for (int p = 0; p < kc; p++)
                            {
                                panel[(p * mr) + r] = src[p];
                            }
                        }
                        else
                        {
                            for (int p = 0; p < kc; p++)
                            {
                                panel[(p * mr) + r] = 0;
                            }
                        }
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* src = _a + ((long)(p0 + p) * _lda) + i0 + ir;
                        float* d = panel + (p * mr);
                        int r = 0;
                        for (; r < rows; r++)
                        {
                            d[r] = src[r];
                        }

                        for (; r < mr; r++)
                        {
                            d[r] = 0;
                        }
                    }
                }
            }
        }

        /// <summary>Packs depth [p0, p0+kc) × columns [j0, j0+nc) of op(B) as nr-column panels, each k-major, zero-padded.</summary>
        private void PackB(float* dst, int p0, int kc, int j0, int nc, int nr)
        {
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                float* panel = dst + (jr * kc);
                if (!_transB)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* src = _b + ((long)(p0 + p) * _ldb) + j0 + jr;
                        float* d = panel + (p * nr);
                        if (cols == nr)
                        {
                            // A full panel row is 16 or 32 contiguous floats: copy with vectors (no call overhead).
                            if (nr == 32 && Vector512.IsHardwareAccelerated)
                            {
                                Vector512.Store(Vector512.Load(src), d);
                                Vector512.Store(Vector512.Load(src + 16), d + 16);
                            }
                            else if (Vector256.IsHardwareAccelerated)
                            {
                                for (int j = 0; j < nr; j += 8)
                                {
                                    Vector256.Store(Vector256.Load(src + j), d + j);
                                }
                            }
                            else
                            {
                                for (int j = 0; j < nr; j++)
                                {
                                    d[j] = src[j];
                                }
                            }
                        }
                        else
                        {
                            int j = 0;
                            for (; j < cols; j++)
                            {
                                d[j] = src[j];
                            }

                            for (; j < nr; j++)
                            {
                                d[j] = 0;
                            }
                        }
                    }
                }
                else
                {
                    // op(B) is stored column-major here: walk depth outer, columns inner so the panel is written
                    // contiguously while the nr source rows stream in parallel.
                    float* src = _b + ((long)(j0 + jr) * _ldb) + p0;
                    int fullBlocks = Avx.IsSupported ? cols / 8 * 8 : 0;
                    int p = 0;
                    if (fullBlocks > 0)
                    {
                        // 8×8 blocks: load 8 depth values of 8 source rows, transpose in registers, store 8 panel rows.
                        for (; p <= kc - 8; p += 8)
                        {
                            for (int j = 0; j < fullBlocks; j += 8)
                            {
                                Transpose8x8(src + ((long)j * _ldb) + p, _ldb, panel + (p * nr) + j, nr);
                            }

                            for (int q = p; q < p + 8; q++)
                            {
                                float* d = panel + (q * nr);
                                for (int j = fullBlocks; j < cols; j++)
                                {
                                    d[j] = src[((long)j * _ldb) + q];
                                }

                                for (int j = cols; j < nr; j++)
                                {
                                    d[j] = 0;
                                }
                            }
                        }
                    }

                    for (; p < kc; p++)
                    {
                        float* d = panel + (p * nr);
                        int j = 0;
                        for (; j < cols; j++)
                        {
                            d[j] = src[((long)j * _ldb) + p];
                        }

                        for (; j < nr; j++)
                        {
                            d[j] = 0;
                        }
                    }
                }
            }
        }
    }

    // Lane layout (AVX-512): row r of the 8×32 tile is two zmm accumulators c{r}0 (columns 0..15) and c{r}1 (16..31).
    // Each depth step loads one 32-wide B row (two zmm) and broadcasts eight A values: 16 FMAs per 10 loads; 16
    // accumulators + 2 B + 1 broadcast fit the 32 zmm registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(int kc, float* a, float* b, float* c, int ldc, int mr, int nr, bool acc)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var av = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(av, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(av, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(av, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(av, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(av, b1, c31);
            av = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(av, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(av, b1, c41);
            av = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(av, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(av, b1, c51);
            av = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(av, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(av, b1, c61);
            av = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(av, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(av, b1, c71);
            a += Mr512;
            b += 32;
        }

        if (mr == Mr512 && nr == 32)
        {
            Store512(c, c00, c01, acc);
            Store512(c + ldc, c10, c11, acc);
            Store512(c + (2 * ldc), c20, c21, acc);
            Store512(c + (3 * ldc), c30, c31, acc);
            Store512(c + (4 * ldc), c40, c41, acc);
            Store512(c + (5 * ldc), c50, c51, acc);
            Store512(c + (6 * ldc), c60, c61, acc);
            Store512(c + (7 * ldc), c70, c71, acc);
            return;
        }

        float* tile = stackalloc float[Mr512 * 32];
        c00.Store(tile);
        c01.Store(tile + 16);
        c10.Store(tile + 32);
        c11.Store(tile + 48);
        c20.Store(tile + 64);
        c21.Store(tile + 80);
        c30.Store(tile + 96);
        c31.Store(tile + 112);
        c40.Store(tile + 128);
        c41.Store(tile + 144);
        c50.Store(tile + 160);
        c51.Store(tile + 176);
        c60.Store(tile + 192);
        c61.Store(tile + 208);
        c70.Store(tile + 224);
        c71.Store(tile + 240);
        WritePartial(tile, 32, c, ldc, mr, nr, acc);
    }

    /// <summary>dst[q·dstStride + j] = src[j·srcStride + q] for an 8×8 block (AVX unpack/shuffle/permute transpose).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int srcStride, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + (2 * srcStride));
        var r3 = Avx.LoadVector256(src + (3 * srcStride));
        var r4 = Avx.LoadVector256(src + (4 * srcStride));
        var r5 = Avx.LoadVector256(src + (5 * srcStride));
        var r6 = Avx.LoadVector256(src + (6 * srcStride));
        var r7 = Avx.LoadVector256(src + (7 * srcStride));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(u3, u7, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> lo, Vector512<float> hi, bool acc)
    {
        if (acc)
        {
            lo += Vector512.Load(c);
            hi += Vector512.Load(c + 16);
        }

        lo.Store(c);
        hi.Store(c + 16);
    }

    // Lane layout (AVX2): row r of the 6×16 tile is two ymm accumulators; 12 accumulators + 2 B + 1 broadcast = 15 registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(int kc, float* a, float* b, float* c, int ldc, int mr, int nr, bool acc)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var av = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(av, b0, c00);
            c01 = Fma.MultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(av, b0, c10);
            c11 = Fma.MultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(av, b0, c20);
            c21 = Fma.MultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(av, b0, c30);
            c31 = Fma.MultiplyAdd(av, b1, c31);
            av = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(av, b0, c40);
            c41 = Fma.MultiplyAdd(av, b1, c41);
            av = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(av, b0, c50);
            c51 = Fma.MultiplyAdd(av, b1, c51);
            a += Mr;
            b += 16;
        }

        float* tile = stackalloc float[Mr * 16];
        c00.Store(tile);
        c01.Store(tile + 8);
        c10.Store(tile + 16);
        c11.Store(tile + 24);
        c20.Store(tile + 32);
        c21.Store(tile + 40);
        c30.Store(tile + 48);
        c31.Store(tile + 56);
        c40.Store(tile + 64);
        c41.Store(tile + 72);
        c50.Store(tile + 80);
        c51.Store(tile + 88);
        WritePartial(tile, 16, c, ldc, mr, nr, acc);
    }

    /// <summary>The portable fallback: same packed layout as the AVX2 kernel (6×16), plain scalar arithmetic.</summary>
    private static void KernelScalar(int kc, float* a, float* b, float* c, int ldc, int mr, int nr, bool acc)
    {
        const int Width = 16;
        float* tile = stackalloc float[Mr * Width];
        new Span<float>(tile, Mr * Width).Clear();
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < Mr; r++)
            {
                float av = a[r];
                float* row = tile + (r * Width);
                for (int j = 0; j < Width; j++)
                {
                    row[j] += av * b[j];
                }
            }

            a += Mr;
            b += Width;
        }

        WritePartial(tile, Width, c, ldc, mr, nr, acc);
    }

    private static void WritePartial(float* tile, int width, float* c, int ldc, int mr, int nr, bool acc)
    {
        for (int r = 0; r < mr; r++)
        {
            float* src = tile + (r * width);
            float* dst = c + ((long)r * ldc);
            if (acc)
            {
                for (int j = 0; j < nr; j++)
                {
                    dst[j] += src[j];
                }
            }
            else
            {
                for (int j = 0; j < nr; j++)
                {
                    dst[j] = src[j];
                }
            }
        }
    }
}

/// <summary>Benchmark entry point for the GEMM (arrays instead of spans, so harnesses can call it simply).</summary>
internal static class GemmProbe
{
    public static void Run(int m, int n, int k, float[] a, int lda, bool transA, float[] b, int ldb, bool transB, float[] c, int ldc) =>
        Gemm.Multiply(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, false);
}
