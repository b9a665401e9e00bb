using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Processing;

/// <summary>
/// Reads tests/fixtures/processing-b/fixtures.zip (made by make_fixtures.py with OpenCV): raw little-endian
/// arrays described by manifest.json.
/// </summary>
internal sealed class ProcessingFixtures
{
    private static readonly Lazy<ProcessingFixtures> s_instance = new(() => new ProcessingFixtures());
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly JsonElement _entries;

    private ProcessingFixtures()
    {
        using var zip = ZipFile.OpenRead(TestPaths.Fixture("processing-b", "fixtures.zip"));
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            _files[entry.FullName] = memory.ToArray();
        }

        using var manifest = JsonDocument.Parse(_files["manifest.json"]);
        _entries = manifest.RootElement.GetProperty("entries").Clone();
    }

    public static ProcessingFixtures Instance => s_instance.Value;

    public IEnumerable<string> Names => _entries.EnumerateObject().Select(p => p.Name);

    public int[] Shape(string name) => [.. _entries.GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())];

    public double Number(string name, string key) => _entries.GetProperty(name).GetProperty(key).GetDouble();

    public byte[] Bytes(string name) => _files[_entries.GetProperty(name).GetProperty("file").GetString()!];

    public int[] Int32(string name) => MemoryMarshal.Cast<byte, int>(Bytes(name)).ToArray();

    public double[] Float64(string name) => MemoryMarshal.Cast<byte, double>(Bytes(name)).ToArray();

    public float[] Float32(string name) => MemoryMarshal.Cast<byte, float>(Bytes(name)).ToArray();

    /// <summary>An 8-bit entry as an image: shape [h, w] is Gray8, [h, w, 3] Rgb24, [h, w, 4] Rgba32.</summary>
    public Image Image(string name)
    {
        var shape = Shape(name);
        var format = shape.Length == 2 ? PixelFormat.Gray8 : (PixelFormat)shape[2];
        return NoteGuard.Imaging.Image.FromPixels(shape[1], shape[0], format, Bytes(name));
    }
}
