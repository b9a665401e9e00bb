using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>
/// Area (box) reduction as OpenCV's <c>INTER_AREA</c> with both scales ≥ 1: an integer-factor fast path and the
/// general fractional-weight path.
/// </summary>
internal static class AreaResize
{
    /// <summary>One weighted source sample of a destination sample: <c>dst[Destination] += src[Source] · Weight</c>.</summary>
    internal readonly record struct Contribution(int Destination, int Source, float Weight);

    /// <summary>
    /// Integer factors <paramref name="fx"/> × <paramref name="fy"/>: a 2×2 box is <c>(a+b+c+d+2) ≫ 2</c>, other boxes
    /// <c>round(sum · (1/area))</c> in float (OpenCV's <c>resizeAreaFast</c>); boxes cut by the image edge average what
    /// is inside.
    /// </summary>
    public static void ApplyIntegerFactor(Image source, Image destination, int fx, int fy)
    {
        RowBands.For(destination.Height, (long)source.Width * source.Height, new IntegerRows(source, destination, fx, fy));
    }

    private readonly struct IntegerRows(Image source, Image destination, int fx, int fy) : IBandOperation
    {
        public void Invoke(int start, int end)
        {
            int c = source.Channels;
            int fullWidth = Math.Min(destination.Width, source.Width / fx);
            float scale = 1f / (fx * fy);
            for (int dy = start; dy < end; dy++)
            {
                var dst = destination.GetRow(dy);
                int sy0 = dy * fy;
                if (sy0 >= source.Height)
                {
                    dst.Clear();
                    continue;
                }

                int full = sy0 + fy <= source.Height ? fullWidth : 0;
                if (full == 0)
                {
                    // The whole row is cut by the bottom edge: handled by the partial-box loop below.
                }
                else if (fx == 2 && fy == 2)
                {
                    var s0 = source.GetRowReadOnly(sy0);
                    var s1 = source.GetRowReadOnly(sy0 + 1);
                    for (int t = 0, n = full * c; t < n; t++)
                    {
                        int s = ((t / c) * 2 * c) + (t % c);
                        dst[t] = (byte)((s0[s] + s0[s + c] + s1[s] + s1[s + c] + 2) >> 2);
                    }
                }
                else
                {
                    // Column sums over the fy rows (vectorised), then sums of fx columns per output sample.
                    int used = full * fx * c;
                    int[] columns = ArrayPool<int>.Shared.Rent(used);
                    var sums = columns.AsSpan(0, used);
                    sums.Clear();
                    for (int i = 0; i < fy; i++)
                    {
                        AreaKernels.AddBytes(source.GetRowReadOnly(sy0 + i)[..used], sums);
                    }

                    for (int t = 0, n = full * c; t < n; t++)
                    {
                        int s = ((t / c) * fx * c) + (t % c);
                        int sum = 0;
                        for (int j = 0; j < fx; j++)
                        {
                            sum += sums[s + (j * c)];
                        }

                        dst[t] = Saturate(sum * scale);
                    }

                    ArrayPool<int>.Shared.Return(columns);
                }

                for (int t = full * c; t < dst.Length; t++)
                {
                    int sx0 = t / c * fx;
                    int ch = t % c;
                    int sum = 0;
                    int count = 0;
                    for (int i = 0; i < fy && sy0 + i < source.Height; i++)
                    {
                        var row = source.GetRowReadOnly(sy0 + i);
                        for (int j = 0; j < fx && sx0 + j < source.Width; j++)
                        {
                            sum += row[((sx0 + j) * c) + ch];
                            count++;
                        }
                    }

                    dst[t] = count == 0 ? (byte)0 : Saturate((float)sum / count);
                }
            }
        }
    }

