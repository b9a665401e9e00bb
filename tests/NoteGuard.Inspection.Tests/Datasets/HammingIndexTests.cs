using System.Numerics;
using NoteGuard.Inspection.Datasets;

namespace NoteGuard.Inspection.Tests.Datasets;

public sealed class HammingIndexTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(12)]
    public void FindsExactlyThePairsOfTheNaiveScan(int maxDistance)
    {
        var random = new Random(maxDistance);
        var hashes = new List<ulong?>();
        for (int i = 0; i < 400; i++)
        {
            if (i % 50 == 7)
            {
                hashes.Add(null); // unreadable images take no part
                continue;
            }

            // Clusters of nearby hashes: a base value with a few random bits flipped.
            ulong value = i % 4 == 0 || hashes.Count == 0 || hashes[^1] is null ? (ulong)random.NextInt64() : hashes[^1]!.Value;
            int flips = random.Next(0, 10);
            for (int f = 0; f < flips; f++)
            {
                value ^= 1UL << random.Next(64);
            }

            hashes.Add(value);
        }

        var expected = new List<(int, int, int)>();
        for (int i = 0; i < hashes.Count; i++)
        {
            for (int j = i + 1; j < hashes.Count; j++)
            {
                if (hashes[i] is ulong a && hashes[j] is ulong b && BitOperations.PopCount(a ^ b) <= maxDistance)
                {
                    expected.Add((i, j, BitOperations.PopCount(a ^ b)));
                }
            }
        }

        var actual = HammingIndex.Pairs(hashes, maxDistance);
        Assert.Equal(expected, actual);
        Assert.NotEmpty(actual);
    }

    [Fact]
    public void HandCounted_BitsAcrossBands()
    {
        // 0 vs bits 0, 16, 32, 48, 63 set: distance 5, one differing bit in every band and two in the top band.
        ulong far = (1UL << 0) | (1UL << 16) | (1UL << 32) | (1UL << 48) | (1UL << 63);
        List<ulong?> hashes = [0UL, far, far ^ 1UL];
        Assert.Equal([(0, 1, 5), (0, 2, 4), (1, 2, 1)], HammingIndex.Pairs(hashes, 5));
        Assert.Equal([(0, 2, 4), (1, 2, 1)], HammingIndex.Pairs(hashes, 4));
    }

    [Fact]
    public void MaskCounts_AreBinomialSums()
    {
        Assert.Single(HammingIndex.MasksWithin(0));
        Assert.Equal(17, HammingIndex.MasksWithin(1).Count);
        Assert.Equal(1 + 16 + 120, HammingIndex.MasksWithin(2).Count);
    }
}
