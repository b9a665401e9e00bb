using System.Globalization;
using System.Text;
using System.Text.Json;
using NoteGuard.TestUtilities;

namespace NoteGuard.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class TabularCommandTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two well-separated Gaussian classes, 60 rows, written as CSV.</summary>
    private string WriteSeparableCsv(string name = "notes.csv", Func<int, int, string>? cell = null)
    {
        var rng = new Random(5);
        var csv = new StringBuilder("variance,skewness,class\n");
        for (int i = 0; i < 60; i++)
        {
            int label = i % 2;
            double a = (label * 4) + rng.NextDouble();
            double b = (label * -3) + rng.NextDouble();
            string first = cell?.Invoke(i, 0) ?? a.ToString("R", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{first},{b:R},{(label == 0 ? "genuine" : "forged")}\n");
        }

        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public void EvaluateReportsTheSharedMetricKeys()
    {
        string csv = WriteSeparableCsv();
        var result = CliRunner.Run("tabular", "evaluate", "--data", csv, "--label", "class", "--model", "svm", "--standardize", "--holdout", "0.3", "--json", "--bootstrap", "50");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        foreach (string key in new[] { "accuracy", "macro_f1", "auc", "mcc", "confusion", "labels", "per_class", "ci95", "split" })
        {
            Assert.True(FindProperty(root, key), $"missing '{key}' in {result.Stdout}");
        }
    }

    [Fact]
    public void TrainThenPredictRoundTripsThroughTheModelFile()
    {
        string csv = WriteSeparableCsv();
        string model = Path.Combine(_dir, "svm.ngm");
        Assert.Equal(0, CliRunner.Run("tabular", "train", "--data", csv, "--label", "class", "--model", "svm", "--standardize", "--out", model).ExitCode);
        var predict = CliRunner.Run("tabular", "predict", "--model-file", model, "--data", csv, "--json");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Contains("forged", predict.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValueIsInvalidInputNamingRowAndColumn()
    {
        string csv = WriteSeparableCsv("missing.csv", (row, col) => row == 7 ? "" : null!);
        var result = CliRunner.Run("tabular", "evaluate", "--data", csv, "--label", "class", "--model", "svm", "--cv", "3");
        result.AssertInvalidInput("variance");
        Assert.Contains("row", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnknownLabelColumnAndEmptyFileAreInvalidInput()
    {
        string csv = WriteSeparableCsv();
        CliRunner.Run("tabular", "evaluate", "--data", csv, "--label", "klass", "--model", "svm", "--cv", "3").AssertInvalidInput("klass");

        string empty = Path.Combine(_dir, "empty.csv");
        File.WriteAllText(empty, "");
        CliRunner.Run("tabular", "evaluate", "--data", empty, "--label", "class").AssertInvalidInput();
    }

    [Fact]
    public void CorruptModelFileIsInvalidInput()
    {
        string csv = WriteSeparableCsv();
        string model = Path.Combine(_dir, "broken.ngm");
        File.WriteAllBytes(model, "NGMODEL\0 this is not a model"u8.ToArray());
        CliRunner.Run("tabular", "predict", "--model-file", model, "--data", csv).AssertInvalidInput();
    }

    private static bool FindProperty(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name == name || FindProperty(p.Value, name)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => FindProperty(e, name)),
        _ => false,
    };
}