    /// <summary>
    /// General reduction: each destination pixel is the mean of its source box <c>[x·s, (x+1)·s)</c>, the partly
    /// covered source pixels at the box ends weighted by their covered fraction (OpenCV's
    /// <c>computeResizeAreaTab</c>). Rows are accumulated in float, horizontally then vertically, in OpenCV's order.
    /// </summary>
    public static void Apply(Image source, Image destination, double scaleX, double scaleY)
    {
        int c = source.Channels;
        var xtab = Table(source.Width, destination.Width, c, scaleX);
        var ytab = Table(source.Height, destination.Height, 1, scaleY);

        // bandStart[dy] = first ytab entry of destination row dy.
        var rowStart = new int[destination.Height + 1];
        int k = 0;
        for (int dy = 0; dy < destination.Height; dy++)
        {
            while (k < ytab.Length && ytab[k].Destination < dy)
            {
                k++;
            }

            rowStart[dy] = k;
        }

        rowStart[destination.Height] = ytab.Length;
        // pixelStart[x] = first xtab entry of destination pixel x (entries are sorted by destination).
        var pixelStart = new int[destination.Width + 1];
        k = 0;
        for (int x = 0; x < destination.Width; x++)
        {
            while (k < xtab.Length && xtab[k].Destination < x * c)
            {
                k++;
            }

            pixelStart[x] = k;
        }

        pixelStart[destination.Width] = xtab.Length;
        RowBands.For(destination.Height, (long)source.Width * source.Height, new GeneralRows(source, destination, xtab, ytab, rowStart, pixelStart));
    }

    private static Contribution[] Table(int sourceSize, int destinationSize, int channels, double scale)
    {
        var table = new List<Contribution>((sourceSize * 2) + 2);
        for (int dx = 0; dx < destinationSize; dx++)
        {
            double fsx1 = dx * scale;
            double fsx2 = fsx1 + scale;
            double cellWidth = Math.Min(scale, sourceSize - fsx1);
            int sx1 = (int)Math.Ceiling(fsx1);
            int sx2 = (int)Math.Floor(fsx2);
            sx2 = Math.Min(sx2, sourceSize - 1);
            sx1 = Math.Min(sx1, sx2);
            if (sx1 - fsx1 > 1e-3)
            {
                table.Add(new Contribution(dx * channels, (sx1 - 1) * channels, (float)((sx1 - fsx1) / cellWidth)));
            }

            for (int sx = sx1; sx < sx2; sx++)
            {
                table.Add(new Contribution(dx * channels, sx * channels, (float)(1.0 / cellWidth)));
            }

            if (fsx2 - sx2 > 1e-3)
            {
                table.Add(new Contribution(dx * channels, sx2 * channels, (float)(Math.Min(Math.Min(fsx2 - sx2, 1.0), cellWidth) / cellWidth)));
            }
        }

        return [.. table];
    }

    private readonly struct GeneralRows(Image source, Image destination, Contribution[] xtab, Contribution[] ytab, int[] rowStart, int[] pixelStart) : IBandOperation
    {
        public void Invoke(int start, int end)
        {
            int c = source.Channels;
            int width = destination.Width * c;
            float[] buffers = ArrayPool<float>.Shared.Rent((width * 2) + 4);
            var buf = buffers.AsSpan(0, width + 4); // +4: the vector path stores 4 lanes per 3-channel pixel
            var sum = buffers.AsSpan(width + 4, width);
            sum.Clear();
            int from = rowStart[start];
            int to = rowStart[end];
            int previous = ytab[from].Destination;
            for (int j = from; j < to; j++)
            {
                float beta = ytab[j].Weight;
                int dy = ytab[j].Destination;
                var row = source.GetRowReadOnly(ytab[j].Source);
                if (c >= 3 && Vector128.IsHardwareAccelerated)
                {
                    AreaKernels.HorizontalVector(row, buf, xtab, pixelStart, c);
                }
                else
                {
                    HorizontalRow(row, buf, c);
                }

                // Product rounded, then sum rounded (TensorPrimitives.MultiplyAdd does not fuse), as OpenCV.
                var b = buf[..width];
                if (dy != previous)
                {
                    Store(sum, destination.GetRow(previous));
                    TensorPrimitives.Multiply(b, beta, sum);
                    previous = dy;
                }
                else
                {
                    TensorPrimitives.MultiplyAdd(b, beta, sum, sum);
                }
            }

            Store(sum, destination.GetRow(previous));
            ArrayPool<float>.Shared.Return(buffers);
        }

        private void HorizontalRow(ReadOnlySpan<byte> src, Span<float> buf, int c)
        {
            buf.Clear();
            var tab = xtab.AsSpan();
            switch (c)
            {
                case 1:
                    foreach (var e in tab)
                    {
                        buf[e.Destination] += src[e.Source] * e.Weight;
                    }

                    break;
                case 3:
                    foreach (var e in tab)
                    {
                        int d = e.Destination;
                        int s = e.Source;
                        float w = e.Weight;
                        buf[d] += src[s] * w;
                        buf[d + 1] += src[s + 1] * w;
                        buf[d + 2] += src[s + 2] * w;
                    }

                    break;
                default:
                    foreach (var e in tab)
                    {
                        int d = e.Destination;
                        int s = e.Source;
                        float w = e.Weight;
                        buf[d] += src[s] * w;
                        buf[d + 1] += src[s + 1] * w;
                        buf[d + 2] += src[s + 2] * w;
                        buf[d + 3] += src[s + 3] * w;
                    }

                    break;
            }
        }

        private static void Store(Span<float> sum, Span<byte> dst)
        {
            // Round half to even and saturate; sum is rewritten but is reset right after.
            TensorPrimitives.Round(sum, sum);
            TensorPrimitives.ConvertSaturating<float, byte>(sum, dst);
        }
    }

