using System.Buffers;
using System.Numerics.Tensors;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// The correlation engine behind every linear filter. The source is first copied into float rows padded left
/// and right by the border rule (plus one extra row of the constant border value); rows outside the image are
/// read through a row table. Each output row is then an accumulation, tap by tap, of a shifted source row
/// times the tap weight: <c>acc[t] = fma(w, row[t + dx·channels], acc[t])</c> over the interleaved samples,
/// which is what OpenCV's <c>filter2D</c> does (first product then fused multiply-adds over the non-zero taps
/// in row-major order). <see cref="TensorPrimitives"/> vectorises the taps; its scalar fallback uses the same
/// fused multiply-add, so SIMD and scalar results are identical.
/// </summary>
internal static class Correlation
{
    /// <summary>One non-zero kernel tap: which kernel row, the sample offset within a padded row, the weight.</summary>
    internal readonly record struct Tap(int Row, int Offset, float Weight);

    /// <summary>Source rows padded horizontally, one extra constant row at index Height.</summary>
    internal sealed class PaddedSource(float[] buffer, int stride, int height, int[] rowTable) : IDisposable
    {
        public float[] Buffer { get; } = buffer;

        public int Stride { get; } = stride;

        public int Height { get; } = height;

        /// <summary>Entry <c>y + before</c> is the padded row read for source row position <c>y</c>.</summary>
        public int[] RowTable { get; } = rowTable;

        public ReadOnlySpan<float> Row(int index) => Buffer.AsSpan(index * Stride, Stride);

        public void Dispose() => ArrayPool<float>.Shared.Return(Buffer);
    }

    public static PaddedSource Pad(ReadOnlySpan<byte> src, int width, int height, int channels, int left, int right, int top, int bottom, BorderMode mode, float value)
    {
        var (padded, columns) = Allocate(width, height, channels, left, right, top, bottom, mode, out int[] rowTable);
        int stride = (width + left + right) * channels;
        for (int y = 0; y < height; y++)
        {
            var row = padded.AsSpan(y * stride, stride);
            var source = src.Slice(y * width * channels, width * channels);
            for (int i = 0; i < columns.Length; i++)
            {
                int sx = columns[i];
                for (int c = 0; c < channels; c++)
                {
                    row[(i * channels) + c] = sx < 0 ? value : source[(sx * channels) + c];
                }
            }
        }

        padded.AsSpan(height * stride, stride).Fill(value);
        return new PaddedSource(padded, stride, height, rowTable);
    }

    public static PaddedSource Pad(ReadOnlySpan<float> src, int width, int height, int left, int right, int top, int bottom, BorderMode mode, float value)
    {
        var (padded, columns) = Allocate(width, height, 1, left, right, top, bottom, mode, out int[] rowTable);
        int stride = width + left + right;
        for (int y = 0; y < height; y++)
        {
            var row = padded.AsSpan(y * stride, stride);
            var source = src.Slice(y * width, width);
            for (int i = 0; i < columns.Length; i++)
            {
                int sx = columns[i];
                row[i] = sx < 0 ? value : source[sx];
            }
        }

        padded.AsSpan(height * stride, stride).Fill(value);
        return new PaddedSource(padded, stride, height, rowTable);
    }

    private static (float[] Buffer, int[] Columns) Allocate(int width, int height, int channels, int left, int right, int top, int bottom, BorderMode mode, out int[] rowTable)
    {
        int[] columns = BorderIndex.Table(width, left, right, mode);
        rowTable = BorderIndex.Table(height, top, bottom, mode);
        for (int i = 0; i < rowTable.Length; i++)
        {
            if (rowTable[i] < 0)
            {
                rowTable[i] = height; // the constant row
            }
        }

        long stride = (long)(width + left + right) * channels;
        long total = stride * (height + 1);
        Guard.IsTrue(total <= Array.MaxLength, "The padded image is too large.", nameof(width));
        return (ArrayPool<float>.Shared.Rent((int)total), columns);
    }

