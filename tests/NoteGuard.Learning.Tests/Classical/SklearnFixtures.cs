using System.Text.Json;
using NoteGuard.Learning.Classical;
using NoteGuard.TestUtilities;

namespace NoteGuard.Learning.Tests.Classical;

/// <summary>Reads tests/fixtures/classical/sklearn_fixtures.json (written by make_fixtures.py with scikit-learn 1.2).</summary>
internal static class SklearnFixtures
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(TestPaths.Fixture("classical", "sklearn_fixtures.json"))));

    public static JsonElement Root => s_document.Value.RootElement;

    public static IEnumerable<JsonElement> Cases(string section) => Root.GetProperty(section).EnumerateArray();

    public static double[] Doubles(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    public static int[] Ints(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];

    public static (FeatureMatrix X, int[] Y, FeatureMatrix Test, int Classes) Dataset(string name)
    {
        var d = Root.GetProperty("datasets").GetProperty(name);
        int rows = d.GetProperty("rows").GetInt32();
        int cols = d.GetProperty("cols").GetInt32();
        return (new FeatureMatrix(d.Doubles("x"), rows, cols), d.Ints("y"),
            new FeatureMatrix(d.Doubles("x_test"), d.GetProperty("test_rows").GetInt32(), cols), d.GetProperty("classes").GetInt32());
    }

    public static void AllClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double absolute, double relative, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = absolute + (relative * Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= allowed,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (abs {absolute}, rel {relative})");
        }
    }
}
