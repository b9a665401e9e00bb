using System.Buffers;
using System.Numerics.Tensors;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// Separable correlation in float: a horizontal pass over every (padded) source row, then a vertical pass over
/// the row results, each as fused multiply-adds of shifted rows (see <see cref="Correlation"/>). Cost per pixel
/// is <c>kx + ky</c> instead of <c>kx × ky</c>. Results equal the 2-D correlation with the outer-product kernel up
/// to float rounding (bit-identical when all partial sums are integers below 2²⁴, e.g. Sobel on 8-bit input).
/// </summary>
internal static class SeparableCorrelation
{
    public static Image Apply(Image image, ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, BorderMode border, float borderValue)
    {
        int c = image.Channels;
        int ax = kernelX.Length / 2;
        int ay = kernelY.Length / 2;
        using var padded = Correlation.Pad(image.Pixels, image.Width, image.Height, c, ax, kernelX.Length - 1 - ax, ay, kernelY.Length - 1 - ay, border, borderValue);
        using var rows = Horizontal(padded, kernelX, image.Width * c, c);
        var result = Image.CreateUninitialized(image.Width, image.Height, image.Format);
        ParallelRows.For(image.Height, image.Width * kernelY.Length / 3, new VerticalBytes(rows, padded.RowTable, kernelY.ToArray(), image, result));
        return result;
    }

    public static ImagePlane Apply(ImagePlane plane, ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, BorderMode border, float borderValue)
    {
        int ax = kernelX.Length / 2;
        int ay = kernelY.Length / 2;
        using var padded = Correlation.Pad(plane.Data, plane.Width, plane.Height, ax, kernelX.Length - 1 - ax, ay, kernelY.Length - 1 - ay, border, borderValue);
        using var rows = Horizontal(padded, kernelX, plane.Width, 1);
        var result = ImagePlane.CreateUninitialized(plane.Width, plane.Height);
        ParallelRows.For(plane.Height, plane.Width * kernelY.Length / 3, new VerticalFloats(rows, padded.RowTable, kernelY.ToArray(), result));
        return result;
    }

    /// <summary>Horizontal pass over all padded rows (including the constant row); result rows have no padding.</summary>
    private static RowBuffer Horizontal(Correlation.PaddedSource padded, ReadOnlySpan<float> kernelX, int rowLength, int channels)
    {
        int count = padded.Height + 1;
        var rows = new RowBuffer(ArrayPool<float>.Shared.Rent(count * rowLength), rowLength);
        ParallelRows.For(count, rowLength * kernelX.Length / 3, new HorizontalRows(padded, kernelX.ToArray(), rows, channels));
        return rows;
    }

    internal sealed class RowBuffer(float[] buffer, int rowLength) : IDisposable
    {
        public float[] Buffer { get; } = buffer;

        public int RowLength { get; } = rowLength;

        public Span<float> Row(int index) => Buffer.AsSpan(index * RowLength, RowLength);

        public void Dispose() => ArrayPool<float>.Shared.Return(Buffer);
    }

    private readonly struct HorizontalRows(Correlation.PaddedSource padded, float[] kernel, RowBuffer rows, int channels) : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = padded.Row(y);
            var dst = rows.Row(y);
            TensorPrimitives.Multiply(src[..dst.Length], kernel[0], dst);
            for (int j = 1; j < kernel.Length; j++)
            {
                TensorPrimitives.FusedMultiplyAdd(src.Slice(j * channels, dst.Length), kernel[j], dst, dst);
            }
        }
    }

    private static void Vertical(RowBuffer rows, int[] rowTable, float[] kernel, int y, Span<float> acc)
    {
        TensorPrimitives.Multiply(rows.Row(rowTable[y]), kernel[0], acc);
        for (int i = 1; i < kernel.Length; i++)
        {
            TensorPrimitives.FusedMultiplyAdd(rows.Row(rowTable[y + i]), kernel[i], acc, acc);
        }
    }

    private readonly struct VerticalBytes(RowBuffer rows, int[] rowTable, float[] kernel, Image input, Image output) : IRowOperation
    {
        public void Invoke(int y)
        {
            var dst = output.GetRow(y);
            float[] acc = ArrayPool<float>.Shared.Rent(dst.Length);
            var span = acc.AsSpan(0, dst.Length);
            Vertical(rows, rowTable, kernel, y, span);
            Correlation.StoreSaturated(span, dst);
            ArrayPool<float>.Shared.Return(acc);
            if (input.Channels == 4)
            {
                Correlation.CopyAlpha(input.GetRowReadOnly(y), dst);
            }
        }
    }

    private readonly struct VerticalFloats(RowBuffer rows, int[] rowTable, float[] kernel, ImagePlane output) : IRowOperation
    {
        public void Invoke(int y) => Vertical(rows, rowTable, kernel, y, output.GetRow(y));
    }
}
