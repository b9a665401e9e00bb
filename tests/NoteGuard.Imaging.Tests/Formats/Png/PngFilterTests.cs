using NoteGuard.Imaging.Formats.Png;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>Filters invert each other, and the SIMD Paeth path equals the scalar reference for every unit and length.</summary>
[Trait("Category", "Simd")]
public sealed class PngFilterTests
{
    public static TheoryData<int> Units => [1, 2, 3, 4, 6, 8];

    [Theory]
    [MemberData(nameof(Units))]
    public void PaethVector_EqualsScalar_ForAllLengths(int unit)
    {
        var rng = new Random(unit);
        for (int pixels = 1; pixels <= 96; pixels++)
        {
            int length = pixels * unit;
            var previous = new byte[length];
            var filtered = new byte[length + 16];
            rng.NextBytes(previous);
            rng.NextBytes(filtered);

            // Bytes after the row are guards: neither path may touch them.
            byte[] scalar = filtered[..length];
            byte[] vector = (byte[])filtered.Clone();
            PngFilters.UnfilterPaethScalar(scalar, previous, unit);
            PngFilters.UnfilterPaethVector(vector.AsSpan(0, length), previous, unit);
            Assert.True(scalar.AsSpan().SequenceEqual(vector.AsSpan(0, length)), $"unit {unit}, {pixels} pixels");
            Assert.True(filtered.AsSpan(length).SequenceEqual(vector.AsSpan(length)), $"unit {unit}: wrote past the row");
        }
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void FilterThenUnfilter_IsIdentity(int unit)
    {
        var rng = new Random(100 + unit);
        foreach (int pixels in new[] { 1, 2, 5, 33, 64 })
        {
            int length = pixels * unit;
            var row = new byte[length];
            var previous = new byte[length];
            rng.NextBytes(row);
            rng.NextBytes(previous);
            for (var filter = PngFilterType.None; filter <= PngFilterType.Paeth; filter++)
            {
                var filtered = new byte[length];
                PngFilters.Filter(filter, row, previous, filtered, unit);
                Assert.True(PngFilters.TryUnfilter((byte)filter, filtered, previous, unit));
                Assert.True(row.AsSpan().SequenceEqual(filtered), $"{filter}, unit {unit}, {pixels} pixels");
            }
        }
    }

    [Fact]
    public void UnknownFilterType_IsReported()
    {
        Assert.False(PngFilters.TryUnfilter(5, new byte[4], new byte[4], 1));
        Assert.False(PngFilters.TryUnfilter(255, new byte[4], new byte[4], 1));
    }

    [Fact]
    public void SignedAbsoluteSum_EqualsScalarForAllLengths()
    {
        var rng = new Random(7);
        for (int length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            rng.NextBytes(data);
            if (length > 3)
            {
                data[length / 2] = 0x80; // −128: its magnitude 128 must not wrap to −128.
            }

            long expected = data.Sum(b => (long)Math.Abs((int)(sbyte)b));
            Assert.Equal(expected, PngEncoder.SignedAbsoluteSum(data, long.MaxValue));
        }

        // A long row of −128 bytes exercises the 16-bit lane flush (128 steps × 2 × 128 = 32768 per lane).
        var worst = Enumerable.Repeat((byte)0x80, 100_000).ToArray();
        Assert.Equal(128L * 100_000, PngEncoder.SignedAbsoluteSum(worst, long.MaxValue));
    }
}
