using System.Buffers.Binary;
using System.Text;
using NoteGuard.Learning.Serialization;
using NoteGuard.TestUtilities;
using Xunit.Sdk;

namespace NoteGuard.Learning.Tests.Serialization;

/// <summary>
/// Seeded mutation fuzzing of the reader. Every case must end in a model or an <see cref="InvalidModelException"/>,
/// never another exception, and must allocate no more than a small multiple of the input size.
/// </summary>
public sealed class ModelFileFuzzTests
{
    private const int CasesPerMode = 3000;

    /// <summary>Allocation allowed per case: a generous multiple of the input (JSON nodes, copies, messages) plus a fixed margin.</summary>
    private const int AllocationPerInputByte = 64;
    private const long AllocationMargin = 1L << 20;

    private static readonly long[] s_interestingLengths =
    [
        0, 1, 2, 31, 32, 63, 64, 65, 96, 127, 128, int.MaxValue, (long)int.MaxValue + 1, uint.MaxValue, long.MaxValue, -1, long.MinValue,
    ];

    private static readonly string[] s_interestingNumbers =
    [
        "0", "-1", "1", "63", "64", "65", "2147483647", "2147483648", "4294967296", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "1e3", "1.5", "-0", "1000000000000", "99999999999999999999999",
    ];

    [Fact]
    public void RawMutationsNeverEscapeTheDomainException()
    {
        var seeds = Seeds();
        int accepted = Run(MutationFuzzer.Cases(seeds, CasesPerMode, randomSeed: 20261121), reseal: false);

        // Without resealing, a mutation survives only if it leaves the checksummed bytes intact (e.g. no-op edits).
        Assert.InRange(accepted, 0, CasesPerMode / 20);
    }

    [Fact]
    public void ResealedMutationsReachEveryValidationLayer()
    {
        // Resealing the checksum after mutating lets damaged headers and directories reach the JSON and layout checks.
        var seeds = Seeds();
        int accepted = Run(MutationFuzzer.Cases(seeds, CasesPerMode, randomSeed: 7001), reseal: true);
        Assert.InRange(accepted, 0, CasesPerMode - 1);
    }

    [Fact]
    public void HeaderMutationsWithConsistentFramingReachTheJsonAndDirectoryChecks()
    {
        // Mutate only the JSON header, then rebuild preamble lengths and checksum around it, so every case gets
        // past the framing and checksum checks and exercises the JSON, directory and layout validation.
        var seeds = Seeds();
        var headers = seeds.Select(s => (s.Name, Encoding.UTF8.GetBytes(RawModelFile.HeaderText(s.Data)))).ToList();
        var rng = new Random(99);
        var cases = new List<(int, string, byte[])>();
        for (int i = 0; i < CasesPerMode; i++)
        {
            int which = i % seeds.Count;
            byte[] header = MutationFuzzer.Mutate(headers[which].Item2, rng, headers[rng.Next(headers.Count)].Item2);
            if (header.Length < 2)
            {
                header = [(byte)'{', (byte)'}'];
            }

            cases.Add((i, seeds[which].Name, RawModelFile.Build(header, RawModelFile.DataSection(seeds[which].Data))));
        }

        int accepted = Run(cases, reseal: false);
        Assert.InRange(accepted, 0, CasesPerMode - 1);
    }

    [Fact]
    public void LyingPreambleAndDirectoryNumbersAreRejected()
    {
        var seeds = Seeds();
        var rng = new Random(4242);
        var cases = new List<(int, string, byte[])>();
        for (int i = 0; i < CasesPerMode; i++)
        {
            (string name, byte[] seed) = seeds[i % seeds.Count];
            byte[] data = (i % 2 == 0) ? LiePreamble(seed, rng) : LieInHeaderNumber(seed, rng);
            cases.Add((i, name, data));
        }

        Run(cases, reseal: true);
    }

    [Fact]
    public void EveryTruncationIsRejected()
    {
        foreach ((string name, byte[] seed) in Seeds())
        {
            for (int length = 0; length < seed.Length; length++)
            {
                byte[] cut = seed[..length];
                var ex = Assert.Throws<InvalidModelException>(() => ModelFile.Read(cut));
                Assert.True(ex.Offset >= 0, $"{name} cut at {length}: {ex.Message}");
            }
        }
    }

