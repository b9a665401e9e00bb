using System.Runtime.Intrinsics;

namespace NoteGuard.Imaging.Processing.Filters;

/// <summary>
/// The 3×3 median as a 19-comparison sorting network (the classic median-of-9 network) run on whole rows: the nine
/// neighbours of every sample are contiguous byte runs of three padded rows at offsets −c, 0, +c, so one vector of
/// min/max operations computes 32 (AVX2) or 16 (SSE/NEON) medians at once, for every channel layout alike.
/// Exact: a median needs no rounding, so every path gives the same bytes.
/// </summary>
internal static class Median3
{
    /// <summary>
    /// Medians of one output row. <paramref name="top"/>, <paramref name="middle"/> and <paramref name="bottom"/> are
    /// the source rows padded by one replicated pixel on each side (length (width + 2) × channels); sample i of the
    /// output takes its window from offsets i, i + c and i + 2c of each.
    /// </summary>
    public static void Row(ReadOnlySpan<byte> top, ReadOnlySpan<byte> middle, ReadOnlySpan<byte> bottom, Span<byte> destination, int channels)
    {
        int n = destination.Length;
        int c = channels;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Lanes: 32 consecutive output samples; loads at i, i+c, i+2c stay inside the padded rows while i + 32 ≤ n.
            for (; i + Vector256<byte>.Count <= n; i += Vector256<byte>.Count)
            {
                var p0 = Vector256.Create(top.Slice(i)); var p1 = Vector256.Create(top.Slice(i + c)); var p2 = Vector256.Create(top.Slice(i + (2 * c)));
                var p3 = Vector256.Create(middle.Slice(i)); var p4 = Vector256.Create(middle.Slice(i + c)); var p5 = Vector256.Create(middle.Slice(i + (2 * c)));
                var p6 = Vector256.Create(bottom.Slice(i)); var p7 = Vector256.Create(bottom.Slice(i + c)); var p8 = Vector256.Create(bottom.Slice(i + (2 * c)));
                Network(ref p0, ref p1, ref p2, ref p3, ref p4, ref p5, ref p6, ref p7, ref p8);
                p4.CopyTo(destination.Slice(i));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<byte>.Count <= n; i += Vector128<byte>.Count)
            {
                var p0 = Vector128.Create(top.Slice(i)); var p1 = Vector128.Create(top.Slice(i + c)); var p2 = Vector128.Create(top.Slice(i + (2 * c)));
                var p3 = Vector128.Create(middle.Slice(i)); var p4 = Vector128.Create(middle.Slice(i + c)); var p5 = Vector128.Create(middle.Slice(i + (2 * c)));
                var p6 = Vector128.Create(bottom.Slice(i)); var p7 = Vector128.Create(bottom.Slice(i + c)); var p8 = Vector128.Create(bottom.Slice(i + (2 * c)));
                Network(ref p0, ref p1, ref p2, ref p3, ref p4, ref p5, ref p6, ref p7, ref p8);
                p4.CopyTo(destination.Slice(i));
            }
        }

        // Scalar remainder (and the whole row without vector hardware): the same network on single bytes.
        for (; i < n; i++)
        {
            int p0 = top[i], p1 = top[i + c], p2 = top[i + (2 * c)];
            int p3 = middle[i], p4 = middle[i + c], p5 = middle[i + (2 * c)];
            int p6 = bottom[i], p7 = bottom[i + c], p8 = bottom[i + (2 * c)];
            Sort(ref p1, ref p2); Sort(ref p4, ref p5); Sort(ref p7, ref p8);
            Sort(ref p0, ref p1); Sort(ref p3, ref p4); Sort(ref p6, ref p7);
            Sort(ref p1, ref p2); Sort(ref p4, ref p5); Sort(ref p7, ref p8);
            Sort(ref p0, ref p3); Sort(ref p5, ref p8); Sort(ref p4, ref p7);
            Sort(ref p3, ref p6); Sort(ref p1, ref p4); Sort(ref p2, ref p5);
            Sort(ref p4, ref p7); Sort(ref p4, ref p2); Sort(ref p6, ref p4);
            Sort(ref p4, ref p2);
            destination[i] = (byte)p4;
        }
    }

    /// <summary>Copies a source row into <paramref name="padded"/> with one replicated pixel on each side (BORDER_REPLICATE).</summary>
    public static void Pad(ReadOnlySpan<byte> row, Span<byte> padded, int channels)
    {
        row[..channels].CopyTo(padded);
        row.CopyTo(padded[channels..]);
        row[^channels..].CopyTo(padded[(channels + row.Length)..]);
    }

    // The median-of-9 network: after these 19 compare-exchanges p4 holds the median (the other values are partly sorted).
    private static void Network<T>(ref T p0, ref T p1, ref T p2, ref T p3, ref T p4, ref T p5, ref T p6, ref T p7, ref T p8)
        where T : struct
    {
        Sort(ref p1, ref p2); Sort(ref p4, ref p5); Sort(ref p7, ref p8);
        Sort(ref p0, ref p1); Sort(ref p3, ref p4); Sort(ref p6, ref p7);
        Sort(ref p1, ref p2); Sort(ref p4, ref p5); Sort(ref p7, ref p8);
        Sort(ref p0, ref p3); Sort(ref p5, ref p8); Sort(ref p4, ref p7);
        Sort(ref p3, ref p6); Sort(ref p1, ref p4); Sort(ref p2, ref p5);
        Sort(ref p4, ref p7); Sort(ref p4, ref p2); Sort(ref p6, ref p4);
        Sort(ref p4, ref p2);
    }

    private static void Sort<T>(ref T a, ref T b)
        where T : struct
    {
        if (typeof(T) == typeof(Vector256<byte>))
        {
            var x = (Vector256<byte>)(object)a;
            var y = (Vector256<byte>)(object)b;
            a = (T)(object)Vector256.Min(x, y);
            b = (T)(object)Vector256.Max(x, y);
        }
        else
        {
            var x = (Vector128<byte>)(object)a;
            var y = (Vector128<byte>)(object)b;
            a = (T)(object)Vector128.Min(x, y);
            b = (T)(object)Vector128.Max(x, y);
        }
    }

    private static void Sort(ref int a, ref int b)
    {
        int min = Math.Min(a, b);
        b = Math.Max(a, b);
        a = min;
    }
}
