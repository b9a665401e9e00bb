using System.IO.Compression;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Robustness;

/// <summary>
/// Seeded mutation fuzzing of every decoder through the public <see cref="ImageCodec"/> facade: each mutated file
/// must end in a decoded image or an <see cref="InvalidImageException"/> — never another exception, a hang, or an
/// allocation beyond what the pixel cap allows. Runs alone (its allocation measurement must not see other tests).
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class DecoderFuzzTests
{
    /// <summary>Pixel cap used while fuzzing; mutated headers that claim more must be refused before allocating.</summary>
    private const long FuzzMaxPixels = 1 << 20;

    /// <summary>Allocation allowed per case: the largest output (4 bytes × cap) plus generous working space.</summary>
    private const long MaxBytesAllocatedPerCase = (4 * FuzzMaxPixels) + (48L << 20);

    /// <summary>A whole run that takes this long means a case hangs (decoding a ≤1 MP image takes milliseconds).</summary>
    private static readonly TimeSpan s_runLimit = TimeSpan.FromMinutes(5);

    public static TheoryData<string, int> Formats => new()
    {
        { "png", 3000 },
        { "jpeg", 3000 },
        { "pnm", 1000 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task MutatedFilesDecodeOrFailCleanly(string format, int cases)
    {
        var seeds = LoadSeeds(format);
        Assert.True(seeds.Count >= 3, $"need seed files for {format}, found {seeds.Count}");
        var options = DecoderOptions.Default with { MaxPixels = FuzzMaxPixels };
        int decoded = 0;
        int rejected = 0;
        var run = Task.Run(() =>
        {
            foreach (var (index, seedName, data) in MutationFuzzer.Cases(seeds, cases, randomSeed: 20261121))
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    using var image = ImageCodec.Decode(data, options);
                    Assert.True(image.Width * (long)image.Height <= FuzzMaxPixels);
                    decoded++;
                }
                catch (InvalidImageException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                    rejected++;
                }
                catch (Exception ex)
                {
                    string path = SaveFailingCase(format, index, data);
                    Assert.Fail($"{format} case {index} (from {seedName}) threw {ex.GetType().Name}: {ex.Message} — saved to {path}\n{ex.StackTrace}");
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > MaxBytesAllocatedPerCase)
                {
                    string path = SaveFailingCase(format, index, data);
                    Assert.Fail($"{format} case {index} (from {seedName}) allocated {allocated} bytes on the decoding thread (cap {MaxBytesAllocatedPerCase}) — saved to {path}");
                }
            }
        });

        // A hang shows up as a TimeoutException here instead of a CI run that never ends.
        await run.WaitAsync(s_runLimit);
        Assert.Equal(cases, decoded + rejected);
        Assert.True(rejected > 0, "no mutation was rejected: the mutations are not reaching the decoder");
    }

    [Fact]
    public void EveryDecoderRefusesOversizedHeadersBeforeAllocating()
    {
        var options = DecoderOptions.Default with { MaxPixels = 10_000 };
        byte[][] oversized =
        [
            "P5\n20000 20000\n255\n"u8.ToArray(),
            "P6 100000 100000 255 "u8.ToArray(),
        ];
        foreach (byte[] data in oversized)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidImageException>(() => ImageCodec.Decode(data, options));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
            Assert.Contains("limit", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var seed in LoadSeeds("png").Concat(LoadSeeds("jpeg")).Where(s => s.Data.Length > 0))
        {
            ImageInfo info;
            try
            {
                info = ImageCodec.Identify(seed.Data);
            }
            catch (UnsupportedImageException)
            {
                continue; // corpus files kept to test the "unsupported" message (arithmetic coding, CMYK, ...)
            }

            if ((long)info.Width * info.Height < 2)
            {
                continue; // a one-pixel image cannot be made one pixel too big
            }

            var tiny = DecoderOptions.Default with { MaxPixels = ((long)info.Width * info.Height) - 1 };
            var refused = Record.Exception(() => ImageCodec.Decode(seed.Data, tiny).Dispose());
            Assert.True(refused is InvalidImageException, $"{seed.Name} ({info.Width}×{info.Height}) decoded under MaxPixels={tiny.MaxPixels}");
        }
    }

    /// <summary>Seed files: every image inside the committed codec corpora for <paramref name="format"/>, plus small encoded images.</summary>
    internal static List<(string Name, byte[] Data)> LoadSeeds(string format)
    {
        var wanted = format switch
        {
            "png" => ImageFormat.Png,
            "jpeg" => ImageFormat.Jpeg,
            _ => ImageFormat.Pnm,
        };
        var seeds = new List<(string, byte[])>();
        string folder = TestPaths.Fixture(format == "pnm" ? "png" : format);
        if (Directory.Exists(folder))
        {
            foreach (string zipPath in Directory.EnumerateFiles(folder, "*.zip"))
            {
                using var zip = ZipFile.OpenRead(zipPath);
                foreach (var entry in zip.Entries.Where(e => e.Length is > 0 and < 200_000).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    byte[] bytes = buffer.ToArray();
                    if (ImageCodec.DetectFormat(bytes) == wanted)
                    {
                        seeds.Add((entry.FullName, bytes));
                    }
                }
            }
        }

        if (wanted != ImageFormat.Jpeg)
        {
            foreach (var pixelFormat in new[] { PixelFormat.Gray8, PixelFormat.Rgb24, PixelFormat.Rgba32 })
            {
                if (wanted == ImageFormat.Pnm && pixelFormat == PixelFormat.Rgba32)
                {
                    continue;
                }

                using var image = Image.Create(23, 17, pixelFormat);
                new Random(7).NextBytes(image.Pixels);
                string path = Path.Combine(TestPaths.NewTempDirectory(), "seed" + (wanted == ImageFormat.Png ? ".png" : pixelFormat == PixelFormat.Gray8 ? ".pgm" : ".ppm"));
                ImageCodec.Save(image, path);
                seeds.Add((Path.GetFileName(path) + "/" + pixelFormat, File.ReadAllBytes(path)));
            }
        }

        return seeds;
    }

    private static string SaveFailingCase(string format, int index, byte[] data)
    {
        string path = Path.Combine(Path.GetTempPath(), $"noteguard-fuzz-{format}-{index}.bin");
        File.WriteAllBytes(path, data);
        return path;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RobustnessCollection
{
    public const string Name = "robustness";
}
