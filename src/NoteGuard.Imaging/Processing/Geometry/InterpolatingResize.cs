using System.Buffers;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>
/// Separable fixed-point resize for bilinear, bicubic and area enlargement (OpenCV's <c>resizeGeneric</c> for
/// <c>uint8</c>): per output coordinate, 2 or 4 source taps with weights in 11-bit fixed point (sum 2048); rows
/// are resampled horizontally into int rows (cached, each needed source row once per band), then combined
/// vertically.
/// </summary>
internal static class InterpolatingResize
{
    /// <summary>Weights are scaled by 2¹¹ (OpenCV's INTER_RESIZE_COEF_BITS).</summary>
    internal const int CoefficientBits = 11;

    /// <summary>
    /// OpenCV (SSE2 baseline) runs its bicubic column pass in 8-sample vector blocks (float) and finishes each row
    /// with a scalar tail (fixed point); the two round differently, and we reproduce both. Its bilinear column pass
    /// uses one vector formula for the whole row.
    /// </summary>
    internal const int OpenCvVectorBlock = 8;

    /// <summary>Taps and fixed-point weights along one axis.</summary>
    internal sealed class AxisTable(int taps, int[] index, short[] weight)
    {
        public int Taps { get; } = taps;

        /// <summary>Source index of tap k of output i at [i·Taps + k] (already clamped into the image).</summary>
        public int[] Index { get; } = index;

        /// <summary>Weight of tap k of output i at [i·Taps + k], sum 2048.</summary>
        public short[] Weight { get; } = weight;
    }

    /// <summary>Resizes with inverse scales (output/input) as given to OpenCV.</summary>
    public static void Apply(Image source, Image destination, double inverseScaleX, double inverseScaleY, ResizeMode mode)
    {
        var xs = Axis(source.Width, destination.Width, inverseScaleX, mode, clampEdges: true);
        var ys = Axis(source.Height, destination.Height, inverseScaleY, mode, clampEdges: false);

        int c = source.Channels;
        int rowLength = destination.Width * c;
        long work = ((long)rowLength * xs.Taps * Math.Min(source.Height, destination.Height * ys.Taps)) + ((long)rowLength * destination.Height * ys.Taps);
        RowBands.For(destination.Height, work, new Bands(source, destination, xs, ys, mode == ResizeMode.Bicubic));
    }

    /// <summary>
    /// OpenCV's coordinate mapping and weights for one axis (see <c>cv::resize</c>). With
    /// <paramref name="clampEdges"/> (OpenCV's horizontal table) a linear position before the first or after the last
    /// pixel snaps to that pixel with weight 1; without it (the vertical table) the weights are kept and the taps are
    /// merely clamped into the image, which rounds slightly differently.
    /// </summary>
    internal static AxisTable Axis(int sourceSize, int destinationSize, double inverseScale, ResizeMode mode, bool clampEdges)
    {
        double scale = 1.0 / inverseScale;
        bool cubic = mode == ResizeMode.Bicubic;
        int taps = cubic ? 4 : 2;
        int half = taps / 2;
        var index = new int[destinationSize * taps];
        var weight = new short[destinationSize * taps];
        Span<float> coefficients = stackalloc float[4];
        for (int d = 0; d < destinationSize; d++)
        {
            int s;
            float f;
            if (mode == ResizeMode.Area)
            {
                s = (int)Math.Floor(d * scale);
                f = (float)((d + 1) - ((s + 1) * inverseScale));
                f = f <= 0 ? 0f : f - MathF.Floor(f);
            }
            else
            {
                f = (float)(((d + 0.5) * scale) - 0.5);
                s = (int)MathF.Floor(f);
                f -= s;
            }

            if (clampEdges && !cubic && s < 0)
            {
                f = 0;
                s = 0;
            }

            if (clampEdges && !cubic && s >= sourceSize - 1)
            {
                f = 0;
                s = sourceSize - 1;
            }

            if (cubic)
            {
                Cubic(f, coefficients);
            }
            else
            {
                coefficients[0] = 1f - f;
                coefficients[1] = f;
            }

            for (int k = 0; k < taps; k++)
            {
                index[(d * taps) + k] = Math.Clamp(s - half + 1 + k, 0, sourceSize - 1);
                weight[(d * taps) + k] = (short)MathF.Round(coefficients[k] * (1 << CoefficientBits));
            }
        }

        return new AxisTable(taps, index, weight);
    }

    /// <summary>Keys' cubic convolution weights with a = −0.75 for fractional offset <paramref name="x"/> (OpenCV's <c>interpolateCubic</c>).</summary>
    internal static void Cubic(float x, Span<float> coefficients)
    {
        const float A = -0.75f;
        coefficients[0] = ((((A * (x + 1)) - (5 * A)) * (x + 1)) + (8 * A)) * (x + 1) - (4 * A);
        coefficients[1] = ((((A + 2) * x) - (A + 3)) * x * x) + 1;
        coefficients[2] = ((((A + 2) * (1 - x)) - (A + 3)) * (1 - x) * (1 - x)) + 1;
        coefficients[3] = 1f - coefficients[0] - coefficients[1] - coefficients[2];
    }