    [Fact]
    public void EverySingleBitFlipIsDetected()
    {
        byte[] seed = SampleModels.Mixed().ToBytes();
        for (int bit = 0; bit < seed.Length * 8; bit++)
        {
            byte[] flipped = (byte[])seed.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<InvalidModelException>(() => ModelFile.Read(flipped));
        }
    }

    private static int Run(IEnumerable<(int Index, string SeedName, byte[] Data)> cases, bool reseal)
    {
        int accepted = 0;
        foreach ((int index, string seedName, byte[] data) in cases)
        {
            if (reseal)
            {
                RawModelFile.Seal(data);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            ModelFile? model = null;
            try
            {
                model = ModelFile.Read(data);
            }
            catch (InvalidModelException)
            {
            }
            catch (Exception ex)
            {
                throw new XunitException($"case {index} (seed {seedName}, {data.Length} bytes): {ex.GetType().Name} escaped: {ex}");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long allowed = (AllocationPerInputByte * (long)data.Length) + AllocationMargin;
            if (allocated > allowed)
            {
                throw new XunitException($"case {index} (seed {seedName}): allocated {allocated} bytes for a {data.Length}-byte input (allowed {allowed}).");
            }

            if (model is not null)
            {
                accepted++;

                // Whatever the reader accepts, the writer can write back, and that output reads back identically.
                byte[] rewritten = model.ToBytes();
                Assert.Equal(rewritten, ModelFile.Read(rewritten).ToBytes());
            }
        }

        return accepted;
    }

    private static List<(string Name, byte[] Data)> Seeds() =>
    [
        ("cnn", SampleModels.Cnn().ToBytes()),
        ("mixed", SampleModels.Mixed().ToBytes()),
        ("minimal", SampleModels.Minimal().ToBytes()),
        ("hand-built", ModelFileValidationTests.Valid()),
    ];

    /// <summary>Overwrites the version, flags, header length or data length with a boundary value or a near miss.</summary>
    private static byte[] LiePreamble(byte[] seed, Random rng)
    {
        byte[] data = (byte[])seed.Clone();
        int field = rng.Next(4);
        if (field < 2)
        {
            uint value = rng.Next(3) switch
            {
                0 => (uint)rng.Next(4),
                1 => uint.MaxValue,
                _ => (uint)rng.Next(),
            };
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8 + (4 * field)), value);
        }
        else
        {
            int at = 16 + (8 * (field - 2));
            long current = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(at));
            long value = rng.Next(3) switch
            {
                0 => s_interestingLengths[rng.Next(s_interestingLengths.Length)],
                1 => current + rng.Next(-70, 70),
                _ => rng.NextInt64(),
            };
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(at), value);
        }

        return data;
    }

    /// <summary>Replaces one number in the JSON header (a shape, offset or length) with a boundary value, keeping the header length.</summary>
    private static byte[] LieInHeaderNumber(byte[] seed, Random rng)
    {
        string header = RawModelFile.HeaderText(seed);
        var digits = new List<(int Start, int Length)>();
        for (int i = 0; i < header.Length; i++)
        {
            if (char.IsAsciiDigit(header[i]) && (i == 0 || !char.IsAsciiDigit(header[i - 1])))
            {
                int end = i;
                while (end < header.Length && char.IsAsciiDigit(header[end]))
                {
                    end++;
                }

                digits.Add((i, end - i));
            }
        }

        if (digits.Count == 0)
        {
            return LiePreamble(seed, rng);
        }

        (int start, int length) = digits[rng.Next(digits.Count)];
        string replacement = s_interestingNumbers[rng.Next(s_interestingNumbers.Length)];
        string edited = string.Concat(header.AsSpan(0, start), replacement, header.AsSpan(start + length));
        return RawModelFile.Build(Encoding.UTF8.GetBytes(edited), RawModelFile.DataSection(seed));
    }
}
