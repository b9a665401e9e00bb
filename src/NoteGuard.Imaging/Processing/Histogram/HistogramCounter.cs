namespace NoteGuard.Imaging.Processing.Histogram;

/// <summary>Fast 256-bin counting of one channel of interleaved bytes.</summary>
internal static class HistogramCounter
{
    /// <summary>
    /// Adds the histogram of every <paramref name="stride"/>-th byte starting at <paramref name="offset"/> to
    /// <paramref name="counts"/>. <paramref name="scratch"/> (4 × 256 ints) holds four interleaved sub-histograms
    /// so consecutive equal samples do not serialise on one counter.
    /// </summary>
    public static void Count(ReadOnlySpan<byte> data, int stride, int offset, Span<int> scratch, Span<long> counts)
    {
        // Count in chunks so the int sub-histograms never overflow.
        const int Chunk = 1 << 28;
        int start = offset;
        while (start < data.Length)
        {
            int end = (int)Math.Min(data.Length, start + ((long)Chunk * stride));
            scratch.Clear();
            CountChunk(data[start..end], stride, scratch);
            for (int v = 0; v < 256; v++)
            {
                counts[v] += (long)scratch[v] + scratch[256 + v] + scratch[512 + v] + scratch[768 + v];
            }

            start = end + ((stride - ((end - start) % stride)) % stride);
        }
    }

    private static void CountChunk(ReadOnlySpan<byte> data, int stride, Span<int> scratch)
    {
        var h0 = scratch[..256];
        var h1 = scratch.Slice(256, 256);
        var h2 = scratch.Slice(512, 256);
        var h3 = scratch.Slice(768, 256);
        int i = 0;
        int step4 = 4 * stride;
        for (; i + (3 * stride) < data.Length; i += step4)
        {
            h0[data[i]]++;
            h1[data[i + stride]]++;
            h2[data[i + (2 * stride)]]++;
            h3[data[i + (3 * stride)]]++;
        }

        for (; i < data.Length; i += stride)
        {
            h0[data[i]]++;
        }
    }

    /// <summary>Plain histogram of a contiguous gray span into 256 ints (cleared first).</summary>
    public static void CountGray(ReadOnlySpan<byte> data, Span<int> hist)
    {
        hist.Clear();
        foreach (byte v in data)
        {
            hist[v]++;
        }
    }
}