    private readonly struct Bands(Image source, Image destination, AxisTable xs, AxisTable ys, bool cubic) : IBandOperation
    {
        public void Invoke(int start, int end)
        {
            int rowLength = destination.Width * destination.Channels;

            // Row slots are padded by 4 ints: the vector horizontal pass stores 4 lanes per 3-channel pixel.
            int stride = rowLength + 4;
            int taps = ys.Taps;

            // A small cache of horizontally resampled source rows (one slot per vertical tap).
            int[] cache = ArrayPool<int>.Shared.Rent(stride * taps);
            Span<int> tags = stackalloc int[4];
            tags.Fill(-1);
            Span<int> slotOf = stackalloc int[4];
            for (int dy = start; dy < end; dy++)
            {
                for (int k = 0; k < taps; k++)
                {
                    int sy = ys.Index[(dy * taps) + k];
                    int slot = tags[..taps].IndexOf(sy);
                    if (slot < 0)
                    {
                        slot = FreeSlot(tags[..taps], dy);
                        HorizontalResize.Row(source.GetRowReadOnly(sy), cache.AsSpan(slot * stride, stride), xs, source.Channels);
                        tags[slot] = sy;
                    }

                    slotOf[k] = slot;
                }

                var dst = destination.GetRow(dy);
                var beta = ys.Weight.AsSpan(dy * taps, taps);
                if (cubic)
                {
                    int vectorPart = rowLength / OpenCvVectorBlock * OpenCvVectorBlock;
                    VerticalCubicOpenCv(cache, stride, slotOf, beta, dst[..vectorPart]);
                    VerticalExact(cache, stride, slotOf, beta, dst, vectorPart);
                }
                else
                {
                    VerticalResize.BilinearOpenCv(cache.AsSpan(slotOf[0] * stride, rowLength), cache.AsSpan(slotOf[1] * stride, rowLength), beta[0], beta[1], dst);
                }
            }

            ArrayPool<int>.Shared.Return(cache);
        }

        /// <summary>A slot whose row the current output row does not need (source rows only increase with dy).</summary>
        private int FreeSlot(Span<int> tags, int dy)
        {
            int taps = tags.Length;
            for (int slot = 0; slot < taps; slot++)
            {
                int tag = tags[slot];
                bool needed = false;
                for (int k = 0; k < taps; k++)
                {
                    needed |= ys.Index[(dy * taps) + k] == tag;
                }

                if (!needed)
                {
                    return slot;
                }
            }

            throw new InvalidOperationException("No free resize row slot.");
        }

        /// <summary>OpenCV's scalar column pass from sample <paramref name="from"/> on: <c>(Σ bₖ·hₖ + 2²¹) ≫ 22</c>, saturated.</summary>
        private static void VerticalExact(int[] cache, int stride, ReadOnlySpan<int> slots, ReadOnlySpan<short> beta, Span<byte> dst, int from)
        {
            for (int t = from; t < dst.Length; t++)
            {
                int sum = 0;
                for (int k = 0; k < beta.Length; k++)
                {
                    sum += beta[k] * cache[(slots[k] * stride) + t];
                }

                dst[t] = (byte)Math.Clamp((sum + (1 << ((2 * CoefficientBits) - 1))) >> (2 * CoefficientBits), 0, 255);
            }
        }

        /// <summary>
        /// OpenCV's vector bicubic column pass: float <c>h₀b₀ + (h₁b₁ + (h₂b₂ + h₃b₃))</c> with <c>b = β / 2²²</c>
        /// (separate multiply and add), rounded half to even and saturated.
        /// </summary>
        private static void VerticalCubicOpenCv(int[] cache, int stride, ReadOnlySpan<int> slots, ReadOnlySpan<short> beta, Span<byte> dst)
        {
            const float Scale = 1f / (1 << (2 * CoefficientBits));
            float b0 = beta[0] * Scale;
            float b1 = beta[1] * Scale;
            float b2 = beta[2] * Scale;
            float b3 = beta[3] * Scale;
            var h0 = cache.AsSpan(slots[0] * stride, dst.Length);
            var h1 = cache.AsSpan(slots[1] * stride, dst.Length);
            var h2 = cache.AsSpan(slots[2] * stride, dst.Length);
            var h3 = cache.AsSpan(slots[3] * stride, dst.Length);
            for (int t = 0; t < dst.Length; t++)
            {
                float p3 = h3[t] * b3;
                float p2 = (h2[t] * b2) + p3;
                float p1 = (h1[t] * b1) + p2;
                float v = (h0[t] * b0) + p1;
                dst[t] = ImagePlane.SaturateToByte(v);
            }
        }
    }
}
