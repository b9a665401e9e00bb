using System.Diagnostics;
using NoteGuard.Imaging.Formats.Jpeg;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>Truncated, corrupt and fuzzed inputs end in an image or an <see cref="InvalidImageException"/>, never anything else.</summary>
public sealed class JpegDecoderRobustnessTests
{
    /// <summary>Mutated cases run through the decoder in CI (a few thousand, each well under a millisecond or two).</summary>
    private const int DefaultFuzzCases = 3000;

    /// <summary>Random seed of the CI fuzz run.</summary>
    private const int DefaultFuzzSeed = 20261121;

    /// <summary>Pixel budget for fuzzing so a mutated SOF cannot make a case allocate hundreds of megabytes.</summary>
    private const long FuzzMaxPixels = 4_000_000;

    /// <summary>Longest any single fuzz case may take before we call it a hang (generous for a loaded 2-core CI box).</summary>
    private static readonly TimeSpan s_slowCase = TimeSpan.FromSeconds(5);

    public static TheoryData<string, int> Truncations()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "b96x64_q75_420", "d75x53_restart5b", "a67x45_444", "g67x45_gray", "b96x64_optimize" })
        {
            foreach (int percent in new[] { 10, 40, 60, 85, 97 })
            {
                data.Add(name, percent);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Truncations))]
    public void TruncatedFile_IsInvalid(string name, int percent)
    {
        byte[] jpeg = JpegCorpus.Jpeg(name);
        int length = jpeg.Length * percent / 100;
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(jpeg.AsSpan(0, length), DecoderOptions.Default));
        Assert.True(ex.Offset >= 0 && ex.Offset <= length, $"offset {ex.Offset} lies within the {length} bytes given");
    }

    [Fact]
    public void CorruptRestartMarker_DecodesLikeLibjpeg_WithoutThrowing()
    {
        // Replace the first RST marker's number: libjpeg resynchronises and fills the lost interval with zeros.
        byte[] jpeg = (byte[])JpegCorpus.Jpeg("d75x53_restart5b").Clone();
        int sos = Array.FindIndex(jpeg, 2, b => b == 0xDA);
        int rst = -1;
        for (int i = sos; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xD0)
            {
                rst = i;
                break;
            }
        }

        Assert.True(rst > 0);
        jpeg[rst + 1] = 0xD5;
        using Image image = JpegDecoder.Decode(jpeg, DecoderOptions.Default);
        Assert.Equal(75, image.Width);
    }

    [Fact]
    public void MissingRestartMarkers_DoNotThrow()
    {
        // Strip every RSTn: the decoder resynchronises at each interval boundary and still produces an image.
        byte[] source = JpegCorpus.Jpeg("b96x64_restart1row");
        var stripped = new List<byte>(source.Length);
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] == 0xFF && i + 1 < source.Length && source[i + 1] is >= 0xD0 and <= 0xD7)
            {
                i++;
                continue;
            }

            stripped.Add(source[i]);
        }

        using Image image = JpegDecoder.Decode(stripped.ToArray(), DecoderOptions.Default);
        Assert.Equal(96, image.Width);
    }

    [Fact]
    public void ThousandsOfScans_AreRejected()
    {
        // Repeat the last scan (SOS header + entropy data) of a progressive file 1,200 times.
        byte[] source = JpegCorpus.Jpeg("a67x45_prog_420");
        int lastSos = -1;
        for (int i = 0; i + 1 < source.Length; i++)
        {
            if (source[i] == 0xFF && source[i + 1] == 0xDA)
            {
                lastSos = i;
            }
        }

        byte[] scan = source[lastSos..^2];
        var bomb = new List<byte>(source[..lastSos]);
        for (int i = 0; i < 1200; i++)
        {
            bomb.AddRange(scan);
        }

        bomb.AddRange([0xFF, 0xD9]);
        var ex = Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(bomb.ToArray(), DecoderOptions.Default));
        Assert.Contains("scans", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_IsInvalid()
    {
        var rng = new Random(7);
        var data = new byte[1000];
        rng.NextBytes(data);
        data[0] = 0xFF;
        data[1] = 0xD8;
        Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode(data, DecoderOptions.Default));
        Assert.Throws<InvalidImageException>(() => JpegDecoder.Decode([0xFF, 0xD8], DecoderOptions.Default));
        Assert.Throws<InvalidImageException>(() => JpegDecoder.Identify([0xFF, 0xD8, 0xFF], DecoderOptions.Default));
    }

    /// <summary>Full size (0), and reduced-size decoding at 1/8 (minimum 1) and 1/2 on the corpus sizes (minimum 16).</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    public void MutationFuzz_EveryCaseEndsInImageOrInvalidImageException(int minimumSize)
    {
        var seeds = JpegCorpus.Entries.Values
            .Where(e => e.Expect == "ok")
            .Select(e => (e.Name, JpegCorpus.Jpeg(e.Name)))
            .ToList();
        // Longer local runs: NOTEGUARD_JPEG_FUZZ_CASES=200000 NOTEGUARD_JPEG_FUZZ_SEED=7 dotnet test ...
        int cases = int.TryParse(Environment.GetEnvironmentVariable("NOTEGUARD_JPEG_FUZZ_CASES"), out int n) ? n : DefaultFuzzCases;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("NOTEGUARD_JPEG_FUZZ_SEED"), out int s) ? s : DefaultFuzzSeed;
        var options = DecoderOptions.Default with { MaxPixels = FuzzMaxPixels, MinimumSize = minimumSize };
        int decoded = 0;
        int rejected = 0;
        var watch = new Stopwatch();
        foreach (var (index, seedName, data) in MutationFuzzer.Cases(seeds, cases, seed))
        {
            watch.Restart();
            try
            {
                using Image image = JpegDecoder.Decode(data, options);
                decoded++;
            }
            catch (InvalidImageException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {index} (seed {seedName}) threw {ex.GetType().Name}: {ex.Message}");
            }

            try
            {
                JpegDecoder.Identify(data, options);
            }
            catch (InvalidImageException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"Identify case {index} (seed {seedName}) threw {ex.GetType().Name}: {ex.Message}");
            }

            Assert.True(watch.Elapsed < s_slowCase, $"case {index} (seed {seedName}) took {watch.Elapsed}");
        }

        Assert.Equal(cases, decoded + rejected);
        Assert.True(decoded > 0 && rejected > 0, $"fuzzing should produce both outcomes (decoded {decoded}, rejected {rejected})");
    }
}
