using System.Buffers;
using System.Numerics.Tensors;
using NoteGuard.Imaging.Common;

namespace NoteGuard.Imaging.Processing.Morphology;

/// <summary>
/// Erosion and dilation on interleaved 8-bit images with OpenCV's semantics: <c>dst(x, y) = min/max over set
/// cells (i, j) of src(x + j − anchorX, y + i − anchorY)</c> (the element is not reflected for dilation), and
/// samples outside the image are neutral (ignored), like OpenCV's default border. Rectangles run separably
/// (a row pass then a column pass); other shapes take the union of shifted rows. Both inner loops are
/// element-wise min/max over whole rows through <see cref="TensorPrimitives"/> (SIMD).
/// </summary>
internal static class MorphologyFilter
{
    public static Image Apply(Image source, StructuringElement element, int iterations, bool dilate)
    {
        if (element.IsRectangle && iterations > 1)
        {
            // OpenCV merges k iterations of a w×h rectangle into one (w + (k−1)(w−1)) × (h + (k−1)(h−1)) rectangle.
            int w = element.Width + ((iterations - 1) * (element.Width - 1));
            int h = element.Height + ((iterations - 1) * (element.Height - 1));
            var mask = new byte[h, w];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    mask[y, x] = 1;
                }
            }

            element = StructuringElement.FromMask(mask, element.AnchorX * iterations, element.AnchorY * iterations);
            iterations = 1;
        }

        var current = ApplyOnce(source, element, dilate);
        for (int i = 1; i < iterations; i++)
        {
            var next = ApplyOnce(current, element, dilate);
            current.Dispose();
            current = next;
        }

        return current;
    }

    private static Image ApplyOnce(Image source, StructuringElement element, bool dilate)
    {
        int channels = source.Channels;
        int width = source.Width, height = source.Height;
        var result = Image.CreateUninitialized(width, height, source.Format);
        if (element.Width == 1 && element.Height == 1)
        {
            source.Pixels.CopyTo(result.Pixels);
            return result;
        }

        byte neutral = dilate ? (byte)0 : (byte)255;
        int paddedStride = (width + element.Width - 1) * channels;
        byte[] padded = ArrayPool<byte>.Shared.Rent(paddedStride * height);
        try
        {
            ParallelRows.For(height, width, new PadRows(source, padded, paddedStride, element.AnchorX * channels, neutral));
            if (element.IsRectangle)
            {
                byte[] rows = ArrayPool<byte>.Shared.Rent(source.Length);
                try
                {
                    ParallelRows.For(height, width, new RectangleRowPass(padded, paddedStride, rows, source.Stride, element.Width, channels, dilate));
                    ParallelRows.For(height, width, new RectangleColumnPass(rows, result, element.Height, element.AnchorY, dilate));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rows);
                }
            }
            else
            {
                ParallelRows.For(height, width, new ShiftedRowsPass(padded, paddedStride, result, element.Offsets(), element.AnchorX, neutral, dilate));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(padded);
        }

        return result;
    }

    private static void Combine(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> destination, bool dilate)
    {
        if (dilate)
        {
            TensorPrimitives.Max(x, y, destination);
        }
        else
        {
            TensorPrimitives.Min(x, y, destination);
        }
    }

    /// <summary>Copies each row between neutral margins: anchorX pixels on the left, the rest of the element on the right.</summary>
    private readonly struct PadRows(Image source, byte[] padded, int paddedStride, int left, byte neutral) : IRowOperation
    {
        public void Invoke(int y)
        {
            var dst = padded.AsSpan(y * paddedStride, paddedStride);
            var src = source.GetRowReadOnly(y);
            dst[..left].Fill(neutral);
            src.CopyTo(dst[left..]);
            dst[(left + src.Length)..].Fill(neutral);
        }
    }

    /// <summary>rows[y][x] = min/max of padded[y][x .. x + width − 1] (per channel).</summary>
    private readonly struct RectangleRowPass(byte[] padded, int paddedStride, byte[] rows, int stride, int elementWidth, int channels, bool dilate)
        : IRowOperation
    {
        public void Invoke(int y)
        {
            var src = padded.AsSpan(y * paddedStride, paddedStride);
            var dst = rows.AsSpan(y * stride, stride);
            src[..stride].CopyTo(dst);
            for (int k = 1; k < elementWidth; k++)
            {
                Combine(dst, src.Slice(k * channels, stride), dst, dilate);
            }
        }
    }

    /// <summary>dst[y] = min/max of rows[y − anchorY .. y − anchorY + height − 1] clipped to the image.</summary>
    private readonly struct RectangleColumnPass(byte[] rows, Image destination, int elementHeight, int anchorY, bool dilate) : IRowOperation
    {
        public void Invoke(int y)
        {
            int stride = destination.Stride;
            int first = Math.Max(y - anchorY, 0);
            int last = Math.Min(y - anchorY + elementHeight - 1, destination.Height - 1);
            var dst = destination.GetRow(y);
            rows.AsSpan(first * stride, stride).CopyTo(dst);
            for (int r = first + 1; r <= last; r++)
            {
                Combine(dst, rows.AsSpan(r * stride, stride), dst, dilate);
            }
        }
    }

    /// <summary>dst[y] = min/max over the element's cells of the padded row y + dy shifted by dx.</summary>
    private readonly struct ShiftedRowsPass(byte[] padded, int paddedStride, Image destination, (int Dx, int Dy)[] offsets, int anchorX, byte neutral, bool dilate)
        : IRowOperation
    {
        public void Invoke(int y)
        {
            int stride = destination.Stride;
            int channels = destination.Channels;
            var dst = destination.GetRow(y);
            bool any = false;
            foreach (var (dx, dy) in offsets)
            {
                int row = y + dy;
                if ((uint)row >= (uint)destination.Height)
                {
                    continue;
                }

                var src = padded.AsSpan((row * paddedStride) + ((dx + anchorX) * channels), stride);
                if (!any)
                {
                    src.CopyTo(dst);
                    any = true;
                }
                else
                {
                    Combine(dst, src, dst, dilate);
                }
            }

            if (!any)
            {
                dst.Fill(neutral);
            }
        }
    }
}
