using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NoteGuard.Imaging;

namespace NoteGuard.Inspection.Preprocessing;

/// <summary>
/// The last, per-sample stage of preprocessing: resampling an 8-bit image into a float CHW tensor of values 0..1
/// through an affine map (plain resize, or resize composed with augmentation), in one bilinear pass.
/// </summary>
internal static class TensorSampler
{
    /// <summary>
    /// Shrinks <paramref name="source"/> by the largest whole factor k that keeps it at least
    /// <paramref name="width"/> × <paramref name="height"/>, averaging k×k blocks (partial blocks at the right and
    /// bottom average what they hold). Bilinear sampling then never skips source pixels by more than 2:1, which avoids
    /// aliasing. Returns <paramref name="source"/> itself when k = 1.
    /// </summary>
    public static Image ReduceForSampling(Image source, int width, int height)
    {
        int k = Math.Max(1, Math.Min(source.Width / width, source.Height / height));
        if (k == 1)
        {
            return source;
        }

        int outW = (source.Width + k - 1) / k;
        int outH = (source.Height + k - 1) / k;
        int channels = source.Channels;
        int rowLength = source.Width * channels;
        var result = Image.Create(outW, outH, source.Format);

        // Column sums of k rows fit 16 bits while k × 255 does (k ≤ 257); larger factors take the 32-bit path.
        if (k <= 257)
        {
            ushort[] rented = ArrayPool<ushort>.Shared.Rent(rowLength);
            try
            {
                ReduceRows(source, result, k, rented.AsSpan(0, rowLength));
            }
            finally
            {
                ArrayPool<ushort>.Shared.Return(rented);
            }
        }
        else
        {
            ReduceRowsWide(source, result, k);
        }

        return result;
    }

    /// <summary>Block averages through 16-bit column sums: k source rows are summed (SIMD), then k columns per output sample.</summary>
    private static void ReduceRows(Image source, Image result, int k, Span<ushort> sums)
    {
        int channels = source.Channels;
        int outW = result.Width;
        int fullColumns = source.Width / k; // output columns whose block is k samples wide
        for (int oy = 0; oy < result.Height; oy++)
        {
            int y0 = oy * k;
            int y1 = Math.Min(y0 + k, source.Height);
            sums.Clear();
            for (int y = y0; y < y1; y++)
            {
                AddWidened(source.GetRowReadOnly(y), sums);
            }

            int rows = y1 - y0;
            var dst = result.GetRow(oy);

            // (sum + n/2) / n by a 64-bit reciprocal: floor(x / n) = high64(x × (⌊(2^64 − 1) / n⌋ + 1)) for every
            // 32-bit x (Lemire, "Faster remainder by direct computation", 2019), exact and without a division.
            int n = rows * k;
            ulong reciprocal = (ulong.MaxValue / (ulong)n) + 1;
            int half = n / 2;
            int stride = k * channels;
            for (int ox = 0; ox < fullColumns; ox++)
            {
                int s0 = ox * stride;
                for (int c = 0; c < channels; c++)
                {
                    int sum = half;
                    for (int j = s0 + c; j < s0 + stride; j += channels)
                    {
                        sum += sums[j];
                    }

                    dst[(ox * channels) + c] = (byte)Math.BigMul(reciprocal, (ulong)sum, out _);
                }
            }

            for (int ox = fullColumns; ox < outW; ox++)
            {
                // The partial block at the right edge averages what it holds.
                int cols = source.Width - (ox * k);
                int m = rows * cols;
                for (int c = 0; c < channels; c++)
                {
                    int sum = m / 2;
                    for (int x = ox * k; x < source.Width; x++)
                    {
                        sum += sums[(x * channels) + c];
                    }

                    dst[(ox * channels) + c] = (byte)(sum / m);
                }
            }
        }
    }

