using System.IO.Compression;
using System.Text.Json;
using NoteGuard.Imaging.Processing.Filters;
using NoteGuard.TestUtilities;

namespace NoteGuard.Imaging.Tests.Processing;

/// <summary>
/// Reads tests/fixtures/processing-a/fixtures.zip (made by make_fixtures.py with OpenCV 4.6 and SciPy):
/// manifest.json lists cases; each case's array is raw little-endian bytes.
/// </summary>
internal static class ProcessingAFixtures
{
    private static readonly Lazy<Store> s_store = new(Load);

    public static IReadOnlyList<Case> Cases => s_store.Value.Cases;

    public static Case Get(string name) => s_store.Value.ByName[name];

    /// <summary>Case names of one operation, for xunit theories.</summary>
    public static TheoryData<string> Names(string op)
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases.Where(c => c.Op == op))
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static Image Image(string name) => Get(name).ToImage();

    public static BorderMode Border(string name) => name switch
    {
        "reflect101" => BorderMode.Reflect101,
        "replicate" => BorderMode.Replicate,
        "constant" => BorderMode.Constant,
        "reflect" => BorderMode.Reflect,
        _ => throw new ArgumentException(name),
    };

    private static Store Load()
    {
        using var zip = ZipFile.OpenRead(TestPaths.Fixture("processing-a", "fixtures.zip"));
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var cases = new List<Case>();
        foreach (var e in manifest.RootElement.GetProperty("cases").EnumerateArray())
        {
            string file = e.GetProperty("file").GetString()!;
            using var stream = zip.GetEntry(file)!.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            cases.Add(new Case(
                e.GetProperty("name").GetString()!,
                e.GetProperty("op").GetString()!,
                e.GetProperty("dtype").GetString()!,
                e.GetProperty("width").GetInt32(),
                e.GetProperty("height").GetInt32(),
                e.GetProperty("channels").GetInt32(),
                e.GetProperty("input").ValueKind == JsonValueKind.String ? e.GetProperty("input").GetString() : null,
                e.GetProperty("params").Clone(),
                memory.ToArray()));
        }

        return new Store(cases, cases.ToDictionary(c => c.Name));
    }

    private sealed record Store(List<Case> Cases, Dictionary<string, Case> ByName);

    internal sealed record Case(string Name, string Op, string DType, int Width, int Height, int Channels, string? Input, JsonElement Params, byte[] Bytes)
    {
        public Image ToImage()
        {
            Assert.Equal("u8", DType);
            var format = Channels switch { 1 => PixelFormat.Gray8, 3 => PixelFormat.Rgb24, _ => PixelFormat.Rgba32 };
            return Imaging.Image.FromPixels(Width, Height, format, Bytes);
        }

        public Image InputImage() => ProcessingAFixtures.Image(Input!);

        public float[] Floats()
        {
            if (DType == "f32")
            {
                var result = new float[Bytes.Length / 4];
                Buffer.BlockCopy(Bytes, 0, result, 0, Bytes.Length);
                return result;
            }

            return Array.ConvertAll(Doubles(), d => (float)d);
        }

        public double[] Doubles()
        {
            if (DType == "f32")
            {
                return Array.ConvertAll(Floats(), f => (double)f);
            }

            Assert.Equal("f64", DType);
            var result = new double[Bytes.Length / 8];
            Buffer.BlockCopy(Bytes, 0, result, 0, Bytes.Length);
            return result;
        }

        public string Str(string key) => Params.GetProperty(key).GetString()!;

        public int Int(string key) => Params.GetProperty(key).GetInt32();

        public double Dbl(string key) => Params.GetProperty(key).GetDouble();

        public bool Bool(string key) => Params.GetProperty(key).GetBoolean();

        public bool IsNull(string key) => Params.GetProperty(key).ValueKind == JsonValueKind.Null;

        public double[] Array64(string key) => [.. Params.GetProperty(key).EnumerateArray().Select(v => v.GetDouble())];
    }
}
