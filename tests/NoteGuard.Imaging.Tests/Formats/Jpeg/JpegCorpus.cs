using System.IO.Compression;
using System.Text.Json;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Jpeg;

/// <summary>One entry of tests/fixtures/jpeg/jpeg-corpus.zip (see make_jpeg_corpus.py).</summary>
public sealed record JpegCorpusEntry(string Name, string Args, string Expect, string? Feature, int Width, int Height, int Channels, int Orientation)
{
    public override string ToString() => Name;
}

/// <summary>Reads the packed JPEG corpus: cjpeg-encoded files with djpeg's decode as the reference.</summary>
internal static class JpegCorpus
{
    private static readonly Lazy<(Dictionary<string, JpegCorpusEntry> Entries, Dictionary<string, byte[]> Files)> s_corpus = new(Load);

    public static IReadOnlyDictionary<string, JpegCorpusEntry> Entries => s_corpus.Value.Entries;

    public static byte[] Jpeg(string name) => s_corpus.Value.Files[name + ".jpg"];

    public static byte[] Reference(string name) => s_corpus.Value.Files[name + ".raw"];

    public static IEnumerable<string> Names(string expect) =>
        Entries.Values.Where(e => e.Expect == expect).Select(e => e.Name).Order(StringComparer.Ordinal);

    private static (Dictionary<string, JpegCorpusEntry>, Dictionary<string, byte[]>) Load()
    {
        using ZipArchive zip = ZipFile.OpenRead(TestPaths.Fixture("jpeg", "jpeg-corpus.zip"));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[entry.FullName] = memory.ToArray();
        }

        using JsonDocument manifest = JsonDocument.Parse(files["manifest.json"]);
        var entries = new Dictionary<string, JpegCorpusEntry>(StringComparer.Ordinal);
        foreach (JsonElement e in manifest.RootElement.GetProperty("entries").EnumerateArray())
        {
            string expect = e.GetProperty("expect").GetString()!;
            bool ok = expect == "ok";
            var item = new JpegCorpusEntry(
                e.GetProperty("name").GetString()!,
                e.GetProperty("args").GetString()!,
                expect,
                e.TryGetProperty("feature", out JsonElement f) ? f.GetString() : null,
                ok ? e.GetProperty("width").GetInt32() : 0,
                ok ? e.GetProperty("height").GetInt32() : 0,
                ok ? e.GetProperty("channels").GetInt32() : 0,
                ok ? e.GetProperty("orientation").GetInt32() : 1);
            entries[item.Name] = item;
        }

        return (entries, files);
    }
}
