using System.IO.Compression;
using System.Text.Json;
using NoteGuard.Imaging.Formats.Pnm;
using NoteGuard.Imaging.Tests.Formats.Png;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Pnm;

/// <summary>
/// The Netpbm files in png-corpus.zip (P1–P6, maxvals 1..65535, comments, TAB/CR whitespace) decode exactly like
/// ImageMagick, whose 16-bit decode the fixture script reduced with the same rounding as PNG.
/// </summary>
public sealed class PnmCorpusTests
{
    private static readonly Lazy<Dictionary<string, (byte[] Data, byte[] Reference, int Width, int Height, PixelFormat Format)>> s_files = new(Load);

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in s_files.Value.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_MatchesImageMagick(string name)
    {
        var (data, reference, width, height, format) = s_files.Value[name];
        using Image image = PnmCodec.Decode(data, DecoderOptions.Default);
        Assert.Equal((width, height, format), (image.Width, image.Height, image.Format));
        PixelAssert.Exact(reference, PixelAssert.ToRgba(image), width, 4, name);
    }

    [Fact]
    public void Corpus_CoversEveryKind()
    {
        var kinds = s_files.Value.Keys.Select(n => n[..2]).ToHashSet();
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6"], kinds.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, (byte[], byte[], int, int, PixelFormat)> Load()
    {
        using var zip = ZipFile.OpenRead(TestPaths.Fixture("png", "png-corpus.zip"));
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        var files = new Dictionary<string, (byte[], byte[], int, int, PixelFormat)>(StringComparer.Ordinal);
        foreach (JsonElement file in manifest.RootElement.GetProperty("pnm_files").EnumerateArray())
        {
            string name = file.GetProperty("name").GetString()!;
            files[name] = (
                Read(zip, name),
                Read(zip, file.GetProperty("reference").GetString()!),
                file.GetProperty("width").GetInt32(),
                file.GetProperty("height").GetInt32(),
                Enum.Parse<PixelFormat>(file.GetProperty("format").GetString()!));
        }

        return files;
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"png-corpus.zip has no '{name}'.");
        using Stream stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
