using System.Buffers;

namespace NoteGuard.Imaging.Processing.Geometry;

/// <summary>
/// Area (box) reduction as OpenCV's <c>INTER_AREA</c> with both scales ≥ 1: an integer-factor fast path and the
/// general fractional-weight path.
/// </summary>
internal static class AreaResize
{
    /// <summary>One weighted source sample of a destination sample: <c>dst[Destination] += src[Source] · Weight</c>.</summary>
    private readonly record struct Contribution(int Destination, int Source, float Weight);

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
                    for (int t = 0, n = full * c; t < n; t++)
                    {
                        int s = ((t / c) * fx * c) + (t % c);
                        int sum = 0;
                        for (int i = 0; i < fy; i++)
                        {
                            var row = source.GetRowReadOnly(sy0 + i);
                            for (int j = 0; j < fx; j++)
                            {
                                sum += row[s + (j * c)];
                            }
                        }

                        dst[t] = Saturate(sum * scale);
                    }
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
        RowBands.For(destination.Height, (long)source.Width * source.Height, new GeneralRows(source, destination, xtab, ytab, rowStart));
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

    private readonly struct GeneralRows(Image source, Image destination, Contribution[] xtab, Contribution[] ytab, int[] rowStart) : IBandOperation
    {
        public void Invoke(int start, int end)
        {
            int c = source.Channels;
            int width = destination.Width * c;
            float[] buffers = ArrayPool<float>.Shared.Rent(width * 2);
            var buf = buffers.AsSpan(0, width);
            var sum = buffers.AsSpan(width, width);
            sum.Clear();
            int from = rowStart[start];
            int to = rowStart[end];
            int previous = ytab[from].Destination;
            for (int j = from; j < to; j++)
            {
                float beta = ytab[j].Weight;
                int dy = ytab[j].Destination;
                HorizontalRow(source.GetRowReadOnly(ytab[j].Source), buf, c);
                if (dy != previous)
                {
                    Store(sum, destination.GetRow(previous));
                    for (int t = 0; t < width; t++)
                    {
                        sum[t] = beta * buf[t];
                    }

                    previous = dy;
                }
                else
                {
                    for (int t = 0; t < width; t++)
                    {
                        sum[t] += beta * buf[t];
                    }
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

        private static void Store(ReadOnlySpan<float> sum, Span<byte> dst)
        {
            for (int t = 0; t < dst.Length; t++)
            {
                dst[t] = Saturate(sum[t]);
            }
        }
    }

    /// <summary>OpenCV's <c>saturate_cast&lt;uchar&gt;(float)</c>: round half to even, clamp to 0..255.</summary>
    private static byte Saturate(float value) => ImagePlane.SaturateToByte(value);
}
