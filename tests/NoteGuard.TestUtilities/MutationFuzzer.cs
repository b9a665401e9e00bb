namespace NoteGuard.TestUtilities;

/// <summary>
/// A seeded mutation fuzzer for file parsers: from a valid seed file it makes truncated, bit-flipped, byte-set,
/// spliced, duplicated and length-lying variants. Deterministic for a given <see cref="Random"/> seed so a failing
/// case can be replayed from its index.
/// </summary>
public static class MutationFuzzer
{
    /// <summary>Bytes that parsers treat specially (JPEG markers, PNG/zlib edges, length extremes).</summary>
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0xD8, 0xD9, 0xDA, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD];

    /// <summary>Returns a mutated copy of <paramref name="seed"/> (never the same array); one to four mutations are stacked.</summary>
    public static byte[] Mutate(byte[] seed, Random rng, byte[]? other = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(rng);
        var data = (byte[])seed.Clone();
        int count = 1 + rng.Next(4);
        for (int i = 0; i < count; i++)
        {
            data = MutateOnce(data, rng, other ?? seed);
        }

        return data;
    }

    /// <summary>Yields <paramref name="cases"/> mutated variants drawn round-robin from <paramref name="seeds"/>, with their case index.</summary>
    public static IEnumerable<(int Index, string SeedName, byte[] Data)> Cases(IReadOnlyList<(string Name, byte[] Data)> seeds, int cases, int randomSeed)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var rng = new Random(randomSeed);
        for (int i = 0; i < cases; i++)
        {
            var (name, data) = seeds[i % seeds.Count];
            var other = seeds[rng.Next(seeds.Count)].Data;
            yield return (i, name, Mutate(data, rng, other));
        }
    }

    private static byte[] MutateOnce(byte[] data, Random rng, byte[] other)
    {
        if (data.Length == 0)
        {
            return [(byte)rng.Next(256)];
        }

        switch (rng.Next(9))
        {
            case 0: // truncate anywhere, biased towards the header
            {
                int keep = rng.Next(2) == 0 ? rng.Next(Math.Min(data.Length, 64)) : rng.Next(data.Length);
                return data[..keep];
            }

            case 1: // flip a few bits
            {
                int flips = 1 + rng.Next(8);
                for (int i = 0; i < flips; i++)
                {
                    data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
                }

                return data;
            }

            case 2: // set a byte to an interesting value
                data[rng.Next(data.Length)] = s_interesting[rng.Next(s_interesting.Length)];
                return data;

            case 3: // splice: our head + another file's tail
            {
                int cut = rng.Next(data.Length);
                int from = rng.Next(Math.Max(1, other.Length));
                return [.. data.AsSpan(0, cut), .. other.AsSpan(Math.Min(from, other.Length))];
            }

            case 4: // duplicate a block in place
            {
                int start = rng.Next(data.Length);
                int length = Math.Min(1 + rng.Next(256), data.Length - start);
                return [.. data.AsSpan(0, start + length), .. data.AsSpan(start)];
            }

            case 5: // delete a block
            {
                int start = rng.Next(data.Length);
                int length = Math.Min(1 + rng.Next(64), data.Length - start);
                return [.. data.AsSpan(0, start), .. data.AsSpan(start + length)];
            }

            case 6: // a 16- or 32-bit big-endian length field that lies (huge, zero or off by one)
            {
                if (data.Length < 4)
                {
                    return data;
                }

                int at = rng.Next(data.Length - 3);
                uint value = rng.Next(4) switch
                {
                    0 => 0u,
                    1 => 0xFFFFFFFFu,
                    2 => 0x7FFFFFFFu,
                    _ => (uint)((data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3]) + (rng.Next(2) == 0 ? 1 : -1)),
                };
                if (rng.Next(2) == 0)
                {
                    data[at] = (byte)(value >> 8);
                    data[at + 1] = (byte)value;
                }
                else
                {
                    data[at] = (byte)(value >> 24);
                    data[at + 1] = (byte)(value >> 16);
                    data[at + 2] = (byte)(value >> 8);
                    data[at + 3] = (byte)value;
                }

                return data;
            }

            case 7: // overwrite a run with random bytes
            {
                int start = rng.Next(data.Length);
                int length = Math.Min(1 + rng.Next(32), data.Length - start);
                rng.NextBytes(data.AsSpan(start, length));
                return data;
            }

            default: // append garbage
            {
                var tail = new byte[1 + rng.Next(64)];
                rng.NextBytes(tail);
                return [.. data, .. tail];
            }
        }
    }
}
