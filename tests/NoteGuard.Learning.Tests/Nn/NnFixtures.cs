using System.IO.Compression;
using System.Text.Json;
using NoteGuard.Learning.Layers;
using NoteGuard.Learning.Tensors;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Nn;

/// <summary>Reads tests/fixtures/nn/nn_fixtures.zip (written by make_fixtures.py: PyTorch 1.13 float64 references).</summary>
internal static class NnFixtures
{
    private static readonly Lazy<(Dictionary<string, (int[] Shape, int Offset)> Index, float[] Data)> s_content = new(Load);

    public static Tensor Get(string name)
    {
        var (index, data) = s_content.Value;
        Assert.True(index.TryGetValue(name, out var entry), $"fixture '{name}' missing; rerun make_fixtures.py");
        int count = entry.Shape.Aggregate(1, (a, b) => a * b);
        return Tensor.FromArray(data.AsSpan(entry.Offset, count), entry.Shape);
    }

    public static bool Has(string name) => s_content.Value.Index.ContainsKey(name);

    public static IEnumerable<string> Names(string prefix) => s_content.Value.Index.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Same as make_fixtures.py's formula_fill: w[i] = scale·sin(0.37·i + 1.3·index), computed in double, stored as float.</summary>
    public static void FormulaFill(Span<float> values, int index, double scale)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(scale * Math.Sin((0.37 * i) + (1.3 * index)));
        }
    }

    public static void Copy(string name, Parameter parameter) => Copy(name, parameter.Value);

    public static void Copy(string name, Tensor destination)
    {
        var source = Get(name);
        Assert.True(source.HasShape(destination.Shape), $"{name}: fixture shape {source} vs {destination}");
        source.Span.CopyTo(destination.Span);
    }

    public static void AssertClose(string name, Tensor actual, double absolute, double relative = 0)
    {
        var expected = Get(name);
        Assert.True(expected.HasShape(actual.Shape), $"{name}: expected shape {expected}, got {actual}");
        Tolerance.AllClose(expected.Span, actual.Span, absolute, relative, name);
    }

    private static (Dictionary<string, (int[] Shape, int Offset)>, float[]) Load()
    {
        using var zip = ZipFile.OpenRead(TestPaths.Fixture("nn", "nn_fixtures.zip"));
        using var indexStream = zip.GetEntry("index.json")!.Open();
        using var doc = JsonDocument.Parse(indexStream);
        var index = new Dictionary<string, (int[], int)>(StringComparer.Ordinal);
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            int[] shape = prop.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            index[prop.Name] = (shape, prop.Value.GetProperty("offset").GetInt32());
        }

        using var dataStream = zip.GetEntry("data.bin")!.Open();
        using var ms = new MemoryStream();
        dataStream.CopyTo(ms);
        byte[] bytes = ms.ToArray();
        float[] data = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, data, 0, data.Length * 4);
        return (index, data);
    }
}