    /// <summary>Non-zero taps of <paramref name="kernel"/> in row-major order (one zero tap if all are zero).</summary>
    public static Tap[] Taps(ConvolutionKernel kernel, int channels)
    {
        var taps = new List<Tap>(kernel.Width * kernel.Height);
        for (int ky = 0; ky < kernel.Height; ky++)
        {
            for (int kx = 0; kx < kernel.Width; kx++)
            {
                float w = kernel[kx, ky];
                if (w != 0f)
                {
                    taps.Add(new Tap(ky, kx * channels, w));
                }
            }
        }

        if (taps.Count == 0)
        {
            taps.Add(new Tap(0, 0, 0f));
        }

        return [.. taps];
    }

    /// <summary>
    /// Accumulates the taps for output row <paramref name="y"/> into <paramref name="acc"/> (length width × channels).
    /// </summary>
    public static void AccumulateRow(PaddedSource source, ReadOnlySpan<Tap> taps, int y, Span<float> acc)
    {
        var first = taps[0];
        var row = source.Row(source.RowTable[y + first.Row]).Slice(first.Offset, acc.Length);
        TensorPrimitives.Multiply(row, first.Weight, acc);
        for (int k = 1; k < taps.Length; k++)
        {
            var tap = taps[k];
            row = source.Row(source.RowTable[y + tap.Row]).Slice(tap.Offset, acc.Length);
            TensorPrimitives.FusedMultiplyAdd(row, tap.Weight, acc, acc);
        }
    }

    /// <summary>Rounds half to even and saturates to 0..255, like OpenCV's <c>saturate_cast&lt;uchar&gt;(float)</c>.</summary>
    public static void StoreSaturated(Span<float> acc, Span<byte> destination)
    {
        TensorPrimitives.Round(acc, acc);
        TensorPrimitives.ConvertSaturating<float, byte>(acc, destination);
    }

    /// <summary>Copies channel 3 (alpha) of interleaved RGBA <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public static void CopyAlpha(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (int i = 3; i < source.Length; i += 4)
        {
            destination[i] = source[i];
        }
    }

    /// <summary>2-D correlation of an 8-bit image, saturated to 8 bits; alpha of RGBA is copied unchanged.</summary>
    public static Image Apply(Image image, ConvolutionKernel kernel, BorderMode border, float borderValue)
    {
        if (IntegerCorrelation.TryApply(image, kernel, border, borderValue, out var exact))
        {
            return exact;
        }

        int c = image.Channels;
        using var padded = Pad(image.Pixels, image.Width, image.Height, c, kernel.AnchorX, kernel.Width - 1 - kernel.AnchorX, kernel.AnchorY, kernel.Height - 1 - kernel.AnchorY, border, borderValue);
        var result = Image.CreateUninitialized(image.Width, image.Height, image.Format);
        var op = new ByteRows(padded, Taps(kernel, c), image, result);
        ParallelRows.For(image.Height, image.Width * kernel.Width * kernel.Height / 9, op);
        return result;
    }

    /// <summary>2-D correlation of a float plane (no rounding).</summary>
    public static ImagePlane Apply(ImagePlane plane, ConvolutionKernel kernel, BorderMode border, float borderValue)
    {
        using var padded = Pad(plane.Data, plane.Width, plane.Height, kernel.AnchorX, kernel.Width - 1 - kernel.AnchorX, kernel.AnchorY, kernel.Height - 1 - kernel.AnchorY, border, borderValue);
        var result = ImagePlane.CreateUninitialized(plane.Width, plane.Height);
        var op = new FloatRows(padded, Taps(kernel, 1), result);
        ParallelRows.For(plane.Height, plane.Width * kernel.Width * kernel.Height / 9, op);
        return result;
    }

    private readonly struct ByteRows(PaddedSource source, Tap[] taps, Image input, Image output) : IRowOperation
    {
        public void Invoke(int y)
        {
            var dst = output.GetRow(y);
            float[] acc = ArrayPool<float>.Shared.Rent(dst.Length);
            var span = acc.AsSpan(0, dst.Length);
            AccumulateRow(source, taps, y, span);
            StoreSaturated(span, dst);
            ArrayPool<float>.Shared.Return(acc);
            if (input.Channels == 4)
            {
                CopyAlpha(input.GetRowReadOnly(y), dst);
            }
        }
    }

    private readonly struct FloatRows(PaddedSource source, Tap[] taps, ImagePlane output) : IRowOperation
    {
        public void Invoke(int y) => AccumulateRow(source, taps, y, output.GetRow(y));
    }
}
