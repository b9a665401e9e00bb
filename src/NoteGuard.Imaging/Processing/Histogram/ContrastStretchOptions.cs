namespace NoteGuard.Imaging.Processing.Histogram;

/// <summary>
/// Percentile contrast stretch (seed 004, Eq. 3): per channel, <c>out = 255 · (v − p_low) / (p_high − p_low)</c>,
/// rounded half to even and saturated to 0..255, where the percentiles follow <see cref="ChannelHistogram.Percentile(double)"/>
/// (NumPy's linear definition) over that channel's samples.
/// </summary>
/// <param name="LowPercentile">Lower percentile, 0..100; default 2.</param>
/// <param name="HighPercentile">Upper percentile, greater than <paramref name="LowPercentile"/>, up to 100; default 98.</param>
public sealed record ContrastStretchOptions(double LowPercentile = 2.0, double HighPercentile = 98.0)
{
    internal void Validate()
    {
        Guard.MustBeBetween(LowPercentile, 0.0, 100.0);
        Guard.MustBeBetween(HighPercentile, 0.0, 100.0);
        Guard.IsTrue(HighPercentile > LowPercentile, "The high percentile must exceed the low percentile.", nameof(HighPercentile));
    }
}
