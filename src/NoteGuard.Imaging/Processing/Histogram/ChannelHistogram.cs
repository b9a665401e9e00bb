namespace NoteGuard.Imaging.Processing.Histogram;

/// <summary>The 256-bin histogram of one 8-bit channel: <c>Counts[v]</c> is the number of samples equal to <c>v</c>.</summary>
public sealed class ChannelHistogram
{
    /// <summary>Number of bins (one per 8-bit value).</summary>
    public const int Bins = 256;

    private readonly long[] _counts;

    private ChannelHistogram(long[] counts, long total)
    {
        _counts = counts;
        Total = total;
    }

    /// <summary>Counts per value 0..255.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Number of samples counted (width × height).</summary>
    public long Total { get; }

    /// <summary>Count of samples equal to <paramref name="value"/>.</summary>
    public long this[int value] => _counts[value];

    /// <summary>
    /// Counts channel <paramref name="channel"/> of <paramref name="image"/> (0 = gray or R, 1 = G, 2 = B, 3 = A).
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a channel the image lacks.
    /// </summary>
    public static ChannelHistogram Compute(Image image, int channel = 0)
    {
        Guard.NotNull(image);
        Guard.MustBeBetween(channel, 0, image.Channels - 1);
        var counts = new long[Bins];
        Span<int> scratch = stackalloc int[Bins * 4];
        HistogramCounter.Count(image.Pixels, image.Channels, channel, scratch, counts);
        return new ChannelHistogram(counts, (long)image.Width * image.Height);
    }

    /// <summary>
    /// The <paramref name="percent"/>-th percentile (0..100) with NumPy's default definition
    /// (<c>np.percentile(..., method="linear")</c>): the sorted samples <c>v[0..n-1]</c> are interpolated linearly
    /// at position <c>percent/100 · (n − 1)</c>. Throws <see cref="ArgumentOutOfRangeException"/> outside 0..100.
    /// </summary>
    public double Percentile(double percent)
    {
        Guard.MustBeBetween(percent, 0.0, 100.0);
        double position = percent / 100.0 * (Total - 1);
        long below = (long)Math.Floor(position);
        double fraction = position - below;
        int lower = ValueAtRank(below);
        if (fraction == 0.0)
        {
            return lower;
        }

        int upper = ValueAtRank(Math.Min(below + 1, Total - 1));
        return lower + ((upper - lower) * fraction);
    }

    /// <summary>The value of the sample with 0-based rank <paramref name="rank"/> in sorted order.</summary>
    private int ValueAtRank(long rank)
    {
        long seen = 0;
        for (int v = 0; v < Bins; v++)
        {
            seen += _counts[v];
            if (seen > rank)
            {
                return v;
            }
        }

        return Bins - 1;
    }
}
