using System.Buffers;
using System.Numerics;
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
        int[] columns = ArrayPool<int>.Shared.Rent(rowLength);
        try
        {
            var sums = columns.AsSpan(0, rowLength);
            for (int oy = 0; oy < outH; oy++)
            {
                // Vertical pass: per-column sums of the block's k rows (vectorised widening adds), then the
                // horizontal pass adds k columns per channel. Integer sums, so the result is exact and order-free.
                sums.Clear();
                int y0 = oy * k;
                int y1 = Math.Min(y0 + k, source.Height);
                for (int y = y0; y < y1; y++)
                {
                    AddWidened(source.GetRowReadOnly(y)[..rowLength], sums);
                }

                var dst = result.GetRow(oy);
                int rows = y1 - y0;
                for (int ox = 0; ox < outW; ox++)
                {
                    int x0 = ox * k;
                    int cols = Math.Min(k, source.Width - x0);
                    int n = rows * cols;
                    for (int c = 0; c < channels; c++)
                    {
                        int sum = 0;
                        for (int j = (x0 * channels) + c, end = ((x0 + cols) * channels) + c; j < end; j += channels)
                        {
                            sum += sums[j];
                        }

                        dst[(ox * channels) + c] = (byte)((sum + (n / 2)) / n);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(columns);
        }

        return result;
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

    /// <summary>sums[i] += bytes[i], widening bytes to ints a vector at a time (one Vector&lt;byte&gt; feeds four Vector&lt;int&gt;), scalar for the remainder.</summary>
    internal static void AddWidened(ReadOnlySpan<byte> bytes, Span<int> sums)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int lanes = Vector<byte>.Count;
            int quarter = Vector<int>.Count;
            for (; i <= bytes.Length - lanes; i += lanes)
            {
                Vector.Widen(new Vector<byte>(bytes[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var target = sums[i..];
                (new Vector<int>(target) + Vector.AsVectorInt32(a)).CopyTo(target);
                (new Vector<int>(target[quarter..]) + Vector.AsVectorInt32(b)).CopyTo(target[quarter..]);
                (new Vector<int>(target[(2 * quarter)..]) + Vector.AsVectorInt32(c)).CopyTo(target[(2 * quarter)..]);
                (new Vector<int>(target[(3 * quarter)..]) + Vector.AsVectorInt32(d)).CopyTo(target[(3 * quarter)..]);
            }
        }

        for (; i < bytes.Length; i++)
        {
            sums[i] += bytes[i];
        }
    }

    private static int ClampInt(double v, int max) => v <= 0 ? 0 : v >= max ? max : (int)v;
}
