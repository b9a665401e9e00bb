using System.Buffers.Binary;
using NoteGuard.Imaging.Formats.Png;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>
/// Seeded mutation fuzzing over the corpus: every mutated file must end in an image or an
/// <see cref="InvalidImageException"/>, never another exception, a hang or an unbounded allocation.
/// </summary>
public sealed class PngFuzzTests
{
    private const int RawCases = 3000;
    private const int CrcRepairedCases = 3000;

    /// <summary>Keeps the fuzz decoder's pixel budget small so no case can allocate much.</summary>
    private static readonly DecoderOptions s_fuzzOptions = new() { MaxPixels = 1 << 16 };

    private static List<(string Name, byte[] Data)> Seeds() =>
        [.. PngCorpus.Entries.Values.Where(e => e.Png.Length < 4096).OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => (e.Name, e.Png))];

    [Fact]
    public void MutatedFiles_EndInImageOrInvalidImageException()
    {
        var failures = Run(MutationFuzzer.Cases(Seeds(), RawCases, randomSeed: 1521), repairCrc: false);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>Most raw mutations die at a CRC check; re-stamping the CRCs lets them reach IHDR, zlib and the filters.</summary>
    [Fact]
    public void MutatedFilesWithRepairedCrcs_EndInImageOrInvalidImageException()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = Run(MutationFuzzer.Cases(Seeds(), CrcRepairedCases, randomSeed: 7793), repairCrc: true, outcomes);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));

        // The repaired cases must get past the chunk layer: some decode, some fail inside zlib or the scanlines.
        string summary = string.Join(", ", outcomes.Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.True(outcomes.GetValueOrDefault("decoded") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault("zlib") + outcomes.GetValueOrDefault("scanlines") > 0, summary);
    }

    private static List<string> Run(IEnumerable<(int Index, string SeedName, byte[] Data)> cases, bool repairCrc, Dictionary<string, int>? outcomes = null)
    {
        var failures = new List<string>();
        foreach (var (index, seed, mutated) in cases)
        {
            byte[] data = repairCrc ? RepairCrcs(mutated) : mutated;
            foreach (bool identify in new[] { false, true })
            {
                try
                {
                    if (identify)
                    {
                        PngDecoder.Identify(data, s_fuzzOptions);
                    }
                    else
                    {
                        PngDecoder.Decode(data, s_fuzzOptions).Dispose();
                        Count(outcomes, "decoded");
                    }
                }
                catch (InvalidImageException ex)
                {
                    if (!identify)
                    {
                        Count(outcomes, Classify(ex.Message));
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"case {index} (seed {seed}, {(identify ? "identify" : "decode")}): {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        return failures;
    }

    private static void Count(Dictionary<string, int>? outcomes, string key)
    {
        if (outcomes is not null)
        {
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }
    }

    private static string Classify(string message) =>
        message.Contains("zlib", StringComparison.Ordinal) ? "zlib"
        : message.Contains("filter type", StringComparison.Ordinal) || message.Contains("ends early", StringComparison.Ordinal) ? "scanlines"
        : message.Contains("CRC", StringComparison.Ordinal) ? "crc"
        : "structure";

    /// <summary>Rewrites the CRC of every chunk whose frame lies inside the file.</summary>
    private static byte[] RepairCrcs(byte[] data)
    {
        int pos = 8;
        while (pos + 12 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            if (length > (uint)(data.Length - pos - 12))
            {
                break;
            }

            uint crc = PngCrc32.Compute(data.AsSpan(pos + 4, (int)length + 4));
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(pos + 8 + (int)length), crc);
            pos += 12 + (int)length;
        }

        return data;
    }
}
