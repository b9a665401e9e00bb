using System.Numerics;

namespace NoteGuard.Inspection.Datasets;

/// <summary>
/// Finds all pairs of 64-bit hashes within a Hamming distance by multi-index hashing (Norouzi et al. 2012):
/// each hash is cut into four 16-bit bands, each band indexed in its own table. By the pigeonhole principle two
/// hashes at distance ≤ d differ in some band by ≤ ⌊d/4⌋ bits, so probing every band value within that radius
/// finds every candidate; candidates are then checked on the full 64 bits. For d ≤ 7 that is 17 probes a band,
/// so 10k hashes take milliseconds rather than the 50M comparisons of the naive scan.
/// </summary>
internal static class HammingIndex
{
    /// <summary>Largest supported distance (radius ⌊16/4⌋ = 4 probes 2,517 values a band).</summary>
    public const int MaxDistance = 19;

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>
    /// Every pair (i &lt; j) of entries of <paramref name="hashes"/> with Hamming distance ≤ <paramref name="maxDistance"/>,
    /// sorted by (i, j). Entries that are null take no part.
    /// </summary>
    public static List<(int A, int B, int Distance)> Pairs(IReadOnlyList<ulong?> hashes, int maxDistance)
    {
        Guard.MustBeBetween(maxDistance, 0, MaxDistance);
        const int Bands = 4;
        int radius = maxDistance / Bands;
        var tables = new Dictionary<ushort, List<int>>[Bands];
        for (int b = 0; b < Bands; b++)
        {
            tables[b] = [];
        }

        for (int i = 0; i < hashes.Count; i++)
        {
            if (hashes[i] is ulong h)
            {
                for (int b = 0; b < Bands; b++)
                {
                    ushort key = (ushort)(h >> (16 * b));
                    if (!tables[b].TryGetValue(key, out var list))
                    {
                        list = [];
                        tables[b].Add(key, list);
                    }

                    list.Add(i);
                }
            }
        }

        var masks = MasksWithin(radius);
        var pairs = new List<(int, int, int)>();
        var seen = new HashSet<int>();
        for (int i = 0; i < hashes.Count; i++)
        {
            if (hashes[i] is not ulong h)
            {
                continue;
            }

            seen.Clear();
            for (int b = 0; b < Bands; b++)
            {
                ushort key = (ushort)(h >> (16 * b));
                foreach (ushort mask in masks)
                {
                    if (!tables[b].TryGetValue((ushort)(key ^ mask), out var list))
                    {
                        continue;
                    }

                    foreach (int j in list)
                    {
                        if (j > i && seen.Add(j))
                        {
                            int d = Distance(h, hashes[j]!.Value);
                            if (d <= maxDistance)
                            {
                                pairs.Add((i, j, d));
                            }
                        }
                    }
                }
            }
        }

        pairs.Sort();
        return pairs;
    }

    /// <summary>All 16-bit masks with at most <paramref name="radius"/> bits set, the zero mask first.</summary>
    internal static List<ushort> MasksWithin(int radius)
    {
        var masks = new List<ushort>();
        for (int m = 0; m <= ushort.MaxValue; m++)
        {
            if (BitOperations.PopCount((uint)m) <= radius)
            {
                masks.Add((ushort)m);
            }
        }

        masks.Sort((x, y) => BitOperations.PopCount((uint)x).CompareTo(BitOperations.PopCount((uint)y)));
        return masks;
    }
}
