using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Histogram;

/// <summary>
/// CLAHE on one contiguous 8-bit plane, reproducing OpenCV 4.x <c>CLAHE_Impl::apply</c> for CV_8U:
/// tiles of an image extended by BORDER_REFLECT_101 to a multiple of the grid (OpenCV extends both axes as soon
/// as either is not divisible, adding a whole extra tile-count of columns or rows on the divisible one),
/// per-tile clipping with integer redistribution including the residual step, LUT = round(cdf · 255 / tileArea)
/// in single precision, and bilinear interpolation between the four nearest tile LUTs in single precision
/// with the same operation order as OpenCV (so results are bit-exact).
/// </summary>
internal static class Clahe
{
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, int width, int height, ClaheOptions options, bool parallel = true, bool allowSimd = true)
    {
        int tilesX = options.TilesX, tilesY = options.TilesY;
        int extendedWidth = width, extendedHeight = height;
        if (width % tilesX != 0 || height % tilesY != 0)
        {
            extendedWidth = width + tilesX - (width % tilesX);
            extendedHeight = height + tilesY - (height % tilesY);
        }

        int tileWidth = extendedWidth / tilesX;
        int tileHeight = extendedHeight / tilesY;
        int tileArea = tileWidth * tileHeight;
        float lutScale = 255f / tileArea;
        int clipLimit = 0;
        if (options.ClipLimit > 0.0)
        {
            clipLimit = Math.Max((int)Math.Min(options.ClipLimit * tileArea / 256, int.MaxValue), 1);
        }

        byte[] luts = new byte[tilesX * tilesY * 256];
        unsafe
        {
            fixed (byte* src = source)
            {
                var lutJob = new TileLutRows(src, width, height, tileWidth, tileHeight, tilesX, clipLimit, lutScale, luts);
                if (parallel)
                {
                    ParallelRows.For(tilesY, width * tileHeight, lutJob);
                }
                else
                {
                    for (int ty = 0; ty < tilesY; ty++)
                    {
                        lutJob.Invoke(ty);
                    }
                }
            }
        }

        var interpolation = new InterpolationRows(width, tileWidth, tileHeight, tilesX, tilesY, luts, allowSimd && Avx2.IsSupported);
        interpolation.Run(source, destination, height, parallel);
    }

    /// <summary>OpenCV's borderInterpolate for BORDER_REFLECT_101 (…cb|abcdefgh|gfe…), repeated for large offsets.</summary>
    internal static int Reflect101(int p, int length)
    {
        if (length == 1)
        {
            return 0;
        }

        while ((uint)p >= (uint)length)
        {
            p = p < 0 ? -p : length - 1 - (p - length) - 1;
        }

        return p;
    }

    /// <summary>Builds the LUTs of one row of tiles.</summary>
    private readonly unsafe struct TileLutRows(byte* source, int width, int height, int tileWidth, int tileHeight, int tilesX, int clipLimit, float lutScale, byte[] luts)
        : IRowOperation
    {
        public void Invoke(int ty)
        {
            Span<int> hist = stackalloc int[256];
            for (int tx = 0; tx < tilesX; tx++)
            {
                hist.Clear();
                int x0 = tx * tileWidth;
                int x1 = x0 + tileWidth;
                int inside = Math.Min(x1, width);
                for (int r = 0; r < tileHeight; r++)
                {
                    int y = Reflect101((ty * tileHeight) + r, height);
                    var row = new ReadOnlySpan<byte>(source + ((long)y * width), width);
                    if (x0 < inside)
                    {
                        foreach (byte v in row[x0..inside])
                        {
                            hist[v]++;
                        }
                    }

                    for (int x = Math.Max(x0, width); x < x1; x++)
                    {
                        hist[row[Reflect101(x, width)]]++;
                    }
                }

                if (clipLimit > 0)
                {
                    ClipAndRedistribute(hist, clipLimit);
                }

                var lut = luts.AsSpan(((ty * tilesX) + tx) * 256, 256);
                int sum = 0;
                for (int i = 0; i < 256; i++)
                {
                    sum += hist[i];
                    lut[i] = ImagePlane.SaturateToByte(sum * lutScale);
                }
            }
        }
    }

    /// <summary>
    /// Clips every bin at <paramref name="clipLimit"/>, adds ⌊excess / 256⌋ to all bins, then one more to every
    /// ⌊256 / residual⌋-th bin from 0 until the residual is spent (OpenCV's order).
    /// </summary>
    internal static void ClipAndRedistribute(Span<int> hist, int clipLimit)
    {
        int clipped = 0;
        for (int i = 0; i < 256; i++)
        {
            if (hist[i] > clipLimit)
            {
                clipped += hist[i] - clipLimit;
                hist[i] = clipLimit;
            }
        }

        int batch = clipped / 256;
        int residual = clipped - (batch * 256);
        for (int i = 0; i < 256; i++)
        {
            hist[i] += batch;
        }

        if (residual != 0)
        {
            int step = Math.Max(256 / residual, 1);
            for (int i = 0; i < 256 && residual > 0; i += step, residual--)
            {
                hist[i]++;
            }
        }
    }

    /// <summary>Per-column interpolation weights and LUT offsets, computed once, then rows in parallel.</summary>
    private sealed class InterpolationRows
    {
        private readonly int[] _offset1;
        private readonly int[] _offset2;
        private readonly float[] _weight2;
        private readonly float[] _weight1;
        private readonly int _tileHeight;
        private readonly int _tilesX;
        private readonly int _tilesY;
        private readonly byte[] _luts;
        private readonly bool _useAvx2;

        public InterpolationRows(int width, int tileWidth, int tileHeight, int tilesX, int tilesY, byte[] luts, bool useAvx2)
        {
            _useAvx2 = useAvx2;
            _offset1 = new int[width];
            _offset2 = new int[width];
            _weight2 = new float[width];
            _weight1 = new float[width];
            _tileHeight = tileHeight;
            _tilesX = tilesX;
            _tilesY = tilesY;
            _luts = luts;
            float inverseWidth = 1f / tileWidth;
            for (int x = 0; x < width; x++)
            {
                float txf = (x * inverseWidth) - 0.5f;
                int tx1 = (int)MathF.Floor(txf);
                int tx2 = tx1 + 1;
                _weight2[x] = txf - tx1;
                _weight1[x] = 1f - _weight2[x];
                _offset1[x] = Math.Max(tx1, 0) * 256;
                _offset2[x] = Math.Min(tx2, tilesX - 1) * 256;
            }
        }

        public unsafe void Run(ReadOnlySpan<byte> source, Span<byte> destination, int height, bool parallel)
        {
            fixed (byte* src = source)
            fixed (byte* dst = destination)
            {
                var op = new Rows(this, src, dst);
                if (parallel)
                {
                    ParallelRows.For(height, _offset1.Length, op);
                }
                else
                {
                    for (int y = 0; y < height; y++)
                    {
                        op.Invoke(y);
                    }
                }
            }
        }

        private readonly unsafe struct Rows(InterpolationRows owner, byte* source, byte* destination) : IRowOperation
        {
            public void Invoke(int y)
            {
                int width = owner._offset1.Length;
                float inverseHeight = 1f / owner._tileHeight;
                float tyf = (y * inverseHeight) - 0.5f;
                int ty1 = (int)MathF.Floor(tyf);
                int ty2 = ty1 + 1;
                float ya = tyf - ty1;
                float ya1 = 1f - ya;
                ty1 = Math.Max(ty1, 0);
                ty2 = Math.Min(ty2, owner._tilesY - 1);
                byte* src = source + ((long)y * width);
                byte* dst = destination + ((long)y * width);
                fixed (byte* luts = owner._luts)
                fixed (int* o1 = owner._offset1)
                fixed (int* o2 = owner._offset2)
                fixed (float* w1 = owner._weight1)
                fixed (float* w2 = owner._weight2)
                {
                    byte* lut1 = luts + (ty1 * owner._tilesX * 256);
                    byte* lut2 = luts + (ty2 * owner._tilesX * 256);
                    int x = 0;
                    if (owner._useAvx2 && width >= 8)
                    {
                        // Gather the four LUT samples of each pixel with scalar loads (hardware gathers are slow
                        // on CPUs with the GDS microcode mitigation), then do the float arithmetic 8 lanes at a time.
                        byte[] rented = System.Buffers.ArrayPool<byte>.Shared.Rent(4 * width);
                        fixed (byte* samples = rented)
                        {
                            byte* a = samples, b = samples + width, c = samples + (2 * width), d = samples + (3 * width);
                            for (int i = 0; i < width; i++)
                            {
                                int v = src[i];
                                int i1 = o1[i] + v;
                                int i2 = o2[i] + v;
                                a[i] = lut1[i1];
                                b[i] = lut1[i2];
                                c[i] = lut2[i1];
                                d[i] = lut2[i2];
                            }

                            x = InterpolateAvx2(a, b, c, d, dst, width, w1, w2, ya, ya1);
                        }

                        System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                    }

                    for (; x < width; x++)
                    {
                        int v = src[x];
                        int i1 = o1[x] + v;
                        int i2 = o2[x] + v;
                        // Same operation order as OpenCV, in single precision, so rounding is identical.
                        float res = (((lut1[i1] * w1[x]) + (lut1[i2] * w2[x])) * ya1) + (((lut2[i1] * w1[x]) + (lut2[i2] * w2[x])) * ya);
                        dst[x] = (byte)MathF.Round(res);
                    }
                }
            }

            /// <summary>
            /// Eight pixels per step: the gathered LUT samples (rows <paramref name="a"/>..<paramref name="d"/>) are
            /// widened to float and combined with separate multiplies and adds (no FMA) in OpenCV's order, so every
            /// lane rounds exactly like the scalar loop. Returns the first column left for the scalar tail.
            /// </summary>
            private static int InterpolateAvx2(byte* a, byte* b, byte* c, byte* d, byte* dst, int width, float* w1, float* w2, float ya, float ya1)
            {
                var vya = Vector256.Create(ya);
                var vya1 = Vector256.Create(ya1);
                int x = 0;
                for (; x <= width - 8; x += 8)
                {
                    var fa = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(a + x));
                    var fb = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(b + x));
                    var fc = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(c + x));
                    var fd = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(d + x));
                    var xw1 = Avx.LoadVector256(w1 + x);
                    var xw2 = Avx.LoadVector256(w2 + x);
                    var top = Avx.Multiply(Avx.Add(Avx.Multiply(fa, xw1), Avx.Multiply(fb, xw2)), vya1);
                    var bottom = Avx.Multiply(Avx.Add(Avx.Multiply(fc, xw1), Avx.Multiply(fd, xw2)), vya);
                    var rounded = Avx.ConvertToVector256Int32(Avx.Add(top, bottom)); // round to nearest even (MXCSR default)
                    // Pack 8 ints (0..255) to 8 bytes: ints → shorts (per 128-bit lane), lanes fixed by the permute, → bytes.
                    var shorts = Avx2.PackSignedSaturate(rounded, rounded);
                    var ordered = Avx2.Permute4x64(shorts.AsInt64(), 0b_11_01_10_00).AsInt16();
                    var bytes = Sse2.PackUnsignedSaturate(ordered.GetLower(), ordered.GetLower());
                    *(long*)(dst + x) = bytes.AsInt64().ToScalar();
                }

                return x;
            }
        }
    }
}
