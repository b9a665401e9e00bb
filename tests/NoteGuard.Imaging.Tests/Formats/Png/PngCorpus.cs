using System.IO.Compression;
using System.Text.Json;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Formats.Png;

/// <summary>One file of tests/fixtures/png/png-corpus.zip with its independent (ImageMagick/libpng) RGBA reference.</summary>
public sealed record PngCorpusEntry(
    string Name,
    byte[] Png,
    byte[] ReferenceRgba,
    int Width,
    int Height,
    PixelFormat Format,
    int ColorType,
    int BitDepth,
    bool Interlaced,
    bool HasTrns,
    int[] Filters)
{
    public override string ToString() => Name;
}

/// <summary>Loads the PNG corpus made by tests/fixtures/png/make_png_corpus.py once per test run.</summary>
public static class PngCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, PngCorpusEntry>> s_entries = new(Load);

    public static IReadOnlyDictionary<string, PngCorpusEntry> Entries => s_entries.Value;

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in Entries.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(name);
            }

            return data;
        }
    }

    private static Dictionary<string, PngCorpusEntry> Load()
    {
        string path = TestPaths.Fixture("png", "png-corpus.zip");
        using var zip = ZipFile.OpenRead(path);
        using var manifest = JsonDocument.Parse(ReadEntry(zip, "manifest.json"));
        var entries = new Dictionary<string, PngCorpusEntry>(StringComparer.Ordinal);
        foreach (JsonElement file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            string name = file.GetProperty("name").GetString()!;
            int[] filters = file.TryGetProperty("filters", out JsonElement f) ? [.. f.EnumerateArray().Select(e => e.GetInt32())] : [];
            entries[name] = new PngCorpusEntry(
                name,
                ReadEntry(zip, name),
                ReadEntry(zip, file.GetProperty("reference").GetString()!),
                file.GetProperty("width").GetInt32(),
                file.GetProperty("height").GetInt32(),
                Enum.Parse<PixelFormat>(file.GetProperty("format").GetString()!),
                file.GetProperty("color_type").GetInt32(),
                file.GetProperty("bit_depth").GetInt32(),
                file.GetProperty("interlaced").GetBoolean(),
                file.GetProperty("has_trns").GetBoolean(),
                filters);
        }

        return entries;
    }

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"png-corpus.zip has no '{name}'.");
        using Stream stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>Pixel helpers shared by the PNG and PNM tests.</summary>
public static class PixelAssert
{
    /// <summary>The image as RGBA bytes: gray replicated, missing alpha 255.</summary>
    public static byte[] ToRgba(Image image)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        ReadOnlySpan<byte> px = image.Pixels;
        int c = image.Channels;
        for (int i = 0, n = image.Width * image.Height; i < n; i++)
        {
            rgba[4 * i] = px[c * i];
            rgba[(4 * i) + 1] = px[(c * i) + (c >= 3 ? 1 : 0)];
            rgba[(4 * i) + 2] = px[(c * i) + (c >= 3 ? 2 : 0)];
            rgba[(4 * i) + 3] = c == 4 ? px[(c * i) + 3] : (byte)255;
        }

        return rgba;
    }

    /// <summary>Asserts byte-exact equality, naming the first differing pixel and channel.</summary>
    public static void Exact(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int width, int channels, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int index = expected.SequenceEqual(actual) ? -1 : FirstDifference(expected, actual);
        if (index >= 0)
        {
            int pixel = index / channels;
            Assert.Fail($"{what}: pixel ({pixel % width}, {pixel / width}) channel {index % channels}: expected {expected[index]}, got {actual[index]}.");
        }
    }

    private static int FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return -1;
    }
}