    /// <summary>OpenCV's <c>saturate_cast&lt;uchar&gt;(float)</c>: round half to even, clamp to 0..255.</summary>
    private static byte Saturate(float value) => ImagePlane.SaturateToByte(value);
}

/// <summary>Vector helpers of <see cref="AreaResize"/>.</summary>
internal static class AreaKernels
{
    /// <summary>
    /// Horizontal weighted sums for 3/4-channel rows, one destination pixel per <see cref="Vector128{T}"/> of floats:
    /// each contribution adds <c>widen(4 source bytes) · w</c> (multiply, then add: the same per-lane operations in the
    /// same order as the scalar loop, so results are identical). The 4th lane of a 3-channel pixel spills into the
    /// next pixel's slot, which that pixel then overwrites (or into the 4 floats of padding after the row).
    /// </summary>
    public static void HorizontalVector(ReadOnlySpan<byte> src, Span<float> buf, AreaResize.Contribution[] xtab, int[] pixelStart, int c)
    {
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref float b = ref MemoryMarshal.GetReference(buf);
        int lastSafe = src.Length - 4;
        int pixels = pixelStart.Length - 1;
        for (int x = 0; x < pixels; x++)
        {
            var acc = Vector128<float>.Zero;
            int end = pixelStart[x + 1];
            for (int k = pixelStart[x]; k < end; k++)
            {
                var e = xtab[k];
                Vector128<float> v;
                if (e.Source <= lastSafe)
                {
                    uint bytes = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, e.Source));
                    var packed = Vector128.CreateScalarUnsafe(bytes).AsByte();
                    var ints = Sse41.IsSupported ? Sse41.ConvertToVector128Int32(packed) : Vector128.WidenLower(Vector128.WidenLower(packed)).AsInt32();
                    v = Vector128.ConvertToSingle(ints);
                }
                else
                {
                    v = Vector128.Create(src[e.Source], src[e.Source + 1], src[e.Source + 2], c == 4 ? src[e.Source + 3] : 0f);
                }

                acc += v * Vector128.Create(e.Weight);
            }

            acc.StoreUnsafe(ref b, (nuint)(x * c));
        }
    }

    /// <summary><c>sums[i] += bytes[i]</c>, 16 bytes per step when vectors are available.</summary>
    public static void AddBytes(ReadOnlySpan<byte> bytes, Span<int> sums)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref byte p = ref MemoryMarshal.GetReference(bytes);
            ref int q = ref MemoryMarshal.GetReference(sums);
            for (; i <= bytes.Length - 16; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref p, (nuint)i);
                var (lo, hi) = Vector128.Widen(v);
                var (a, b2) = Vector128.Widen(lo);
                var (c, d) = Vector128.Widen(hi);
                (Vector128.LoadUnsafe(ref q, (nuint)i) + a.AsInt32()).StoreUnsafe(ref q, (nuint)i);
                (Vector128.LoadUnsafe(ref q, (nuint)(i + 4)) + b2.AsInt32()).StoreUnsafe(ref q, (nuint)(i + 4));
                (Vector128.LoadUnsafe(ref q, (nuint)(i + 8)) + c.AsInt32()).StoreUnsafe(ref q, (nuint)(i + 8));
                (Vector128.LoadUnsafe(ref q, (nuint)(i + 12)) + d.AsInt32()).StoreUnsafe(ref q, (nuint)(i + 12));
            }
        }

        for (; i < bytes.Length; i++)
        {
            sums[i] += bytes[i];
        }
    }
}
