using Xunit;
using Xunit.Sdk;

namespace NoteGuard.TestUtilities;

/// <summary>Comparisons with named tolerances: tests never compare floats with bare equality.</summary>
public static class Tolerance
{
    /// <summary>Asserts |expected − actual| ≤ absolute + relative × |expected| element-wise, reporting the worst element.</summary>
    public static void AllClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double absolute, double relative = 0, string? what = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            double allowed = absolute + relative * Math.Abs(expected[i]);
            if (double.IsNaN(diff) || diff - allowed > worstExcess)
            {
                worst = i;
                worstExcess = double.IsNaN(diff) ? double.PositiveInfinity : diff - allowed;
            }
        }

        if (worst >= 0)
        {
            throw new XunitException(
                $"{what ?? "values"}: element {worst} expected {expected[worst]:R} got {actual[worst]:R} (abs tol {absolute}, rel tol {relative}).");
        }
    }

    /// <summary>Statistics of the absolute difference of two byte sequences of equal length.</summary>
    public static (double Mean, int Max, int MaxIndex) ByteDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        long sum = 0;
        int max = 0;
        int maxIndex = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            int d = Math.Abs(expected[i] - actual[i]);
            sum += d;
            if (d > max)
            {
                max = d;
                maxIndex = i;
            }
        }

        return (expected.Length == 0 ? 0 : (double)sum / expected.Length, max, maxIndex);
    }

    /// <summary>Asserts byte sequences differ by at most <paramref name="maxAbs"/> anywhere and <paramref name="meanAbs"/> on average.</summary>
    public static void BytesClose(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, double meanAbs, int maxAbs, string? what = null)
    {
        var (mean, max, index) = ByteDifference(expected, actual);
        if (mean > meanAbs || max > maxAbs)
        {
            throw new XunitException(
                $"{what ?? "bytes"}: mean |diff| {mean:F3} (allowed {meanAbs}), max |diff| {max} at {index} (allowed {maxAbs}).");
        }
    }
}