    /// <summary><paramref name="sums"/>[i] += <paramref name="row"/>[i], 32 (or 16) bytes at a time widened to 16 bits.</summary>
    private static void AddWidened(ReadOnlySpan<byte> row, Span<ushort> sums)
    {
        int i = 0;
        ref byte src = ref MemoryMarshal.GetReference(row);
        ref ushort acc = ref MemoryMarshal.GetReference(sums);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                (Vector256.LoadUnsafe(ref acc, (nuint)i) + lower).StoreUnsafe(ref acc, (nuint)i);
                (Vector256.LoadUnsafe(ref acc, (nuint)(i + Vector256<ushort>.Count)) + upper).StoreUnsafe(ref acc, (nuint)(i + Vector256<ushort>.Count));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var (lower, upper) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)i));
                (Vector128.LoadUnsafe(ref acc, (nuint)i) + lower).StoreUnsafe(ref acc, (nuint)i);
                (Vector128.LoadUnsafe(ref acc, (nuint)(i + Vector128<ushort>.Count)) + upper).StoreUnsafe(ref acc, (nuint)(i + Vector128<ushort>.Count));
            }
        }

        // Remainder (fewer than one vector of bytes), and the whole row without SIMD.
        for (; i < row.Length; i++)
        {
            sums[i] += row[i];
        }
    }

    /// <summary>The same block averages with 32-bit sums, for factors whose sums overflow 16 bits (k &gt; 257).</summary>
    private static void ReduceRowsWide(Image source, Image result, int k)
    {
        int channels = source.Channels;
        int outW = result.Width;
        var sums = new long[outW * channels];
        for (int oy = 0; oy < result.Height; oy++)
        {
            Array.Clear(sums);
            int y0 = oy * k;
            int y1 = Math.Min(y0 + k, source.Height);
            for (int y = y0; y < y1; y++)
            {
                var row = source.GetRowReadOnly(y);
                for (int x = 0; x < source.Width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        sums[((x / k) * channels) + c] += row[(x * channels) + c];
                    }
                }
            }

            var dst = result.GetRow(oy);
            int rows = y1 - y0;
            for (int ox = 0; ox < outW; ox++)
            {
                long n = (long)rows * Math.Min(k, source.Width - (ox * k));
                for (int c = 0; c < channels; c++)
                {
                    dst[(ox * channels) + c] = (byte)((sums[(ox * channels) + c] + (n / 2)) / n);
                }
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> (channels × height × width, CHW) with bilinear samples of
    /// <paramref name="source"/> at <paramref name="map"/>(x + ½, y + ½) − ½ for each output pixel, scaled to 0..1.
    /// Coordinates outside the image take the nearest edge pixel. A colour source feeding one channel is made gray
    /// with <paramref name="grayWeights"/>; a gray source feeding three channels is replicated; alpha is ignored.
    /// </summary>
    public static void Sample(Image source, Affine map, int width, int height, int channels, ReadOnlySpan<float> grayWeights, Span<float> destination)
    {
        int plane = width * height;
        int srcChannels = source.Channels;
        var pixels = source.Pixels;
        int stride = source.Stride;
        int maxX = source.Width - 1;
        int maxY = source.Height - 1;
        float wr = 0, wg = 0, wb = 0;
        if (channels == 1 && srcChannels >= 3)
        {
            float sum = grayWeights[0] + grayWeights[1] + grayWeights[2];
            (wr, wg, wb) = (grayWeights[0] / sum, grayWeights[1] / sum, grayWeights[2] / sum);
        }

        if (map.B == 0 && map.D == 0 && !(channels == 1 && srcChannels >= 3))
        {
            SampleAxisAligned(source, map, width, height, channels, destination);
            return;
        }

        const float Scale = 1f / 255f;
        for (int oy = 0; oy < height; oy++)
        {
            for (int ox = 0; ox < width; ox++)
            {
                var (sx, sy) = map.Apply(ox + 0.5, oy + 0.5);
                sx -= 0.5;
                sy -= 0.5;
                double fx = Math.Floor(sx);
                double fy = Math.Floor(sy);
                float ax = (float)(sx - fx);
                float ay = (float)(sy - fy);
                int x0 = ClampInt(fx, maxX);
                int x1 = ClampInt(fx + 1, maxX);
                int y0 = ClampInt(fy, maxY);
                int y1 = ClampInt(fy + 1, maxY);
                int i00 = (y0 * stride) + (x0 * srcChannels);
                int i01 = (y0 * stride) + (x1 * srcChannels);
                int i10 = (y1 * stride) + (x0 * srcChannels);
                int i11 = (y1 * stride) + (x1 * srcChannels);
                float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
                int o = (oy * width) + ox;
                if (channels == 1 && srcChannels >= 3)
                {
                    float r = (w00 * pixels[i00]) + (w01 * pixels[i01]) + (w10 * pixels[i10]) + (w11 * pixels[i11]);
                    float g = (w00 * pixels[i00 + 1]) + (w01 * pixels[i01 + 1]) + (w10 * pixels[i10 + 1]) + (w11 * pixels[i11 + 1]);
                    float b = (w00 * pixels[i00 + 2]) + (w01 * pixels[i01 + 2]) + (w10 * pixels[i10 + 2]) + (w11 * pixels[i11 + 2]);
                    destination[o] = ((wr * r) + (wg * g) + (wb * b)) * Scale;
                }
                else
                {
                    for (int c = 0; c < channels; c++)
                    {
                        int sc = srcChannels == 1 ? 0 : c;
                        destination[(c * plane) + o] =
                            ((w00 * pixels[i00 + sc]) + (w01 * pixels[i01 + sc]) + (w10 * pixels[i10 + sc]) + (w11 * pixels[i11 + sc])) * Scale;
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Sample"/> for maps without rotation or shear (plain resizing, flips, scale and shift): the source
    /// column of each output column and the source row of each output row are computed once, with the same double
    /// expressions as the general path (B·y and D·x are +0 there), and each pixel does the same float arithmetic, so
    /// the values are identical.
    /// </summary>
    private static void SampleAxisAligned(Image source, Affine map, int width, int height, int channels, Span<float> destination)
    {
        int plane = width * height;
        int srcChannels = source.Channels;
        ReadOnlySpan<byte> pixels = source.Pixels;
        int stride = source.Stride;
        int[] columns = ArrayPool<int>.Shared.Rent(2 * width);
        float[] columnWeights = ArrayPool<float>.Shared.Rent(width);
        try
        {
            for (int ox = 0; ox < width; ox++)
            {
                double sx = ((map.A * (ox + 0.5)) + map.C) - 0.5;
                double fx = Math.Floor(sx);
                columnWeights[ox] = (float)(sx - fx);
                columns[2 * ox] = ClampInt(fx, source.Width - 1) * srcChannels;
                columns[(2 * ox) + 1] = ClampInt(fx + 1, source.Width - 1) * srcChannels;
            }

            const float Scale = 1f / 255f;
            for (int oy = 0; oy < height; oy++)
            {
                double sy = ((map.E * (oy + 0.5)) + map.F) - 0.5;
                double fy = Math.Floor(sy);
                float ay = (float)(sy - fy);
                var row0 = pixels.Slice(ClampInt(fy, source.Height - 1) * stride, stride);
                var row1 = pixels.Slice(ClampInt(fy + 1, source.Height - 1) * stride, stride);
                for (int ox = 0; ox < width; ox++)
                {
                    float ax = columnWeights[ox];
                    int i0 = columns[2 * ox];
                    int i1 = columns[(2 * ox) + 1];
                    float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
                    int o = (oy * width) + ox;
                    for (int c = 0; c < channels; c++)
                    {
                        int sc = srcChannels == 1 ? 0 : c;
                        destination[(c * plane) + o] =
                            ((w00 * row0[i0 + sc]) + (w01 * row0[i1 + sc]) + (w10 * row1[i0 + sc]) + (w11 * row1[i1 + sc])) * Scale;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columns);
            ArrayPool<float>.Shared.Return(columnWeights);
        }
    }

    /// <summary>In place: (x − mean[c]) / std[c] over each channel plane of a CHW tensor.</summary>
    public static void Normalize(Span<float> tensor, int channels, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        int plane = tensor.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            var p = tensor.Slice(c * plane, plane);
            System.Numerics.Tensors.TensorPrimitives.Subtract(p, mean[c], p);
            System.Numerics.Tensors.TensorPrimitives.Multiply(p, 1f / std[c], p);
        }
    }

    private static int ClampInt(double v, int max) => v <= 0 ? 0 : v >= max ? max : (int)v;
}
