using NoteGuard.Imaging;
using NoteGuard.TestUtilities;

namespace NoteGuard.Cli.Tests.Commands;

/// <summary>Mutated images through the real CLI: exit 0, or exit 2 with one line on stderr — never an internal error (3).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ImageCommandFuzzTests : IDisposable
{
    private const int Cases = 300;

    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MutatedFilesNeverCauseAnInternalError()
    {
        var seeds = new List<(string, byte[])>();
        foreach (string sample in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "samples"), "*.jpg").Order(StringComparer.Ordinal))
        {
            seeds.Add((Path.GetFileName(sample), File.ReadAllBytes(sample)));
        }

        using (var image = Image.Create(31, 19, PixelFormat.Rgba32))
        {
            new Random(3).NextBytes(image.Pixels);
            string png = Path.Combine(_dir, "seed.png");
            ImageCodec.Save(image, png);
            seeds.Add(("seed.png", File.ReadAllBytes(png)));
        }

        string input = Path.Combine(_dir, "case.bin");
        string output = Path.Combine(_dir, "out.png");
        int failures = 0;
        foreach (var (index, seedName, data) in MutationFuzzer.Cases(seeds, Cases, randomSeed: 2))
        {
            File.WriteAllBytes(input, data);
            File.Delete(output);
            var result = CliRunner.Run("image", "convert", input, output, "--max-pixels", "4000000");
            Assert.True(result.ExitCode is 0 or 2, $"case {index} from {seedName}: exit {result.ExitCode}: {result.Stderr}");
            if (result.ExitCode == 2)
            {
                result.AssertInvalidInput();
                Assert.False(File.Exists(output), "a failed convert must not leave an output file");
                failures++;
            }
        }

        Assert.InRange(failures, 1, Cases);
    }
}
